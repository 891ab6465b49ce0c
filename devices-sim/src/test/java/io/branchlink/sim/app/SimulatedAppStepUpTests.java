package io.branchlink.sim.app;

import static io.branchlink.sim.app.ChannelApiStub.reply;
import static io.branchlink.sim.app.ChannelApiStub.stepUpRequired;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.credential.CredentialRecord;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticationRequest;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.RegistrationRequest;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import io.branchlink.protocol.money.Money;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The app passes the risk engine's step-ups as docs/risk.md ("Who asks the engine") specifies: on 403
 * STEP_UP_REQUIRED it proves a factor at /api/v1/step-ups/{id} and sends the same request again with stepUpId.
 * The server answers as channel-api would: it steps up every withdrawal (and logins when asked to), checks soft-OTP
 * codes with java-otp one step either side, each step once, and passkey assertions with webauthn4j.
 */
class SimulatedAppStepUpTests {

    /** RFC 6238 Appendix B's SHA-1 seed "12345678901234567890" in Base32. */
    static final String SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
    static final String ORIGIN = "http://localhost:8080";
    static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();
    static final UUID ACCOUNT = UUID.fromString("00000000-0000-0000-0000-0000000000a1");

    final ObjectMapper json = new ObjectMapper();
    final WebAuthnManager webAuthn = WebAuthnManager.createNonStrictWebAuthnManager();
    final SecureRandom random = new SecureRandom();
    final Set<Long> acceptedSteps = new HashSet<>();
    /** Step-up id to {factors, body it was made for, verified factor or null}. */
    final Map<String, Pending> stepUps = new HashMap<>();
    final List<String> stagedWith = new ArrayList<>();
    /** Each transfer request's Idempotency-Key and stepUpId, in order. */
    final List<String> transferredWith = new ArrayList<>();
    final List<String> inbox = new java.util.concurrent.CopyOnWriteArrayList<>();
    boolean stepUpLogins;
    String session;
    byte[] challenge;
    CredentialRecord credential;
    ChannelApiStub server;
    SimulatedApp app;

    record Pending(List<String> factors, String request, String verifiedFactor) {
    }

