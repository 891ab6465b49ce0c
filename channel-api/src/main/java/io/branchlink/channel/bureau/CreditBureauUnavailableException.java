package io.branchlink.channel.bureau;

/** The credit bureau gave no report: not configured, unreachable, too slow or answering an error. */
public class CreditBureauUnavailableException extends RuntimeException {

    public CreditBureauUnavailableException(String message) {
        super(message, null, false, false);
    }
}
