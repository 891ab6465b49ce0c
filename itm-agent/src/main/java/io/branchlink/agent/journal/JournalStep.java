package io.branchlink.agent.journal;

/**
 * One step of a transaction in the journal. {@code INTENT_*} is written and forced to disk before the device is
 * asked to act, {@code DONE_*} (or a failure step) after it answers; recovery reads the last step of each
 * transaction (docs/itm-agent.md, "Recovery").
 */
public enum JournalStep {
    /** Deposit: notes counted into escrow; {@code amount} is their total. */
    CASH_COUNTED,
    /**
     * The 0200 is about to be sent; carries fields 7, 11, 12/13 and 37. A withdrawal's never carries the token; a
     * deposit's carries the deposit token, so that notes kept without an answer can be advised after a power cut.
     */
    AUTH_REQUESTED,
    AUTH_APPROVED,
    AUTH_DECLINED,
    /** No 0210 within the timeout: the host may have approved. */
    AUTH_TIMED_OUT,
    /** The 0200 could not be sent at all: the host never saw it. */
    AUTH_NOT_SENT,
    /** {@code counter} is the dispenser's delivered total before the dispense. */
    INTENT_DISPENSE,
    /** {@code actual} is what reached the stacker. */
    DONE_DISPENSE,
    INTENT_PRESENT,
    /** {@code actual} is what was presented. */
    DONE_PRESENT,
    /** {@code actual} is what the customer took. */
    CASH_TAKEN,
    CASH_NOT_TAKEN,
    INTENT_RETRACT,
    DONE_RETRACT,
    INTENT_REJECT,
    DONE_REJECT,
    /** {@code counter} is the acceptor's stored total before the store. */
    INTENT_STORE,
    DONE_STORE,
    STORE_FAILED,
    INTENT_RETURN,
    DONE_RETURN,
    RETURN_FAILED,
    /** An 0420 waits for its 0430; carries the advice's own STAN and time and the amount actually delivered. */
    REVERSAL_QUEUED,
    REVERSAL_ACKNOWLEDGED,
    /**
     * Deposit: an 0220 waits for its 0230: the notes were kept but no 0210 came. Carries the advice's own STAN and
     * time, the amount kept ({@code actual}) and the deposit token, fixed for every repeat.
     */
    ADVICE_QUEUED,
    /** The 0230 came back; {@code responseCode} says whether the deposit is credited ({@code 00}) or refused. */
    ADVICE_ACKNOWLEDGED,
    /** Cash the agent cannot account for; {@code note} says what for branch reconciliation. */
    EXCEPTION_RECORDED,
    /** The transaction is over; {@code actual} is the amount finally dispensed or deposited. */
    COMPLETED
}
