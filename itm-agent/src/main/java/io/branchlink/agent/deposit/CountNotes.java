package io.branchlink.agent.deposit;

import io.branchlink.agent.device.CashAcceptor;
import io.branchlink.agent.journal.JournalRecord;
import io.branchlink.agent.journal.JournalStep;
import io.branchlink.agent.session.SessionEvent;
import io.branchlink.agent.transaction.BeginTransaction;
import io.branchlink.agent.transaction.Step;
import io.branchlink.agent.transaction.TransactionEnd;
import io.branchlink.agent.transaction.TransactionServices;
import io.branchlink.protocol.iso8583.FinancialRequest;
import io.branchlink.protocol.iso8583.TransactionKind;
import io.branchlink.protocol.rc.Irc;
import java.util.Map;
import java.util.Optional;

/** Counts the notes into escrow and journals {@code CASH_COUNTED}; with no note accepted the deposit is refused. */
final class CountNotes implements Step<DepositContext> {

    private final TransactionServices services;
    private final BeginTransaction begin;

    CountNotes(TransactionServices services, BeginTransaction begin) {
        this.services = services;
        this.begin = begin;
    }

    @Override
    public Optional<TransactionEnd> run(DepositContext deposit) {
        CashAcceptor.CountResult counted = services.acceptor().count();
        if (counted.accepted().isEmpty()) {
            deposit.session.fire(SessionEvent.NO_NOTES_ACCEPTED);
            services.show("NO_NOTES", "No notes could be accepted; please take them back",
                    Map.of("returned", Integer.toString(counted.suspectNotesReturned())));
            return Optional.of(TransactionEnd.rejected(TransactionKind.DEPOSIT, Irc.INVALID_AMOUNT, "NO_NOTES"));
        }
        deposit.counted = counted.accepted();
        deposit.suspectNotesReturned = counted.suspectNotesReturned();
        deposit.amount = counted.accepted().total();
        FinancialRequest request = begin.request(deposit.session, deposit.amount, deposit.token);
        deposit.request = request;
        deposit.base = new JournalRecord(deposit.session.txnId(), TransactionKind.DEPOSIT, JournalStep.CASH_COUNTED,
                services.clock().instant(), request.stan(), deposit.amount.currencyCode(),
                deposit.amount.minorUnits(), null, null, request.transmittedAt(), request.localDateTime(),
                request.rrn(), null, null, null, null);
        services.journal().append(deposit.base);
        deposit.session.fire(SessionEvent.NOTES_COUNTED);
        return Optional.empty();
    }
}
