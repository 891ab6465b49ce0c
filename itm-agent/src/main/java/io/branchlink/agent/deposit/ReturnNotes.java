package io.branchlink.agent.deposit;

import io.branchlink.agent.device.CashAcceptor;
import io.branchlink.agent.journal.ExceptionCause;
import io.branchlink.agent.journal.JournalRecord;
import io.branchlink.agent.journal.JournalStep;
import io.branchlink.agent.session.SessionEvent;
import io.branchlink.agent.session.SessionState;
import io.branchlink.agent.transaction.EndTransaction;
import io.branchlink.agent.transaction.RecordException;
import io.branchlink.agent.transaction.SendAdvice;
import io.branchlink.agent.transaction.SendReversal;
import io.branchlink.agent.transaction.TransactionEnd.Result;
import io.branchlink.agent.transaction.TransactionEnd;
import io.branchlink.agent.transaction.TransactionServices;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.rc.Irc;
import java.util.Map;

/**
 * In {@code RETURNING} or {@code RETURNING_UNANSWERED}: gives the escrow back between {@code INTENT_RETURN} and
 * {@code DONE_RETURN}, then completes, or reverses when the host never answered. Notes that cannot be given back
 * after a decline or a cancel become an exception record; after no answer they are advised (0220) instead, because
 * the host may have credited them already and they are in the machine.
 */
final class ReturnNotes {

    private final TransactionServices services;
    private final EndTransaction end;
    private final SendReversal reversal;
    private final RecordException exception;
    private final SendAdvice advice;

    ReturnNotes(TransactionServices services, EndTransaction end, SendReversal reversal, RecordException exception,
            SendAdvice advice) {
        this.advice = advice;
        this.services = services;
        this.end = end;
        this.reversal = reversal;
        this.exception = exception;
    }

    TransactionEnd giveBack(DepositContext deposit, Result result, Irc irc, String screenId) {
        JournalRecord base = deposit.base;
        Money zero = new Money(0, base.amountMoney().currency());
        boolean unanswered = deposit.session.state() == SessionState.RETURNING_UNANSWERED;
        CashAcceptor acceptor = services.acceptor();
        services.journal().append(base.next(JournalStep.INTENT_RETURN, services.clock().instant()));
        CashAcceptor.RollbackResult rollback = acceptor.rollback();
        if (!rollback.outcome().success()) {
            services.journal().append(base.next(JournalStep.RETURN_FAILED, services.clock().instant()));
            services.fault(acceptor, rollback.outcome());
            if (unanswered) {
                // The host may have credited the notes, and they are in the machine: advise, never reverse.
                services.show("NOTES_KEPT", "Your notes could not be returned; your deposit will be credited",
                        Map.of("amount", base.amountMoney().toString()));
                return advice.advise(deposit.session, base, base.amountMoney(), deposit.token, "NOTES_KEPT");
            }
            deposit.session.fire(SessionEvent.RETURN_FAILED);
            services.show("NOTES_KEPT", "Your notes could not be returned; the branch will contact you",
                    Map.of("amount", base.amountMoney().toString()));
            return exception.record(deposit.session, base, base.amountMoney(),
                    ExceptionCause.NOTES_NEITHER_STORED_NOR_RETURNED, "NOTES_KEPT");
        }
        services.journal().append(base.next(JournalStep.DONE_RETURN, services.clock().instant())
                .withActual(rollback.returned().total()));
        deposit.session.fire(SessionEvent.NOTES_RETURNED);
        services.show(screenId, "Please take your notes back",
                Map.of("amount", rollback.returned().total().toString()));
        if (unanswered) {
            return reversal.reverse(deposit.session, base, zero, screenId);
        }
        services.endings().complete(base, zero);
        return end.end(base, result, irc, zero, screenId);
    }
}
