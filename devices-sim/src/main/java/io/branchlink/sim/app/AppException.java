package io.branchlink.sim.app;

/** channel-api refused an app call; {@link #irc()} is the result code from its problem detail. */
public class AppException extends RuntimeException {

    private final int status;
    private final String irc;
    private final transient StepUpRequired stepUp;

    AppException(int status, String irc, String detail) {
        this(status, irc, detail, null);
    }

    AppException(int status, String irc, String detail, StepUpRequired stepUp) {
        super(status + " " + irc + ": " + detail);
        this.status = status;
        this.irc = irc;
        this.stepUp = stepUp;
    }

    /** The step-up a 403 {@code STEP_UP_REQUIRED} from the risk engine carries, or {@code null}. */
    public StepUpRequired stepUp() {
        return stepUp;
    }

    public int status() {
        return status;
    }

    /** The problem's {@code irc}, or its {@code code} when it has no {@code irc}. */
    public String irc() {
        return irc;
    }

    /**
     * A pending step-up: pass it with one of {@code factors} ({@code SOFT_OTP}, {@code BIOMETRIC}) at
     * {@code /api/v1/step-ups/{id}}, then send the same request again with {@code stepUpId}.
     */
    public record StepUpRequired(String id, java.util.List<String> factors, java.time.Instant expiresAt) {
    }
}
