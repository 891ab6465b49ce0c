package io.branchlink.agent.deposit;

import io.branchlink.agent.device.CashAcceptor;
import io.branchlink.agent.journal.ExceptionCause;
import io.branchlink.agent.journal.JournalStep;
import io.branchlink.agent.session.SessionEvent;
import io.branchlink.agent.transaction.EndTransaction;
import io.branchlink.agent.transaction.PrintReceipt;
import io.branchlink.agent.transaction.RecordException;
import io.branchlink.agent.transaction.Step;
import io.branchlink.agent.transaction.TransactionEnd.Result;
import io.branchlink.agent.transaction.TransactionEnd;
import io.branchlink.agent.transaction.TransactionServices;
import io.branchlink.protocol.rc.Irc;
import java.util.Map;
import java.util.Optional;

/**
 * In {@code STORING}: moves the approved notes from escrow to the cassette between {@code INTENT_STORE} (with the
 * stored counter) and {@code DONE_STORE}; notes that jam stay credited under an exception record.
 */
final class StoreNotes implements Step<DepositContext> {

    private final TransactionServices services;
    private final EndTransaction end;
    private final RecordException exception;
    private final PrintReceipt receipt;

    StoreNotes(TransactionServices services, EndTransaction end, RecordException exception, PrintReceipt receipt) {
        this.services = services;
        this.end = end;
        this.exception = exception;
        this.receipt = receipt;
    }

    @Override
    public Optional<TransactionEnd> run(DepositContext deposit) {
        CashAcceptor acceptor = services.acceptor();
        services.journal().append(deposit.base.next(JournalStep.INTENT_STORE, services.clock().instant())
                .withCounter(acceptor.storedTotal()));
        CashAcceptor.StoreResult stored = acceptor.store();
        if (!stored.outcome().success()) {
            services.journal().append(deposit.base.next(JournalStep.STORE_FAILED, services.clock().instant()));
            services.fault(acceptor, stored.outcome());
            deposit.session.fire(SessionEvent.STORE_FAILED);
            services.show("DEPOSIT_CREDITED", "Your deposit is credited; the branch will check the machine",
                    Map.of("amount", deposit.amount.toString()));
            return Optional.of(exception.record(deposit.session, deposit.base, deposit.amount,
                    ExceptionCause.NOTES_JAMMED_ON_STORE, "DEPOSIT_CREDITED"));
        }
        services.journal().append(deposit.base.next(JournalStep.DONE_STORE, services.clock().instant())
                .withActual(stored.stored().total()));
        services.endings().complete(deposit.base, deposit.amount);
        deposit.session.fire(SessionEvent.NOTES_STORED);
        services.publishCashUnits();
        receipt.print("Cash deposit", deposit.request, deposit.amount);
        services.show("THANK_YOU", "Your deposit is credited", Map.of("amount", deposit.amount.toString()));
        return Optional.of(end.end(deposit.base, Result.COMPLETED, Irc.APPROVED, deposit.amount, "THANK_YOU"));
    }
}
