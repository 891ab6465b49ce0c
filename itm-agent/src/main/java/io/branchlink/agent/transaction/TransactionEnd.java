package io.branchlink.agent.transaction;

import io.branchlink.protocol.iso8583.TransactionKind;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.rc.Irc;

/**
 * How a customer visit ended, as the flows return it; the agent hands it out as
 * {@code io.branchlink.agent.system.TransactionOutcome}. Never carries the token.
 *
 * @param txnId the journal id, or {@code null} when no transaction began (unreadable QR, out of service)
 * @param requested the amount asked for (withdrawal) or counted (deposit), or {@code null}
 * @param delivered what the customer actually got (withdrawal) or the bank kept (deposit)
 * @param screenId the last screen shown to the customer
 */
public record TransactionEnd(String txnId, TransactionKind kind, Result result, Irc irc, int stan, String rrn,
        Money requested, Money delivered, String screenId) {

    /** The end of a visit, in the customer's terms. */
    public enum Result {
        /** Cash dispensed and taken in full, or a deposit stored and credited. */
        COMPLETED,
        /** The hub said no (or could not be reached before anything was sent); nothing changed. */
        DECLINED,
        /** Not all went as approved and the 0430 for the reversal has come back. */
        REVERSED,
        /** A reversal is journaled and is being retried until its 0430. */
        REVERSAL_PENDING,
        /** Deposit notes were kept without an answer: an 0220 is journaled and is being retried until its 0230. */
        ADVICE_PENDING,
        /** Cash the agent could not account for: an exception record for branch reconciliation. */
        EXCEPTION,
        /** The customer cancelled before anything was sent; notes were returned. */
        CANCELLED,
        /** No transaction began: unreadable or unsuitable QR, nothing to dispense, out of service. */
        REJECTED
    }

    /** A visit in which no transaction began. */
    public static TransactionEnd rejected(TransactionKind kind, Irc irc, String screenId) {
        return new TransactionEnd(null, kind, Result.REJECTED, irc, 0, null, null, null, screenId);
    }
}
