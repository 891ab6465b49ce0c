package io.branchlink.channel.otp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import io.branchlink.channel.support.Api;
import io.branchlink.channel.support.ChannelIntegrationTest;
import io.branchlink.channel.support.SmsGatewayDouble;
import io.branchlink.channel.support.TestBank;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Soft OTP as docs/channel-api.md ("Soft OTP") specifies: a phone bound through the API gets its secret once, its
 * authenticator's codes verify within one step, a time step is accepted once per device even under concurrent
 * verification, wrong codes lock the factor for a while, and the secret rests encrypted.
 */
class SoftOtpIntegrationTests extends ChannelIntegrationTest {

    static final String VERIFICATIONS = "/api/v1/devices/current/otp/verifications";

    @Autowired
    SoftOtp softOtp;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    MeterRegistry meters;

    /** Codes as an authenticator app computes them from the Base32 secret: java-otp's defaults (SHA-1, 6, 30 s). */
    final TimeBasedOneTimePasswordGenerator authenticator = new TimeBasedOneTimePasswordGenerator();

    @BeforeEach
    void startOfAStep() {
        // the tests below run well within one 30-second step from here, so "now" has one code throughout
        long intoStep = Math.floorMod(clock.instant().toEpochMilli(), 30_000L);
        clock.advance(Duration.ofMillis(30_000L - intoStep + 100));
    }

