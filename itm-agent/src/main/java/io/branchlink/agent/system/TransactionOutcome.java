package io.branchlink.agent.system;

import io.branchlink.agent.transaction.TransactionEnd;
import io.branchlink.protocol.iso8583.TransactionKind;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.rc.Irc;

/**
 * How one customer visit ended, for the caller and for tests; never carries the token.
 *
 * @param txnId the journal id, or {@code null} when no transaction began (unreadable QR, out of service)
 * @param requested the amount asked for (withdrawal) or counted (deposit), or {@code null}
 * @param delivered what the customer actually got (withdrawal) or the bank kept (deposit)
 * @param screenId the last screen shown to the customer
 */
public record TransactionOutcome(String txnId, TransactionKind kind, Result result, Irc irc, int stan, String rrn,
        Money requested, Money delivered, String screenId) {

    /** The end of a visit, in the customer's terms; the same values as {@link TransactionEnd.Result}. */
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

    /** The outcome a flow's ending stands for. */
    static TransactionOutcome of(TransactionEnd end) {
        return new TransactionOutcome(end.txnId(), end.kind(), Result.valueOf(end.result().name()), end.irc(),
                end.stan(), end.rrn(), end.requested(), end.delivered(), end.screenId());
    }
}
