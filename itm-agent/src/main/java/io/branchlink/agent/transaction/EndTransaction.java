package io.branchlink.agent.transaction;

import io.branchlink.agent.journal.JournalRecord;
import io.branchlink.agent.transaction.TransactionEnd.Result;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.mqtt.TransactionCompleted;
import io.branchlink.protocol.rc.Irc;
import java.util.Objects;

/**
 * Ends a visit: tells the hub the transaction completed (a pending reversal or advice tells it later, once its 0430
 * or 0230 is in)
 * and returns the ending.
 */
public final class EndTransaction {

    private final TransactionServices services;

    public EndTransaction(TransactionServices services) {
        this.services = Objects.requireNonNull(services, "services");
    }

    public TransactionEnd end(JournalRecord base, Result result, Irc irc, Money delivered, String screenId) {
        if (result != Result.REVERSAL_PENDING && result != Result.ADVICE_PENDING) {
            services.events().accept(TransactionCompleted.of(base.txnId(), base.stan(), base.rrn(), base.kind(),
                    delivered, irc, null, services.clock().instant()));
        }
        return new TransactionEnd(base.txnId(), base.kind(), result, irc, base.stan(), base.rrn(),
                base.amountMoney(), delivered, screenId);
    }

    /** Tells the hub of a transaction whose reversal the hub has just acknowledged. */
    public void reversalSettled(JournalRecord completed) {
        services.events().accept(TransactionCompleted.of(completed.txnId(), completed.stan(), completed.rrn(),
                completed.kind(), completed.actualMoney(), Irc.APPROVED, null, services.clock().instant()));
    }
}