    String code(String base32Secret, Instant at) {
        try {
            return authenticator.generateOneTimePasswordString(
                    new SecretKeySpec(new Base32().decode(base32Secret), "HmacSHA1"), at, Locale.ROOT);
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A 6-digit code that is none of the codes of the steps around now. */
    String wrongCode(String base32Secret) {
        Set<String> window = new HashSet<>();
        for (int offset = -1; offset <= 1; offset++) {
            window.add(code(base32Secret, clock.instant().plusSeconds(30L * offset)));
        }
        int candidate = Integer.parseInt(code(base32Secret, clock.instant()));
        String wrong;
        do {
            candidate = (candidate + 1) % 1_000_000;
            wrong = String.format(Locale.ROOT, "%06d", candidate);
        } while (window.contains(wrong));
        return wrong;
    }

    /** Enrols the customer's seeded phone directly, as binding does, and returns its Base32 secret. */
    String enrol(TestBank.Customer customer) {
        return transactions.execute(status -> softOtp.enrol(customer.id(), customer.deviceId(),
                customer.username())).secret();
    }

    double count(String outcome) {
        return meters.counter("branchlink.channel.otp.verifications", "outcome", outcome).count();
    }

    @Nested
    @ExtendWith(OutputCaptureExtension.class)
    class ThroughTheApi {

        record BoundPhone(String session, Api.Response answer) {
        }

        BoundPhone bindNewPhone(TestBank.Customer customer, String deviceId) {
            Api.Response login = api.post("/api/v1/sessions", null, Map.of("username", customer.username(),
                    "password", TestBank.PASSWORD, "deviceId", deviceId));
            String session = Api.bearer(login.text("token"));
            String challengeId = api.post("/api/v1/devices/challenges", session, Map.of("name", "My new phone"))
                    .text("id");
            String smsCode = SmsGatewayDouble.latestCode(customer.phone()).orElseThrow();
            Api.Response bound = api.post("/api/v1/devices", session,
                    Map.of("challengeId", challengeId, "code", smsCode));
            assertThat(bound.status()).as("bind").isEqualTo(201);
            return new BoundPhone(session, bound);
        }

        @Test
        void bindingAPhoneShowsItsSecretOnceAndItsCodeVerifiesOnce(CapturedOutput output) {
            TestBank.Customer customer = bank.customer(0, null);
            BoundPhone phone = bindNewPhone(customer, customer.deviceId());

            String secret = phone.answer().body().path("otp").path("secret").asText();
            assertThat(secret).matches("[A-Z2-7]{32}");
            assertThat(phone.answer().body().path("otp").path("uri").asText()).isEqualTo("otpauth://totp/BranchLink:"
                    + customer.username() + "?secret=" + secret + "&issuer=BranchLink&digits=6&period=30");
            assertThat(phone.answer().body().path("otp").path("digits").asInt()).isEqualTo(6);
            assertThat(new String(api.get("/api/v1/devices", phone.session()).bytes(), StandardCharsets.UTF_8))
                    .doesNotContain(secret).doesNotContain("\"otp\"");
            Api.Response bindAgain = api.post("/api/v1/devices", phone.session(), Map.of("challengeId",
                    UUID.randomUUID().toString()));
            assertThat(bindAgain.status()).isEqualTo(200);
            assertThat(bindAgain.body().has("otp")).as("never again").isFalse();
            String code = code(secret, clock.instant());

            Api.Response verified = api.post(VERIFICATIONS, phone.session(), Map.of("code", code));

            assertThat(verified.status()).isEqualTo(200);
            assertThat(verified.body().path("verified").asBoolean()).isTrue();
            Api.Response replayed = api.post(VERIFICATIONS, phone.session(), Map.of("code", code));
            assertThat(replayed.status()).isEqualTo(403);
            assertThat(replayed.irc()).isEqualTo("STEP_UP_REQUIRED");
            assertThat(replayed.text("otp")).isEqualTo("REUSED");
            assertThat(output.getAll()).contains("otp enrolled customer=" + customer.id())
                    .contains("otp verification outcome=verified customer=" + customer.id())
                    .contains("otp verification outcome=reused")
                    .doesNotContain(secret);
            assertThat(output.getAll().lines().filter(line -> line.contains("otp")))
                    .noneMatch(line -> line.contains(code));
        }

        @Test
        void answersAWrongCodeAMalformedOneAndALockAsProblems() {
            TestBank.Customer customer = bank.customer(0, null);
            BoundPhone phone = bindNewPhone(customer, customer.deviceId());
            String secret = phone.answer().body().path("otp").path("secret").asText();

            Api.Response malformed = api.post(VERIFICATIONS, phone.session(), Map.of("code", "12345"));
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(malformed.irc()).isEqualTo("FORMAT_ERROR");
            assertThat(malformed.body().path("fields").has("code")).isTrue();

            Api.Response wrong = api.post(VERIFICATIONS, phone.session(), Map.of("code", wrongCode(secret)));
            assertThat(wrong.status()).isEqualTo(403);
            assertThat(wrong.irc()).isEqualTo("STEP_UP_REQUIRED");
            assertThat(wrong.text("otp")).isEqualTo("WRONG");
            assertThat(wrong.body().path("attemptsLeft").asInt()).isEqualTo(4);

            Api.Response last = null;
            for (int i = 0; i < 4; i++) {
                last = api.post(VERIFICATIONS, phone.session(), Map.of("code", wrongCode(secret)));
            }
            assertThat(last.status()).isEqualTo(403);
            assertThat(last.irc()).isEqualTo("ACCOUNT_BLOCKED");
            assertThat(last.body().path("retryAfter").asLong()).isEqualTo(900);
            assertThat(last.headers().getFirst("Retry-After")).isEqualTo("900");
            Api.Response locked = api.post(VERIFICATIONS, phone.session(),
                    Map.of("code", code(secret, clock.instant())));
            assertThat(locked.irc()).as("the right code while locked").isEqualTo("ACCOUNT_BLOCKED");
        }

        @Test
        void aPhoneBoundBeforeSoftOtpHasNoFactorAndAnUnboundPhoneNone() {
            TestBank.Customer customer = bank.customer(0);

            Api.Response seeded = api.post(VERIFICATIONS, login(customer), Map.of("code", "123456"));
            assertThat(seeded.status()).isEqualTo(409);
            assertThat(seeded.text("otp")).isEqualTo("NOT_ENROLLED");

            Api.Response login = api.post("/api/v1/sessions", null, Map.of("username", customer.username(),
                    "password", TestBank.PASSWORD, "deviceId", customer.deviceId() + "-other"));
            Api.Response unbound = api.post(VERIFICATIONS, Api.bearer(login.text("token")),
                    Map.of("code", "123456"));
            assertThat(unbound.status()).isEqualTo(403);
            assertThat(unbound.irc()).isEqualTo("ACCESS_DENIED");
        }
    }

    @Nested
    @ExtendWith(OutputCaptureExtension.class)
    class EnrolmentOfAPhoneBoundBefore {

        static final String ENROL = "/api/v1/devices/current/otp";

        byte[] storedSecret(TestBank.Customer customer) {
            return jdbc.sql("select secret_encrypted from device_otp where customer_id = ? and device_id = ?")
                    .params(customer.id(), customer.deviceId()).query(byte[].class).single();
        }

        @Test
        void enrolsOnceAndItsSecretVerifiesACode(CapturedOutput output) {
            TestBank.Customer customer = bank.customer(0);
            String session = login(customer);
            double enrolmentsBefore = meters.counter("branchlink.channel.otp.enrolments").count();

            Api.Response enrolled = api.post(ENROL, session, Map.of());

            assertThat(enrolled.status()).isEqualTo(201);
            String secret = enrolled.text("secret");
            assertThat(secret).matches("[A-Z2-7]{32}");
            assertThat(enrolled.text("uri")).isEqualTo("otpauth://totp/BranchLink:" + customer.username()
                    + "?secret=" + secret + "&issuer=BranchLink&digits=6&period=30");
            assertThat(meters.counter("branchlink.channel.otp.enrolments").count() - enrolmentsBefore).isEqualTo(1);
            Api.Response verified = api.post(VERIFICATIONS, session, Map.of("code", code(secret, clock.instant())));
            assertThat(verified.status()).isEqualTo(200);
            assertThat(verified.body().path("verified").asBoolean()).isTrue();
            assertThat(output.getAll()).contains("otp enrolment of a bound phone customer=" + customer.id()
                    + " device=" + customer.deviceId() + " outcome=enrolled").doesNotContain(secret);
        }

        @Test
        void neverReplacesAnEnrolledSecret(CapturedOutput output) {
            TestBank.Customer customer = bank.customer(0);
            String session = login(customer);
            String secret = api.post(ENROL, session, Map.of()).text("secret");
            byte[] stored = storedSecret(customer);
            double refusedBefore = meters.counter("branchlink.channel.otp.late-enrolments", "outcome",
                    "already-enrolled").count();

            Api.Response again = api.post(ENROL, session, Map.of());

            assertThat(again.status()).isEqualTo(409);
            assertThat(again.irc()).isEqualTo("CONFLICT");
            assertThat(again.body().has("secret")).isFalse();
            assertThat(storedSecret(customer)).isEqualTo(stored);
            assertThat(api.post(VERIFICATIONS, session, Map.of("code", code(secret, clock.instant()))).status())
                    .as("the first secret still verifies").isEqualTo(200);
            assertThat(api.post(ENROL, login(customer), Map.of()).status()).as("nor from a new session")
                    .isEqualTo(409);
            assertThat(meters.counter("branchlink.channel.otp.late-enrolments", "outcome", "already-enrolled")
                    .count() - refusedBefore).as("refusals counted as such").isEqualTo(2);
            assertThat(output.getAll()).contains("otp enrolment of a bound phone customer=" + customer.id()
                    + " device=" + customer.deviceId() + " outcome=refused reason=already-enrolled");
        }

        @Test
        void refusesAPhoneBoundThroughTheApiWhichIsEnrolledAlready() {
            TestBank.Customer customer = bank.customer(0);
            String secret = enrol(customer);

            Api.Response again = api.post(ENROL, login(customer), Map.of());

            assertThat(again.status()).isEqualTo(409);
            assertThat(softOtp.verify(customer.id(), customer.deviceId(), code(secret, clock.instant())).outcome())
                    .isEqualTo(SoftOtp.Outcome.VERIFIED);
        }

        @Test
        void refusesAnUnboundPhone() {
            TestBank.Customer customer = bank.customer(0);
            Api.Response login = api.post("/api/v1/sessions", null, Map.of("username", customer.username(),
                    "password", TestBank.PASSWORD, "deviceId", customer.deviceId() + "-other"));

            Api.Response unbound = api.post(ENROL, Api.bearer(login.text("token")), Map.of());

            assertThat(unbound.status()).isEqualTo(403);
            assertThat(unbound.irc()).isEqualTo("ACCESS_DENIED");
            assertThat(jdbc.sql("select count(*) from device_otp where customer_id = ?").param(customer.id())
                    .query(Integer.class).single()).isZero();
        }

        @Test
        void refusesASessionOlderThanTheFreshLoginWindow() {
            TestBank.Customer customer = bank.customer(0);
            String session = login(customer);

            clock.advance(Duration.ofMinutes(10).plusSeconds(1));
            Api.Response stale = api.post(ENROL, session, Map.of());

            assertThat(stale.status()).isEqualTo(403);
            assertThat(stale.irc()).isEqualTo("STEP_UP_REQUIRED");
            assertThat(softOtp.enrolled(customer.id(), customer.deviceId())).isFalse();
            assertThat(api.post(ENROL, login(customer), Map.of()).status()).as("after logging in again")
                    .isEqualTo(201);
        }

        @Test
        void anotherCustomerCannotEnrolOrReplaceTheFactor() {
            TestBank.Customer owner = bank.customer(0);
            TestBank.Customer other = bank.customer(0);
            String secret = api.post(ENROL, login(owner), Map.of()).text("secret");
            byte[] stored = storedSecret(owner);
            Api.Response otherLogin = api.post("/api/v1/sessions", null, Map.of("username", other.username(),
                    "password", TestBank.PASSWORD, "deviceId", owner.deviceId()));

            Api.Response onTheOwnersPhone = api.post(ENROL, Api.bearer(otherLogin.text("token")), Map.of());
            Api.Response onTheirOwn = api.post(ENROL, login(other), Map.of());

            assertThat(onTheOwnersPhone.status()).as("not bound to the other customer").isEqualTo(403);
            assertThat(onTheOwnersPhone.irc()).isEqualTo("ACCESS_DENIED");
            assertThat(onTheirOwn.status()).isEqualTo(201);
            assertThat(onTheirOwn.text("secret")).isNotEqualTo(secret);
            assertThat(storedSecret(owner)).isEqualTo(stored);
            assertThat(softOtp.verify(owner.id(), owner.deviceId(), code(onTheirOwn.text("secret"), clock.instant()))
                    .outcome()).isEqualTo(SoftOtp.Outcome.WRONG);
            assertThat(softOtp.verify(owner.id(), owner.deviceId(), code(secret, clock.instant())).outcome())
                    .isEqualTo(SoftOtp.Outcome.VERIFIED);
        }
    }

    @Nested
    class Verification {

        @Test
        void acceptsATimeStepOnceAndTheNextOneLater() {
            TestBank.Customer customer = bank.customer(0);
            String secret = enrol(customer);
            Instant now = clock.instant();

            assertThat(softOtp.verify(customer.id(), customer.deviceId(), code(secret, now)).outcome())
                    .isEqualTo(SoftOtp.Outcome.VERIFIED);
            assertThat(softOtp.verify(customer.id(), customer.deviceId(), code(secret, now)).outcome())
                    .isEqualTo(SoftOtp.Outcome.REUSED);
            assertThat(softOtp.verify(customer.id(), customer.deviceId(), code(secret, now.minusSeconds(30)))
                    .outcome()).as("an earlier step than the accepted one").isEqualTo(SoftOtp.Outcome.REUSED);

            clock.advance(Duration.ofSeconds(30));

            assertThat(softOtp.verify(customer.id(), customer.deviceId(), code(secret, clock.instant())).outcome())
                    .isEqualTo(SoftOtp.Outcome.VERIFIED);
            assertThat(softOtp.verify(customer.id(), customer.deviceId(), code(secret, clock.instant())).outcome())
                    .isEqualTo(SoftOtp.Outcome.REUSED);
        }

        @Test
        void acceptsACodeOfTheNextStepAndThenNotTheCurrentOne() {
            TestBank.Customer customer = bank.customer(0);
            String secret = enrol(customer);
            Instant now = clock.instant();

            assertThat(softOtp.verify(customer.id(), customer.deviceId(), code(secret, now.plusSeconds(30)))
                    .outcome()).isEqualTo(SoftOtp.Outcome.VERIFIED);
            assertThat(softOtp.verify(customer.id(), customer.deviceId(), code(secret, now)).outcome())
                    .isEqualTo(SoftOtp.Outcome.REUSED);
            assertThat(softOtp.verify(customer.id(), customer.deviceId(), code(secret, now.plusSeconds(60)))
                    .outcome()).as("two steps ahead").isEqualTo(SoftOtp.Outcome.WRONG);
        }

        @Test
        void acceptsOneCodeExactlyOnceWhenEightVerifyItAtOnce() throws Exception {
            TestBank.Customer customer = bank.customer(0);
            String code = code(enrol(customer), clock.instant());
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<SoftOtp.Outcome>> results = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return softOtp.verify(customer.id(), customer.deviceId(), code).outcome();
                    }));
                }
                start.countDown();
                List<SoftOtp.Outcome> outcomes = new ArrayList<>();
                for (Future<SoftOtp.Outcome> result : results) {
                    outcomes.add(result.get(30, TimeUnit.SECONDS));
                }

