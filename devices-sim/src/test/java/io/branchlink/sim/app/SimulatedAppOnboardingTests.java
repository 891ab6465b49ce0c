package io.branchlink.sim.app;

import static io.branchlink.sim.app.ChannelApiStub.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The app opens an account for a visitor as docs/onboarding.md specifies, against a JDK HTTP server answering as
 * channel-api would: it starts the onboarding, reads the code from the SMS inbox, completes with it and the liveness
 * token, and is then logged in with the new customer's session and the phone's soft-OTP secret.
 */
class SimulatedAppOnboardingTests {

    static final String CODE = "604213";
    static final String OTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    final ObjectMapper json = new ObjectMapper();
    final Map<String, String> requests = new ConcurrentHashMap<>();
    final List<String> inbox = new CopyOnWriteArrayList<>();
    volatile boolean mismatch;
    ChannelApiStub server;
    SimulatedApp app;

    @BeforeEach
    void start() throws IOException {
        server = ChannelApiStub.start("/api/v1/", this::answer);
        app = server.app("visitor-phone");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.put(key, body);
        switch (key) {
            case "POST /api/v1/onboarding" -> {
                inbox.add("BranchLink: " + CODE + " is your code to open an account.");
                reply(exchange, 201, """
                        {"id": "0b7a3d52-5b1e-4c1e-9a53-4f1f6f0c2d11", "sentTo": "*******8001",
                         "expiresAt": "2026-12-07T10:05:00Z"}""");
            }
            case "POST /api/v1/onboarding/0b7a3d52-5b1e-4c1e-9a53-4f1f6f0c2d11/verify" -> {
                JsonNode sent = json.readTree(body);
                if (mismatch) {
                    reply(exchange, 422, """
                            {"status": 422, "irc": "DO_NOT_HONOUR",
                             "detail": "We cannot open an account online with these details."}""");
                } else if (CODE.equals(sent.path("code").asText())) {
                    reply(exchange, 201, """
                            {"token": "session-token", "customerId": "7d1c1c8e-3a44-4d2e-8a3c-6a2b1f4e9c01",
                             "expiresAt": "2026-12-07T10:16:00Z", "deviceBound": true,
                             "account": {"id": "2f4d6b8a-1c3e-4a5b-9d7f-0e2c4a6b8d01",
                                         "accountNumber": "6222027000000001", "accountClass": "TYPE_II"},
                             "otp": {"secret": "%s", "uri": "otpauth://totp/x", "issuer": "BranchLink",
                                     "algorithm": "SHA1", "digits": 6, "period": 30}}""".formatted(OTP_SECRET));
                } else {
                    reply(exchange, 403, "{\"status\": 403, \"irc\": \"STEP_UP_REQUIRED\", \"attemptsLeft\": 4}");
                }
            }
            case "GET /api/v1/accounts" -> {
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                reply(exchange, "Bearer session-token".equals(authorization) ? 200 : 401, """
                        [{"id": "2f4d6b8a-1c3e-4a5b-9d7f-0e2c4a6b8d01", "name": "Electronic account",
                          "currency": "CNY", "balance": 0, "available": 0, "accountClass": "TYPE_II"}]""");
            }
            default -> reply(exchange, 404, "{\"status\": 404}");
        }
    }

    @Test
    void opensAnAccountWithTheCodeFromTheInboxAndIsThenLoggedIn() throws IOException {
        SimulatedApp.Onboarded onboarded = app.onboard("13800138001", "王芳", "11010519491231002X", "wangfang",
                "a long enough password", "sdk-liveness-token", () -> inbox);

        assertThat(onboarded.accountClass()).isEqualTo("TYPE_II");
        assertThat(onboarded.accountNumber()).isEqualTo("6222027000000001");
        JsonNode started = json.readTree(requests.get("POST /api/v1/onboarding"));
        assertThat(started.path("deviceId").asText()).isEqualTo("visitor-phone");
        assertThat(started.path("residentId").asText()).isEqualTo("11010519491231002X");
        JsonNode verified = json.readTree(
                requests.get("POST /api/v1/onboarding/0b7a3d52-5b1e-4c1e-9a53-4f1f6f0c2d11/verify"));
        assertThat(verified.path("code").asText()).isEqualTo(CODE);
        assertThat(verified.path("livenessToken").asText()).isEqualTo("sdk-liveness-token");
        assertThat(app.hasOtp()).isTrue();
        assertThat(app.otpCode()).matches("[0-9]{6}");
        assertThat(app.accounts()).singleElement().satisfies(a -> assertThat(a.id()).isEqualTo(onboarded.accountId()));
    }

    @Test
    void aRefusalReachesTheCallerAndLeavesTheAppLoggedOut() {
        mismatch = true;

        assertThatThrownBy(() -> app.onboard("13800138001", "王芳", "11010519491231002X", "wangfang",
                "a long enough password", "sdk-liveness-token", () -> inbox))
                .isInstanceOfSatisfying(AppException.class, e -> {
                    assertThat(e.status()).isEqualTo(422);
                    assertThat(e.irc()).isEqualTo("DO_NOT_HONOUR");
                });
        assertThat(app.hasOtp()).isFalse();
        assertThatThrownBy(app::accounts).isInstanceOf(AppException.class);
    }
}
