package io.branchlink.protocol.iso8583;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class Iso8583DecodeProperties {

    private static final List<byte[]> VALID = IsoFixtures.golden().values().stream()
            .map(m -> Iso8583Codec.encode(m, IsoFixtures.KEY)).toList();

    @Property(tries = 2000)
    void randomBytesDecodeOrFailWithIsoFormatException(@ForAll @Size(max = 600) byte[] bytes) {
        assertDecodesOrRejects(bytes);
    }

    @Property(tries = 2000)
    void randomBytesBehindAValidMtiDecodeOrFailWithIsoFormatException(@ForAll("mtis") byte[] mti,
            @ForAll @Size(max = 400) byte[] rest) {
        byte[] bytes = new byte[2 + rest.length];
        System.arraycopy(mti, 0, bytes, 0, 2);
        System.arraycopy(rest, 0, bytes, 2, rest.length);
        assertDecodesOrRejects(bytes);
    }

    @Property(tries = 3000)
    void mutatedValidMessagesDecodeOrFailWithIsoFormatException(@ForAll("valid") byte[] message,
            @ForAll("positions") List<Integer> positions, @ForAll byte value) {
        byte[] mutated = message.clone();
        for (int position : positions) {
            mutated[position % mutated.length] = value;
        }
        assertDecodesOrRejects(mutated);
    }

    @Provide
    Arbitrary<byte[]> mtis() {
        return Arbitraries.of(Mti.values()).map(m -> new byte[] {(byte) (m.type() >>> 8), (byte) m.type()});
    }

    @Provide
    Arbitrary<byte[]> valid() {
        return Arbitraries.of(VALID);
    }

    @Provide
    Arbitrary<List<Integer>> positions() {
        return Arbitraries.integers().between(0, 1000).list().ofMinSize(1).ofMaxSize(4);
    }

    private static void assertDecodesOrRejects(byte[] bytes) {
        Throwable thrown = catchThrowable(() -> Iso8583Codec.decode(bytes, IsoFixtures.KEYS, IsoFixtures.AT));
        if (thrown != null) {
            assertThat(thrown).isInstanceOf(IsoFormatException.class);
        }
    }
}
