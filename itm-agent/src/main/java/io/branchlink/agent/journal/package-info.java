/**
 * The write-ahead journal: one fsynced JSON line per step of a transaction, written before the device acts, replayed
 * by {@link io.branchlink.agent.journal.JournalRecovery} after a power cut; the persisted STAN sequence; and the
 * store-and-forward of reversals until their 0430 and of deposit advices until their 0230.
 *
 * @see io.branchlink.agent.journal.JournalTests
 */
package io.branchlink.agent.journal;
