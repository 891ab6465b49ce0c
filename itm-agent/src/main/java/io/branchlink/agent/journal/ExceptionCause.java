package io.branchlink.agent.journal;

import io.branchlink.protocol.money.Money;

/**
 * Why cash could not be accounted for, as written into the {@code note} of an {@code EXCEPTION_RECORDED} record for
 * branch reconciliation. The live flows and journal recovery record the same causes with the same words.
 */
public enum ExceptionCause {
    /** An approved deposit whose notes jammed on their way to the cassette: kept, and the account is credited. */
    NOTES_JAMMED_ON_STORE(true, "approved deposit: notes jammed on store, kept and credited"),
    /** An approved deposit whose escrow could not be given back after the power came back: kept and credited. */
    APPROVED_DEPOSIT_KEPT(true, "approved deposit kept"),
    NOTES_NEITHER_STORED_NOR_RETURNED(false, "notes could be neither stored nor returned"),
    /** An approved deposit found with an empty escrow and less stored than counted; {@code %s} is what was stored. */
    APPROVED_DEPOSIT_STORED_SHORT(true, "approved deposit: escrow empty but only %s stored"),
    /** The host refused the 0220 of kept notes (token cancelled, unknown, of another customer or used elsewhere). */
    ADVICE_REFUSED(false, "host refused the deposit advice: notes kept, not credited"),
    /** Notes kept without an answer, and no deposit token in the journal to advise them with. */
    UNANSWERED_NOTES_KEPT_WITHOUT_TOKEN(false, "host did not answer, notes kept, no token to advise them with"),
    CASH_NOT_RETRACTED(false, "cash left at the exit could not be retracted"),
    /** The dispenser's counters give a delivered amount the withdrawal cannot explain; {@code %s} is that amount. */
    DISPENSE_UNEXPLAINED(false, "dispenser counters do not explain the dispense: delivered %s");

    private final boolean credited;
    private final String note;

    ExceptionCause(boolean credited, String note) {
        this.credited = credited;
        this.note = note;
    }

    /** Whether the host credited the customer for the cash kept (a deposit it approved). */
    public boolean credited() {
        return credited;
    }

    /** The operator's note; {@code observed} fills the causes that name an amount. */
    public String note(Money observed) {
        return String.format(note, observed);
    }
}
