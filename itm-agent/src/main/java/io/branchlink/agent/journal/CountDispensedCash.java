package io.branchlink.agent.journal;

import io.branchlink.agent.device.CashDispenser;
import io.branchlink.agent.journal.JournalRecovery.Result;
import io.branchlink.protocol.money.Money;

/**
 * Recovery of a withdrawal whose dispense may have begun: clears the transport (exit to the retract bin, stacker to
 * the reject bin), then lets the dispenser's delivered counter since {@code INTENT_DISPENSE} decide: all delivered
 * completes, less is reversed, a count that cannot be right is an exception record.
 */
final class CountDispensedCash {

    private final CashDispenser dispenser;

    CountDispensedCash(CashDispenser dispenser) {
        this.dispenser = dispenser;
    }

    Result recover(RecoveredTransaction txn) {
        JournalRecord intent = txn.find(JournalStep.INTENT_DISPENSE);
        if (intent == null) {
            return txn.reverse(txn.zero());
        }
        clearTransport(txn);
        Money delivered = dispenser.counters().delivered().minus(intent.counterMoney());
        long amount = txn.last().amount();
        if (delivered.minorUnits() < 0 || delivered.minorUnits() > amount) {
            return txn.exception(delivered, ExceptionCause.DISPENSE_UNEXPLAINED, delivered);
        }
        if (delivered.minorUnits() == amount) {
            return txn.complete(delivered);
        }
        return txn.reverse(delivered);
    }

    private void clearTransport(RecoveredTransaction txn) {
        if (dispenser.counters().atExit().isPositive()) {
            txn.append(JournalStep.INTENT_RETRACT);
            CashDispenser.MoveResult retract = dispenser.retract();
            txn.append(txn.next(JournalStep.DONE_RETRACT).withActual(retract.moved().total()));
        }
        if (dispenser.counters().inStacker().isPositive()) {
            txn.append(JournalStep.INTENT_REJECT);
            CashDispenser.MoveResult reject = dispenser.reject();
            txn.append(txn.next(JournalStep.DONE_REJECT).withActual(reject.moved().total()));
        }
    }
}
