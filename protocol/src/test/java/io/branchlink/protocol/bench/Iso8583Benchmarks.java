package io.branchlink.protocol.bench;

import io.branchlink.protocol.iso8583.FinancialRequest;
import io.branchlink.protocol.iso8583.Iso8583Codec;
import io.branchlink.protocol.iso8583.IsoFixtures;
import io.branchlink.protocol.iso8583.IsoFraming;
import io.branchlink.protocol.iso8583.IsoMessage;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of the ISO 8583 path for an 0200 carrying a 164-character QR token: pack with AES-CMAC, parse with structure
 * checks and MAC verification, and the 2-byte length framing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Iso8583Benchmarks {

    private final IsoFraming framing = new IsoFraming();
    private FinancialRequest request;
    private byte[] message;
    private byte[] frame;

    @Setup
    public void setUp() {
        request = IsoFixtures.withdrawal();
        message = Iso8583Codec.encode(request, IsoFixtures.KEY);
        frame = framing.frame(message);
        if (!request.equals(Iso8583Codec.decode(message, IsoFixtures.KEYS, IsoFixtures.AT))) {
            throw new IllegalStateException("benchmark message does not round-trip");
        }
    }

    @Benchmark
    public byte[] pack0200() {
        return Iso8583Codec.encode(request, IsoFixtures.KEY);
    }

    @Benchmark
    public IsoMessage parse0200() {
        return Iso8583Codec.decode(message, IsoFixtures.KEYS, IsoFixtures.AT);
    }

    @Benchmark
    public Optional<byte[]> frameAndRead() {
        return framing.read(ByteBuffer.wrap(framing.frame(message)));
    }

    @Benchmark
    public byte[] unframe() {
        return framing.unframe(frame);
    }
}
