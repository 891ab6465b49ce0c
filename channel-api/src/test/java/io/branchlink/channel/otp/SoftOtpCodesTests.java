package io.branchlink.channel.otp;

import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TOTP codes as RFC 6238 defines them (Appendix B's test vectors through java-otp) and the verification window
 * around them: the current step and one either side, no further.
 */
class SoftOtpCodesTests {

    /** RFC 6238 Appendix B: the SHA-1 seed is the ASCII of "12345678901234567890" (20 bytes). */
    static final byte[] RFC_SEED = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    final TotpCodes codes = new TotpCodes();

    @Nested
    class Rfc6238Vectors {

        @ParameterizedTest
        @CsvSource({
                "59, 94287082",
                "1111111109, 07081804",
                "1111111111, 14050471",
                "1234567890, 89005924",
                "2000000000, 69279037",
                "20000000000, 65353130"
        })
        void theLibraryGivesAppendixBsSha1CodesWithEightDigits(long unixSeconds, String expected) throws Exception {
            TimeBasedOneTimePasswordGenerator eightDigits = new TimeBasedOneTimePasswordGenerator(
                    Duration.ofSeconds(30), 8, TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);

            String code = eightDigits.generateOneTimePasswordString(
                    new SecretKeySpec(RFC_SEED, TotpCodes.ALGORITHM), Instant.ofEpochSecond(unixSeconds),
                    Locale.ROOT);

            assertThat(code).isEqualTo(expected);
        }

        @ParameterizedTest
        @CsvSource({"59, 287082", "1111111109, 081804", "1234567890, 005924", "20000000000, 353130"})
        void sixDigitCodesAreTheLastSixDigitsZeroPadded(long unixSeconds, String expected) {
            assertThat(codes.code(RFC_SEED, TotpCodes.step(Instant.ofEpochSecond(unixSeconds)))).isEqualTo(expected);
        }

        @Test
        void stepsAreThirtySecondsFromTheEpoch() {
            assertThat(TotpCodes.step(Instant.ofEpochSecond(59))).isEqualTo(1);
            assertThat(TotpCodes.step(Instant.ofEpochSecond(60))).isEqualTo(2);
            assertThat(TotpCodes.step(Instant.ofEpochSecond(1111111109))).isEqualTo(0x23523EC);
        }
    }

    @Nested
    class Window {

        final Instant now = Instant.parse("2026-12-07T18:00:10Z");
        final long current = TotpCodes.step(now);

        @ParameterizedTest
        @ValueSource(longs = {-1, 0, 1})
        void acceptsTheCurrentStepAndOneEitherSide(long offset) {
            String code = codes.code(RFC_SEED, current + offset);

            assertThat(codes.matchingStep(RFC_SEED, code, now)).hasValue(current + offset);
        }

        @ParameterizedTest
        @ValueSource(longs = {-3, -2, 2, 3})
        void refusesTwoOrMoreStepsAway(long offset) {
            String code = codes.code(RFC_SEED, current + offset);
            for (long step = current - 1; step <= current + 1; step++) {
                // a code of a step outside the window may by chance equal one inside it (1 in 10^6); not for these
                assertThat(codes.code(RFC_SEED, step)).isNotEqualTo(code);
            }

            assertThat(codes.matchingStep(RFC_SEED, code, now)).isEmpty();
        }

        @Test
        void aCodeIsAcceptedThirtySecondsLaterButNotSeventyFive() {
            String code = codes.code(RFC_SEED, current);

            assertThat(codes.matchingStep(RFC_SEED, code, now.plusSeconds(30))).hasValue(current);
            assertThat(codes.matchingStep(RFC_SEED, code, now.plusSeconds(75))).isEmpty();
        }

        @Test
        void anotherSecretsCodeIsRefused() {
            byte[] other = "abcdefghijabcdefghij".getBytes(StandardCharsets.US_ASCII);

            assertThat(codes.matchingStep(RFC_SEED, codes.code(other, current), now)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "12345", "1234567", "12345a", "١٢٣٤٥٦", " 12345"})
        void onlySixAsciiDigitsAreWellFormed(String code) {
            assertThat(TotpCodes.wellFormed(code)).isFalse();
            assertThat(TotpCodes.wellFormed("012345")).isTrue();
        }
    }
}
