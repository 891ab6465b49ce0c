package io.branchlink.hub.support;

import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.qr.QrToken;
import io.branchlink.protocol.qr.QrTokenCodec;
import io.branchlink.protocol.qr.TokenType;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

/** Signed QR tokens for hub tests, as channel-api would issue them. */
public final class Tokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    public static String withdrawal(String amount, String branch) {
        return sign(TokenType.WITHDRAWAL, Money.parse(amount, "CNY"), branch, Instant.now().plus(Duration.ofMinutes(5)),
                HubIntegrationTest.TOKEN_KEYS.getPrivate());
    }

    public static String sign(TokenType type, Money amount, String branch, Instant expiry, PrivateKey key) {
        byte[] id = new byte[QrToken.TOKEN_ID_BYTES];
        RANDOM.nextBytes(id);
        return QrTokenCodec.encode(new QrToken(QrTokenCodec.VERSION, type, "K1", id, expiry, amount, branch), key);
    }
}
