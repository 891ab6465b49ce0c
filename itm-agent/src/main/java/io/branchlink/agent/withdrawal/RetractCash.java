package io.branchlink.agent.withdrawal;

import io.branchlink.agent.device.CashDispenser;
import io.branchlink.agent.device.CompletionCode;
import io.branchlink.agent.journal.ExceptionCause;
import io.branchlink.agent.journal.JournalStep;
import io.branchlink.agent.session.SessionEvent;
import io.branchlink.agent.transaction.RecordException;
import io.branchlink.agent.transaction.SendReversal;
import io.branchlink.agent.transaction.TransactionEnd;
import io.branchlink.agent.transaction.TransactionServices;
import java.util.Map;

/**
 * In {@code RETRACTING}: pulls cash back from the exit and the stacker into the reject bin and reverses in full;
 * cash that cannot be retracted becomes an exception record.
 */
final class RetractCash {

    private final TransactionServices services;
    private final SendReversal reversal;
    private final RecordException exception;

    RetractCash(TransactionServices services, SendReversal reversal, RecordException exception) {
        this.services = services;
        this.reversal = reversal;
        this.exception = exception;
    }

    TransactionEnd retractAndReverse(WithdrawalContext withdrawal) {
        CashDispenser dispenser = services.dispenser();
        services.journal().append(withdrawal.base.next(JournalStep.INTENT_RETRACT, services.clock().instant()));
        CashDispenser.MoveResult retracted = dispenser.retract();
        CashDispenser.MoveResult rejected = dispenser.reject();
        services.journal().append(withdrawal.base.next(JournalStep.DONE_RETRACT, services.clock().instant())
                .withActual(retracted.moved().plus(rejected.moved()).total()));
        if (!retracted.outcome().success() && retracted.outcome().code() != CompletionCode.SEQUENCE_ERROR) {
            services.fault(dispenser, retracted.outcome());
            withdrawal.session.fire(SessionEvent.RETRACT_FAILED);
            return exception.record(withdrawal.session, withdrawal.base, withdrawal.amount,
                    ExceptionCause.CASH_NOT_RETRACTED, "RETRACT_FAILED");
        }
        withdrawal.session.fire(SessionEvent.CASH_RETRACTED);
        services.publishCashUnits();
        services.show("CASH_RETRACTED", "The cash was not taken and has been retracted; your account will not be "
                + "charged", Map.of());
        return reversal.reverse(withdrawal.session, withdrawal.base, withdrawal.zero(), "CASH_RETRACTED");
    }
}
