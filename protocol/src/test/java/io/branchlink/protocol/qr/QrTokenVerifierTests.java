package io.branchlink.protocol.qr;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.rc.Irc;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class QrTokenVerifierTests {

    private static final Duration SKEW = Duration.ofSeconds(30);

    private final QrTokenVerifier verifier = verifierAt(TestKeys.NOW);

    private static QrTokenVerifier verifierAt(java.time.Instant now) {
        return new QrTokenVerifier(TestKeys.TRUSTED, Clock.fixed(now, ZoneOffset.UTC), SKEW);
    }

    private static String withdrawal(String branch, java.time.Instant expiry) {
        QrToken token = new QrToken(1, TokenType.WITHDRAWAL, "K1", TestKeys.tokenId(9), expiry,
                Money.parse("300.00", "CNY"), branch);
        return QrTokenCodec.encode(token, TestKeys.K1.getPrivate());
    }

    @Test
    void acceptsAFreshTokenAtItsBranch() {
        TokenVerification result = verifier.verify(withdrawal("BR001", TestKeys.NOW.plusSeconds(300)),
                TokenType.WITHDRAWAL, "BR001");

        assertThat(result).isInstanceOfSatisfying(TokenVerification.Valid.class,
                v -> assertThat(v.token().amount()).isEqualTo(Money.parse("300.00", "CNY")));
    }

    @Test
    void acceptsAnUnscopedTokenAtAnyBranch() {
        assertThat(verifier.verify(withdrawal(null, TestKeys.NOW.plusSeconds(300)), TokenType.WITHDRAWAL, "BR777")
                .isValid()).isTrue();
    }

    @Nested
    class Expiry {

        @Test
        void acceptsATokenJustExpiredWithinTheClockSkew() {
            String text = withdrawal("BR001", TestKeys.NOW.minusSeconds(29));

            assertThat(verifier.verify(text, TokenType.WITHDRAWAL, "BR001").isValid()).isTrue();
        }

        @Test
        void rejectsExpiredTokenBeyondTheSkew() {
            String text = withdrawal("BR001", TestKeys.NOW.minusSeconds(31));

            assertFailure(verifier.verify(text, TokenType.WITHDRAWAL, "BR001"), TokenFailure.EXPIRED);
            assertThat(TokenFailure.EXPIRED.irc()).isEqualTo(Irc.TOKEN_EXPIRED);
        }
    }

    @Nested
    class Scope {

        @Test
        void rejectsATokenOfAnotherType() {
            assertFailure(verifier.verify(withdrawal("BR001", TestKeys.NOW.plusSeconds(60)), TokenType.DEPOSIT,
                    "BR001"), TokenFailure.WRONG_TYPE);
        }

        @Test
        void rejectsATokenScopedToAnotherBranch() {
            assertFailure(verifier.verify(withdrawal("BR001", TestKeys.NOW.plusSeconds(60)), TokenType.WITHDRAWAL,
                    "BR002"), TokenFailure.WRONG_BRANCH);
        }

        @Test
        void rejectsAScopedTokenWhereTheBranchIsUnknown() {
            assertFailure(verifier.verify(withdrawal("BR001", TestKeys.NOW.plusSeconds(60)), TokenType.WITHDRAWAL,
                    null), TokenFailure.WRONG_BRANCH);
        }
    }

    @Nested
    class Authenticity {

        @Test
        void rejectsATokenSignedWithAnotherKeyUnderATrustedId() {
            QrToken token = new QrToken(1, TokenType.WITHDRAWAL, "K1", TestKeys.tokenId(9),
                    TestKeys.NOW.plusSeconds(60), Money.parse("300.00", "CNY"), null);
            String forged = QrTokenCodec.encode(token, Ed25519Keys.generate().getPrivate());

            assertFailure(verifier.verify(forged, TokenType.WITHDRAWAL, "BR001"), TokenFailure.BAD_SIGNATURE);
        }

        @Test
        void rejectsATokenFromAnUnknownKeyId() {
            QrToken token = new QrToken(1, TokenType.WITHDRAWAL, "K9", TestKeys.tokenId(9),
                    TestKeys.NOW.plusSeconds(60), Money.parse("300.00", "CNY"), null);

            assertFailure(verifier.verify(QrTokenCodec.encode(token, TestKeys.K1.getPrivate()), TokenType.WITHDRAWAL,
                    "BR001"), TokenFailure.UNKNOWN_KEY);
        }

        @Test
        void checksTheSignatureBeforeTheExpirySoAForgeryIsNeverReportedAsExpired() {
            QrToken token = new QrToken(1, TokenType.WITHDRAWAL, "K1", TestKeys.tokenId(9),
                    TestKeys.NOW.minusSeconds(3600), Money.parse("300.00", "CNY"), null);
            String forged = QrTokenCodec.encode(token, TestKeys.K2.getPrivate());

            assertFailure(verifier.verify(forged, TokenType.WITHDRAWAL, "BR001"), TokenFailure.BAD_SIGNATURE);
        }
    }

    private static void assertFailure(TokenVerification result, TokenFailure failure) {
        assertThat(result).isInstanceOfSatisfying(TokenVerification.Invalid.class,
                invalid -> assertThat(invalid.failure()).isEqualTo(failure));
    }
}
