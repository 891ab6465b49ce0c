package io.branchlink.agent.journal;

import io.branchlink.protocol.money.Money;
import java.time.Clock;

/** Queues a reversal in the journal with its own STAN and time fixed once, so every repeat is the same 0420. */
public final class Reversals {

    private Reversals() {
    }

    /**
     * Appends {@code REVERSAL_QUEUED} for the transaction of {@code base}.
     *
     * @param delivered what the customer actually got (withdrawal) or the bank actually kept (deposit); below the
     *     transaction's amount
     */
    public static JournalRecord queue(Journal journal, JournalRecord base, Money delivered, Clock clock) {
        if (delivered.minorUnits() >= base.amount()) {
            throw new IllegalArgumentException("nothing to reverse: delivered " + delivered + " of " + base.amount());
        }
        JournalRecord queued = base.next(JournalStep.REVERSAL_QUEUED, clock.instant())
                .withActual(delivered)
                .withAdvice(journal.stans().next(), clock.instant());
        journal.append(queued);
        return queued;
    }
}
