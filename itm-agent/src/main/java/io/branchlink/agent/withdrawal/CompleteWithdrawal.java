package io.branchlink.agent.withdrawal;

import io.branchlink.agent.session.SessionEvent;
import io.branchlink.agent.transaction.EndTransaction;
import io.branchlink.agent.transaction.PrintReceipt;
import io.branchlink.agent.transaction.SendReversal;
import io.branchlink.agent.transaction.Step;
import io.branchlink.agent.transaction.TransactionEnd.Result;
import io.branchlink.agent.transaction.TransactionEnd;
import io.branchlink.agent.transaction.TransactionServices;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.rc.Irc;
import java.util.Map;
import java.util.Optional;

/** In {@code TAKEN}: the full amount completes with a receipt; a short amount reverses the rest. */
final class CompleteWithdrawal implements Step<WithdrawalContext> {

    private final TransactionServices services;
    private final EndTransaction end;
    private final SendReversal reversal;
    private final PrintReceipt receipt;

    CompleteWithdrawal(TransactionServices services, EndTransaction end, SendReversal reversal, PrintReceipt receipt) {
        this.services = services;
        this.end = end;
        this.reversal = reversal;
        this.receipt = receipt;
    }

    @Override
    public Optional<TransactionEnd> run(WithdrawalContext withdrawal) {
        Money delivered = withdrawal.presented;
        if (delivered.minorUnits() < withdrawal.amount.minorUnits()) {
            withdrawal.session.fire(SessionEvent.SHORT_AMOUNT_DELIVERED);
            services.show("PARTIAL_DISPENSE", "Only part of the amount could be paid; the rest is returned to your "
                    + "account", Map.of("paid", delivered.toString(),
                            "returned", withdrawal.amount.minus(delivered).toString()));
            return Optional.of(reversal.reverse(withdrawal.session, withdrawal.base, delivered, "PARTIAL_DISPENSE"));
        }
        services.endings().complete(withdrawal.base, delivered);
        withdrawal.session.fire(SessionEvent.FULL_AMOUNT_DELIVERED);
        receipt.print("Cash withdrawal", withdrawal.request, delivered);
        services.show("THANK_YOU", "Thank you", Map.of("amount", delivered.toString()));
        return Optional.of(end.end(withdrawal.base, Result.COMPLETED, Irc.APPROVED, delivered, "THANK_YOU"));
    }
}
