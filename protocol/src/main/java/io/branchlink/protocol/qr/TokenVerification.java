package io.branchlink.protocol.qr;

/** The outcome of verifying a QR token: the trusted claims, or the precise reason it was refused. */
public sealed interface TokenVerification {

    record Valid(QrToken token) implements TokenVerification {
    }

    /**
     * @param token the claims as read, where the token could be parsed at all ({@code null} when malformed); they
     *     are not trusted unless the failure comes after the signature check
     */
    record Invalid(TokenFailure failure, String detail, QrToken token) implements TokenVerification {
    }

    default boolean isValid() {
        return this instanceof Valid;
    }
}
