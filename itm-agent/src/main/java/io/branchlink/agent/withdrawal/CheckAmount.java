package io.branchlink.agent.withdrawal;

import io.branchlink.agent.device.CashDispenser;
import io.branchlink.agent.session.SessionEvent;
import io.branchlink.agent.transaction.Step;
import io.branchlink.agent.transaction.TransactionEnd;
import io.branchlink.agent.transaction.TransactionServices;
import io.branchlink.protocol.iso8583.TransactionKind;
import io.branchlink.protocol.rc.Irc;
import java.util.Map;
import java.util.Optional;

/** Refuses an amount in another currency or one the cassettes cannot make up, before the hub is asked. */
final class CheckAmount implements Step<WithdrawalContext> {

    private final TransactionServices services;

    CheckAmount(TransactionServices services) {
        this.services = services;
    }

    @Override
    public Optional<TransactionEnd> run(WithdrawalContext withdrawal) {
        if (withdrawal.amount == null
                || !withdrawal.amount.currencyCode().equals(services.settings().currency())) {
            withdrawal.session.fire(SessionEvent.TOKEN_REJECTED);
            services.show("QR_WRONG_SERVICE", "This QR code carries no amount this machine can pay", Map.of());
            return Optional.of(TransactionEnd.rejected(TransactionKind.WITHDRAWAL, Irc.INVALID_AMOUNT,
                    "QR_WRONG_SERVICE"));
        }
        CashDispenser.DenominateResult mix = services.dispenser().denominate(withdrawal.amount);
        if (!mix.outcome().success()) {
            withdrawal.session.fire(SessionEvent.TOKEN_REJECTED);
            services.show("CANNOT_DISPENSE", "This machine cannot pay that amount now",
                    Map.of("amount", withdrawal.amount.toString()));
            return Optional.of(TransactionEnd.rejected(TransactionKind.WITHDRAWAL, Irc.INVALID_AMOUNT,
                    "CANNOT_DISPENSE"));
        }
        withdrawal.mix = mix;
        return Optional.empty();
    }
}
