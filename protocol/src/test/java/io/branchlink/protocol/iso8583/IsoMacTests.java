package io.branchlink.protocol.iso8583;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IsoMacTests {

    private static final HexFormat HEX = HexFormat.of();

    /** RFC 4493 section 4 examples, truncated to the 8 bytes the profile carries. */
    @ParameterizedTest
    @CsvSource({
            "'', bb1d6929e9593728",
            "6bc1bee22e409f96e93d7e117393172a, 070a16b46b4d4144",
            "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411, dfa66747de9ae630",
            "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411"
                    + "e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710, 51f0bebf7e3b9d92"})
    void matchesTheRfc4493ExamplesTruncatedTo8Bytes(String message, String mac) {
        byte[] data = HEX.parseHex(message);

        assertThat(HEX.formatHex(IsoMac.compute(IsoFixtures.KEY, data, 0, data.length))).isEqualTo(mac);
    }

    @Test
    void acceptsOnlyTheMacOfTheBytesBeforeIt() {
        byte[] message = HEX.parseHex("6bc1bee22e409f96e93d7e117393172a" + "070a16b46b4d4144");
        assertThat(IsoMac.matches(IsoFixtures.KEY, message)).isTrue();

        message[message.length - 1] ^= 1;
        assertThat(IsoMac.matches(IsoFixtures.KEY, message)).isFalse();
    }

    @Test
    void neverShowsTheKey() {
        assertThat(IsoFixtures.KEY.toString()).doesNotContain("2b7e").isEqualTo("MacKey[AES-128]");
        assertThat(MacKey.fromHex("2b7e151628aed2a6abf7158809cf4f3c")).isEqualTo(IsoFixtures.KEY);
    }
}