                assertThat(outcomes).filteredOn(o -> o == SoftOtp.Outcome.VERIFIED).hasSize(1);
                assertThat(outcomes).filteredOn(o -> o == SoftOtp.Outcome.REUSED).hasSize(7);
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void locksAfterFiveWrongCodesAndOpensAgainWhenTheLockEnds() {
            TestBank.Customer customer = bank.customer(0);
            String secret = enrol(customer);
            double wrongBefore = count("wrong");
            double throttledBefore = count("throttled");

            for (int attemptsLeft = 4; attemptsLeft >= 1; attemptsLeft--) {
                SoftOtp.Verification wrong = softOtp.verify(customer.id(), customer.deviceId(), wrongCode(secret));
                assertThat(wrong.outcome()).isEqualTo(SoftOtp.Outcome.WRONG);
                assertThat(wrong.attemptsLeft()).isEqualTo(attemptsLeft);
            }
            SoftOtp.Verification fifth = softOtp.verify(customer.id(), customer.deviceId(), wrongCode(secret));

            assertThat(fifth.outcome()).isEqualTo(SoftOtp.Outcome.THROTTLED);
            assertThat(fifth.retryAfter()).isEqualTo(Duration.ofMinutes(15));
            clock.advance(Duration.ofMinutes(14));
            SoftOtp.Verification stillLocked = softOtp.verify(customer.id(), customer.deviceId(),
                    code(secret, clock.instant()));
            assertThat(stillLocked.outcome()).as("the right code while locked").isEqualTo(SoftOtp.Outcome.THROTTLED);
            assertThat(stillLocked.retryAfterSeconds()).isBetween(59L, 60L);
            assertThat(count("wrong") - wrongBefore).isEqualTo(4);
            assertThat(count("throttled") - throttledBefore).isEqualTo(2);

            clock.advance(Duration.ofMinutes(1));

            assertThat(softOtp.verify(customer.id(), customer.deviceId(), code(secret, clock.instant())).outcome())
                    .isEqualTo(SoftOtp.Outcome.VERIFIED);
            assertThat(softOtp.verify(customer.id(), customer.deviceId(), wrongCode(secret)).attemptsLeft())
                    .as("counting starts again").isEqualTo(4);
        }

