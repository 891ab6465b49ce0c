package io.branchlink.channel.otp;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import org.apache.commons.codec.binary.Base32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The soft-OTP step-up factor: a TOTP secret per bound phone, enrolled when the phone is bound (or once, later, for
 * a phone bound before soft OTP existed) and shown to the customer once, and verification of its codes. A code is accepted within one step (30 s) either side of now, a
 * time step is never accepted twice for a device, and wrong codes lock the factor for a while. Neither a code nor a
 * secret is ever logged.
 *
 * @see io.branchlink.channel.otp.SoftOtpIntegrationTests
 */
@Service
public class SoftOtp {

    static final String ISSUER = "BranchLink";

    private static final Logger log = LoggerFactory.getLogger(SoftOtp.class);

    private final JdbcClient jdbc;
    private final OtpProperties settings;
    private final Clock clock;
    private final MeterRegistry meters;
    private final SecureRandom random = new SecureRandom();
    private final SecretCipher cipher;
    private final TotpCodes codes = new TotpCodes();

    SoftOtp(JdbcClient jdbc, OtpProperties settings, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
        this.meters = meters;
        this.cipher = new SecretCipher(settings.key(), random);
    }

    /**
     * Creates the device's TOTP secret (replacing any earlier one of the same customer and device) inside the
     * caller's transaction, and returns it for the one answer that shows it.
     *
     * @param username the customer's login name, the account name the authenticator app shows
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Enrolment enrol(UUID customerId, String deviceId, String username) {
        return store(customerId, deviceId, username, """
                insert into device_otp (customer_id, device_id, secret_encrypted, enrolled_at)
                values (?, ?, ?, ?)
                on conflict (customer_id, device_id) do update
                   set secret_encrypted = excluded.secret_encrypted, enrolled_at = excluded.enrolled_at,
                       last_accepted_step = null, failed_attempts = 0, first_failed_at = null,
                       locked_until = null
                """).orElseThrow();
    }

    /**
     * Creates the device's TOTP secret inside the caller's transaction only when it has none, for a phone bound
     * before soft OTP existed. An enrolled secret is never replaced: whoever holds a session must not be able to swap
     * the customer's factor for one of their own.
     *
     * @return the new secret for the one answer that shows it, or empty when the device already has one
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Enrolment> enrolFirst(UUID customerId, String deviceId, String username) {
        return store(customerId, deviceId, username, """
                insert into device_otp (customer_id, device_id, secret_encrypted, enrolled_at)
                values (?, ?, ?, ?)
                on conflict (customer_id, device_id) do nothing
                """);
    }

    private Optional<Enrolment> store(UUID customerId, String deviceId, String username, String insert) {
        byte[] secret = new byte[TotpCodes.SECRET_BYTES];
        random.nextBytes(secret);
        try {
            int stored = jdbc.sql(insert)
                    .params(customerId, deviceId, cipher.encrypt(secret, owner(customerId, deviceId)),
                            Timestamp.from(clock.instant()))
                    .update();
            if (stored == 0) {
                return Optional.empty();
            }
            String base32 = new Base32().encodeToString(secret);
            meters.counter("branchlink.channel.otp.enrolments").increment();
            log.info("otp enrolled customer={} device={}", customerId, deviceId);
            return Optional.of(new Enrolment(base32, uri(username, base32), ISSUER, "SHA1", TotpCodes.DIGITS,
                    (int) TotpCodes.PERIOD.toSeconds()));
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /**
     * Checks a code from the device's authenticator. A code of a malformed shape is a wrong code.
     *
     * @throws SecretCipher.SecretUnreadableException when the stored secret does not decrypt with the configured key
     */
    @Transactional
    public Verification verify(UUID customerId, String deviceId, String code) {
        Instant now = clock.instant();
        Row row = jdbc.sql("""
                select secret_encrypted, last_accepted_step, failed_attempts, first_failed_at, locked_until
                  from device_otp
                 where customer_id = ? and device_id = ?
                   for update
                """)
                .params(customerId, deviceId)
                .query(Row.class)
                .optional()
                .orElse(null);
        if (row == null) {
            return outcome(customerId, deviceId, new Verification(Outcome.NOT_ENROLLED, 0, null), "");
        }
        if (row.lockedUntil() != null && row.lockedUntil().isAfter(now)) {
            return outcome(customerId, deviceId,
                    new Verification(Outcome.THROTTLED, 0, Duration.between(now, row.lockedUntil())), "");
        }
        OptionalLong step = OptionalLong.empty();
        if (TotpCodes.wellFormed(code)) {
            byte[] secret = cipher.decrypt(row.secretEncrypted(), owner(customerId, deviceId));
            try {
                step = codes.matchingStep(secret, code, now);
            } finally {
                Arrays.fill(secret, (byte) 0);
            }
        }
        if (step.isEmpty()) {
            return wrong(customerId, deviceId, row, now);
        }
        int accepted = jdbc.sql("""
                update device_otp
                   set last_accepted_step = ?, failed_attempts = 0, first_failed_at = null, locked_until = null
                 where customer_id = ? and device_id = ?
                   and (last_accepted_step is null or last_accepted_step < ?)
                """)
                .params(step.getAsLong(), customerId, deviceId, step.getAsLong())
                .update();
        if (accepted == 0) {
            return outcome(customerId, deviceId, new Verification(Outcome.REUSED, 0, null), "");
        }
        return outcome(customerId, deviceId, new Verification(Outcome.VERIFIED, 0, null), "");
    }

    /** Whether the phone has a soft-OTP secret, so that a step-up may ask it for a code. */
    @Transactional(readOnly = true)
    public boolean enrolled(UUID customerId, String deviceId) {
        return jdbc.sql("select count(*) from device_otp where customer_id = ? and device_id = ?")
                .params(customerId, deviceId)
                .query(Integer.class)
                .single() > 0;
    }

