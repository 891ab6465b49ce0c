package io.branchlink.channel.clearing;

/**
 * The clearing system did not answer a submission: not configured, unreachable, too slow or a server error. Whether
 * it took the payment is unknown, so the payment is submitted again (the clearing system is idempotent on its id).
 */
public class ClearingUnavailableException extends RuntimeException {

    public ClearingUnavailableException(String message) {
        super(message, null, false, false);
    }
}
