package io.branchlink.channel.form.internal.action;

import static io.branchlink.channel.form.internal.action.FormPostings.money;

import io.branchlink.channel.ledger.Account;
import io.branchlink.channel.ledger.Posting;
import io.branchlink.protocol.money.Money;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Sends CNY from the customer's current account: a transfer when the payee account is an open customer account of
 * this bank, otherwise a remittance to the payee's bank through {@link #REMITTANCE_CLEARING}.
 */
@Component
public class RemitMoney implements CounterAction {

    /** The clearing account remittances to other banks are credited to (V3__counter_forms.sql). */
    public static final UUID REMITTANCE_CLEARING = UUID.fromString("00000000-0000-0000-0000-00000000e003");

    private final JdbcClient jdbc;
    private final CustomerAccounts accounts;
    private final FormPostings postings;

    RemitMoney(JdbcClient jdbc, CustomerAccounts accounts, FormPostings postings) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.postings = postings;
    }

    @Override
    public String action() {
        return "TRANSFER_REMIT";
    }

    @Override
    public Movement movement(Context ctx) {
        return new Movement(ctx.value("fromAccount"), ctx.value("amount"), "CNY", ctx.value("payeeAccount"));
    }

    @Override
    public Done execute(Context ctx) {
        AccountRow from = accounts.owned(ctx, ctx.value("fromAccount"));
        from.requireCurrent();
        Money amount = money(ctx.value("amount"), "CNY");
        if (!from.currency().equals("CNY")) {
            throw new BusinessFailure("Account " + from.masked() + " is kept in " + from.currency()
                    + "; remittances are in CNY.");
        }
        String payeeName = ctx.value("payeeName");
        Optional<AccountRow> payee = accounts.byNumber(ctx.value("payeeAccount"))
                .filter(a -> "CUSTOMER".equals(a.kind()) && "OPEN".equals(a.status()));
        if (payee.isPresent()) {
            return transfer(ctx, from, payee.get(), amount, payeeName);
        }
        postings.post(ctx, "REMITTANCE", from, amount, List.of(Posting.debit(from.id(), amount.minorUnits()),
                Posting.credit(REMITTANCE_CLEARING, amount.minorUnits())));
        return Done.of("Remittance sent to " + ctx.value("payeeBank"), "route", "CLEARING", "amount",
                amount.toString(), "payeeName", payeeName, "payeeAccount", Account.mask(ctx.value("payeeAccount")),
                "payeeBank", ctx.value("payeeBank"), "speed", ctx.value("speed"));
    }

    private Done transfer(Context ctx, AccountRow from, AccountRow to, Money amount, String payeeName) {
        if (!to.currency().equals("CNY")) {
            throw new BusinessFailure("The payee account is kept in " + to.currency() + ".");
        }
        String holder = jdbc.sql("select full_name from customers where id = ?").param(to.customerId())
                .query(String.class).single();
        postings.post(ctx, "TRANSFER", from, amount, List.of(Posting.debit(from.id(), amount.minorUnits()),
                Posting.credit(to.id(), amount.minorUnits())));
        return Done.of("Transferred within the bank", "route", "IN_BANK", "amount", amount.toString(),
                "payeeName", payeeName, "payeeAccount", to.masked(),
                "payeeNameMatches", String.valueOf(holder.contains(payeeName)));
    }
}
