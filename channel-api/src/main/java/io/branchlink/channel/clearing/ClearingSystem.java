package io.branchlink.channel.clearing;

/** Sends payments to other banks through the interbank clearing system and checks what it notifies. */
public interface ClearingSystem {

    /** Header of a notification: when the clearing system signed it, in seconds since the epoch. */
    String TIMESTAMP_HEADER = "X-Clearing-Timestamp";

    /** Header of a notification: {@code v1=} and the hex HMAC-SHA256 of {@code timestamp + "." + body}. */
    String SIGNATURE_HEADER = "X-Clearing-Signature";

    /**
     * Submits one payment. Safe to repeat with the same payment id: the clearing system answers it as the first time.
     *
     * @return accepted, or rejected with the reason
     * @throws ClearingUnavailableException when the answer is unknown (not configured, unreachable, timed out, 5xx)
     */
    ClearingSubmission submit(ClearingPayment payment);

    /**
     * Whether a notification is the clearing system's: a signature under the shared secret over exactly these
     * bytes, signed within the allowed clock difference of now.
     */
    boolean authentic(String timestamp, byte[] body, String signature);
}
