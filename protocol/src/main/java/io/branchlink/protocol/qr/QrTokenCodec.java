package io.branchlink.protocol.qr;

import io.branchlink.protocol.money.Money;
import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Arrays;
import java.util.Currency;
import org.apache.commons.codec.CodecPolicy;
import org.apache.commons.codec.binary.Base45;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Writes and reads the QR token text: {@code "BL:"} followed by the Base45 (RFC 9285) encoding of the binary
 * layout in {@code docs/protocols/qr-token.md}, signed with Ed25519. Base45 keeps every character inside the QR
 * alphanumeric mode, so a withdrawal token fits a version 7 code at error-correction level M.
 *
 * <p>Pure functions: no clock, no key store. Verification against keys, time and scope is {@link QrTokenVerifier}.
 *
 * @see io.branchlink.protocol.qr.QrTokenCodecTests
 */
public final class QrTokenCodec {

    public static final int VERSION = 1;
    public static final String PREFIX = "BL:";
    /** Longest text accepted for parsing; checked before anything is decoded or allocated. */
    public static final int MAX_TEXT_LENGTH = 400;

    static final int SIGNATURE_BYTES = 64;
    private static final int MAX_SHORT_CODE = 16;
    private static final long MAX_EXPIRY_SECOND = 0xFFFF_FFFFL;
    private static final int FLAG_AMOUNT = 0x01;
    private static final int FLAG_BRANCH = 0x02;
    /** Signed before the payload so a signature can never be replayed as one for another BranchLink message. */
    private static final byte[] SIGNING_CONTEXT = "BranchLink QR token v1".getBytes(StandardCharsets.US_ASCII);

    private static final Base45 BASE45 = Base45.builder().setDecodingPolicy(CodecPolicy.STRICT).get();

    private QrTokenCodec() {
    }

    /** Signs the claims with an Ed25519 private key and returns the token text. */
    public static String encode(QrToken token, PrivateKey signingKey) {
        byte[] payload = payload(token);
        byte[] signature = sign(payload, signingKey);
        byte[] whole = Arrays.copyOf(payload, payload.length + signature.length);
        System.arraycopy(signature, 0, whole, payload.length, signature.length);
        return PREFIX + new String(BASE45.encode(whole), StandardCharsets.US_ASCII);
    }

    /**
     * Reads the claims and signature without checking them.
     *
     * @throws TokenFormatException when the text is not a well-formed token of a supported version
     */
    public static Parsed parse(String text) {
        if (text == null || text.length() > MAX_TEXT_LENGTH || !text.startsWith(PREFIX)) {
            throw new TokenFormatException(TokenFailure.MALFORMED, "not a BranchLink token");
        }
        byte[] encoded = text.substring(PREFIX.length()).getBytes(StandardCharsets.US_ASCII);
        if (encoded.length == 0 || !BASE45.isInAlphabet(encoded, false)) {
            throw new TokenFormatException(TokenFailure.MALFORMED, "characters outside Base45");
        }
        byte[] whole;
        try {
            whole = BASE45.decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new TokenFormatException(TokenFailure.MALFORMED, "invalid Base45");
        }
        if (!Arrays.equals(BASE45.encode(whole), encoded)) {
            throw new TokenFormatException(TokenFailure.MALFORMED, "non-canonical Base45");
        }
        if (whole.length <= SIGNATURE_BYTES) {
            throw new TokenFormatException(TokenFailure.MALFORMED, "too short");
        }
        byte[] payload = Arrays.copyOf(whole, whole.length - SIGNATURE_BYTES);
        byte[] signature = Arrays.copyOfRange(whole, payload.length, whole.length);
        return new Parsed(readPayload(payload), payload, signature);
    }

