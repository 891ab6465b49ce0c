package io.branchlink.agent.session;

import io.branchlink.protocol.iso8583.TransactionKind;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One customer transaction's current state, moved only through {@link SessionTransitions}; every transition is
 * logged as key=value pairs with the transaction id and STAN, never the token or an account number.
 */
public final class Session {

    private static final Logger log = LoggerFactory.getLogger(Session.class);

    private final String txnId;
    private final TransactionKind kind;
    private int stan;
    private SessionState state;

    public Session(String txnId, TransactionKind kind) {
        this(txnId, kind, SessionState.IDLE);
    }

    public Session(String txnId, TransactionKind kind, SessionState initial) {
        this.txnId = Objects.requireNonNull(txnId, "txnId");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.state = Objects.requireNonNull(initial, "initial");
    }

    /** Moves to the next state, or throws {@link IllegalTransitionException} and stays. */
    public synchronized SessionState fire(SessionEvent event) {
        SessionState from = state;
        state = SessionTransitions.transition(from, event);
        log.info("session txn={} kind={} stan={} from={} event={} to={}", txnId, kind, stan, from, event, state);
        return state;
    }

    public synchronized SessionState state() {
        return state;
    }

    public String txnId() {
        return txnId;
    }

    public TransactionKind kind() {
        return kind;
    }

    public synchronized int stan() {
        return stan;
    }

    public synchronized void stan(int stan) {
        this.stan = stan;
    }
}
