package io.branchlink.channel.form.internal.action;

import static io.branchlink.channel.form.internal.action.FormPostings.money;

import io.branchlink.channel.ledger.Ledger;
import io.branchlink.protocol.money.Money;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Issues a deposit certificate: the certified amount is frozen on the account by a ledger hold. */
@Component
class IssueDepositCertificate implements CounterAction {

    private final CustomerAccounts accounts;
    private final Ledger ledger;

    IssueDepositCertificate(CustomerAccounts accounts, Ledger ledger) {
        this.accounts = accounts;
        this.ledger = ledger;
    }

    @Override
    public String action() {
        return "DEPOSIT_CERTIFICATE_ISSUE";
    }

    @Override
    public Done execute(Context ctx) {
        AccountRow account = accounts.owned(ctx, ctx.value("account"));
        String currency = ctx.value("currency");
        if (!account.currency().equals(currency)) {
            throw new BusinessFailure("Account " + account.masked() + " is kept in " + account.currency()
                    + ", not " + currency + ".");
        }
        Money amount = money(ctx.value("amount"), currency);
        UUID hold = ledger.placeHold(account.id(), amount.minorUnits(), "deposit certificate " + ctx.reference())
                .orElseThrow(() -> new BusinessFailure("The available balance of account " + account.masked()
                        + " is lower than " + amount + "."));
        return Done.of("Deposit certificate issued; the certified amount is frozen", "certificate", ctx.reference(),
                "account", account.masked(), "frozenAmount", amount.toString(), "holdId", hold.toString());
    }
}
