package io.branchlink.protocol.qr;

import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Fixed Ed25519 keys and a sample token for tests. */
final class TestKeys {

    static final KeyPair K1 = Ed25519Keys.generate();
    static final KeyPair K2 = Ed25519Keys.generate();
    static final Function<String, Optional<PublicKey>> TRUSTED =
            id -> Optional.ofNullable(Map.of("K1", K1.getPublic(), "K2", K2.getPublic()).get(id));

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private TestKeys() {
    }

    static byte[] tokenId(int seed) {
        byte[] id = new byte[QrToken.TOKEN_ID_BYTES];
        for (int i = 0; i < id.length; i++) {
            id[i] = (byte) (seed * 31 + i * 7);
        }
        return id;
    }
}
