package io.branchlink.protocol.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.branchlink.protocol.money.Money;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class QrTokenCodecTests {

    private static final QrToken WITHDRAWAL = new QrToken(QrTokenCodec.VERSION, TokenType.WITHDRAWAL, "K1",
            TestKeys.tokenId(1), TestKeys.NOW.plus(Duration.ofMinutes(5)), Money.parse("5000.00", "CNY"),
            "BR001");

    @Nested
    class RoundTrip {

        @Test
        void readsBackEveryField() {
            String text = QrTokenCodec.encode(WITHDRAWAL, TestKeys.K1.getPrivate());

            QrToken read = QrTokenCodec.parse(text).claims();

            assertThat(read.version()).isEqualTo(1);
            assertThat(read.type()).isEqualTo(TokenType.WITHDRAWAL);
            assertThat(read.keyId()).isEqualTo("K1");
            assertThat(read.tokenId()).isEqualTo(TestKeys.tokenId(1));
            assertThat(read.expiresAt()).isEqualTo(TestKeys.NOW.plus(Duration.ofMinutes(5)));
            assertThat(read.amount()).isEqualTo(Money.parse("5000.00", "CNY"));
            assertThat(read.branchId()).isEqualTo("BR001");
            assertThat(read).isEqualTo(WITHDRAWAL);
        }

        @Test
        void readsATokenWithoutAmountOrBranch() {
            QrToken form = new QrToken(1, TokenType.FORM, "K2", TestKeys.tokenId(2), TestKeys.NOW, null, null);

            QrToken read = QrTokenCodec.parse(QrTokenCodec.encode(form, TestKeys.K2.getPrivate())).claims();

            assertThat(read).isEqualTo(form);
            assertThat(read.amount()).isNull();
            assertThat(read.branchId()).isNull();
        }
    }

    @Nested
    class Text {

        @Test
        void usesOnlyQrAlphanumericCharacters() {
            String text = QrTokenCodec.encode(WITHDRAWAL, TestKeys.K1.getPrivate());

            assertThat(text).startsWith("BL:").matches("[0-9A-Z $%*+\\-./:]+");
        }

        @Test
        void fitsAQrCodeOfVersionTenOrLessAtLevelM() {
            QrToken longest = new QrToken(1, TokenType.WITHDRAWAL, "K2026ROTATION001", TestKeys.tokenId(3),
                    TestKeys.NOW, Money.parse("99999999.99", "CNY"), "BRANCH0000000001");

            String text = QrTokenCodec.encode(longest, TestKeys.K1.getPrivate());

            assertThat(QrImages.symbolVersion(text)).isLessThanOrEqualTo(10);
            assertThat(QrImages.symbolVersion(QrTokenCodec.encode(WITHDRAWAL, TestKeys.K1.getPrivate())))
                    .isLessThanOrEqualTo(7);
        }

        @Test
        void neverPrintsTheWholeTokenIdInToString() {
            assertThat(WITHDRAWAL.toString()).doesNotContain(WITHDRAWAL.tokenIdHex())
                    .contains(WITHDRAWAL.tokenIdHex().substring(0, 8));
        }
    }

    @Nested
    class Malformed {

        @Test
        void rejectsTextWithoutThePrefix() {
            assertFailure("HC1:ABC", TokenFailure.MALFORMED);
        }

        @Test
        void rejectsCharactersOutsideBase45() {
            assertFailure("BL:abc", TokenFailure.MALFORMED);
        }

        @Test
        void rejectsOverlongTextBeforeDecodingIt() {
            assertFailure("BL:" + "0".repeat(QrTokenCodec.MAX_TEXT_LENGTH), TokenFailure.MALFORMED);
        }

        @Test
        void rejectsATruncatedToken() {
            String text = QrTokenCodec.encode(WITHDRAWAL, TestKeys.K1.getPrivate());

            assertFailure(text.substring(0, 60), TokenFailure.MALFORMED);
        }

        @Test
        void rejectsAnUnknownVersion() {
            QrToken future = new QrToken(2, TokenType.DEPOSIT, "K1", TestKeys.tokenId(4), TestKeys.NOW, null, null);

            assertFailure(QrTokenCodec.encode(future, TestKeys.K1.getPrivate()), TokenFailure.UNSUPPORTED_VERSION);
        }

        @Test
        void rejectsNull() {
            assertFailure(null, TokenFailure.MALFORMED);
        }

        private void assertFailure(String text, TokenFailure failure) {
            assertThatThrownBy(() -> QrTokenCodec.parse(text))
                    .isInstanceOfSatisfying(TokenFormatException.class, e -> assertThat(e.failure()).isEqualTo(failure));
        }
    }

    @Test
    void refusesClaimsThatCannotBeWritten() {
        assertThatThrownBy(() -> new QrToken(1, TokenType.WITHDRAWAL, "k1", TestKeys.tokenId(5), TestKeys.NOW,
                null, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QrToken(1, TokenType.WITHDRAWAL, "K1", new byte[8], TestKeys.NOW, null,
                null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QrToken(1, TokenType.WITHDRAWAL, "K1", TestKeys.tokenId(5), TestKeys.NOW,
                Money.ofMinor(0, "CNY"), null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new QrToken(1, TokenType.WITHDRAWAL, "K1", TestKeys.tokenId(5), TestKeys.NOW,
                null, "BR/01")).isInstanceOf(IllegalArgumentException.class);
    }
}
