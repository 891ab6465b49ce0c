package io.branchlink.sim.app;

import static io.branchlink.sim.app.ChannelApiStub.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The app keeps the soft-OTP secret of the answer that bound its phone and computes the codes channel-api verifies
 * (docs/channel-api.md, "Soft OTP"), against a JDK HTTP server answering as channel-api would: it returns the RFC
 * 6238 test seed at binding and checks codes with java-otp one step either side of now, each step once.
 */
class SimulatedAppOtpTests {

    /** RFC 6238 Appendix B's SHA-1 seed "12345678901234567890" in Base32. */
    static final String SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    final ObjectMapper json = new ObjectMapper();
    final Set<Long> acceptedSteps = new HashSet<>();
    final List<String> inbox = new CopyOnWriteArrayList<>();
    volatile boolean withSecret = true;
    ChannelApiStub server;
    SimulatedApp app;

    @BeforeEach
    void start() throws IOException {
        server = ChannelApiStub.start("/api/v1/", this::answer);
        app = server.app("phone-1");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        switch (key) {
            case "POST /api/v1/devices/challenges" -> {
                inbox.add("BranchLink: 482915 is your code to bind a new phone to your profile.");
                reply(exchange, 201, """
                        {"id": "c1", "deviceId": "phone-1", "name": "My phone", "status": "PENDING"}""");
            }
            case "POST /api/v1/devices" -> reply(exchange, withSecret ? 201 : 200, withSecret ? """
                    {"deviceId": "phone-1", "name": "My phone", "boundAt": "2026-12-07T10:01:00Z",
                     "otp": {"secret": "%s", "uri": "otpauth://totp/BranchLink:alice?secret=%s&issuer=BranchLink&digits=6&period=30",
                             "issuer": "BranchLink", "algorithm": "SHA1", "digits": 6, "period": 30}}""".formatted(
                    SECRET, SECRET) : """
                    {"deviceId": "phone-1", "name": "My phone", "boundAt": "2026-12-07T10:01:00Z"}""");
            case "POST /api/v1/devices/current/otp/verifications" -> {
                String code = json.readTree(body).path("code").asText();
                Long step = matchingStep(code);
                if (step != null && acceptedSteps.add(step)) {
                    reply(exchange, 200, "{\"verified\": true}");
                } else {
                    reply(exchange, 403, "{\"status\": 403, \"irc\": \"STEP_UP_REQUIRED\", \"otp\": \""
                            + (step == null ? "WRONG" : "REUSED") + "\"}");
                }
            }
            default -> reply(exchange, 404, "{\"status\": 404, \"irc\": \"NOT_FOUND\"}");
        }
    }

    /** channel-api's rule, computed here independently: the step within one of now whose code this is. */
    private static Long matchingStep(String code) {
        long now = Math.floorDiv(Instant.now().getEpochSecond(), 30);
        for (long step = now - 1; step <= now + 1; step++) {
            try {
                String expected = new TimeBasedOneTimePasswordGenerator().generateOneTimePasswordString(
                        new SecretKeySpec("12345678901234567890".getBytes(StandardCharsets.US_ASCII), "HmacSHA1"),
                        Instant.ofEpochSecond(step * 30), Locale.ROOT);
                if (expected.equals(code)) {
                    return step;
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return null;
    }


    void bind() {
        app.bindDevice("My phone", () -> List.copyOf(inbox));
    }

    @Test
    void computesRfc6238CodesFromTheSecretOfTheBindingAnswer() {
        bind();

        assertThat(app.hasOtp()).isTrue();
        assertThat(app.otpCode(Instant.ofEpochSecond(59))).isEqualTo("287082");
        assertThat(app.otpCode(Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
        assertThat(app.otpCode(Instant.ofEpochSecond(1234567890))).isEqualTo("005924");
    }

    @Test
    void itsCurrentCodeVerifiesOnce() {
        bind();
        String code = app.otpCode();

        assertThat(app.verifyOtp(code)).isTrue();
        assertThatThrownBy(() -> app.verifyOtp(code)).isInstanceOfSatisfying(AppException.class, e -> {
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.irc()).isEqualTo("STEP_UP_REQUIRED");
        });
    }

    @Test
    void hasNoCodeWithoutASecret() {
        withSecret = false;
        bind();

        assertThat(app.hasOtp()).isFalse();
        assertThatThrownBy(app::otpCode).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no soft-OTP secret");
    }
}
