package io.branchlink.channel.sms;

/** The gateway did not accept a message: not configured, unreachable, too slow or answering an error. */
public class SmsGatewayUnavailableException extends RuntimeException {

    public SmsGatewayUnavailableException(String message) {
        super(message, null, false, false);
    }
}
