package io.branchlink.protocol.qr;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.protocol.money.Money;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The worked example of docs/protocols/qr-token.md, pinned byte for byte. The key is RFC 8032's test vector 1, and
 * Ed25519 signatures are deterministic, so the same claims always give the same text.
 */
class QrTokenGoldenTests {

    static final PrivateKey RFC8032_TEST1 =
            Ed25519Keys.privateKeyFromBase64("MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g");
    static final QrToken CLAIMS = new QrToken(1, TokenType.WITHDRAWAL, "K1",
            HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f"), Instant.parse("2026-11-25T10:05:00Z"),
            Money.parse("500.00", "CNY"), "BR001");

    @Test
    void encodesTheWorkedExampleExactly() throws IOException {
        assertThat(QrTokenCodec.encode(CLAIMS, RFC8032_TEST1)).isEqualTo(golden());
    }

    @Test
    void parsesTheWorkedExampleIntoItsClaimsAndLayout() throws IOException {
        QrTokenCodec.Parsed parsed = QrTokenCodec.parse(golden());

        assertThat(parsed.claims()).isEqualTo(CLAIMS);
        assertThat(HexFormat.of().formatHex(parsed.payload()))
                .isEqualTo("010103024b31000102030405060708090a0b0c0d0e0f6b06b2cc000000000000c350434e59054252303031");
        assertThat(parsed.signature()).hasSize(64);
    }

    @Test
    void verifiesWithThePublishedPublicKey() throws IOException {
        QrTokenVerifier verifier = new QrTokenVerifier(
                id -> Optional.of(Ed25519Keys.publicKeyFromBase64("MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=")),
                Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC), Duration.ofSeconds(30));

        assertThat(verifier.verify(golden(), TokenType.WITHDRAWAL, "BR001").isValid()).isTrue();
    }

    @Test
    void encodesAndVerifiesTheItmSessionExample() throws IOException {
        QrToken session = new QrToken(1, TokenType.ITM_SESSION, "K1",
                HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f"), Instant.parse("2026-11-25T10:02:00Z"),
                null, "BR001");
        String text = golden("/golden/qr/itm-session-code.txt");
        QrTokenVerifier verifier = new QrTokenVerifier(
                id -> Optional.of(Ed25519Keys.publicKeyFromBase64("MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=")),
                Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC), Duration.ofSeconds(30));

        assertThat(QrTokenCodec.encode(session, RFC8032_TEST1)).isEqualTo(text);
        assertThat(HexFormat.of().formatHex(QrTokenCodec.parse(text).payload()))
                .isEqualTo("010502024b31000102030405060708090a0b0c0d0e0f6b06b218054252303031");
        assertThat(verifier.verify(text, TokenType.ITM_SESSION, "BR001").isValid()).isTrue();
        assertThat(verifier.verify(text, TokenType.WITHDRAWAL, "BR001").isValid()).as("not a cash token").isFalse();
    }

    private static String golden() throws IOException {
        return golden("/golden/qr/withdrawal-token.txt");
    }

    private static String golden(String resource) throws IOException {
        try (InputStream in = QrTokenGoldenTests.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        }
    }
}
