package io.branchlink.protocol.iso8583;

import static io.branchlink.protocol.iso8583.IsoFixtures.AT;
import static io.branchlink.protocol.iso8583.IsoFixtures.KEY;
import static io.branchlink.protocol.iso8583.IsoFixtures.KEYS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.branchlink.protocol.iso8583.IsoFormatException.Reason;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.rc.Irc;
import io.branchlink.protocol.rc.IsoResponseCodes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class Iso8583CodecTests {

    static Stream<Arguments> everyMessage() {
        return Stream.of(IsoFixtures.withdrawal(), IsoFixtures.deposit(), IsoFixtures.approved(),
                IsoFixtures.declined(), IsoFixtures.fullReversal(), IsoFixtures.partialReversal(),
                IsoFixtures.reversalResponse(), IsoFixtures.depositAdvice(), IsoFixtures.depositAdviceResponse(),
                IsoFixtures.signOn(), IsoFixtures.signOnResponse())
                .map(m -> Arguments.of(m.mti().code() + " " + m.getClass().getSimpleName(), m));
    }

    static Stream<String> goldenNames() {
        return IsoFixtures.golden().keySet().stream();
    }

    private static IsoMessage decode(byte[] message) {
        return Iso8583Codec.decode(message, KEYS, AT);
    }

    private static void assertRejected(ThrowingCallable call, Reason reason, int field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(IsoFormatException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.field()).isEqualTo(field);
        });
    }

    /** Re-encodes an altered message with a correct MAC, so the check under test is the one that fails. */
    private static byte[] remac(byte[] message) {
        byte[] copy = message.clone();
        byte[] mac = IsoMac.compute(KEY, copy, 0, copy.length - IsoMac.BYTES);
        System.arraycopy(mac, 0, copy, copy.length - IsoMac.BYTES, IsoMac.BYTES);
        return copy;
    }

    private static int indexOf(byte[] haystack, String ascii) {
        byte[] needle = ascii.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found: " + ascii);
    }

    @Nested
    class RoundTrip {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.branchlink.protocol.iso8583.Iso8583CodecTests#everyMessage")
        void decodesWhatItEncodesFieldForField(String name, IsoMessage message) {
            IsoMessage decoded = decode(Iso8583Codec.encode(message, KEY));

            assertThat(decoded).usingRecursiveComparison().isEqualTo(message);
            assertThat(decoded).isEqualTo(message);
        }

        @ParameterizedTest
        @EnumSource(NetworkCode.class)
        void carriesEveryNetworkCode(NetworkCode code) {
            NetworkRequest request = new NetworkRequest(code, AT, 42, IsoFixtures.TERMINAL, "B7");

            assertThat(decode(Iso8583Codec.encode(request, KEY))).isEqualTo(request);
        }

        @ParameterizedTest
        @EnumSource(IsoResponseCode.class)
        void carriesEveryResponseCode(IsoResponseCode code) {
            FinancialResponse response = FinancialResponse.responseTo(IsoFixtures.withdrawal(), code,
                    code.approved() ? "123456" : null);

            FinancialResponse decoded = (FinancialResponse) decode(Iso8583Codec.encode(response, KEY));

            assertThat(decoded.responseCode()).isEqualTo(code);
            assertThat(decoded).isEqualTo(response);
        }

        @Test
        void infersTheYearAcrossNewYear() {
            Instant lateDecember = Instant.parse("2025-12-31T23:59:58Z");
            NetworkRequest echo = new NetworkRequest(NetworkCode.ECHO_TEST, lateDecember, 9, IsoFixtures.TERMINAL,
                    "BR001");

            IsoMessage decoded = Iso8583Codec.decode(Iso8583Codec.encode(echo, KEY), KEYS,
                    Instant.parse("2026-01-01T00:00:03Z"));

            assertThat(decoded.transmittedAt()).isEqualTo(lateDecember);
        }

        @Test
        void truncatesTimesToTheSecond() {
            FinancialRequest request = new FinancialRequest(TransactionKind.WITHDRAWAL, Money.ofMinor(100, "CNY"),
                    AT.plusMillis(999), 7, IsoFixtures.LOCAL.plusNanos(5), "RRN000000001", IsoFixtures.TERMINAL,
                    "BR001", "BL:X");

            assertThat(decode(Iso8583Codec.encode(request, KEY)).transmittedAt()).isEqualTo(AT);
        }

        @Test
        void keepsFullAndPartialReversalsApart() {
            ReversalAdvice full = (ReversalAdvice) decode(Iso8583Codec.encode(IsoFixtures.fullReversal(), KEY));
            ReversalAdvice partial = (ReversalAdvice) decode(Iso8583Codec.encode(IsoFixtures.partialReversal(), KEY));

            assertThat(full.isFull()).isTrue();
            assertThat(full.reversedAmount()).isEqualTo(Money.ofMinor(50_000, "CNY"));
            assertThat(partial.isFull()).isFalse();
            assertThat(partial.dispensedAmount()).isEqualTo(Money.ofMinor(20_000, "CNY"));
            assertThat(partial.reversedAmount()).isEqualTo(Money.ofMinor(30_000, "CNY"));
            assertThat(partial.original())
                    .isEqualTo(new OriginalTransaction(123, IsoFixtures.withdrawal().transmittedAt()));
        }
    }

    @Nested
    class Golden {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.branchlink.protocol.iso8583.Iso8583CodecTests#goldenNames")
        void parsesAndReencodesByteForByte(String name) {
            byte[] frame = IsoFixtures.readGolden(name);
            IsoFraming framing = new IsoFraming();

            IsoMessage decoded = decode(framing.unframe(frame));

            assertThat(decoded).isEqualTo(IsoFixtures.golden().get(name));
            assertThat(framing.frame(Iso8583Codec.encode(decoded, KEY))).isEqualTo(frame);
        }

        @Test
        void aRiskDeclineIsAnsweredWith59() {
            IsoResponseCode code = IsoResponseCodes.standard().responseCode(Irc.RISK_DECLINED);
            FinancialResponse response = FinancialResponse.responseTo(IsoFixtures.withdrawal(), code);

            byte[] frame = new IsoFraming().frame(Iso8583Codec.encode(response, KEY));

            assertThat(code.code()).isEqualTo("59");
            assertThat(frame).isEqualTo(IsoFixtures.readGolden("0210-risk-declined"));
            assertThat(response.responseCode().approved()).isFalse();
        }

        @Test
        void financialRequestStartsWithItsMtiAndBitmap() {
            byte[] message = new IsoFraming().unframe(IsoFixtures.readGolden("0200-withdrawal"));

            assertThat(HexFormat.of().formatHex(message, 0, 10)).isEqualTo("02003238000008c18001");
        }
    }

    @Nested
    class Advices {

        @Test
        void carriesTheOriginalKeyTheTokenAndTheAmountKept() {
            FinancialAdvice advice = IsoFixtures.depositAdvice();

            FinancialAdvice decoded = (FinancialAdvice) decode(Iso8583Codec.encode(advice, KEY));

            assertThat(decoded.original()).isEqualTo(new OriginalTransaction(IsoFixtures.deposit().stan(),
                    IsoFixtures.deposit().transmittedAt()));
            assertThat(decoded.qrToken()).isEqualTo(IsoFixtures.deposit().qrToken());
            assertThat(decoded.kept()).isEqualTo(Money.ofMinor(1_234_500, "CNY"));
            assertThat(decoded.stan()).isEqualTo(127).isNotEqualTo(IsoFixtures.deposit().stan());
            assertThat(decoded.rrn()).isEqualTo(IsoFixtures.deposit().rrn());
        }

        @Test
        void aRepeatIsTheSameMessageByteForByte() {
            assertThat(Iso8583Codec.encode(IsoFixtures.depositAdvice(), KEY))
                    .isEqualTo(Iso8583Codec.encode(IsoFixtures.depositAdvice(), KEY));
        }

        @Test
        void theResponseEchoesEverythingButTheToken() {
            byte[] message = Iso8583Codec.encode(IsoFixtures.depositAdviceResponse(), KEY);

            assertThat(HexFormat.of().formatHex(message, 0, 2)).isEqualTo("0230");
            assertThat(new String(message, StandardCharsets.ISO_8859_1)).doesNotContain(IsoFixtures.TOKEN);
            assertThat(decode(message)).isEqualTo(IsoFixtures.depositAdviceResponse());
        }

        @Test
        void neverPrintsTheToken() {
            assertThat(IsoFixtures.depositAdvice().toString()).doesNotContain(IsoFixtures.TOKEN.substring(0, 20))
                    .contains("164 chars");
        }

        @Test
        void refusesAnAdviceForAWithdrawal() {
            byte[] advice = Iso8583Codec.encode(IsoFixtures.depositAdvice(), KEY);
            byte[] withdrawal = advice.clone();
            // Field 3 follows the MTI and both bitmaps: 210000 becomes 010000.
            withdrawal[18] = 0x01;
            assertRejected(() -> decode(remac(withdrawal)), Reason.BAD_FIELD, 3);
            assertThatThrownBy(() -> new FinancialAdvice(TransactionKind.WITHDRAWAL, Money.ofMinor(100, "CNY"), AT,
                    1, IsoFixtures.LOCAL, "606008000123", IsoFixtures.TERMINAL, IsoFixtures.BRANCH, IsoFixtures.TOKEN,
                    new OriginalTransaction(1, AT))).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void refusesAnAdviceWithoutToken() {
            byte[] advice = Iso8583Codec.encode(IsoFixtures.depositAdvice(), KEY);
            byte[] withoutToken = withoutField(advice, 48, 2 + IsoFixtures.TOKEN.length());
            assertRejected(() -> decode(remac(withoutToken)), Reason.MISSING_FIELD, 48);
        }

        @Test
        void aRefusalOfAnAdviceIsAn0230() {
            byte[] advice = Iso8583Codec.encode(IsoFixtures.depositAdvice(), KEY);

            byte[] answer = Iso8583Codec.refusal(advice, KEYS, IsoResponseCode.FORMAT_ERROR).orElseThrow();

            FinancialAdviceResponse response = (FinancialAdviceResponse) decode(answer);
            assertThat(response.responseCode()).isEqualTo(IsoResponseCode.FORMAT_ERROR);
            assertThat(response.original()).isEqualTo(IsoFixtures.depositAdvice().original());
        }
    }

    @Nested
    class Mac {

        @ParameterizedTest(name = "{0}")
        @MethodSource("io.branchlink.protocol.iso8583.Iso8583CodecTests#everyMessage")
        void endsEveryMessageWithTheCmacOfTheBytesBeforeIt(String name, IsoMessage message) {
            byte[] bytes = Iso8583Codec.encode(message, KEY);
            int macField = message.mti().macField();
            boolean secondaryBitmap = (bytes[2] & 0x80) != 0;

            assertThat(secondaryBitmap).isEqualTo(macField == 128);
            int bit = macField - 1;
            assertThat(bytes[2 + bit / 8] & (0x80 >>> (bit % 8))).isNotZero();
            assertThat(Arrays.copyOfRange(bytes, bytes.length - 8, bytes.length))
                    .isEqualTo(IsoMac.compute(KEY, bytes, 0, bytes.length - 8));
        }

        @Test
        void rejectsAnyAlteredByteAsBadMacOrMalformed() {
            byte[] good = Iso8583Codec.encode(IsoFixtures.withdrawal(), KEY);
            for (int i = 0; i < good.length; i++) {
                byte[] bad = good.clone();
                bad[i] ^= 0x01;
                assertThatThrownBy(() -> decode(bad)).as("byte %d", i).isInstanceOf(IsoFormatException.class);
            }
        }

        @Test
        void rejectsAnAlteredAmountAsBadMac() {
            byte[] bad = Iso8583Codec.encode(IsoFixtures.withdrawal(), KEY);
            bad[17] = 0x09; // inside field 4

            assertRejected(() -> decode(bad), Reason.BAD_MAC, 64);
        }

        @Test
        void carriesTheUnauthenticatedMessageSoTheHubCanDeclineIt() {
            byte[] bad = Iso8583Codec.encode(IsoFixtures.withdrawal(), KEY);
            bad[bad.length - 1] ^= 0x01;

            assertThatThrownBy(() -> decode(bad)).isInstanceOfSatisfying(IsoFormatException.class, e -> {
                assertThat(e.reason()).isEqualTo(Reason.BAD_MAC);
                assertThat(e.unauthenticated()).contains(IsoFixtures.withdrawal());
            });
        }

        @Test
        void carriesNoMessageForOtherRefusals() {
            NetworkRequest stranger = new NetworkRequest(NetworkCode.ECHO_TEST, AT, 1, "ITM99999", "BR001");

            assertThatThrownBy(() -> decode(Iso8583Codec.encode(stranger, KEY)))
                    .isInstanceOfSatisfying(IsoFormatException.class, e -> assertThat(e.unauthenticated()).isEmpty());
        }

        @Test
        void rejectsAMessageMacedWithAnotherKey() {
            byte[] other = Iso8583Codec.encode(IsoFixtures.signOn(), MacKey.fromHex("000102030405060708090a0b0c0d0e0f"));

            assertRejected(() -> decode(other), Reason.BAD_MAC, 128);
        }

        @Test
        void rejectsAnUnknownTerminalBeforeCheckingTheMac() {
            NetworkRequest stranger = new NetworkRequest(NetworkCode.ECHO_TEST, AT, 1, "ITM99999", "BR001");
            byte[] bytes = Iso8583Codec.encode(stranger, KEY);

            assertRejected(() -> decode(bytes), Reason.UNKNOWN_TERMINAL, 41);
        }
    }

    @Nested
    class Rejects {

        private final byte[] request = Iso8583Codec.encode(IsoFixtures.withdrawal(), KEY);

        @Test
        void anEmptyMessageAsTruncated() {
            assertRejected(() -> decode(new byte[0]), Reason.TRUNCATED, 0);
        }

        @Test
        void aMessageCutInsideTheBitmapAsTruncated() {
            assertRejected(() -> decode(Arrays.copyOf(request, 6)), Reason.TRUNCATED, 0);
        }

        @Test
        void aMessageCutAtEveryLengthWithoutCrashing() {
            for (int length = 0; length < request.length; length++) {
                byte[] cut = Arrays.copyOf(request, length);
                assertThatThrownBy(() -> decode(cut)).as("length %d", length)
                        .isInstanceOfSatisfying(IsoFormatException.class,
                                e -> assertThat(e.reason()).isIn(Reason.TRUNCATED, Reason.MISSING_FIELD));
            }
        }

        @Test
        void aMessageCutInsideTheTokenAsTruncatedInField48() {
            int tokenStart = indexOf(request, "BL:");
            assertRejected(() -> decode(Arrays.copyOf(request, tokenStart + 10)), Reason.TRUNCATED, 48);
        }

        @Test
        void trailingBytesAsBadLength() {
            byte[] longer = remac(Arrays.copyOf(request, request.length + 1));
            assertRejected(() -> decode(longer), Reason.BAD_LENGTH, 0);
        }

        @Test
        void anMtiOutsideTheProfileAsUnknownMti() {
            byte[] other = request.clone();
            other[0] = 0x01;
            other[1] = 0x00;
            assertRejected(() -> decode(other), Reason.UNKNOWN_MTI, 0);
        }

        @Test
        void anMtiThatIsNotBcdAsUnknownMti() {
            assertRejected(() -> decode(new byte[] {(byte) 0xff, (byte) 0xff}), Reason.UNKNOWN_MTI, 0);
        }

        @Test
        void aFieldTheMtiDoesNotAllowAsBadField() {
            byte[] other = request.clone();
            other[2] |= 0x40; // bit 2: primary account number, not part of the profile
            assertRejected(() -> decode(other), Reason.BAD_FIELD, 2);
        }

        @Test
        void aMissingMandatoryFieldAsMissingField() {
            // An 0200 with field 37 left out of the bitmap and the bytes.
            byte[] withoutRrn = withoutField(request, 37, 12);
            assertRejected(() -> decode(remac(withoutRrn)), Reason.MISSING_FIELD, 37);
        }

        @Test
        void anApprovalWithoutAuthorizationCodeAsMissingField() {
            byte[] approved = Iso8583Codec.encode(IsoFixtures.approved(), KEY);
            byte[] withoutAuth = withoutField(approved, 38, 6);
            assertRejected(() -> decode(remac(withoutAuth)), Reason.MISSING_FIELD, 38);
        }

        @Test
        void aTokenLongerThanTheLimitAsFieldTooLong() {
            byte[] other = request.clone();
            int header = indexOf(request, "BL:") - 2;
            other[header] = 0x04; // length 401..499
            other[header + 1] = 0x01;
            assertRejected(() -> decode(remac(other)), Reason.FIELD_TOO_LONG, 48);
        }

        @Test
        void aLengthHeaderThatIsNotBcdAsBadField() {
            byte[] other = request.clone();
            int header = indexOf(request, "BL:") - 2;
            other[header + 1] = (byte) 0xaa;
            assertRejected(() -> decode(remac(other)), Reason.BAD_FIELD, 48);
        }

        @Test
        void aNumericFieldWithHexNibblesAsBadField() {
            byte[] other = request.clone();
            other[12] = (byte) 0x0a; // first byte of field 3
            assertRejected(() -> decode(remac(other)), Reason.BAD_FIELD, 3);
        }

        @Test
        void aControlCharacterInATextFieldAsBadField() {
            byte[] other = request.clone();
            other[indexOf(request, "ITM00101")] = 0x07;
            assertRejected(() -> decode(remac(other)), Reason.BAD_FIELD, 41);
        }

        @Test
        void anUnknownProcessingCodeAsBadField() {
            byte[] other = request.clone();
            other[10] = 0x31; // field 3 = 310000, balance inquiry
            assertRejected(() -> decode(remac(other)), Reason.BAD_FIELD, 3);
        }

        @Test
        void anImpossibleTransmissionDateAsBadField() {
            byte[] other = request.clone();
            other[19] = 0x13; // field 7 month 13
            assertRejected(() -> decode(remac(other)), Reason.BAD_FIELD, 7);
        }

        @Test
        void anUnknownCurrencyAsBadField() {
            byte[] other = request.clone();
            int currency = indexOf(request, "BL:") + IsoFixtures.TOKEN.length();
            other[currency] = 0x09;
            other[currency + 1] = (byte) 0x99;
            assertRejected(() -> decode(remac(other)), Reason.BAD_FIELD, 49);
        }

        @Test
        void anUnknownResponseCodeAsBadField() {
            byte[] declined = Iso8583Codec.encode(IsoFixtures.declined(), KEY);
            int code = indexOf(declined, "51");
            declined[code] = 'Z';
            assertRejected(() -> decode(remac(declined)), Reason.BAD_FIELD, 39);
        }

        @Test
        void garbageWithoutCrashing() {
            byte[] garbage = "GET / HTTP/1.1\r\nHost: hub\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            assertThatThrownBy(() -> decode(garbage)).isInstanceOf(IsoFormatException.class);
        }

        @Test
        void anAllOnesBitmapWithoutCrashing() {
            byte[] ones = new byte[64];
            Arrays.fill(ones, (byte) 0xff);
            ones[0] = 0x02;
            ones[1] = 0x00;
            assertRejected(() -> decode(ones), Reason.BAD_FIELD, 2);
        }
    }

    @Test
    void decodesWithinAReasonableTimeForTheLargestFrame() {
        byte[] big = new byte[IsoFraming.PREFIX_MAX];
        big[0] = 0x02;
        long start = System.nanoTime();
        assertThatThrownBy(() -> decode(big)).isInstanceOf(IsoFormatException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void looksUpTheKeyOnlyForTheTerminalInField41() {
        StringBuilder asked = new StringBuilder();
        Iso8583Codec.decode(Iso8583Codec.encode(IsoFixtures.signOn(), KEY), id -> {
            asked.append(id);
            return Optional.of(KEY);
        }, AT);

        assertThat(asked).hasToString(IsoFixtures.TERMINAL);
    }

    /** Removes a fixed-length text field from the message and clears its bitmap bit; the MAC is left stale. */
    static byte[] withoutField(byte[] message, int field, int length) {
        Map<Integer, Integer> offsets = FieldOffsets.of(message);
        int offset = offsets.get(field);
        byte[] shorter = new byte[message.length - length];
        System.arraycopy(message, 0, shorter, 0, offset);
        System.arraycopy(message, offset + length, shorter, offset, message.length - offset - length);
        int bit = field - 1;
        shorter[2 + bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        return shorter;
    }
}
