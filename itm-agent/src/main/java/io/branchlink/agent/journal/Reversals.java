package io.branchlink.agent.journal;

import io.branchlink.protocol.money.Money;
import java.time.Clock;

/**
 * Queues a reversal (0420) or a deposit advice (0220) in the journal with its own STAN and time fixed once, so every
 * repeat is the same message.
 */
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

    /**
     * Appends {@code ADVICE_QUEUED} for the deposit of {@code base}: its notes were kept ({@code kept}) and no 0210
     * came, so an 0220 with its own STAN and time, fixed once, tells the host to credit them.
     */
    public static JournalRecord queueAdvice(Journal journal, JournalRecord base, Money kept, String token,
            Clock clock) {
        if (!kept.isPositive() || token == null) {
            throw new IllegalArgumentException("an advice needs notes kept and the deposit token");
        }
        JournalRecord queued = base.next(JournalStep.ADVICE_QUEUED, clock.instant())
                .withActual(kept)
                .withAdvice(journal.stans().next(), clock.instant())
                .withToken(token);
        journal.append(queued);
        return queued;
    }
}
