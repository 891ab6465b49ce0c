package io.branchlink.sim.app;

/** channel-api refused an app call; {@link #irc()} is the result code from its problem detail. */
public class AppException extends RuntimeException {

    private final int status;
    private final String irc;

    AppException(int status, String irc, String detail) {
        super(status + " " + irc + ": " + detail);
        this.status = status;
        this.irc = irc;
    }

    public int status() {
        return status;
    }

    /** The problem's {@code irc}, or its {@code code} when it has no {@code irc}. */
    public String irc() {
        return irc;
    }
}
