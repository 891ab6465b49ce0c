package io.branchlink.agent.journal;

import io.branchlink.agent.device.CashAcceptor;
import io.branchlink.agent.journal.JournalRecovery.Result;
import io.branchlink.protocol.money.Money;

/**
 * Recovery of a deposit whose notes may still be in escrow: an approved deposit is stored (or found stored), any
 * other is given back, and a 0200 left unanswered is reversed as well; the notes of an unanswered 0200 that cannot be
 * given back are advised (0220) instead.
 */
final class SettleEscrow {

    private final CashAcceptor acceptor;

    SettleEscrow(CashAcceptor acceptor) {
        this.acceptor = acceptor;
    }

    Result recover(RecoveredTransaction txn) {
        return txn.approved() ? store(txn) : giveBack(txn);
    }

    private Result store(RecoveredTransaction txn) {
        JournalRecord last = txn.last();
        JournalRecord intent = txn.find(JournalStep.INTENT_STORE);
        if (!acceptor.escrow().isEmpty()) {
            txn.append(txn.next(JournalStep.INTENT_STORE).withCounter(acceptor.storedTotal()));
            CashAcceptor.StoreResult store = acceptor.store();
            if (!store.outcome().success()) {
                txn.append(JournalStep.STORE_FAILED);
                return txn.exception(last.amountMoney(), ExceptionCause.NOTES_JAMMED_ON_STORE, txn.zero());
            }
            txn.append(txn.next(JournalStep.DONE_STORE).withActual(store.stored().total()));
            return txn.complete(last.amountMoney());
        }
        Money stored = intent == null ? txn.zero() : acceptor.storedTotal().minus(intent.counterMoney());
        if (stored.minorUnits() == last.amount()) {
            return txn.complete(stored);
        }
        return txn.exception(last.amountMoney(), ExceptionCause.APPROVED_DEPOSIT_STORED_SHORT, stored);
    }

    private Result giveBack(RecoveredTransaction txn) {
        boolean hostMayHaveCredited = txn.unanswered();
        if (!acceptor.escrow().isEmpty()) {
            txn.append(JournalStep.INTENT_RETURN);
            CashAcceptor.RollbackResult rollback = acceptor.rollback();
            if (!rollback.outcome().success()) {
                txn.append(JournalStep.RETURN_FAILED);
                return hostMayHaveCredited ? txn.advise(txn.last().amountMoney())
                        : txn.exception(txn.last().amountMoney(), ExceptionCause.NOTES_NEITHER_STORED_NOR_RETURNED,
                                txn.zero());
            }
            txn.append(txn.next(JournalStep.DONE_RETURN).withActual(rollback.returned().total()));
        }
        return hostMayHaveCredited ? txn.reverse(txn.zero()) : txn.complete(txn.zero());
    }
}