    @BeforeEach
    void start() throws IOException {
        server = ChannelApiStub.start("/api/v1/", this::answer);
        app = server.app("phone-1");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void passesATransferStepUpAndSendsTheSameRequestUnderTheSameIdempotencyKey() {
        app.login("alice", "pw");
        app.bindDevice("My phone", () -> inbox);
        SimulatedApp.Payee payee = app.addPayeeAtBank("102100099996", "6217001234567890123", "Zhao Lei");

        SimulatedApp.Transfer transfer = app.transferToPayee(ACCOUNT, payee.id(), Money.parse("1500", "CNY"), "rent");

        assertThat(transfer.state()).isEqualTo("SENT");
        assertThat(transfer.amount()).isEqualTo(Money.parse("1500", "CNY"));
        assertThat(app.lastStepUp().action()).isEqualTo("TRANSFER");
        assertThat(transferredWith).hasSize(2);
        String key = transferredWith.get(0).split(" ")[0];
        assertThat(key).hasSizeGreaterThanOrEqualTo(8);
        assertThat(transferredWith).containsExactly(key + " null", key + " " + app.lastStepUp().stepUpId());
        assertThat(app.payees()).extracting(SimulatedApp.Payee::name).containsExactly("Zhao Lei");
    }

    @Test
    void passesATransferOrderStepUpAndSendsTheSameOrderUnderTheSameIdempotencyKey() {
        app.login("alice", "pw");
        app.bindDevice("My phone", () -> inbox);

        SimulatedApp.TransferOrder order = app.scheduleTransferToPayee(ACCOUNT, "p-1", Money.parse("300", "CNY"),
                null, "WEEKLY", java.time.LocalDate.of(2027, 1, 4), java.time.LocalDate.of(2027, 3, 1));

        assertThat(order.status()).isEqualTo("ACTIVE");
        assertThat(order.endDate()).isEqualTo(java.time.LocalDate.of(2027, 3, 1));
        assertThat(app.lastStepUp().action()).isEqualTo("TRANSFER");
        assertThat(transferredWith).hasSize(2);
        String key = transferredWith.get(0).split(" ")[0];
        assertThat(key).hasSizeGreaterThanOrEqualTo(8);
        assertThat(transferredWith).containsExactly(key + " null", key + " " + app.lastStepUp().stepUpId());
    }

    @Test
    void passesAWithdrawalStepUpWithASoftOtpCodeAndStagesOnce() {
        app.login("alice", "pw");
        app.bindDevice("My phone", () -> inbox);

        SimulatedApp.Staged staged = app.stageWithdrawal(ACCOUNT, Money.parse("500", "CNY"), "B1");

        assertThat(staged.amount()).isEqualTo(Money.parse("500", "CNY"));
        assertThat(app.lastStepUp().factor()).isEqualTo("SOFT_OTP");
        assertThat(app.lastStepUp().action()).isEqualTo("CARDLESS_WITHDRAWAL");
        assertThat(stagedWith).containsExactly(null, app.lastStepUp().stepUpId());
    }

    @Test
    void passesTwoStepUpsInOneHalfMinuteWithTwoTimeSteps() {
        app.login("alice", "pw");
        app.bindDevice("My phone", () -> inbox);

        app.stageWithdrawal(ACCOUNT, Money.parse("500", "CNY"), "B1");
        app.stageWithdrawal(ACCOUNT, Money.parse("600", "CNY"), "B1");

        assertThat(acceptedSteps).as("two different steps, none twice").hasSize(2);
        assertThat(stagedWith).hasSize(4);
    }

    @Test
    void prefersThePasskeyWhenThePhoneHasOne() {
        app.login("alice", "pw");
        app.bindDevice("My phone", () -> inbox);
        app.registerPasskey(ORIGIN);

        for (int i = 0; i < 3; i++) {
            app.stageWithdrawal(ACCOUNT, Money.parse("100", "CNY"), "B1");
            assertThat(app.lastStepUp().factor()).isEqualTo("BIOMETRIC");
        }
        assertThat(acceptedSteps).as("no code sent").isEmpty();
    }

    @Test
    void passesALoginStepUpBeforeItHasASession() {
        app.login("alice", "pw");
        app.bindDevice("My phone", () -> inbox);
        stepUpLogins = true;

        assertThat(app.login("alice", "pw")).isTrue();

        assertThat(app.lastStepUp().action()).isEqualTo("LOGIN");
        assertThat(app.lastStepUp().factor()).isEqualTo("SOFT_OTP");
        assertThat(app.accounts()).isEmpty();
    }

    @Test
    void withoutAFactorTheStepUpIsThrown() {
        app.login("alice", "pw");

        assertThatThrownBy(() -> app.stageWithdrawal(ACCOUNT, Money.parse("500", "CNY"), "B1"))
                .isInstanceOfSatisfying(AppException.class, e -> {
                    assertThat(e.irc()).isEqualTo("STEP_UP_REQUIRED");
                    assertThat(e.stepUp().factors()).containsExactly("SOFT_OTP", "BIOMETRIC");
                });
        assertThat(app.lastStepUp()).isNull();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String key = exchange.getRequestMethod() + " " + path;
        JsonNode body = json.readTree(exchange.getRequestBody().readAllBytes());
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (key.equals("POST /api/v1/sessions")) {
            if (stepUpLogins && !usable(body.path("stepUpId").asText(null), "LOGIN")) {
                stepUpRequired(exchange, newStepUp("LOGIN"), "SOFT_OTP", "BIOMETRIC");
                return;
            }
            session = UUID.randomUUID().toString();
            reply(exchange, 201, "{\"token\": \"" + session + "\", \"deviceBound\": " + stepUpLogins + "}");
            return;
        }
        if (path.startsWith("/api/v1/step-ups/")) {
            stepUp(exchange, path.substring("/api/v1/step-ups/".length()), body, authorization);
            return;
        }
        if (!("Bearer " + session).equals(authorization)) {
            reply(exchange, 401, "{\"status\": 401, \"irc\": \"UNAUTHENTICATED\"}");
            return;
        }
        switch (key) {
            case "POST /api/v1/devices/challenges" -> {
                inbox.add("BranchLink: 482915 is your code to bind a new phone to your profile.");
                reply(exchange, 201, "{\"id\": \"c1\", \"status\": \"PENDING\"}");
            }
            case "POST /api/v1/devices" -> reply(exchange, 201, """
                    {"deviceId": "phone-1", "name": "My phone", "boundAt": "2026-12-07T10:01:00Z",
                     "otp": {"secret": "%s", "issuer": "BranchLink", "algorithm": "SHA1", "digits": 6, "period": 30}}"""
                    .formatted(SECRET));
            case "GET /api/v1/accounts" -> reply(exchange, 200, "[]");
            case "POST /api/v1/devices/current/passkeys/options" -> reply(exchange, 200, json.writeValueAsString(
                    Map.of("rp", Map.of("id", "localhost", "name", "BranchLink"),
                            "user", Map.of("id", B64URL.encodeToString(new byte[16]), "name", "c", "displayName", "c"),
                            "challenge", newChallenge(),
                            "pubKeyCredParams", List.of(Map.of("type", "public-key", "alg", -7)),
                            "timeout", 120000, "excludeCredentials", List.of(),
                            "authenticatorSelection", Map.of("userVerification", "required"),
                            "attestation", "none")));
            case "POST /api/v1/devices/current/passkeys" -> {
                JsonNode response = body.path("response");
                RegistrationData data = webAuthn.verify(new RegistrationRequest(bytes(response, "attestationObject"),
                        bytes(response, "clientDataJSON")), new RegistrationParameters(server(), null, true, true));
                credential = new CredentialRecordImpl(data.getAttestationObject(), data.getCollectedClientData(),
                        null, null);
                reply(exchange, 201, "{\"credentialId\": \"" + body.path("id").asText() + "\"}");
            }
            case "POST /api/v1/cardless/withdrawals" -> {
                String stepUpId = body.path("stepUpId").asText(null);
                stagedWith.add(stepUpId);
                if (!usable(stepUpId, request(body))) {
                    stepUpRequired(exchange, newStepUp(request(body)), "SOFT_OTP", "BIOMETRIC");
                    return;
                }
                reply(exchange, 201, """
                        {"tokenId": "%s", "type": "WITHDRAWAL", "token": "T", "amount": %s, "currency": "CNY",
                         "branchId": "B1", "expiresAt": "2030-01-01T00:05:00Z", "qrPng": "/qr.png"}""".formatted(
                        UUID.randomUUID().toString().replace("-", ""), body.path("amount").asText()));
            }
            case "POST /api/v1/payees", "GET /api/v1/payees" -> {
                String payee = """
                        {"id": "p-1", "kind": "INTERBANK", "bankCode": "102100099996",
                         "accountNumber": "6217001234567890123", "name": "Zhao Lei", "trusted": false,
                         "registeredAtCounter": false}""";
                reply(exchange, exchange.getRequestMethod().equals("POST") ? 201 : 200,
                        exchange.getRequestMethod().equals("POST") ? payee : "[" + payee + "]");
            }
            case "POST /api/v1/transfers" -> {
                String stepUpId = body.path("stepUpId").asText(null);
                transferredWith.add(exchange.getRequestHeaders().getFirst("Idempotency-Key") + " " + stepUpId);
                String request = body.path("payeeId").asText() + " " + body.path("amount").asText();
                if (!usable(stepUpId, request)) {
                    stepUpRequired(exchange, newStepUp(request), "SOFT_OTP");
                    return;
                }
                reply(exchange, 201, """
                        {"id": "t-1", "kind": "INTERBANK", "state": "SENT", "amount": %s, "currency": "CNY",
                         "payeeId": "%s"}""".formatted(body.path("amount").asText(), body.path("payeeId").asText()));
            }
            case "POST /api/v1/transfer-orders" -> {
                String stepUpId = body.path("stepUpId").asText(null);
                transferredWith.add(exchange.getRequestHeaders().getFirst("Idempotency-Key") + " " + stepUpId);
                String request = "order " + body.path("payeeId").asText() + " " + body.path("amount").asText();
                if (!usable(stepUpId, request)) {
                    stepUpRequired(exchange, newStepUp(request), "SOFT_OTP");
                    return;
                }
                reply(exchange, 201, """
                        {"id": "o-1", "frequency": "%s", "payeeId": "%s", "amount": %s, "currency": "CNY",
                         "startDate": "%s", "endDate": "%s", "status": "ACTIVE", "nextDate": "%4$s",
                         "executions": []}""".formatted(body.path("frequency").asText(), body.path("payeeId").asText(),
                        body.path("amount").asText(), body.path("startDate").asText(),
                        body.path("endDate").asText()));
            }
            default -> reply(exchange, 404, "{\"status\": 404, \"irc\": \"NOT_FOUND\"}");
        }
    }

    /** The step-up endpoints: a LOGIN step-up is answered without a session, any other only with one. */
    private void stepUp(HttpExchange exchange, String rest, JsonNode body, String authorization) throws IOException {
        String id = rest.substring(0, rest.indexOf('/'));
        Pending pending = stepUps.get(id);
        boolean visible = pending != null
                && (pending.request().equals("LOGIN") || ("Bearer " + session).equals(authorization));
        if (!visible || pending.verifiedFactor() != null) {
            reply(exchange, 404, "{\"status\": 404, \"irc\": \"NOT_FOUND\"}");
            return;
        }
        switch (rest.substring(id.length())) {
            case "/otp" -> {
                Long step = matchingStep(body.path("code").asText());
                if (step == null || !acceptedSteps.add(step)) {
                    reply(exchange, 403, "{\"status\": 403, \"irc\": \"STEP_UP_REQUIRED\", \"otp\": \"WRONG\"}");
                    return;
                }
                stepUps.put(id, new Pending(pending.factors(), pending.request(), "SOFT_OTP"));
                reply(exchange, 200, "{\"id\": \"" + id + "\", \"status\": \"VERIFIED\"}");
            }
            case "/passkey/options" -> reply(exchange, 200, json.writeValueAsString(Map.of(
                    "challenge", newChallenge(), "timeout", 120000, "rpId", "localhost",
                    "allowCredentials", List.of(Map.of("type", "public-key", "id", B64URL.encodeToString(
                            credential.getAttestedCredentialData().getCredentialId()))),
                    "userVerification", "required")));
            case "/passkey" -> {
                JsonNode response = body.path("response");
                var data = webAuthn.verify(new AuthenticationRequest(B64URL_DECODER.decode(body.path("id").asText()),
                                bytes(response, "authenticatorData"), bytes(response, "clientDataJSON"),
                                bytes(response, "signature")),
                        new AuthenticationParameters(server(), credential, null, true, true));
                credential.setCounter(data.getAuthenticatorData().getSignCount());
                stepUps.put(id, new Pending(pending.factors(), pending.request(), "BIOMETRIC"));
                reply(exchange, 200, "{\"id\": \"" + id + "\", \"status\": \"VERIFIED\"}");
            }
            default -> reply(exchange, 404, "{\"status\": 404, \"irc\": \"NOT_FOUND\"}");
        }
    }

    /** A verified step-up made for this request is used up. */
    private boolean usable(String stepUpId, String request) {
        Pending pending = stepUpId == null ? null : stepUps.get(stepUpId);
        if (pending == null || pending.verifiedFactor() == null || !pending.request().equals(request)) {
            return false;
        }
        stepUps.remove(stepUpId);
        return true;
    }

    private String newStepUp(String request) {
        byte[] id = new byte[32];
        random.nextBytes(id);
        String stepUpId = B64URL.encodeToString(id);
        stepUps.put(stepUpId, new Pending(List.of("SOFT_OTP", "BIOMETRIC"), request, null));
        return stepUpId;
    }

    private static String request(JsonNode body) {
        return body.path("accountId").asText() + " " + body.path("amount").asText() + " "
                + body.path("branchId").asText();
    }

    /** The time step (one either side of now) whose code this is, or null. */
    private static Long matchingStep(String code) {
        long now = Instant.now().getEpochSecond() / 30;
        for (long step = now - 1; step <= now + 1; step++) {
            try {
                String expected = new TimeBasedOneTimePasswordGenerator().generateOneTimePasswordString(
                        new SecretKeySpec(new org.apache.commons.codec.binary.Base32().decode(SECRET), "HmacSHA1"),
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
}
