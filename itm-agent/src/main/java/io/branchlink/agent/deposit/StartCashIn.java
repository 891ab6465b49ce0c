package io.branchlink.agent.deposit;

import io.branchlink.agent.device.Outcome;
import io.branchlink.agent.session.SessionEvent;
import io.branchlink.agent.transaction.Step;
import io.branchlink.agent.transaction.TransactionEnd;
import io.branchlink.agent.transaction.TransactionServices;
import io.branchlink.protocol.iso8583.TransactionKind;
import io.branchlink.protocol.rc.Irc;
import java.util.Map;
import java.util.Optional;

/** Opens the acceptor's shutter for the customer's notes; an acceptor that cannot start refuses the deposit. */
final class StartCashIn implements Step<DepositContext> {

    private final TransactionServices services;

    StartCashIn(TransactionServices services) {
        this.services = services;
    }

    @Override
    public Optional<TransactionEnd> run(DepositContext deposit) {
        services.show("INSERT_CASH", "Please insert your notes", Map.of());
        Outcome started = services.acceptor().cashInStart();
        if (!started.success()) {
            services.fault(services.acceptor(), started);
            deposit.session.fire(SessionEvent.TOKEN_REJECTED);
            services.show("CANNOT_ACCEPT", "This machine cannot take deposits now", Map.of());
            return Optional.of(TransactionEnd.rejected(TransactionKind.DEPOSIT, Irc.SYSTEM_ERROR, "CANNOT_ACCEPT"));
        }
        deposit.session.fire(SessionEvent.CASH_IN_STARTED);
        return Optional.empty();
    }
}
