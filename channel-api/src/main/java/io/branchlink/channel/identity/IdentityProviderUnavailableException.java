package io.branchlink.channel.identity;

/** The identity provider gave no verdict: not configured, unreachable, too slow or answering an error. */
public class IdentityProviderUnavailableException extends RuntimeException {

    public IdentityProviderUnavailableException(String message) {
        super(message, null, false, false);
    }
}
