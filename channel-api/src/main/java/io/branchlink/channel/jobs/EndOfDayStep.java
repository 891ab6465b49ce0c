package io.branchlink.channel.jobs;

import java.time.LocalDate;

/**
 * One product's end-of-day work for one business date (interest accrual, statements, due dates, scheduled
 * transfers …). The end-of-day job runs every step bean once per business date, in {@link #order()}, exactly once
 * per date even with several channel-api nodes, and catches up date by date after downtime or when a test moves the
 * clock forward. A step must be idempotent for its date: it may be re-run after a crash inside it.
 */
public interface EndOfDayStep {

    /** A short stable name for logs, metrics and the job's record of what ran ({@code transfer.standing}). */
    String name();

    /** Lower runs first; steps that post money run before steps that report on it (statements). */
    default int order() {
        return 0;
    }

    /** Does the step's work for {@code businessDate} (in the bank's zone), in the step's own transactions. */
    void run(LocalDate businessDate);
}