        @Test
        void forgetsWrongCodesOlderThanTheWindow() {
            TestBank.Customer customer = bank.customer(0);
            String secret = enrol(customer);
            for (int i = 0; i < 4; i++) {
                softOtp.verify(customer.id(), customer.deviceId(), wrongCode(secret));
            }

            clock.advance(Duration.ofMinutes(15).plusSeconds(30));

            SoftOtp.Verification wrong = softOtp.verify(customer.id(), customer.deviceId(), wrongCode(secret));
            assertThat(wrong.outcome()).isEqualTo(SoftOtp.Outcome.WRONG);
            assertThat(wrong.attemptsLeft()).isEqualTo(4);
        }

        @Test
        void aDeviceWithoutASecretIsNotEnrolled() {
            TestBank.Customer customer = bank.customer(0);

            assertThat(softOtp.verify(customer.id(), customer.deviceId(), "123456").outcome())
                    .isEqualTo(SoftOtp.Outcome.NOT_ENROLLED);
        }
    }

    @Nested
    class AtRest {

        @Test
        void theStoredSecretIsEncrypted() {
            TestBank.Customer customer = bank.customer(0);
            String secret = enrol(customer);

            byte[] stored = jdbc.sql("select secret_encrypted from device_otp where customer_id = ? and device_id = ?")
                    .params(customer.id(), customer.deviceId()).query(byte[].class).single();

            assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(secret);
            assertThat(new String(stored, StandardCharsets.ISO_8859_1))
                    .doesNotContain(new String(new Base32().decode(secret), StandardCharsets.ISO_8859_1));
            assertThat(stored).hasSize(12 + 20 + 16);
        }

        @Test
        void aWrongEncryptionKeyFailsClearly() {
            TestBank.Customer customer = bank.customer(0);
            String secret = enrol(customer);
            byte[] otherKey = new byte[32];
            otherKey[0] = 1;
            SoftOtp withOtherKey = new SoftOtp(jdbc, new OtpProperties(Base64.getEncoder().encodeToString(otherKey),
                    5, Duration.ofMinutes(15), Duration.ofMinutes(15)), clock, meters);

            assertThatThrownBy(() -> withOtherKey.verify(customer.id(), customer.deviceId(),
                    code(secret, clock.instant())))
                    .hasMessageContaining("branchlink.channel.otp.encryption-key is not the key it was encrypted with")
                    .hasMessageNotContaining(secret);
            assertThat(softOtp.verify(customer.id(), customer.deviceId(), code(secret, clock.instant())).outcome())
                    .as("the right key still reads it").isEqualTo(SoftOtp.Outcome.VERIFIED);
            assertThatThrownBy(withOtherKey::checkKey).as("the check at start")
                    .hasMessageContaining("branchlink.channel.otp.encryption-key is not the key it was encrypted with");
            softOtp.checkKey();
        }
    }
}
