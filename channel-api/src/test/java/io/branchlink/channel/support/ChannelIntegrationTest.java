package io.branchlink.channel.support;

import io.branchlink.channel.ChannelApiApplication;
import io.branchlink.channel.ledger.LedgerChecks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one application context all channel-api integration tests share: a real embedded PostgreSQL (durable, in a
 * fresh directory under target/), the whole web stack on a random port, and a clock tests can move. Tests make
 * their own branch, terminals and customers with random ids, and end with the ledger invariants. WireMock stands
 * in for the SMS gateway ({@link SmsGatewayDouble}), the credit bureau ({@link CreditBureauDouble}) and the clearing
 * system ({@link ClearingDouble}).
 */
@SpringBootTest(classes = ChannelApiApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.config.name=channel-api",
                "branchlink.channel.database.data-directory=target/test-postgres/${random.uuid}",
                "branchlink.channel.token-keys.key-file=target/test-keys/${random.uuid}.pk8",
                "branchlink.channel.cardless.sweep-interval=1h",
                "branchlink.channel.forms.sweep-interval=1h",
                "branchlink.channel.customer.lockout.sweep-interval=1h",
                "branchlink.channel.customer.session-sweep-interval=1h",
                // the end-of-day check runs at start; tests that move the clock call it themselves
                "branchlink.channel.jobs.check-interval=1h",
                "branchlink.channel.sms.api-key=" + SmsGatewayDouble.API_KEY,
                "branchlink.channel.sms.read-timeout=1s",
                "branchlink.channel.identity.api-key=" + IdentityCheckDouble.API_KEY,
                "branchlink.channel.identity.read-timeout=1s",
                // the resident ID numbers' hash and encryption key (Base64 of 32 bytes); tests only
                "branchlink.channel.onboarding.resident-id-key=dGVzdC1vbmx5LXJlc2lkZW50LWlkLWtleS0zMi1ieXQ=",
                "branchlink.channel.onboarding.sweep-interval=1h",
                "branchlink.channel.bureau.api-key=" + CreditBureauDouble.API_KEY,
                "branchlink.channel.bureau.read-timeout=1s",
                // vouchers and loan contracts are sealed with a self-signed key made at start; tests and the demo only
                "branchlink.channel.seal.self-signed=true",
                "branchlink.channel.clearing.api-key=" + ClearingDouble.API_KEY,
                "branchlink.channel.clearing.notification-secret=" + ClearingDouble.NOTIFICATION_SECRET,
                "branchlink.channel.card.processor-secret=" + ChannelIntegrationTest.PROCESSOR_SECRET,
                // the soft-OTP secrets' encryption key (Base64 of 32 bytes); tests only
                "branchlink.channel.otp.encryption-key=" + ChannelIntegrationTest.OTP_KEY,
                // one operator for /api/ops/**: OPERATOR / OPERATOR_PASSWORD
                "branchlink.channel.ops.operators[0].username=" + ChannelIntegrationTest.OPERATOR,
                "branchlink.channel.ops.operators[0].password-hash="
                        + "$2a$10$Vj0dx/gric7im0w4R6Fs8eIWC9PnZpC9HOLIX1eb8LGbJNiE1iJle",
                // X-Forwarded-For from loopback names the source address, as behind a load balancer
                "server.forward-headers-strategy=native"
        })
@AutoConfigureObservability
@Import(ChannelIntegrationTest.TestClock.class)
public abstract class ChannelIntegrationTest {

    public static final String OPERATOR = "test-operator";
    public static final String OPERATOR_PASSWORD = "test-operator-pass";
    /** The card processor's signing secret; tests sign their processor messages with it. */
    public static final String PROCESSOR_SECRET = "test-card-processor-secret";
    public static final String OTP_KEY = "dGVzdC1vbmx5LXNvZnQtb3RwLWtleS0zMi1ieXRlcyE=";

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected MutableClock clock;

    @Autowired
    protected TestBank bank;

    @Autowired
    LedgerChecks ledgerChecks;

    protected Api api;

    @DynamicPropertySource
    static void thirdParties(DynamicPropertyRegistry registry) {
        registry.add("branchlink.channel.sms.base-url", SmsGatewayDouble::baseUrl);
        registry.add("branchlink.channel.identity.base-url", IdentityCheckDouble::baseUrl);
        registry.add("branchlink.channel.bureau.base-url", CreditBureauDouble::baseUrl);
        registry.add("branchlink.channel.clearing.base-url", ClearingDouble::baseUrl);
    }

