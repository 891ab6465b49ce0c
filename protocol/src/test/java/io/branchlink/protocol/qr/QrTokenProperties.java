package io.branchlink.protocol.qr;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.protocol.money.Money;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.codec.binary.Base45;

class QrTokenProperties {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    private final QrTokenVerifier verifier = new QrTokenVerifier(TestKeys.TRUSTED,
            Clock.fixed(TestKeys.NOW, ZoneOffset.UTC), Duration.ofSeconds(30));

    @Property(tries = 300)
    void encodeThenParseReturnsTheSameClaims(@ForAll("tokens") QrToken token) {
        String text = QrTokenCodec.encode(token, TestKeys.K1.getPrivate());

        assertThat(QrTokenCodec.parse(text).claims()).isEqualTo(token);
        assertThat(QrImages.symbolVersion(text)).isLessThanOrEqualTo(10);
    }

    @Property(tries = 300)
    void changingAnySingleCharacterMakesVerificationFail(@ForAll("validTexts") String text,
            @ForAll @IntRange(min = 0, max = 10_000) int position, @ForAll @IntRange(min = 1, max = 44) int shift) {
        int at = position % text.length();
        char replacement = replace(text.charAt(at), shift);
        String tampered = text.substring(0, at) + replacement + text.substring(at + 1);

        assertThat(verifier.verify(tampered, TokenType.WITHDRAWAL, "BR001").isValid()).isFalse();
    }

    @Property(tries = 300)
    void flippingAnySingleBitMakesVerificationFail(@ForAll("validTexts") String text,
            @ForAll @IntRange(min = 0, max = 100_000) int bit) {
        Base45 base45 = new Base45();
        byte[] bytes = base45.decode(text.substring(QrTokenCodec.PREFIX.length()));
        int index = bit % (bytes.length * 8);
        bytes[index / 8] ^= (byte) (1 << (index % 8));
        String tampered = QrTokenCodec.PREFIX + new String(base45.encode(bytes), StandardCharsets.US_ASCII);

        assertThat(verifier.verify(tampered, TokenType.WITHDRAWAL, "BR001").isValid()).isFalse();
    }

    @Property(tries = 100)
    void tokensFromAnUnknownKeyIdFail(@ForAll("tokens") QrToken token) {
        QrToken unknown = new QrToken(token.version(), token.type(), "RETIRED", token.tokenId(), token.expiresAt(),
                token.amount(), token.branchId());
        String text = QrTokenCodec.encode(unknown, TestKeys.K1.getPrivate());

        TokenVerification result = verifier.verify(text, token.type(), token.branchId());

        assertThat(result).isInstanceOfSatisfying(TokenVerification.Invalid.class,
                invalid -> assertThat(invalid.failure()).isEqualTo(TokenFailure.UNKNOWN_KEY));
    }

    @Provide
    Arbitrary<QrToken> tokens() {
        Arbitrary<TokenType> types = Arbitraries.of(TokenType.class);
        Arbitrary<byte[]> ids = Arbitraries.bytes().array(byte[].class).ofSize(QrToken.TOKEN_ID_BYTES);
        Arbitrary<Instant> expiries = Arbitraries.longs().between(0, 0xFFFF_FFFFL).map(Instant::ofEpochSecond);
        Arbitrary<Money> amounts = Arbitraries.longs().between(1, 99_999_999_999L)
                .map(minor -> Money.ofMinor(minor, "CNY")).injectNull(0.3);
        Arbitrary<String> branches = Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
                .ofMinLength(1).ofMaxLength(16).injectNull(0.3);
        return Combinators.combine(types, ids, expiries, amounts, branches)
                .as((type, id, expiry, amount, branch) -> new QrToken(1, type, "K1", id, expiry, amount, branch));
    }

    @Provide
    Arbitrary<String> validTexts() {
        Arbitrary<byte[]> ids = Arbitraries.bytes().array(byte[].class).ofSize(QrToken.TOKEN_ID_BYTES);
        Arbitrary<Long> amounts = Arbitraries.longs().between(100, 2_000_000);
        return Combinators.combine(ids, amounts).as((id, minor) -> QrTokenCodec.encode(
                new QrToken(1, TokenType.WITHDRAWAL, "K1", id, TestKeys.NOW.plusSeconds(300),
                        Money.ofMinor(minor, "CNY"), "BR001"), TestKeys.K1.getPrivate()));
    }

    private static char replace(char c, int shift) {
        int index = ALPHABET.indexOf(c);
        return ALPHABET.charAt((index + shift) % ALPHABET.length());
    }

}