    private Verification wrong(UUID customerId, String deviceId, Row row, Instant now) {
        boolean counting = row.firstFailedAt() != null
                && row.firstFailedAt().isAfter(now.minus(settings.failureWindow()));
        int failures = counting ? row.failedAttempts() + 1 : 1;
        Instant firstFailedAt = counting ? row.firstFailedAt() : now;
        if (failures >= settings.maxFailures()) {
            Instant lockedUntil = now.plus(settings.lock());
            jdbc.sql("""
                    update device_otp set failed_attempts = 0, first_failed_at = null, locked_until = ?
                     where customer_id = ? and device_id = ?
                    """)
                    .params(Timestamp.from(lockedUntil), customerId, deviceId)
                    .update();
            meters.counter("branchlink.channel.otp.locks").increment();
            return outcome(customerId, deviceId, new Verification(Outcome.THROTTLED, 0, settings.lock()),
                    " failedAttempts=" + failures + " lock=started");
        }
        jdbc.sql("""
                update device_otp set failed_attempts = ?, first_failed_at = ?
                 where customer_id = ? and device_id = ?
                """)
                .params(failures, Timestamp.from(firstFailedAt), customerId, deviceId)
                .update();
        return outcome(customerId, deviceId,
                new Verification(Outcome.WRONG, settings.maxFailures() - failures, null),
                " failedAttempts=" + failures);
    }

    private Verification outcome(UUID customerId, String deviceId, Verification verification, String extra) {
        meters.counter("branchlink.channel.otp.verifications", "outcome", verification.outcome().tag()).increment();
        String retry = verification.retryAfter() == null ? ""
                : " retryAfter=" + verification.retryAfterSeconds() + "s";
        if (extra.contains("lock=started")) {
            log.warn("otp verification outcome={} customer={} device={}{}{}", verification.outcome().tag(),
                    customerId, deviceId, extra, retry);
        } else {
            log.info("otp verification outcome={} customer={} device={}{}{}", verification.outcome().tag(),
                    customerId, deviceId, extra, retry);
        }
        return verification;
    }

    /**
     * Reads the newest stored secret with the configured key, so that a wrong key stops channel-api at start rather
     * than at the first verification. Nothing to read, nothing to check.
     *
     * @throws SecretCipher.SecretUnreadableException when the key does not read it
     */
    void checkKey() {
        jdbc.sql("select customer_id, device_id, secret_encrypted from device_otp order by enrolled_at desc limit 1")
                .query((rs, n) -> {
                    byte[] secret = cipher.decrypt(rs.getBytes("secret_encrypted"),
                            owner(rs.getObject("customer_id", UUID.class), rs.getString("device_id")));
                    Arrays.fill(secret, (byte) 0);
                    return Boolean.TRUE;
                })
                .optional();
    }

    /** {@code otpauth://totp/BranchLink:<username>?secret=…&issuer=BranchLink&digits=6&period=30}. */
    static String uri(String username, String base32Secret) {
        String account = URLEncoder.encode(username, StandardCharsets.UTF_8).replace("+", "%20");
        return "otpauth://totp/" + ISSUER + ":" + account + "?secret=" + base32Secret + "&issuer=" + ISSUER
                + "&digits=" + TotpCodes.DIGITS + "&period=" + TotpCodes.PERIOD.toSeconds();
    }

    /** The associated data that ties an encrypted secret to its row. */
    static String owner(UUID customerId, String deviceId) {
        return "customer " + customerId + " device " + deviceId;
    }

    /** What a verification came to. */
    public enum Outcome {
        /** The code is right and its time step had not been accepted before: it is now. */
        VERIFIED,
        /** Not the code of any step in the window (or not 6 digits); counts towards the lock. */
        WRONG,
        /** The code of a step at or before the last accepted one: a replay, refused; does not count. */
        REUSED,
        /** The factor is locked after too many wrong codes; the code was not checked. */
        THROTTLED,
        /** The device has no soft-OTP secret (bound before soft OTP existed, or not bound). */
        NOT_ENROLLED;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param attemptsLeft for {@link Outcome#WRONG}: wrong codes left before the factor locks
     * @param retryAfter for {@link Outcome#THROTTLED}: how long the lock still lasts; otherwise {@code null}
     */
    public record Verification(Outcome outcome, int attemptsLeft, Duration retryAfter) {

        public boolean verified() {
            return outcome == Outcome.VERIFIED;
        }

        /** {@code retryAfter} in whole seconds, rounded up; 0 without one. */
        public long retryAfterSeconds() {
            if (retryAfter == null) {
                return 0;
            }
            long seconds = retryAfter.toSeconds();
            return retryAfter.minusSeconds(seconds).isZero() ? seconds : seconds + 1;
        }
    }

    /**
     * A device's new TOTP secret as the customer's authenticator takes it: shown once, at binding (or at the first
     * enrolment of a phone bound before soft OTP existed), and never again.
     * toString does not print the secret.
     *
     * @param secret the 160-bit secret in Base32 (RFC 4648, no padding)
     * @param uri the same as an {@code otpauth://totp/…} key URI, for a QR code an authenticator app scans
     */
    public record Enrolment(String secret, String uri, String issuer, String algorithm, int digits, int period) {

        @Override
        public String toString() {
            return "Enrolment[issuer=" + issuer + ", algorithm=" + algorithm + ", digits=" + digits + ", period="
                    + period + "]";
        }
    }

    private record Row(byte[] secretEncrypted, Long lastAcceptedStep, int failedAttempts, Instant firstFailedAt,
            Instant lockedUntil) {
    }
}
