package io.branchlink.channel.sms;

/** Sends a text message to a phone number through the bank's SMS gateway. */
public interface SmsGateway {

    /**
     * Hands one message to the gateway, which accepts it for delivery.
     *
     * @param phoneNumber the customer's registered number, in E.164 ({@code +8613912345678}) or as a national
     *         number of the configured default country
     * @param text the message; it may hold a secret, so it is never logged here
     * @return the gateway's id of the accepted message
     * @throws SmsGatewayUnavailableException when the gateway is not configured, cannot be reached, times out or
     *         does not accept the message
     */
    String send(String phoneNumber, String text);

    /** The number with all but its last four digits masked, for logs: {@code *********5678}. */
    static String mask(String phoneNumber) {
        if (phoneNumber == null) {
            return "null";
        }
        int visible = Math.min(4, phoneNumber.length());
        return "*".repeat(phoneNumber.length() - visible) + phoneNumber.substring(phoneNumber.length() - visible);
    }
}
