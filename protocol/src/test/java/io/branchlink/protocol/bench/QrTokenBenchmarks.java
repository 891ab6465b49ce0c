package io.branchlink.protocol.bench;

import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.qr.Ed25519Keys;
import io.branchlink.protocol.qr.QrToken;
import io.branchlink.protocol.qr.QrTokenCodec;
import io.branchlink.protocol.qr.QrTokenVerifier;
import io.branchlink.protocol.qr.TokenType;
import io.branchlink.protocol.qr.TokenVerification;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Cost of issuing a withdrawal QR token (Ed25519 sign + Base45) and of checking one (parse + verify). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class QrTokenBenchmarks {

    private static final Instant NOW = Instant.parse("2026-03-01T08:30:15Z");

    private KeyPair keys;
    private QrToken token;
    private String text;
    private QrTokenVerifier verifier;
    private byte[] message;
    private byte[] jdkSignature;

    @Setup
    public void setUp() {
        keys = Ed25519Keys.generate();
        byte[] tokenId = new byte[QrToken.TOKEN_ID_BYTES];
        for (int i = 0; i < tokenId.length; i++) {
            tokenId[i] = (byte) (i * 17 + 3);
        }
        token = new QrToken(QrTokenCodec.VERSION, TokenType.WITHDRAWAL, "K1", tokenId, NOW.plusSeconds(300),
                Money.ofMinor(50_000, "CNY"), "BR001");
        text = QrTokenCodec.encode(token, keys.getPrivate());
        verifier = new QrTokenVerifier(id -> Optional.of(keys.getPublic()), Clock.fixed(NOW, ZoneOffset.UTC),
                Duration.ofSeconds(30));
        message = new byte[QrTokenCodec.parse(text).payload().length + 22];
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(keys.getPrivate());
            signer.update(message);
            jdkSignature = signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        if (!(verifier.verify(text, TokenType.WITHDRAWAL, "BR001") instanceof TokenVerification.Valid)) {
            throw new IllegalStateException("benchmark token does not verify");
        }
    }

    @Benchmark
    public String signAndEncode() {
        return QrTokenCodec.encode(token, keys.getPrivate());
    }

    @Benchmark
    public TokenVerification parseAndVerify() {
        return verifier.verify(text, TokenType.WITHDRAWAL, "BR001");
    }

    /** The peer the codec was measured against: the JDK's own Ed25519 provider signing a same-sized message. */
    @Benchmark
    public byte[] jdkProviderSign() throws GeneralSecurityException {
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(keys.getPrivate());
        signer.update(message);
        return signer.sign();
    }

    /** The JDK provider's verification of the same signature, for comparison with {@link #parseAndVerify}. */
    @Benchmark
    public boolean jdkProviderVerify() throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(keys.getPublic());
        verifier.update(message);
        return verifier.verify(jdkSignature);
    }
}
