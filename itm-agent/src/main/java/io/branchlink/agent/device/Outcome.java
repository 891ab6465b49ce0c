package io.branchlink.agent.device;

import java.util.Objects;

/**
 * The completion code, device error code and message that every device operation returns, as the XFS
 * {@code DispenseResult} does; expected failures are outcomes, not exceptions.
 *
 * @param errorCode the device's own code, such as {@code E-PICK-07}, or {@code null} on success
 * @param message a short text for operators, never customer data
 */
public record Outcome(CompletionCode code, String errorCode, String message) {

    private static final Outcome OK = new Outcome(CompletionCode.SUCCESS, null, "ok");

    public Outcome {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public static Outcome ok() {
        return OK;
    }

    public static Outcome of(CompletionCode code, String errorCode, String message) {
        return new Outcome(code, errorCode, message);
    }

    public boolean success() {
        return code == CompletionCode.SUCCESS;
    }
}
