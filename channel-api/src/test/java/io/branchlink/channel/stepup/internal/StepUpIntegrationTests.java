package io.branchlink.channel.stepup.internal;

import static io.branchlink.channel.passkey.PasskeyIntegrationTests.assert_;
import static io.branchlink.channel.passkey.PasskeyIntegrationTests.assertionBody;
import static io.branchlink.channel.passkey.PasskeyIntegrationTests.creationOptions;
import static io.branchlink.channel.passkey.PasskeyIntegrationTests.registrationBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.webauthn4j.data.client.Origin;
import com.webauthn4j.test.authenticator.webauthn.PackedAuthenticator;
import com.webauthn4j.test.authenticator.webauthn.WebAuthnAuthenticatorAdaptor;
import com.webauthn4j.test.client.ClientPlatform;
import io.branchlink.channel.passkey.PasskeyIntegrationTests;
import io.branchlink.channel.risk.RiskAction;
import io.branchlink.channel.risk.RiskChannel;
import io.branchlink.channel.risk.RiskDecision;
import io.branchlink.channel.risk.RiskGate;
import io.branchlink.channel.risk.RiskRequest;
import io.branchlink.channel.system.ApiException;
import io.branchlink.protocol.money.Money;
import io.branchlink.channel.support.Api;
import io.branchlink.channel.support.ChannelIntegrationTest;
import io.branchlink.channel.support.TestBank;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Step-ups for real, through HTTP: a rule file of its own makes the amount pick the outcome (700 DENY, 600 soft OTP
 * only, 800 biometric only, 100 and more either factor; a phone's second login is stepped up; binding a phone is
 * denied), and the phone passes the step-up with a soft-OTP code or a passkey made by webauthn4j-test's software
 * authenticator.
 */
@TestPropertySource(properties = "branchlink.channel.risk.rules-file=src/test/resources/risk/step-up-test-rules.yaml")
class StepUpIntegrationTests extends ChannelIntegrationTest {

    private static final String PASSKEYS = "/api/v1/devices/current/passkeys";

    @Autowired
    MeterRegistry meters;

    @Nested
    class WithSoftOtp {

        @Test
        void aStepUpPassedWithACodeLetsTheSameRequestStageOnce() {
            TestBank.Customer customer = bank.customer(2_000_00);
            String otp = bank.enrolOtp(customer);
            String session = login(customer);
            double used = stepUps("used");

            Api.Response required = stageWithdrawal(session, customer, "200", null);

            assertThat(required.status()).isEqualTo(403);
            assertThat(required.irc()).isEqualTo("STEP_UP_REQUIRED");
            assertThat(required.body().path("stepUp").path("factors").toString()).isEqualTo("[\"SOFT_OTP\"]");
            assertThat(required.body().path("stepUp").path("id").asText()).matches("[A-Za-z0-9_-]{43}");
            assertThat(required.body().path("reasons").toString()).isEqualTo("[\"Confirm it is you.\"]");
            assertThat(required.body().path("decisionId").asText()).isNotBlank();
            assertThat(required.body().toString()).doesNotContain("point.amount");
            assertThat(bank.available(customer.accountId())).isEqualTo(2_000_00);

            String stepUp = passStepUpWithOtp(session, required, otp, 0);
            Api.Response staged = stageWithdrawal(session, customer, "200", null, stepUp);

            assertThat(staged.status()).as(staged.body().toString()).isEqualTo(201);
            assertThat(bank.available(customer.accountId())).isEqualTo(1_800_00);
            assertThat(api.get("/api/v1/step-ups/" + stepUp, session).text("status")).isEqualTo("USED");
            assertThat(stepUps("used")).isEqualTo(used + 1);
            assertThat(events(customer.id(), "CARDLESS_WITHDRAWAL")).isEqualTo(1);

            Api.Response again = stageWithdrawal(session, customer, "200", null, stepUp);
            assertThat(again.irc()).isEqualTo("STEP_UP_REQUIRED");
            assertThat(again.text("detail")).contains("already used");
            assertThat(bank.available(customer.accountId())).isEqualTo(1_800_00);
        }

