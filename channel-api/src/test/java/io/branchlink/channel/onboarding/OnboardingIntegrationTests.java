package io.branchlink.channel.onboarding;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import io.branchlink.channel.account.AccountClass;
import io.branchlink.channel.account.AccountClasses;
import io.branchlink.channel.ledger.Ledger;
import io.branchlink.channel.support.Api;
import io.branchlink.channel.support.ChannelIntegrationTest;
import io.branchlink.channel.support.CreditBureauDouble;
import io.branchlink.channel.support.IdentityCheckDouble;
import io.branchlink.channel.support.SmsGatewayDouble;
import io.branchlink.channel.support.TestBank;
import io.branchlink.channel.system.ApiException;
import io.branchlink.prefill.validation.ResidentIdNumber;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.rc.Irc;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A visitor with a phone and a resident ID number opens a Class II electronic account from the app and ends logged
 * in; every refusal leaves no customer behind (docs/onboarding.md).
 */
class OnboardingIntegrationTests extends ChannelIntegrationTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @BeforeEach
    void identityProviderMatches() {
        IdentityCheckDouble.matching();
    }

    /** A visitor's details: a fresh phone, username and device, and a valid resident ID number of an adult. */
    record Visitor(String phone, String fullName, String residentId, String deviceId, String username,
            String password) {

        Map<String, Object> body() {
            return new HashMap<>(Map.of("phone", phone, "fullName", fullName, "residentId", residentId, "deviceId",
                    deviceId, "username", username, "password", password));
        }

        Visitor withResidentId(String number) {
            return new Visitor(phone, fullName, number, deviceId, username, password);
        }
    }

    static Visitor visitor() {
        String suffix = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        return new Visitor("137" + digits(8), "王芳 Wang Fang", TestBank.idNumber(), "phone-" + suffix,
                "new-" + suffix, "a long enough password");
    }

    /** A valid resident ID number of someone born on {@code birth}. */
    static String residentIdBornOn(LocalDate birth) {
        String first17 = "310104" + birth.toString().replace("-", "") + digits(3);
        return first17 + ResidentIdNumber.checkCharacter(first17);
    }

    static String digits(int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(ThreadLocalRandom.current().nextInt(10));
        }
        return s.toString();
    }

    static String wrong(String code) {
        return String.format(Locale.ROOT, "%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }

    Api.Response start(Visitor visitor) {
        return api.post("/api/v1/onboarding", null, visitor.body());
    }

    Api.Response verify(String onboardingId, String code) {
        return api.post("/api/v1/onboarding/" + onboardingId + "/verify", null,
                Map.of("code", code, "livenessToken", "liveness-test-token"));
    }

    /** Starts an onboarding that must send its code, and returns its id and the code the phone received. */
    String[] started(Visitor visitor) {
        Api.Response started = start(visitor);
        assertThat(started.status()).as(started.body().toString()).isEqualTo(201);
        String code = SmsGatewayDouble.latestCode(visitor.phone()).orElseThrow();
        return new String[] {started.text("id"), code};
    }

    /** Onboards the visitor all the way and returns the answer of verify. */
    Api.Response onboarded(Visitor visitor) {
        String[] started = started(visitor);
        Api.Response completed = verify(started[0], started[1]);
        assertThat(completed.status()).as(completed.body().toString()).isEqualTo(201);
        return completed;
    }

    int customersNamed(Visitor visitor) {
        return jdbc.sql("select count(*) from customers where username = ?").param(visitor.username())
                .query(Integer.class).single();
    }

    String status(String onboardingId) {
        return jdbc.sql("select status from onboardings where id = ?").param(UUID.fromString(onboardingId))
                .query(String.class).single();
    }

    @Nested
    @ExtendWith(OutputCaptureExtension.class)
    class HappyPath {

        @Test
        void aVisitorEndsLoggedInWithABoundPhoneAndAClassTwoAccount(CapturedOutput output) {
            Visitor visitor = visitor();

            Api.Response started = start(visitor);

            assertThat(started.status()).as(started.body().toString()).isEqualTo(201);
            assertThat(started.text("sentTo")).endsWith(visitor.phone().substring(7)).startsWith("*******");
            List<?> messages = SmsGatewayDouble.messagesTo(visitor.phone());
            assertThat(messages).hasSize(1);
            assertThat(customersNamed(visitor)).isZero();
            byte[] stored = jdbc.sql("select resident_id_encrypted from onboardings where id = ?")
                    .param(UUID.fromString(started.text("id"))).query(byte[].class).single();
            assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
                    .doesNotContain(visitor.residentId());

            String code = SmsGatewayDouble.latestCode(visitor.phone()).orElseThrow();
            Api.Response completed = verify(started.text("id"), code);

            assertThat(completed.status()).as(completed.body().toString()).isEqualTo(201);
            assertThat(completed.text("token")).isNotBlank();
            assertThat(completed.body().path("deviceBound").asBoolean()).isTrue();
            assertThat(completed.body().path("account").path("accountClass").asText()).isEqualTo("TYPE_II");
            assertThat(completed.body().path("otp").path("secret").asText()).isNotBlank();
            assertThat(IdentityCheckDouble.checks()).isEqualTo(1);
            assertThat(status(started.text("id"))).isEqualTo("COMPLETED");

            String session = Api.bearer(completed.text("token"));
            Api.Response accounts = api.get("/api/v1/accounts", session);
            assertThat(accounts.body()).hasSize(1);
            assertThat(accounts.body().get(0).path("accountClass").asText()).isEqualTo("TYPE_II");
            assertThat(accounts.body().get(0).path("id").asText()).isEqualTo(
                    completed.body().path("account").path("id").asText());
            assertThat(accounts.body().get(0).path("balance").decimalValue()).isEqualByComparingTo("0");
            Api.Response devices = api.get("/api/v1/devices", session);
            assertThat(devices.body()).hasSize(1);
            assertThat(devices.body().get(0).path("deviceId").asText()).isEqualTo(visitor.deviceId());

            Api.Response login = api.post("/api/v1/sessions", null, Map.of("username", visitor.username(),
                    "password", visitor.password(), "deviceId", visitor.deviceId()));
            assertThat(login.status()).as(login.body().toString()).isEqualTo(201);
            assertThat(login.body().path("deviceBound").asBoolean()).isTrue();
            Api.Response me = api.get("/api/v1/me", Api.bearer(login.text("token")));
            assertThat(me.text("fullName")).isEqualTo(visitor.fullName());
            assertThat(me.body().path("idNumberOnFile").isBoolean()).isTrue();
            assertThat(me.body().path("idNumberOnFile").asBoolean()).as("a loan application sends residentId")
                    .isFalse();
            Api.Response otp = api.post("/api/v1/devices/current/otp/verifications", Api.bearer(login.text("token")),
                    Map.of("code", otpCode(completed.body().path("otp").path("secret").asText(), clock.instant())));
            assertThat(otp.status()).as(otp.body().toString()).isEqualTo(200);

            Map<String, Object> customer = jdbc.sql("""
                    select id_number, resident_id_last4, octet_length(resident_id_hash) as hash_bytes
                      from customers where username = ?
                    """).param(visitor.username()).query().singleRow();
            assertThat(customer.get("id_number")).isNull();
            assertThat(customer.get("resident_id_last4")).isEqualTo(visitor.residentId().substring(14));
            assertThat(customer.get("hash_bytes")).isEqualTo(32);
            assertThat(jdbc.sql("select resident_id_encrypted is null from onboardings where id = ?")
                    .param(UUID.fromString(started.text("id"))).query(Boolean.class).single()).isTrue();
            assertThat(output.getAll()).doesNotContain(visitor.residentId()).doesNotContain(code)
                    .doesNotContain(visitor.password());
        }

        @Test
        void theApiDescriptionHasBothCalls() {
            Api.Response docs = api.get("/v3/api-docs", null);

            assertThat(docs.body().path("paths").has("/api/v1/onboarding")).isTrue();
            assertThat(docs.body().path("paths").path("/api/v1/onboarding/{onboardingId}/verify").path("post")
                    .path("description").asText()).contains("Class II").contains("409");
        }

        @Test
        void theCodeIsSingleUse() {
            Visitor visitor = visitor();
            String[] started = started(visitor);
            assertThat(verify(started[0], started[1]).status()).isEqualTo(201);

            Api.Response again = verify(started[0], started[1]);

            assertThat(again.status()).isEqualTo(409);
            assertThat(customersNamed(visitor)).isEqualTo(1);
        }

        @Test
        void concurrentVerifiesOfOneOnboardingMakeOneCustomer() throws Exception {
            Visitor visitor = visitor();
            String[] started = started(visitor);
            IdentityCheckDouble.server().resetAll();
            IdentityCheckDouble.answering(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                    .withBody("{\"checkId\":\"chk-test\",\"result\":\"MATCH\"}").withFixedDelay(200));
            int callers = 4;
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            try {
                List<Future<Integer>> answers = new ArrayList<>();
                for (int i = 0; i < callers; i++) {
                    answers.add(pool.submit(() -> {
                        go.await();
                        return verify(started[0], started[1]).status();
                    }));
                }
                go.countDown();
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> answer : answers) {
                    statuses.add(answer.get(30, TimeUnit.SECONDS));
                }

                assertThat(statuses).containsOnlyOnce(201).containsOnly(201, 409);
            } finally {
                pool.shutdownNow();
            }
            assertThat(customersNamed(visitor)).isEqualTo(1);
            assertThat(jdbc.sql("""
                    select count(*) from accounts a join customers c on c.id = a.customer_id where c.username = ?
                    """).param(visitor.username()).query(Integer.class).single()).isEqualTo(1);
        }
    }

    @Nested
    class Afterwards {

        @Test
        void aCreditApplicationIsOnlyAboutTheNumberTheCustomerOpenedTheirAccountWith() {
            Visitor visitor = visitor();
            Api.Response completed = onboarded(visitor);
            String session = Api.bearer(completed.text("token"));
            String accountId = completed.body().path("account").path("id").asText();
            String someoneElse = TestBank.idNumber();
            CreditBureauDouble.cleanReport(someoneElse);
            CreditBureauDouble.cleanReport(visitor.residentId());

            Api.Response refused = api.post("/api/v1/loans/applications", session,
                    Map.of("accountId", accountId, "residentId", someoneElse));

            assertThat(refused.status()).as(refused.body().toString()).isEqualTo(422);
            assertThat(refused.irc()).isEqualTo("INVALID_TRANSACTION");
            assertThat(refused.text("detail")).contains("not the ID number you opened your account with");
            assertThat(CreditBureauDouble.asked(someoneElse)).isZero();

            Api.Response own = api.post("/api/v1/loans/applications", session,
                    Map.of("accountId", accountId, "residentId", visitor.residentId().toLowerCase(Locale.ROOT)));

            // past the number's check the bureau is asked (the risk engine may still want a second factor)
            assertThat(own.status()).as(own.body().toString()).isIn(201, 403);
            assertThat(CreditBureauDouble.asked(visitor.residentId())).isEqualTo(1);
        }
    }

    @Nested
    class RefusedAtStart {

        @Test
        void aWrongCheckDigitIsRefusedWithTheFieldAndSendsNoSms() {
            Visitor visitor = visitor();
            String number = visitor.residentId();
            char wrong = number.charAt(17) == '1' ? '2' : '1';
            Visitor typo = visitor.withResidentId(number.substring(0, 17) + wrong);

            Api.Response refused = start(typo);

            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.irc()).isEqualTo("FORMAT_ERROR");
            assertThat(refused.body().path("fields").path("residentId").asText()).contains("check digit");
            assertThat(SmsGatewayDouble.messagesTo(visitor.phone())).isEmpty();
            assertThat(jdbc.sql("select count(*) from onboardings where username = ?").param(visitor.username())
                    .query(Integer.class).single()).isZero();
            assertThat(customersNamed(visitor)).isZero();
        }

        @Test
        void someoneUnder18IsRefusedAndTheDayTheyTurn18IsNot() {
            LocalDate today = LocalDate.now(clock.withZone(SHANGHAI));
            Visitor child = visitor().withResidentId(residentIdBornOn(today.minusYears(18).plusDays(1)));

            Api.Response refused = start(child);

            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.irc()).isEqualTo("INVALID_TRANSACTION");
            assertThat(refused.text("detail")).contains("18");
            assertThat(SmsGatewayDouble.messagesTo(child.phone())).isEmpty();
            assertThat(customersNamed(child)).isZero();

            Visitor adult = visitor().withResidentId(residentIdBornOn(today.minusYears(18)));
            assertThat(start(adult).status()).isEqualTo(201);
        }

        @Test
        void aTakenUsernameIsRefused() {
            TestBank.Customer customer = bank.customer(0);
            Visitor visitor = visitor();
            Visitor taken = new Visitor(visitor.phone(), visitor.fullName(), visitor.residentId(),
                    visitor.deviceId(), customer.username(), visitor.password());

            Api.Response refused = start(taken);

            assertThat(refused.status()).isEqualTo(409);
            assertThat(SmsGatewayDouble.messagesTo(visitor.phone())).isEmpty();
        }

        @Test
        void aPhoneStartsAtMostThreeOnboardingsAnHour() {
            Visitor visitor = visitor();
            for (int i = 0; i < 3; i++) {
                assertThat(start(visitor).status()).isEqualTo(201);
            }

            Api.Response refused = start(visitor);

            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.irc()).isEqualTo("EXCEEDS_LIMIT");
            assertThat(SmsGatewayDouble.messagesTo(visitor.phone())).hasSize(3);
        }

        @Test
        void theSmsGatewayDownAnswers503AndLeavesNothingToComplete() {
            Visitor visitor = visitor();
            SmsGatewayDouble.answering(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

            Api.Response refused = start(visitor);

            assertThat(refused.status()).isEqualTo(503);
            assertThat(jdbc.sql("""
                    select count(*) from onboardings
                     where username = ? and status = 'FAILED' and resident_id_encrypted is null
                    """).param(visitor.username()).query(Integer.class).single()).isEqualTo(1);
        }
    }

    @Nested
    class RefusedAtVerify {

        @Test
        void aResidentIdThatIsAlreadyACustomersGetsTheSameAnswerAsAMismatchAndNoCheck() {
            TestBank.Customer customer = bank.customer(0);
            Visitor visitor = visitor().withResidentId(customer.idNumber());
            String[] started = started(visitor);

            Api.Response refused = verify(started[0], started[1]);

            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.irc()).isEqualTo("DO_NOT_HONOUR");
            assertThat(IdentityCheckDouble.checks()).isZero();
            assertThat(customersNamed(visitor)).isZero();
            assertThat(status(started[0])).isEqualTo("REFUSED");

            IdentityCheckDouble.answeringResult("NAME_MISMATCH");
            Visitor stranger = visitor();
            String[] other = started(stranger);
            Api.Response mismatch = verify(other[0], other[1]);
            assertThat(mismatch.status()).isEqualTo(refused.status());
            assertThat(mismatch.text("detail")).isEqualTo(refused.text("detail"));
        }

        @Test
        void aResidentIdOfACustomerWhoOnboardedIsRefusedToo() {
            Visitor first = visitor();
            onboarded(first);
            Visitor second = visitor().withResidentId(first.residentId());
            String[] started = started(second);

            Api.Response refused = verify(started[0], started[1]);

            assertThat(refused.status()).isEqualTo(422);
            assertThat(customersNamed(second)).isZero();
        }

        static Stream<Arguments> mismatches() {
            return Stream.of(Arguments.of("NAME_MISMATCH"), Arguments.of("NO_RECORD"),
                    Arguments.of("LIVENESS_FAILED"));
        }

        @ParameterizedTest
        @MethodSource("mismatches")
        void anIdentityThatDoesNotMatchEndsTheOnboarding(String result) {
            IdentityCheckDouble.answeringResult(result);
            Visitor visitor = visitor();
            String[] started = started(visitor);

            Api.Response refused = verify(started[0], started[1]);

            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.irc()).isEqualTo("DO_NOT_HONOUR");
            assertThat(customersNamed(visitor)).isZero();
            assertThat(status(started[0])).isEqualTo("REFUSED");
            IdentityCheckDouble.answeringResult("MATCH");
            assertThat(verify(started[0], started[1]).status()).isEqualTo(410);
            assertThat(customersNamed(visitor)).isZero();
        }

        static Stream<Arguments> providerFailures() {
            return Stream.of(Arguments.of("500", aResponse().withStatus(500)),
                    Arguments.of("connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
                    Arguments.of("slower than the read timeout", aResponse().withStatus(200)
                            .withHeader("Content-Type", "application/json")
                            .withBody("{\"checkId\":\"chk-late\",\"result\":\"MATCH\"}").withFixedDelay(2_000)),
                    Arguments.of("no verdict", aResponse().withStatus(200)
                            .withHeader("Content-Type", "application/json").withBody("{\"checkId\":\"chk\"}")));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("providerFailures")
        void theIdentityProviderDownAnswers503AndTheSameCodeWorksOnceItIsBack(String failure,
                com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
            Visitor visitor = visitor();
            String[] started = started(visitor);
            IdentityCheckDouble.server().resetAll();
            IdentityCheckDouble.answering(response);

            Api.Response down = verify(started[0], started[1]);

            assertThat(down.status()).isEqualTo(503);
            assertThat(down.irc()).isEqualTo("HOST_UNREACHABLE");
            assertThat(customersNamed(visitor)).isZero();
            assertThat(status(started[0])).isEqualTo("PENDING");

            IdentityCheckDouble.matching();
            assertThat(verify(started[0], started[1]).status()).isEqualTo(201);
            assertThat(customersNamed(visitor)).isEqualTo(1);
        }

        @Test
        void aWrongCodeSaysHowManyAttemptsAreLeft() {
            Visitor visitor = visitor();
            String[] started = started(visitor);

            Api.Response wrong = verify(started[0], wrong(started[1]));

            assertThat(wrong.status()).isEqualTo(403);
            assertThat(wrong.irc()).isEqualTo("STEP_UP_REQUIRED");
            assertThat(wrong.body().path("attemptsLeft").asInt()).isEqualTo(4);
            assertThat(IdentityCheckDouble.checks()).isZero();
            assertThat(customersNamed(visitor)).isZero();
            assertThat(verify(started[0], started[1]).status()).isEqualTo(201);
        }

        @Test
        void fiveWrongCodesEndTheOnboarding() {
            Visitor visitor = visitor();
            String[] started = started(visitor);
            for (int i = 1; i < 5; i++) {
                assertThat(verify(started[0], wrong(started[1])).body().path("attemptsLeft").asInt())
                        .isEqualTo(5 - i);
            }

            Api.Response fifth = verify(started[0], wrong(started[1]));

            assertThat(fifth.status()).isEqualTo(410);
            assertThat(status(started[0])).isEqualTo("EXHAUSTED");
            assertThat(verify(started[0], started[1]).status()).isEqualTo(410);
            assertThat(customersNamed(visitor)).isZero();
            assertThat(IdentityCheckDouble.checks()).isZero();
        }

        @Test
        void anExpiredCodeIsRefused() {
            Visitor visitor = visitor();
            String[] started = started(visitor);
            clock.advance(Duration.ofMinutes(5).plusSeconds(1));

            Api.Response expired = verify(started[0], started[1]);

            assertThat(expired.status()).isEqualTo(410);
            assertThat(expired.irc()).isEqualTo("TOKEN_EXPIRED");
            assertThat(customersNamed(visitor)).isZero();
        }

        @Test
        void theRiskEnginesRefusalCreatesNothingAndLeavesTheOnboardingOpen() {
            Visitor visitor = visitor();
            String[] started = started(visitor);

            Api.Response denied = api.post("/api/v1/onboarding/" + started[0] + "/verify", null,
                    Map.of("code", started[1], "livenessToken", "liveness-test-token", "emulator", true));

            assertThat(denied.status()).as(denied.body().toString()).isEqualTo(403);
            assertThat(denied.irc()).isEqualTo("RISK_DECLINED");
            assertThat(denied.body().path("reasons").toString()).contains("emulator");
            assertThat(customersNamed(visitor)).isZero();
            assertThat(jdbc.sql("select count(*) from customer_devices where device_id = ?")
                    .param(visitor.deviceId()).query(Integer.class).single()).isZero();
            assertThat(status(started[0])).isEqualTo("PENDING");
            assertThat(verify(started[0], started[1]).status()).isEqualTo(201);
        }

        @Test
        void anUnknownOnboardingIs404() {
            assertThat(verify(UUID.randomUUID().toString(), "123456").status()).isEqualTo(404);
        }

        @Test
        void aMalformedCodeIsRefusedBeforeAnythingIsCounted() {
            Visitor visitor = visitor();
            String[] started = started(visitor);

            Api.Response malformed = verify(started[0], "12345x");

            assertThat(malformed.status()).isEqualTo(400);
            assertThat(jdbc.sql("select failed_attempts from onboardings where id = ?")
                    .param(UUID.fromString(started[0])).query(Integer.class).single()).isZero();
        }
    }

    @Nested
    class ClassTwoRules {

        @Autowired
        AccountClasses accountClasses;

        @Autowired
        PlatformTransactionManager transactions;

        @Autowired
        Ledger ledger;

        @Test
        void aClassTwoAccountStagesNoCardlessCash() {
            Visitor visitor = visitor();
            Api.Response completed = onboarded(visitor);
            String session = Api.bearer(completed.text("token"));
            String accountId = completed.body().path("account").path("id").asText();
            TestBank.Branch branch = bank.branch();

            Api.Response withdrawal = api.post("/api/v1/cardless/withdrawals", session, Map.of("accountId",
                    accountId, "amount", new BigDecimal("100"), "currency", "CNY", "branchId", branch.id()));
            Api.Response deposit = api.post("/api/v1/cardless/deposits", session, Map.of("accountId", accountId,
                    "branchId", branch.id()));

            for (Api.Response refused : List.of(withdrawal, deposit)) {
                assertThat(refused.status()).as(refused.body().toString()).isEqualTo(422);
                assertThat(refused.irc()).isEqualTo("INVALID_TRANSACTION");
                assertThat(refused.text("detail")).contains("Class II");
            }
            assertThat(jdbc.sql("select count(*) from cardless_tokens where account_id = ?")
                    .param(UUID.fromString(accountId)).query(Integer.class).single()).isZero();
        }

        @Test
        void aClassOneAccountStillStagesCardlessCash() {
            TestBank.Customer customer = bank.customer(100_000);
            TestBank.Branch branch = bank.branch();

            Api.Response staged = stageWithdrawal(login(customer), customer, "100", branch.id());

            assertThat(staged.status()).as(staged.body().toString()).isEqualTo(201);
            assertThat(accountClasses.classOf(customer.accountId())).isEqualTo(AccountClass.TYPE_I);
            assertThat(accountClasses.limits(customer.accountId())).isEmpty();
        }

        @Test
        void outboundPaymentsAreLimitedPerDayAndPerYear() {
            Visitor visitor = visitor();
            UUID classTwo = UUID.fromString(onboarded(visitor).body().path("account").path("id").asText());
            TestBank.Customer other = bank.customer(400_000_00L);
            // a fixed midday in Shanghai, and a history of postings timed around it
            Instant midday = LocalDate.of(2026, 6, 15).atTime(12, 0).atZone(SHANGHAI).toInstant();
            clock.advance(Duration.between(clock.instant(), midday));
            post(midday.minus(Duration.ofDays(100)), other.accountId(), classTwo, 300_000_00L);
            post(LocalDate.of(2025, 12, 31).atTime(23, 0).atZone(SHANGHAI).toInstant(), classTwo, other.accountId(),
                    50_000_00L);
            post(midday.minus(Duration.ofDays(30)), classTwo, other.accountId(), 150_000_00L);
            post(midday.minus(Duration.ofDays(1)), classTwo, other.accountId(), 9_000_00L);
            post(midday.minus(Duration.ofHours(2)), classTwo, other.accountId(), 6_000_00L);

            AccountClasses.ClassLimits limits = accountClasses.limits(classTwo).orElseThrow();
            assertThat(limits.dailyOutbound()).isEqualTo(Money.parse("10000.00", "CNY"));
            assertThat(limits.yearlyOutbound()).isEqualTo(Money.parse("200000.00", "CNY"));
            assertThat(limits.usedToday()).isEqualTo(Money.parse("6000.00", "CNY"));
            assertThat(limits.usedThisYear()).isEqualTo(Money.parse("165000.00", "CNY"));
            assertThat(limits.cash()).isFalse();

            accountClasses.requireOutbound(classTwo, Money.parse("4000.00", "CNY"), "test");
            assertThatThrownBy(() -> accountClasses.requireOutbound(classTwo, Money.parse("4000.01", "CNY"), "test"))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.irc()).isEqualTo(Irc.EXCEEDS_LIMIT);
                        assertThat(e.getBody().getDetail()).contains("a day").contains("4000.00");
                        assertThat(e.getBody().getProperties()).containsEntry("remaining", new BigDecimal("4000.00"));
                    });

            // the next day the daily limit starts again; with 199,000 paid out this year the yearly limit binds
            clock.advance(Duration.ofDays(1));
            post(midday.plus(Duration.ofDays(1)).minus(Duration.ofHours(1)), classTwo, other.accountId(),
                    5_000_00L);
            post(midday.minus(Duration.ofDays(20)), classTwo, other.accountId(), 29_000_00L);
            assertThat(accountClasses.limits(classTwo).orElseThrow().usedToday())
                    .isEqualTo(Money.parse("5000.00", "CNY"));
            accountClasses.requireOutbound(classTwo, Money.parse("1000.00", "CNY"), "test");
            assertThatThrownBy(() -> accountClasses.requireOutbound(classTwo, Money.parse("1000.01", "CNY"), "test"))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.irc()).isEqualTo(Irc.EXCEEDS_LIMIT);
                        assertThat(e.getBody().getDetail()).contains("a year");
                        assertThat(e.getBody().getProperties()).containsEntry("remaining", new BigDecimal("1000.00"));
                    });
            accountClasses.requireOutbound(other.accountId(), Money.parse("1000000.00", "CNY"), "test");
        }

        @Test
        void anOpenHoldCountsAsOutbound() {
            Visitor visitor = visitor();
            UUID classTwo = UUID.fromString(onboarded(visitor).body().path("account").path("id").asText());
            TestBank.Customer other = bank.customer(20_000_00L);
            post(clock.instant(), other.accountId(), classTwo, 20_000_00L);
            UUID hold = ledger.placeHold(classTwo, 7_000_00L, "test").orElseThrow();

            assertThatThrownBy(() -> accountClasses.requireOutbound(classTwo, Money.parse("3000.01", "CNY"), "test"))
                    .isInstanceOf(ApiException.class);
            accountClasses.requireOutbound(classTwo, Money.parse("3000.00", "CNY"), "test");
            assertThat(ledger.releaseHold(hold)).isTrue();
            accountClasses.requireOutbound(classTwo, Money.parse("10000.00", "CNY"), "test");
        }

        @Test
        void aRefusalTheCallerCatchesLeavesItsTransactionUsable() {
            Visitor visitor = visitor();
            UUID classTwo = UUID.fromString(onboarded(visitor).body().path("account").path("id").asText());

            Boolean committed = new TransactionTemplate(transactions).execute(status -> {
                assertThatThrownBy(() -> accountClasses.requireCash(classTwo, "test"))
                        .isInstanceOf(ApiException.class);
                assertThatThrownBy(() -> accountClasses.requireOutbound(classTwo,
                        Money.parse("10000.01", "CNY"), "test")).isInstanceOf(ApiException.class);
                jdbc.sql("update accounts set name = ? where id = ?").params("Wish plan", classTwo).update();
                return !status.isRollbackOnly();
            });

            assertThat(committed).isTrue();
            assertThat(jdbc.sql("select name from accounts where id = ?").param(classTwo).query(String.class)
                    .single()).isEqualTo("Wish plan");
        }

        /** A balanced entry between two customer accounts at {@code at}, as the history before the test. */
        private void post(Instant at, UUID from, UUID to, long minor) {
            new TransactionTemplate(transactions).executeWithoutResult(status -> {
                UUID entry = UUID.randomUUID();
                jdbc.sql("""
                        insert into journal_entries (id, kind, reference, created_at) values (?, 'TEST_HISTORY', ?, ?)
                        """)
                        .params(entry, "class-two-limits", Timestamp.from(at)).update();
                jdbc.sql("insert into postings (entry_id, account_id, amount, currency) values (?, ?, ?, 'CNY')")
                        .params(entry, from, minor).update();
                jdbc.sql("insert into postings (entry_id, account_id, amount, currency) values (?, ?, ?, 'CNY')")
                        .params(entry, to, -minor).update();
                jdbc.sql("update accounts set balance = balance - ? where id = ?").params(minor, from).update();
                jdbc.sql("update accounts set balance = balance + ? where id = ?").params(minor, to).update();
            });
        }
    }
}
