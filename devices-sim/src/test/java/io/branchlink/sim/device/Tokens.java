package io.branchlink.sim.device;

import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.qr.Ed25519Keys;
import io.branchlink.protocol.qr.QrToken;
import io.branchlink.protocol.qr.QrTokenCodec;
import io.branchlink.protocol.qr.TokenType;
import java.security.KeyPair;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Signed BranchLink QR token texts for tests, as the app would show them. */
final class Tokens {

    static final KeyPair KEYS = Ed25519Keys.generate();
    private static final AtomicInteger IDS = new AtomicInteger();

    private Tokens() {
    }

    static String withdrawal(String amount) {
        return token(TokenType.WITHDRAWAL, Money.parse(amount, "CNY"));
    }

    static String deposit() {
        return token(TokenType.DEPOSIT, null);
    }

    /** A FORM token as channel-api issues it for a submitted counter form: no amount, no branch. */
    static String form() {
        return token(TokenType.FORM, null, null);
    }

    static String token(TokenType type, Money amount) {
        return token(type, amount, "BR001");
    }

    static String token(TokenType type, Money amount, String branchId) {
        byte[] id = new byte[QrToken.TOKEN_ID_BYTES];
        int n = IDS.incrementAndGet();
        for (int i = 0; i < id.length; i++) {
            id[i] = (byte) (n * 31 + i * 7);
        }
        return QrTokenCodec.encode(new QrToken(QrTokenCodec.VERSION, type, "K1", id,
                Instant.now().plus(5, ChronoUnit.MINUTES), amount, branchId), KEYS.getPrivate());
    }
}
