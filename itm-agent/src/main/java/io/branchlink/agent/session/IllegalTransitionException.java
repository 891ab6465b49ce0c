package io.branchlink.agent.session;

/** An event that the session's state does not allow: a programming error in the agent, never a customer outcome. */
public final class IllegalTransitionException extends IllegalStateException {

    private final SessionState state;
    private final SessionEvent event;

    public IllegalTransitionException(SessionState state, SessionEvent event) {
        super("no transition from " + state + " on " + event);
        this.state = state;
        this.event = event;
    }

    public SessionState state() {
        return state;
    }

    public SessionEvent event() {
        return event;
    }
}