    @BeforeEach
    void openApi() {
        api = new Api(port);
        clock.reset();
        SmsGatewayDouble.accepting();
    }

    @AfterEach
    void booksStillBalance() {
        clock.reset();
        LedgerInvariants.assertHold(ledgerChecks);
    }

    /** Logs the customer in from their bound phone and returns the Authorization header value. */
    protected String login(TestBank.Customer customer) {
        Api.Response response = api.post("/api/v1/sessions", null, java.util.Map.of("username", customer.username(),
                "password", TestBank.PASSWORD, "deviceId", customer.deviceId()));
        org.assertj.core.api.Assertions.assertThat(response.status()).as("login").isEqualTo(201);
        return Api.bearer(response.text("token"));
    }

    protected Api.Response stageWithdrawal(String session, TestBank.Customer customer, String amount, String branch) {
        return stageWithdrawal(session, customer, amount, branch, null);
    }

    /** Stages a withdrawal, sending {@code stepUpId} (a step-up passed for it) unless it is null. */
    protected Api.Response stageWithdrawal(String session, TestBank.Customer customer, String amount, String branch,
            String stepUpId) {
        java.util.Map<String, Object> body = new java.util.HashMap<>(java.util.Map.of(
                "accountId", customer.accountId(), "amount", new java.math.BigDecimal(amount), "currency", "CNY"));
        if (branch != null) {
            body.put("branchId", branch);
        }
        if (stepUpId != null) {
            body.put("stepUpId", stepUpId);
        }
        return api.post("/api/v1/cardless/withdrawals", session, body);
    }

    /**
     * Stages a withdrawal as a customer with soft OTP on the phone does: when the risk engine asks for a step-up, a
     * code of the next time step (the test clock moves on 30 s, so that each code is fresh) passes it and the same
     * request is sent again. Returns the last answer.
     */
    protected Api.Response stageWithdrawalConfirmed(String session, TestBank.Customer customer, String amount,
            String branch, String otpSecret) {
        Api.Response staged = stageWithdrawal(session, customer, amount, branch);
        if ("STEP_UP_REQUIRED".equals(staged.irc()) && staged.body().has("stepUp")) {
            clock.advance(java.time.Duration.ofSeconds(30));
            String stepUpId = passStepUpWithOtp(session, staged, otpSecret, 0);
            staged = stageWithdrawal(session, customer, amount, branch, stepUpId);
        }
        return staged;
    }

    protected Api.Response stageDeposit(String session, TestBank.Customer customer, String branch) {
        java.util.Map<String, Object> body = new java.util.HashMap<>(java.util.Map.of("accountId", customer.accountId()));
        if (branch != null) {
            body.put("branchId", branch);
        }
        return api.post("/api/v1/cardless/deposits", session, body);
    }

    /** The 6-digit TOTP code of the secret's time step at {@code at}, as the customer's authenticator shows it. */
    protected static String otpCode(String base32Secret, java.time.Instant at) {
        try {
            return new com.eatthepath.otp.TimeBasedOneTimePasswordGenerator().generateOneTimePasswordString(
                    new javax.crypto.spec.SecretKeySpec(new org.apache.commons.codec.binary.Base32().decode(base32Secret),
                            "HmacSHA1"), at, java.util.Locale.ROOT);
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Passes the step-up a 403 STEP_UP_REQUIRED carries with a soft-OTP code of the phone, as a customer would:
     * the code of the step after {@code step} time steps from now (each step is accepted once per phone, and the
     * window takes one step either side). Returns the step-up id to send the request again with.
     */
    protected String passStepUpWithOtp(String session, Api.Response required, String base32Secret, int step) {
        org.assertj.core.api.Assertions.assertThat(required.irc()).as(required.body().toString())
                .isEqualTo("STEP_UP_REQUIRED");
        String id = required.body().path("stepUp").path("id").asText();
        Api.Response verified = api.post("/api/v1/step-ups/" + id + "/otp", session, java.util.Map.of("code",
                otpCode(base32Secret, clock.instant().plusSeconds(30L * step))));
        org.assertj.core.api.Assertions.assertThat(verified.status()).as(verified.body().toString()).isEqualTo(200);
        org.assertj.core.api.Assertions.assertThat(verified.text("status")).isEqualTo("VERIFIED");
        return id;
    }

    @TestConfiguration(proxyBeanMethods = false)
    @Import(TestBank.class)
    static class TestClock {

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock();
        }
    }
}
