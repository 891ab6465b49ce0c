package io.branchlink.protocol.qr;

import io.branchlink.protocol.money.Money;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The claims a QR token carries: what it is for, who signed it, until when it is valid, and, where they apply,
 * the amount and the branch it is scoped to. The wire format is specified in {@code docs/protocols/qr-token.md}.
 *
 * @param version format version, {@link QrTokenCodec#VERSION} for tokens written by this code
 * @param type what the token may be used for
 * @param keyId the id of the Ed25519 key that signed the token (1 to 16 characters A-Z, 0-9)
 * @param tokenId 16 random bytes that name the token in channel-api
 * @param expiresAt when the token stops being valid, to the second
 * @param amount the amount the token is bound to, or {@code null} where none applies
 * @param branchId the only branch where the token may be used, or {@code null} for any branch
 */
public record QrToken(int version, TokenType type, String keyId, byte[] tokenId, Instant expiresAt, Money amount,
        String branchId) {

    public static final int TOKEN_ID_BYTES = 16;

    public QrToken {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (keyId == null || !QrTokenCodec.isShortCode(keyId)) {
            throw new IllegalArgumentException("key id must be 1-16 characters A-Z, 0-9");
        }
        if (tokenId == null || tokenId.length != TOKEN_ID_BYTES) {
            throw new IllegalArgumentException("token id must be " + TOKEN_ID_BYTES + " bytes");
        }
        if (branchId != null && !QrTokenCodec.isShortCode(branchId)) {
            throw new IllegalArgumentException("branch id must be 1-16 characters A-Z, 0-9");
        }
        if (amount != null && !amount.isPositive()) {
            throw new IllegalArgumentException("amount must be positive");
        }
        expiresAt = Instant.ofEpochSecond(expiresAt.getEpochSecond());
        tokenId = tokenId.clone();
    }

    @Override
    public byte[] tokenId() {
        return tokenId.clone();
    }

    /** The token id as 32 lowercase hex digits, the form channel-api stores and logs abbreviate. */
    public String tokenIdHex() {
        return HexFormat.of().formatHex(tokenId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QrToken other
                && version == other.version
                && type == other.type
                && keyId.equals(other.keyId)
                && java.util.Arrays.equals(tokenId, other.tokenId)
                && expiresAt.equals(other.expiresAt)
                && Objects.equals(amount, other.amount)
                && Objects.equals(branchId, other.branchId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(version, type, keyId, java.util.Arrays.hashCode(tokenId), expiresAt, amount, branchId);
    }

    /** Never prints the token id in full: logs carry at most its first eight hex digits. */
    @Override
    public String toString() {
        return "QrToken[" + type + " id=" + tokenIdHex().substring(0, 8) + "… key=" + keyId + " expires=" + expiresAt
                + (amount != null ? " amount=" + amount : "") + (branchId != null ? " branch=" + branchId : "") + "]";
    }
}
