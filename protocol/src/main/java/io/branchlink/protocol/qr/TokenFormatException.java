package io.branchlink.protocol.qr;

/** A token text that cannot be read; carries the {@link TokenFailure} that says why. */
public final class TokenFormatException extends RuntimeException {

    private final TokenFailure failure;

    public TokenFormatException(TokenFailure failure, String message) {
        super(message, null, false, false);
        this.failure = failure;
    }

    public TokenFailure failure() {
        return failure;
    }
}
