package io.branchlink.agent.deposit;

import io.branchlink.agent.device.Screen;
import io.branchlink.agent.journal.JournalStep;
import io.branchlink.agent.session.SessionEvent;
import io.branchlink.agent.transaction.Step;
import io.branchlink.agent.transaction.TransactionEnd.Result;
import io.branchlink.agent.transaction.TransactionEnd;
import io.branchlink.agent.transaction.TransactionServices;
import io.branchlink.protocol.rc.Irc;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Shows the counted amount for the customer to confirm; a cancel or no answer gives the notes back. */
final class ConfirmAmount implements Step<DepositContext> {

    private final TransactionServices services;
    private final ReturnNotes returnNotes;

    ConfirmAmount(TransactionServices services, ReturnNotes returnNotes) {
        this.services = services;
        this.returnNotes = returnNotes;
    }

    @Override
    public Optional<TransactionEnd> run(DepositContext deposit) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("amount", deposit.amount.toString());
        details.put("notes", deposit.counted.toString());
        details.put("suspectReturned", Integer.toString(deposit.suspectNotesReturned));
        Screen.Confirmation confirmation = services.screen().awaitConfirmation(
                Screen.View.of("CONFIRM_DEPOSIT", "Please confirm the amount", details),
                services.settings().confirmTimeout());
        if (confirmation != Screen.Confirmation.CONFIRMED) {
            deposit.session.fire(SessionEvent.CUSTOMER_CANCELLED);
            return Optional.of(returnNotes.giveBack(deposit, Result.CANCELLED, Irc.DO_NOT_HONOUR, "CANCELLED"));
        }
        deposit.session.fire(SessionEvent.CUSTOMER_CONFIRMED);
        services.journal().append(deposit.base.next(JournalStep.AUTH_REQUESTED, services.clock().instant())
                .withToken(deposit.token));
        services.show("AUTHORIZING", "Please wait", Map.of());
        return Optional.empty();
    }
}