        @Test
        void concurrentRetriesWithOneStepUpStageOneToken() throws Exception {
            TestBank.Customer customer = bank.customer(2_000_00);
            String otp = bank.enrolOtp(customer);
            String session = login(customer);
            String stepUp = passStepUpWithOtp(session, stageWithdrawal(session, customer, "300", null), otp, 0);

            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Future<Api.Response>> retries = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    retries.add(pool.submit(() -> {
                        start.await();
                        return stageWithdrawal(session, customer, "300", null, stepUp);
                    }));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Api.Response> retry : retries) {
                    statuses.add(retry.get().status());
                }
                assertThat(statuses).containsExactlyInAnyOrder(201, 403);
            } finally {
                pool.shutdownNow();
            }
            assertThat(tokens(customer.id())).isEqualTo(1);
            assertThat(holds(customer.accountId())).isEqualTo(1);
            assertThat(bank.available(customer.accountId())).isEqualTo(1_700_00);
        }

        @Test
        void aStepUpPassedForOneAmountDoesNotStageAnother() {
            TestBank.Customer customer = bank.customer(10_000_00);
            String otp = bank.enrolOtp(customer);
            String session = login(customer);
            String stepUp = passStepUpWithOtp(session, stageWithdrawal(session, customer, "100", null), otp, 0);

            Api.Response bigger = stageWithdrawal(session, customer, "5000", null, stepUp);

            assertThat(bigger.irc()).isEqualTo("STEP_UP_REQUIRED");
            assertThat(bigger.text("detail")).contains("different request");
            assertThat(tokens(customer.id())).isZero();
            assertThat(api.get("/api/v1/step-ups/" + stepUp, session).text("status")).isEqualTo("VERIFIED");
            assertThat(stageWithdrawal(session, customer, "100", null, stepUp).status()).isEqualTo(201);
        }

        @Test
        void anExpiredStepUpStagesNothing() {
            TestBank.Customer customer = bank.customer(2_000_00);
            String otp = bank.enrolOtp(customer);
            String session = login(customer);
            Api.Response required = stageWithdrawal(session, customer, "200", null);
            String stepUp = passStepUpWithOtp(session, required, otp, 0);
            clock.advance(Duration.ofMinutes(6));

            Api.Response late = stageWithdrawal(session, customer, "200", null, stepUp);

            assertThat(late.irc()).isEqualTo("STEP_UP_REQUIRED");
            assertThat(late.text("detail")).contains("expired");
            assertThat(tokens(customer.id())).isZero();
            assertThat(bank.available(customer.accountId())).isEqualTo(2_000_00);
            assertThat(api.get("/api/v1/step-ups/" + stepUp, session).text("status")).isEqualTo("EXPIRED");
        }

        @Test
        void anExpiredStepUpCannotBeVerified() {
            TestBank.Customer customer = bank.customer(2_000_00);
            String otp = bank.enrolOtp(customer);
            String session = login(customer);
            String id = stageWithdrawal(session, customer, "200", null).body().path("stepUp").path("id").asText();
            clock.advance(Duration.ofMinutes(6));

            Api.Response late = api.post("/api/v1/step-ups/" + id + "/otp", session,
                    Map.of("code", otpCode(otp, clock.instant())));

            assertThat(late.status()).isEqualTo(410);
            assertThat(late.text("detail")).contains("expired");
        }

        @Test
        void aWrongCodeIsCountedAndLeavesTheStepUpPending() {
            TestBank.Customer customer = bank.customer(2_000_00);
            bank.enrolOtp(customer);
            String session = login(customer);
            String id = stageWithdrawal(session, customer, "200", null).body().path("stepUp").path("id").asText();

            Api.Response wrong = api.post("/api/v1/step-ups/" + id + "/otp", session, Map.of("code", "000000"));

            assertThat(wrong.status()).isEqualTo(403);
            assertThat(wrong.text("otp")).isIn("WRONG");
            assertThat(wrong.body().path("attemptsLeft").asInt()).isEqualTo(4);
            assertThat(api.get("/api/v1/step-ups/" + id, session).text("status")).isEqualTo("PENDING");
        }

        @Test
        void aStepUpUsedByAFailedActionStaysVerified() {
            TestBank.Customer customer = bank.customer(150_00);
            String otp = bank.enrolOtp(customer);
            String session = login(customer);
            String stepUp = passStepUpWithOtp(session, stageWithdrawal(session, customer, "200", null), otp, 0);

            Api.Response poor = stageWithdrawal(session, customer, "200", null, stepUp);

            assertThat(poor.irc()).isEqualTo("NOT_SUFFICIENT_FUNDS");
            assertThat(api.get("/api/v1/step-ups/" + stepUp, session).text("status")).isEqualTo("VERIFIED");
        }

        @Test
        void refusesAFactorTheStepUpDoesNotList() {
            TestBank.Customer customer = bank.customer(2_000_00);
            String otp = bank.enrolOtp(customer);
            String session = login(customer);
            register(session);
            Api.Response required = stageWithdrawal(session, customer, "800", null);
            assertThat(required.body().path("stepUp").path("factors").toString()).isEqualTo("[\"BIOMETRIC\"]");
            String id = required.body().path("stepUp").path("id").asText();

            Api.Response byCode = api.post("/api/v1/step-ups/" + id + "/otp", session,
                    Map.of("code", otpCode(otp, clock.instant())));

            assertThat(byCode.status()).isEqualTo(403);
            assertThat(byCode.irc()).isEqualTo("ACCESS_DENIED");
            assertThat(api.get("/api/v1/step-ups/" + id, session).text("status")).isEqualTo("PENDING");
        }

        @Test
        void anotherCustomersStepUpIsNotFound() {
            TestBank.Customer customer = bank.customer(2_000_00);
            String otp = bank.enrolOtp(customer);
            String session = login(customer);
            String id = stageWithdrawal(session, customer, "200", null).body().path("stepUp").path("id").asText();
            TestBank.Customer other = bank.customer(0);
            String otherOtp = bank.enrolOtp(other);
            String otherSession = login(other);

            assertThat(api.get("/api/v1/step-ups/" + id, otherSession).status()).isEqualTo(404);
            assertThat(api.post("/api/v1/step-ups/" + id + "/otp", otherSession,
                    Map.of("code", otpCode(otherOtp, clock.instant()))).status()).isEqualTo(404);
            assertThat(api.get("/api/v1/step-ups/" + id, null).status()).as("without a session").isEqualTo(404);
            assertThat(api.get("/api/v1/step-ups/" + id, session).text("status")).isEqualTo("PENDING");
            assertThat(otp).isNotEqualTo(otherOtp);
        }
    }

    @Nested
    class WithAPasskey {

        @Test
        void aStepUpPassedWithAPasskeyLetsTheSameRequestStageOnce() {
            TestBank.Customer customer = bank.customer(2_000_00);
            String session = login(customer);
            ClientPlatform phone = register(session);

            Api.Response required = stageWithdrawal(session, customer, "800", null);
            assertThat(required.irc()).isEqualTo("STEP_UP_REQUIRED");
            String id = required.body().path("stepUp").path("id").asText();
            Api.Response options = api.post("/api/v1/step-ups/" + id + "/passkey/options", session, Map.of());
            assertThat(options.status()).as(options.body().toString()).isEqualTo(200);
            Api.Response verified = api.post("/api/v1/step-ups/" + id + "/passkey", session,
                    assertionBody(assert_(phone, options.body())));

            assertThat(verified.status()).as(verified.body().toString()).isEqualTo(200);
            assertThat(verified.text("verifiedFactor")).isEqualTo("BIOMETRIC");
            assertThat(stageWithdrawal(session, customer, "800", null, id).status()).isEqualTo(201);
            assertThat(bank.available(customer.accountId())).isEqualTo(1_200_00);
        }

        @Test
        void aPhoneWithoutAnyFactorIsRefusedWithoutAStepUp() {
            TestBank.Customer customer = bank.customer(2_000_00);
            String session = login(customer);

            Api.Response refused = stageWithdrawal(session, customer, "200", null);

            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.irc()).isEqualTo("RISK_DECLINED");
            assertThat(refused.text("detail")).contains("this phone has none");
            assertThat(refused.body().has("stepUp")).isFalse();
        }
    }

    @Nested
    class Deny {

        @Test
        void refusesWithTheReasonsAndStagesNothing() {
            TestBank.Customer customer = bank.customer(2_000_00);
            bank.enrolOtp(customer);
            String session = login(customer);

            Api.Response denied = stageWithdrawal(session, customer, "700", null);

            assertThat(denied.status()).isEqualTo(403);
            assertThat(denied.irc()).isEqualTo("RISK_DECLINED");
            assertThat(denied.body().path("reasons").toString()).isEqualTo("[\"This withdrawal is not possible.\"]");
            assertThat(denied.body().has("stepUp")).isFalse();
            UUID decision = UUID.fromString(denied.text("decisionId"));
            assertThat(jdbc.sql("select outcome from risk_decisions where id = ?").param(decision)
                    .query(String.class).single()).isEqualTo("DENY");
            assertThat(tokens(customer.id())).isZero();
            assertThat(holds(customer.accountId())).isZero();
            assertThat(events(customer.id(), "CARDLESS_WITHDRAWAL")).isZero();
        }
    }

    @Nested
    class AtDeviceBinding {

        @Test
        void aDeniedBindingBindsNothingAndKeepsTheChallenge() {
            TestBank.Customer customer = bank.customer(0);
            String bound = login(customer);
            String newPhone = Api.bearer(api.post("/api/v1/sessions", null, Map.of("username", customer.username(),
                    "password", TestBank.PASSWORD, "deviceId", customer.username() + "-new")).text("token"));
            String challenge = api.post("/api/v1/devices/challenges", newPhone,
                    Map.of("name", "New phone", "method", "APPROVAL")).text("id");
            assertThat(api.post("/api/v1/devices/challenges/" + challenge + "/approval", bound, Map.of()).status())
                    .isEqualTo(200);

            Api.Response refused = api.post("/api/v1/devices", newPhone, Map.of("challengeId", challenge));

            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.irc()).isEqualTo("RISK_DECLINED");
            assertThat(refused.body().path("reasons").toString()).isEqualTo("[\"A new phone cannot be bound now.\"]");
            assertThat(api.get("/api/v1/devices", bound).body()).hasSize(1);
            assertThat(jdbc.sql("select status from device_binding_challenges where id = ?::uuid").param(challenge)
                    .query(String.class).single()).isEqualTo("APPROVED");
            assertThat(events(customer.id(), "DEVICE_BINDING")).isZero();
        }
    }

    @Nested
    class AtLogin {

        @Test
        void aLoginStepUpIsPassedBeforeASessionExists() {
            TestBank.Customer customer = bank.customer(0);
            String otp = bank.enrolOtp(customer);
            login(customer);
            Map<String, Object> credentials = Map.of("username", customer.username(), "password", TestBank.PASSWORD,
                    "deviceId", customer.deviceId());

            Api.Response required = api.post("/api/v1/sessions", null, credentials);

            assertThat(required.irc()).isEqualTo("STEP_UP_REQUIRED");
            assertThat(required.body().has("token")).isFalse();
            String id = required.body().path("stepUp").path("id").asText();
            assertThat(api.get("/api/v1/step-ups/" + id, null).text("action")).isEqualTo("LOGIN");
            Api.Response verified = api.post("/api/v1/step-ups/" + id + "/otp", null,
                    Map.of("code", otpCode(otp, clock.instant())));
            assertThat(verified.status()).as(verified.body().toString()).isEqualTo(200);

            Api.Response opened = api.post("/api/v1/sessions", null, Map.of("username", customer.username(),
                    "password", TestBank.PASSWORD, "deviceId", customer.deviceId(), "stepUpId", id));

            assertThat(opened.status()).as(opened.body().toString()).isEqualTo(201);
            assertThat(opened.text("token")).isNotBlank();
            assertThat(events(customer.id(), "LOGIN")).isEqualTo(2);
        }

        @Test
        void aLoginStepUpNeedsTheRightPasswordToo() {
            TestBank.Customer customer = bank.customer(0);
            String otp = bank.enrolOtp(customer);
            login(customer);
            String id = api.post("/api/v1/sessions", null, Map.of("username", customer.username(), "password",
                    TestBank.PASSWORD, "deviceId", customer.deviceId())).body().path("stepUp").path("id").asText();
            api.post("/api/v1/step-ups/" + id + "/otp", null, Map.of("code", otpCode(otp, clock.instant())));

            Api.Response wrongPassword = api.post("/api/v1/sessions", null, Map.of("username", customer.username(),
                    "password", "not the password", "deviceId", customer.deviceId(), "stepUpId", id));

            assertThat(wrongPassword.status()).isEqualTo(401);
        }

        @Test
        void aLoginFromAPhoneWithoutAFactorIsRefused() {
            TestBank.Customer customer = bank.customer(0);
            login(customer);

            Api.Response refused = api.post("/api/v1/sessions", null, Map.of("username", customer.username(),
                    "password", TestBank.PASSWORD, "deviceId", customer.deviceId()));

            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.irc()).isEqualTo("RISK_DECLINED");
            assertThat(refused.text("detail")).contains("second factor");
        }
    }

    @Test
    void theSweepDeletesStepUpsAndChallengesLongPastExpiry(@Autowired StepUpSweeper sweeper) {
        TestBank.Customer customer = bank.customer(2_000_00);
        bank.enrolOtp(customer);
        String session = login(customer);
        register(session);
        String old = stageWithdrawal(session, customer, "200", null).body().path("stepUp").path("id").asText();
        api.post("/api/v1/step-ups/" + old + "/passkey/options", session, Map.of());
        clock.advance(Duration.ofDays(1).plusMinutes(10));
        TestBank.Customer later = bank.customer(2_000_00);
        bank.enrolOtp(later);
        String fresh = stageWithdrawal(login(later), later, "200", null).body().path("stepUp").path("id").asText();

        sweeper.sweep();

        assertThat(count("select count(*) from risk_step_ups where id = ?", old)).isZero();
        assertThat(count("select count(*) from risk_step_ups where id = ?", fresh)).isEqualTo(1);
        assertThat(count("select count(*) from passkey_challenges where customer_id = ?", customer.id())).isZero();
    }

    ClientPlatform register(String session) {
        ClientPlatform phone = new ClientPlatform(new Origin(PasskeyIntegrationTests.ORIGIN),
                new WebAuthnAuthenticatorAdaptor(new PackedAuthenticator()));
        Api.Response options = api.post(PASSKEYS + "/options", session, Map.of());
        Api.Response registered = api.post(PASSKEYS, session,
                registrationBody(phone.create(creationOptions(options.body()))));
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);
        return phone;
    }

    double stepUps(String result) {
        Counter counter = meters.find("branchlink.risk.stepups").tag("action", "CARDLESS_WITHDRAWAL")
                .tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    long tokens(UUID customerId) {
        return count("select count(*) from cardless_tokens where customer_id = ?", customerId);
    }

    long holds(UUID accountId) {
        return count("select count(*) from holds where account_id = ?", accountId);
    }

    long events(UUID customerId, String action) {
        return jdbc.sql("select count(*) from risk_events where customer_id = ? and action = ?")
                .params(customerId, action).query(Long.class).single();
    }

    long count(String sql, Object parameter) {
        return jdbc.sql(sql).param(parameter).query(Long.class).single();
    }

    /** {@link RiskGate#confirm}: a second factor always, whatever the engine says; a DENY still refuses. */
    @Nested
    class Confirm {

        @Autowired
        RiskGate gate;

        @Test
        void anAllowedActionStillNeedsAStepUpWhichItUsesOnce() {
            TestBank.Customer customer = bank.customer(0);
            String otp = bank.enrolOtp(customer);
            String session = login(customer);
            RiskRequest signing = new RiskRequest(RiskAction.LOAN_APPLICATION, customer.id(), customer.deviceId(),
                    customer.accountId(), Money.parse("30000.00", "CNY"), "contract:L1", null, RiskChannel.APP, null);
            assertThat(gate.check(signing, null).outcome()).as("no rule asks for more").isEqualTo(
                    RiskDecision.Outcome.ALLOW);

            ApiException required = catchThrowableOfType(ApiException.class, () -> gate.confirm(signing, null));

            assertThat(required.irc().name()).isEqualTo("STEP_UP_REQUIRED");
            @SuppressWarnings("unchecked")
            Map<String, Object> stepUp = (Map<String, Object>) required.getBody().getProperties().get("stepUp");
            assertThat(stepUp.get("factors").toString()).isEqualTo("[SOFT_OTP]");
            String id = (String) stepUp.get("id");
            Api.Response verified = api.post("/api/v1/step-ups/" + id + "/otp", session,
                    Map.of("code", otpCode(otp, clock.instant())));
            assertThat(verified.text("status")).isEqualTo("VERIFIED");

            assertThat(gate.confirm(signing, id).outcome()).isEqualTo(RiskDecision.Outcome.ALLOW);
            ApiException again = catchThrowableOfType(ApiException.class, () -> gate.confirm(signing, id));
            assertThat(again.irc().name()).isEqualTo("STEP_UP_REQUIRED");
            assertThat(again.getBody().getDetail()).contains("already used");
            RiskRequest otherContract = new RiskRequest(RiskAction.LOAN_APPLICATION, customer.id(),
                    customer.deviceId(), customer.accountId(), Money.parse("30000.00", "CNY"), "contract:L2", null,
                    RiskChannel.APP, null);
            assertThat(catchThrowableOfType(ApiException.class, () -> gate.confirm(otherContract, id)).irc().name())
                    .isEqualTo("STEP_UP_REQUIRED");
        }

        @Test
        void aDenyIsRefusedWithoutAStepUp() {
            TestBank.Customer customer = bank.customer(2_000_00);
            bank.enrolOtp(customer);
            RiskRequest denied = new RiskRequest(RiskAction.CARDLESS_WITHDRAWAL, customer.id(), customer.deviceId(),
                    customer.accountId(), Money.parse("700", "CNY"), null, null, RiskChannel.APP, null);

            ApiException refused = catchThrowableOfType(ApiException.class, () -> gate.confirm(denied, null));

            assertThat(refused.irc().name()).isEqualTo("RISK_DECLINED");
            assertThat(refused.getBody().getProperties()).doesNotContainKey("stepUp");
        }
    }
}
