package io.branchlink.agent.withdrawal;

import io.branchlink.agent.device.CashDispenser;
import io.branchlink.agent.journal.JournalStep;
import io.branchlink.agent.session.SessionEvent;
import io.branchlink.agent.transaction.Step;
import io.branchlink.agent.transaction.TransactionEnd;
import io.branchlink.agent.transaction.TransactionServices;
import java.util.Optional;

/** Waits for the customer to take the presented cash; cash left at the exit is retracted and reversed. */
final class AwaitCashTaken implements Step<WithdrawalContext> {

    private final TransactionServices services;
    private final RetractCash retract;

    AwaitCashTaken(TransactionServices services, RetractCash retract) {
        this.services = services;
        this.retract = retract;
    }

    @Override
    public Optional<TransactionEnd> run(WithdrawalContext withdrawal) {
        CashDispenser.TakenResult taken = services.dispenser().waitForTaken(services.settings().cashTakenTimeout());
        if (taken.taken() == CashDispenser.Taken.NOT_TAKEN) {
            services.journal().append(withdrawal.base.next(JournalStep.CASH_NOT_TAKEN, services.clock().instant()));
            withdrawal.session.fire(SessionEvent.CASH_NOT_TAKEN);
            return Optional.of(retract.retractAndReverse(withdrawal));
        }
        services.journal().append(withdrawal.base.next(JournalStep.CASH_TAKEN, services.clock().instant())
                .withActual(withdrawal.presented));
        withdrawal.session.fire(SessionEvent.CASH_TAKEN);
        services.publishCashUnits();
        return Optional.empty();
    }
}
