package io.branchlink.protocol.qr;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides whether a QR token may be used here and now: well formed, signed by a trusted key, not expired (allowing
 * a small clock skew), of the expected type and, where scoped, for this branch. The first failing check is the
 * reason given.
 *
 * <p>This is a stateless check that both the branch hub (fast rejection of forgeries) and channel-api run. Whether
 * a token was already used is decided only by channel-api's database.
 *
 * @see io.branchlink.protocol.qr.QrTokenVerifierTests
 */
public final class QrTokenVerifier {

    private final Function<String, Optional<PublicKey>> keys;
    private final Clock clock;
    private final Duration clockSkew;

    /**
     * @param keys resolves a key id to the trusted Ed25519 public key, or empty for an unknown or retired id
     * @param clockSkew how far past its expiry a token is still accepted, for clocks that disagree a little
     */
    public QrTokenVerifier(Function<String, Optional<PublicKey>> keys, Clock clock, Duration clockSkew) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (clockSkew.isNegative()) {
            throw new IllegalArgumentException("clock skew must not be negative");
        }
        this.clockSkew = clockSkew;
    }

    /**
     * @param expectedType the type this use requires
     * @param branchId the branch where the token is presented, or {@code null} where the caller has no branch
     *     (a scoped token then fails)
     */
    public TokenVerification verify(String text, TokenType expectedType, String branchId) {
        QrTokenCodec.Parsed parsed;
        try {
            parsed = QrTokenCodec.parse(text);
        } catch (TokenFormatException e) {
            return new TokenVerification.Invalid(e.failure(), e.getMessage(), null);
        }
        QrToken claims = parsed.claims();
        Optional<PublicKey> key = keys.apply(claims.keyId());
        if (key.isEmpty()) {
            return new TokenVerification.Invalid(TokenFailure.UNKNOWN_KEY, "key " + claims.keyId(), claims);
        }
        if (!QrTokenCodec.signatureMatches(parsed.payload(), parsed.signature(), key.get())) {
            return new TokenVerification.Invalid(TokenFailure.BAD_SIGNATURE, "signature mismatch", claims);
        }
        Instant now = clock.instant();
        if (now.isAfter(claims.expiresAt().plus(clockSkew))) {
            return new TokenVerification.Invalid(TokenFailure.EXPIRED, "expired at " + claims.expiresAt(), claims);
        }
        if (claims.type() != expectedType) {
            return new TokenVerification.Invalid(TokenFailure.WRONG_TYPE,
                    claims.type() + " token where " + expectedType + " is required", claims);
        }
        if (claims.branchId() != null && !claims.branchId().equals(branchId)) {
            return new TokenVerification.Invalid(TokenFailure.WRONG_BRANCH,
                    "scoped to branch " + claims.branchId(), claims);
        }
        return new TokenVerification.Valid(claims);
    }
}
