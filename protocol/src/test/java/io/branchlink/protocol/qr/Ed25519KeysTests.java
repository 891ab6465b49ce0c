package io.branchlink.protocol.qr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import org.junit.jupiter.api.Test;

class Ed25519KeysTests {

    @Test
    void derivesThePublicKeyThatBelongsToAPrivateKey() {
        KeyPair pair = Ed25519Keys.generate();

        assertThat(Ed25519Keys.publicKeyOf(pair.getPrivate()).getEncoded()).isEqualTo(pair.getPublic().getEncoded());
    }

    @Test
    void movesKeysThroughTheirBase64Forms() {
        KeyPair pair = Ed25519Keys.generate();

        assertThat(Ed25519Keys.privateKeyFromBase64(Ed25519Keys.privateKeyToBase64(pair.getPrivate())).getEncoded())
                .isEqualTo(pair.getPrivate().getEncoded());
        assertThat(Ed25519Keys.publicKeyFromBase64(Ed25519Keys.publicKeyToBase64(pair.getPublic())).getEncoded())
                .isEqualTo(pair.getPublic().getEncoded());
        assertThatThrownBy(() -> Ed25519Keys.publicKeyFromBase64("bm90IGEga2V5"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
