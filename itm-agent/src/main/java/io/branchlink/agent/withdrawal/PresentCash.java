package io.branchlink.agent.withdrawal;

import io.branchlink.agent.device.CashDispenser;
import io.branchlink.agent.journal.JournalStep;
import io.branchlink.agent.session.SessionEvent;
import io.branchlink.agent.transaction.Step;
import io.branchlink.agent.transaction.TransactionEnd;
import io.branchlink.agent.transaction.TransactionServices;
import java.util.Map;
import java.util.Optional;

/**
 * Moves the stacked notes to the exit between {@code INTENT_PRESENT} and {@code DONE_PRESENT} and asks the
 * customer to take them; a failed present is retracted and reversed.
 */
final class PresentCash implements Step<WithdrawalContext> {

    private final TransactionServices services;
    private final RetractCash retract;

    PresentCash(TransactionServices services, RetractCash retract) {
        this.services = services;
        this.retract = retract;
    }

    @Override
    public Optional<TransactionEnd> run(WithdrawalContext withdrawal) {
        CashDispenser dispenser = services.dispenser();
        services.journal().append(withdrawal.base.next(JournalStep.INTENT_PRESENT, services.clock().instant()));
        CashDispenser.PresentResult presented = dispenser.present();
        services.journal().append(withdrawal.base.next(JournalStep.DONE_PRESENT, services.clock().instant())
                .withActual(presented.presented().total()));
        if (!presented.outcome().success() || presented.presented().isEmpty()) {
            services.fault(dispenser, presented.outcome());
            withdrawal.session.fire(SessionEvent.PRESENT_FAILED);
            return Optional.of(retract.retractAndReverse(withdrawal));
        }
        withdrawal.presented = presented.presented().total();
        services.show("TAKE_CASH", "Please take your cash", Map.of("amount", withdrawal.presented.toString()));
        return Optional.empty();
    }
}
