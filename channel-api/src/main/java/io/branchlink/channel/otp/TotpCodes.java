package io.branchlink.channel.otp;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import javax.crypto.spec.SecretKeySpec;

/**
 * TOTP (RFC 6238) with the authenticator apps' defaults: HMAC-SHA1, 6 digits, 30-second steps. java-otp computes
 * the codes; it has no verification, so the window is here: a code is checked against the steps before, at and
 * after the current one, each compared in constant time.
 *
 * @see io.branchlink.channel.otp.SoftOtpCodesTests
 */
final class TotpCodes {

    static final String ALGORITHM = TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1;
    static final int DIGITS = 6;
    static final Duration PERIOD = Duration.ofSeconds(30);
    /** Steps accepted on either side of the current one: one step of clock skew or of typing. */
    static final int SKEW_STEPS = 1;
    static final int SECRET_BYTES = 20;

    private final TimeBasedOneTimePasswordGenerator generator =
            new TimeBasedOneTimePasswordGenerator(PERIOD, DIGITS, ALGORITHM);

    /** The time step of an instant: seconds since the epoch divided by 30, rounded down. */
    static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), PERIOD.toSeconds());
    }

    /** The code of {@code step}, zero-padded, in ASCII digits whatever the default locale. */
    String code(byte[] secret, long step) {
        try {
            return generator.generateOneTimePasswordString(new SecretKeySpec(secret, ALGORITHM),
                    Instant.ofEpochSecond(step * PERIOD.toSeconds()), Locale.ROOT);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("a TOTP secret is not a usable HMAC key", e);
        }
    }

    /**
     * The latest step within the window around {@code now} whose code is {@code code}, if any. Every step of the
     * window is computed and compared, whatever matched first.
     */
    OptionalLong matchingStep(byte[] secret, String code, Instant now) {
        byte[] given = code.getBytes(StandardCharsets.US_ASCII);
        long current = step(now);
        long matched = Long.MIN_VALUE;
        for (long step = current - SKEW_STEPS; step <= current + SKEW_STEPS; step++) {
            if (MessageDigest.isEqual(given, code(secret, step).getBytes(StandardCharsets.US_ASCII))) {
                matched = step;
            }
        }
        return matched == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(matched);
    }

    static boolean wellFormed(String code) {
        return code != null && code.length() == DIGITS && code.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
