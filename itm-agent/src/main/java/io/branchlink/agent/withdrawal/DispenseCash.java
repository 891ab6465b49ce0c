package io.branchlink.agent.withdrawal;

import io.branchlink.agent.device.CashDispenser;
import io.branchlink.agent.device.CompletionCode;
import io.branchlink.agent.device.NoteMix;
import io.branchlink.agent.device.Outcome;
import io.branchlink.agent.journal.JournalStep;
import io.branchlink.agent.session.SessionEvent;
import io.branchlink.agent.transaction.SendReversal;
import io.branchlink.agent.transaction.Step;
import io.branchlink.agent.transaction.TransactionEnd;
import io.branchlink.agent.transaction.TransactionServices;
import java.util.Map;
import java.util.Optional;

/**
 * Counts the notes into the stacker between {@code INTENT_DISPENSE} (with the delivered counter) and
 * {@code DONE_DISPENSE}; with nothing stacked the withdrawal is reversed in full.
 */
final class DispenseCash implements Step<WithdrawalContext> {

    private final TransactionServices services;
    private final SendReversal reversal;

    DispenseCash(TransactionServices services, SendReversal reversal) {
        this.services = services;
        this.reversal = reversal;
    }

    @Override
    public Optional<TransactionEnd> run(WithdrawalContext withdrawal) {
        CashDispenser dispenser = services.dispenser();
        services.journal().append(withdrawal.base.next(JournalStep.INTENT_DISPENSE, services.clock().instant())
                .withCounter(dispenser.counters().delivered()));
        CashDispenser.DispenseResult dispensed = withdrawal.mix.mix() == null
                ? new CashDispenser.DispenseResult(Outcome.of(CompletionCode.INVALID_DATA, "MIX", "no mix"),
                        NoteMix.empty(withdrawal.amount.currency()))
                : dispenser.dispense(withdrawal.mix.mix());
        services.journal().append(withdrawal.base.next(JournalStep.DONE_DISPENSE, services.clock().instant())
                .withActual(dispensed.stacked().total()));
        if (!dispensed.outcome().success()) {
            services.fault(dispenser, dispensed.outcome());
        }
        if (dispensed.stacked().isEmpty()) {
            withdrawal.session.fire(SessionEvent.NOTHING_STACKED);
            services.show("DISPENSE_FAILED", "Sorry, the cash could not be dispensed; your account will not be charged",
                    Map.of());
            return Optional.of(reversal.reverse(withdrawal.session, withdrawal.base, withdrawal.zero(),
                    "DISPENSE_FAILED"));
        }
        withdrawal.session.fire(SessionEvent.CASH_STACKED);
        return Optional.empty();
    }
}
