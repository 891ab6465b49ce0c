package io.branchlink.agent.session;

/** Where one customer transaction is; the table is {@code docs/itm-agent.md}. */
public enum SessionState {
    IDLE,
    TOKEN_READ,
    // withdrawal
    AUTHORIZING,
    DISPENSING,
    PRESENTING,
    TAKEN,
    RETRACTING,
    DECLINED,
    // deposit
    COUNTING,
    CONFIRMING,
    AUTHORIZING_DEPOSIT,
    STORING,
    /** Giving the notes back after a decline or a cancel: the host has not credited them. */
    RETURNING,
    /** Giving the notes back after the host did not answer: it may have credited them, so a reversal follows. */
    RETURNING_UNANSWERED,
    // shared endings
    /** An 0420 is journaled and waits for its 0430. */
    REVERSING,
    /** Deposit notes were kept without an answer: an 0220 is journaled and waits for its 0230. */
    ADVISING,
    /** Cash the agent can neither account for to the host nor give back: a record for branch reconciliation. */
    EXCEPTION,
    DONE,
    // power
    POWER_OFF,
    /** Power is back and the journal is being replayed. */
    RECOVERING
}
