package io.branchlink.agent.session;

/** What can happen to a customer transaction; which event is allowed in which state is {@link SessionTransitions}. */
public enum SessionEvent {
    TOKEN_SCANNED,
    TOKEN_REJECTED,
    // withdrawal
    WITHDRAWAL_REQUESTED,
    APPROVED,
    DECLINED,
    HOST_TIMED_OUT,
    CASH_STACKED,
    NOTHING_STACKED,
    CASH_PRESENTED,
    PRESENT_FAILED,
    CASH_TAKEN,
    CASH_NOT_TAKEN,
    FULL_AMOUNT_DELIVERED,
    SHORT_AMOUNT_DELIVERED,
    CASH_RETRACTED,
    RETRACT_FAILED,
    CUSTOMER_INFORMED,
    // deposit
    CASH_IN_STARTED,
    NOTES_COUNTED,
    NO_NOTES_ACCEPTED,
    CUSTOMER_CONFIRMED,
    CUSTOMER_CANCELLED,
    NOTES_STORED,
    STORE_FAILED,
    NOTES_RETURNED,
    RETURN_FAILED,
    // endings
    REVERSAL_ACKNOWLEDGED,
    /** Notes kept without an answer: an 0220 is journaled. */
    ADVICE_QUEUED,
    ADVICE_ACKNOWLEDGED,
    EXCEPTION_RECORDED,
    // power and recovery
    POWER_LOST,
    POWER_RESTORED,
    NOTHING_TO_RECOVER,
    REVERSAL_QUEUED,
    RECONCILIATION_NEEDED
}
