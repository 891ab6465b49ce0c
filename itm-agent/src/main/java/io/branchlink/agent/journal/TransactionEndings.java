package io.branchlink.agent.journal;

import io.branchlink.protocol.money.Money;
import java.time.Clock;
import java.util.Objects;

/**
 * The journal records that end a transaction: completion, the queued reversal and the exception record. The live
 * flows and {@link JournalRecovery} end transactions only through here, so both write the same steps and notes.
 */
public final class TransactionEndings {

    private final Journal journal;
    private final Clock clock;

    public TransactionEndings(Journal journal, Clock clock) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Appends {@code COMPLETED}: the transaction is over and {@code delivered} is what finally moved. */
    public void complete(JournalRecord base, Money delivered) {
        journal.append(base.next(JournalStep.COMPLETED, clock.instant()).withActual(delivered));
    }

    /** Appends {@code REVERSAL_QUEUED} with its own STAN and time, fixed once for every repeat of the 0420. */
    public JournalRecord queueReversal(JournalRecord base, Money delivered) {
        return Reversals.queue(journal, base, delivered, clock);
    }

    /**
     * Appends {@code ADVICE_QUEUED}: the deposit's notes were kept without an answer, and an 0220 will ask the host to
     * credit {@code kept} on the original key. It replaces the 0420 an unanswered deposit gets when its notes went
     * back: a reversal would undo a credit that is right.
     */
    public JournalRecord queueAdvice(JournalRecord base, Money kept, String token) {
        return Reversals.queueAdvice(journal, base, kept, token, clock);
    }

    /**
     * Appends {@code EXCEPTION_RECORDED} with the cause's note, then {@code COMPLETED}: the cash waits for branch
     * reconciliation and the transaction is closed.
     *
     * @param observed the amount the cause's note names, where it names one
     */
    public String recordException(JournalRecord base, Money kept, ExceptionCause cause, Money observed) {
        String note = cause.note(observed);
        journal.append(base.next(JournalStep.EXCEPTION_RECORDED, clock.instant()).withActual(kept).withNote(note));
        complete(base, kept);
        return note;
    }
}
