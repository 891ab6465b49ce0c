package io.branchlink.sim.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.credential.CredentialRecord;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticationRequest;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.RegistrationRequest;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The app registers a passkey and unlocks with it as docs/channel-api.md ("Passkeys (biometric)") specifies,
 * against a JDK HTTP server that answers as channel-api would and verifies what the app sends with webauthn4j.
 */
class SimulatedAppPasskeyTests {

    static final String ORIGIN = "http://localhost:8080";
    static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();

    final ObjectMapper json = new ObjectMapper();
    final WebAuthnManager webAuthn = WebAuthnManager.createNonStrictWebAuthnManager();
    final SecureRandom random = new SecureRandom();
    ChannelApiStub server;
    SimulatedApp app;
    byte[] challenge;
    CredentialRecord credential;
    long signCount;

    @BeforeEach
    void start() throws IOException {
        server = ChannelApiStub.start("/api/v1/devices/current/passkeys", this::answer);
        app = server.app("phone-1");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void registersAPasskeyAndUnlocksWithIt() {
        String credentialId = app.registerPasskey(ORIGIN);

        assertThat(credentialId).isEqualTo(B64URL.encodeToString(
                credential.getAttestedCredentialData().getCredentialId()));
        assertThat(app.unlockWithPasskey()).isEqualTo("VERIFIED");
        assertThat(app.unlockWithPasskey()).isEqualTo("VERIFIED");
        assertThat(signCount).as("the counter rises with each unlock").isGreaterThan(1);
    }

    @Test
    void aPasskeyForAnotherOriginIsRefusedAndNotKept() {
        assertThatThrownBy(() -> app.registerPasskey("https://another.example"))
                .isInstanceOfSatisfying(AppException.class, e -> assertThat(e.status()).isEqualTo(403));
        assertThat(credential).as("nothing registered").isNull();
        assertThatThrownBy(app::unlockWithPasskey).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void cannotUnlockWithoutAPasskey() {
        assertThatThrownBy(app::unlockWithPasskey).isInstanceOf(IllegalStateException.class);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
        try {
            switch (path) {
                case "/api/v1/devices/current/passkeys/options" -> reply(exchange, 200, Map.of(
                        "rp", Map.of("id", "localhost", "name", "BranchLink"),
                        "user", Map.of("id", B64URL.encodeToString(new byte[16]), "name", "c", "displayName", "c"),
                        "challenge", newChallenge(),
                        "pubKeyCredParams", List.of(Map.of("type", "public-key", "alg", -7)),
                        "timeout", 120000, "excludeCredentials", List.of(),
                        "authenticatorSelection", Map.of("authenticatorAttachment", "platform",
                                "residentKey", "discouraged", "userVerification", "required"),
                        "attestation", "none"));
                case "/api/v1/devices/current/passkeys" -> {
                    JsonNode response = body.path("response");
                    RegistrationData data = webAuthn.verify(new RegistrationRequest(
                                    bytes(response, "attestationObject"), bytes(response, "clientDataJSON")),
                            new RegistrationParameters(server(), null, true, true));
                    credential = new CredentialRecordImpl(data.getAttestationObject(),
                            data.getCollectedClientData(), null, null);
                    signCount = credential.getCounter();
                    reply(exchange, 201, Map.of("credentialId", body.path("id").asText(), "deviceId", "phone-1",
                            "signCount", signCount));
                }
                case "/api/v1/devices/current/passkeys/assertions/options" -> reply(exchange, 200, Map.of(
                        "challenge", newChallenge(), "timeout", 120000, "rpId", "localhost",
                        "allowCredentials", List.of(Map.of("type", "public-key", "id", B64URL.encodeToString(
                                credential.getAttestedCredentialData().getCredentialId()))),
                        "userVerification", "required"));
                case "/api/v1/devices/current/passkeys/assertions" -> {
                    JsonNode response = body.path("response");
                    AuthenticationData data = webAuthn.verify(new AuthenticationRequest(
                                    B64URL_DECODER.decode(body.path("id").asText()),
                                    bytes(response, "authenticatorData"), bytes(response, "clientDataJSON"),
                                    bytes(response, "signature")),
                            new AuthenticationParameters(server(), credential, null, true, true));
                    signCount = data.getAuthenticatorData().getSignCount();
                    credential.setCounter(signCount);
                    reply(exchange, 200, Map.of("outcome", "VERIFIED", "signCount", signCount));
                }
                default -> reply(exchange, 404, Map.of("irc", "NOT_FOUND"));
            }
        } catch (RuntimeException e) {
            reply(exchange, 403, Map.of("status", 403, "irc", "SECURITY_VIOLATION", "outcome", "FAILED"));
        }
    }

    private ServerProperty server() {
        return new ServerProperty(new Origin(ORIGIN), "localhost", new DefaultChallenge(challenge));
    }

    private String newChallenge() {
        challenge = new byte[32];
        random.nextBytes(challenge);
        return B64URL.encodeToString(challenge);
    }

    private static byte[] bytes(JsonNode node, String field) {
        return B64URL_DECODER.decode(node.path(field).asText());
    }

    private void reply(HttpExchange exchange, int status, Object body) throws IOException {
        ChannelApiStub.reply(exchange, status, json.writeValueAsString(body));
    }
}
