package io.branchlink.channel.clearing;

/**
 * The clearing system's answer to a submitted payment: accepted (a confirmation or rejection follows as a
 * notification) or rejected at once, with its reason.
 *
 * @param accepted true when the clearing system took the payment
 * @param reason the clearing system's reason for a rejection (safe to show the customer), or null
 */
public record ClearingSubmission(boolean accepted, String reason) {

    public static ClearingSubmission accept() {
        return new ClearingSubmission(true, null);
    }

    public static ClearingSubmission reject(String reason) {
        return new ClearingSubmission(false, reason == null || reason.isBlank() ? "rejected by the clearing system"
                : reason);
    }
}
