package io.branchlink.hub.channel;

/**
 * channel-api could not be reached or failed (5xx) on every attempt: the outcome of the call is unknown, so the hub
 * answers 91 and, for a financial request, queues a reversal of whatever may have been applied.
 */
public final class ChannelUnavailableException extends RuntimeException {

    public ChannelUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