    /**
     * Signs {@code payload} in the BranchLink QR context. Bouncy Castle's Ed25519 gives the same RFC 8032
     * signatures as the JDK's provider at about a tenth of the cost (docs/benchmarks.md).
     */
    static byte[] sign(byte[] payload, PrivateKey key) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, Ed25519Keys.privateParameters(key));
        signer.update(SIGNING_CONTEXT, 0, SIGNING_CONTEXT.length);
        signer.update(payload, 0, payload.length);
        return signer.generateSignature();
    }

    static boolean signatureMatches(byte[] payload, byte[] signature, PublicKey key) {
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, Ed25519Keys.publicParameters(key));
        verifier.update(SIGNING_CONTEXT, 0, SIGNING_CONTEXT.length);
        verifier.update(payload, 0, payload.length);
        return verifier.verifySignature(signature);
    }

    static boolean isShortCode(String s) {
        if (s.isEmpty() || s.length() > MAX_SHORT_CODE) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    private static byte[] payload(QrToken token) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.write(token.version());
        out.write(token.type().code());
        int flags = (token.amount() != null ? FLAG_AMOUNT : 0) | (token.branchId() != null ? FLAG_BRANCH : 0);
        out.write(flags);
        writeShortCode(out, token.keyId());
        out.writeBytes(token.tokenId());
        long expiry = token.expiresAt().getEpochSecond();
        if (expiry < 0 || expiry > MAX_EXPIRY_SECOND) {
            throw new IllegalArgumentException("expiry outside the 32-bit unsigned epoch-second range");
        }
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt((int) expiry).array());
        if (token.amount() != null) {
            out.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(token.amount().minorUnits()).array());
            out.writeBytes(token.amount().currencyCode().getBytes(StandardCharsets.US_ASCII));
        }
        if (token.branchId() != null) {
            writeShortCode(out, token.branchId());
        }
        return out.toByteArray();
    }

    private static QrToken readPayload(byte[] payload) {
        ByteBuffer in = ByteBuffer.wrap(payload);
        try {
            int version = Byte.toUnsignedInt(in.get());
            if (version != VERSION) {
                throw new TokenFormatException(TokenFailure.UNSUPPORTED_VERSION, "version " + version);
            }
            TokenType type = TokenType.fromCode(Byte.toUnsignedInt(in.get()));
            if (type == null) {
                throw new TokenFormatException(TokenFailure.MALFORMED, "unknown token type");
            }
            int flags = Byte.toUnsignedInt(in.get());
            if ((flags & ~(FLAG_AMOUNT | FLAG_BRANCH)) != 0) {
                throw new TokenFormatException(TokenFailure.MALFORMED, "unknown flags");
            }
            String keyId = readShortCode(in);
            byte[] tokenId = new byte[QrToken.TOKEN_ID_BYTES];
            in.get(tokenId);
            Instant expiresAt = Instant.ofEpochSecond(Integer.toUnsignedLong(in.getInt()));
            Money amount = null;
            if ((flags & FLAG_AMOUNT) != 0) {
                long minor = in.getLong();
                byte[] currency = new byte[3];
                in.get(currency);
                amount = new Money(minor, Currency.getInstance(new String(currency, StandardCharsets.US_ASCII)));
            }
            String branchId = (flags & FLAG_BRANCH) != 0 ? readShortCode(in) : null;
            if (in.hasRemaining()) {
                throw new TokenFormatException(TokenFailure.MALFORMED, "trailing bytes");
            }
            return new QrToken(version, type, keyId, tokenId, expiresAt, amount, branchId);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new TokenFormatException(TokenFailure.MALFORMED, "bad layout");
        }
    }

    private static void writeShortCode(ByteArrayOutputStream out, String code) {
        byte[] bytes = code.getBytes(StandardCharsets.US_ASCII);
        out.write(bytes.length);
        out.writeBytes(bytes);
    }

    private static String readShortCode(ByteBuffer in) {
        int length = Byte.toUnsignedInt(in.get());
        if (length == 0 || length > MAX_SHORT_CODE) {
            throw new TokenFormatException(TokenFailure.MALFORMED, "bad code length");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        String code = new String(bytes, StandardCharsets.US_ASCII);
        if (!isShortCode(code)) {
            throw new TokenFormatException(TokenFailure.MALFORMED, "bad code characters");
        }
        return code;
    }

    /** A token as read from its text: claims not yet trusted, the signed bytes and the signature. */
    public record Parsed(QrToken claims, byte[] payload, byte[] signature) {
    }
}
