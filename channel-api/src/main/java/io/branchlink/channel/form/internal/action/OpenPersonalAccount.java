package io.branchlink.channel.form.internal.action;

import io.branchlink.channel.ledger.Posting;
import io.branchlink.protocol.money.Money;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Opens a CNY current account (Type I or Type II), takes an initial cash deposit into the teller terminal's drawer,
 * and issues a card on it when the form asks for one.
 */
@Component
class OpenPersonalAccount implements CounterAction {

    private final JdbcClient jdbc;
    private final CustomerAccounts accounts;
    private final Cards cards;
    private final FormPostings postings;

    OpenPersonalAccount(JdbcClient jdbc, CustomerAccounts accounts, Cards cards, FormPostings postings) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.cards = cards;
        this.postings = postings;
    }

    @Override
    public String action() {
        return "PERSONAL_ACCOUNT_OPEN";
    }

    /** The initial cash deposit goes into an account that does not exist yet. */
    @Override
    public Movement movement(Context ctx) {
        return new Movement(null, ctx.value("initialDeposit"), "CNY", null);
    }

    @Override
    public Done execute(Context ctx) {
        String accountClass = ctx.value("accountKind");
        CustomerAccounts.Opened account = accounts.open(ctx.customerId(), "CNY", "CURRENT",
                "Current account 活期 (" + ("TYPE_I".equals(accountClass) ? "Type I 一类" : "Type II 二类") + ")",
                accountClass);
        Map<String, String> result = new LinkedHashMap<>();
        result.put("account", account.number());
        result.put("accountKind", accountClass);
        String deposit = ctx.value("initialDeposit");
        if (deposit != null && Money.parse(deposit, "CNY").isPositive()) {
            Money amount = Money.parse(deposit, "CNY");
            UUID cash = tellerCash(ctx.terminalId());
            postings.postFromBank(ctx, "COUNTER_CASH_DEPOSIT", "CNY", List.of(
                    Posting.debit(cash, amount.minorUnits()), Posting.credit(account.id(), amount.minorUnits())));
            result.put("initialDeposit", amount.toString());
        }
        if ("YES".equals(ctx.value("cardRequired"))) {
            String card = cards.issue(ctx.customerId(), account.id(), ctx.now());
            result.put("newCardLast4", card.substring(card.length() - 4));
        }
        return new Done("Personal account opened", result);
    }

    /** The cash GL of a teller terminal (its drawer), opened on first use. */
    private UUID tellerCash(String terminalId) {
        UUID existing = jdbc.sql("select cash_account_id from terminals where id = ? for update")
                .param(terminalId)
                .query((rs, n) -> (UUID) rs.getObject(1))
                .list()
                .get(0);
        if (existing != null) {
            return existing;
        }
        UUID cash = UUID.randomUUID();
        jdbc.sql("""
                insert into accounts (id, account_number, kind, side, currency, name)
                values (?, ?, 'CASH_GL', 'D', 'CNY', ?)
                """)
                .params(cash, "CASH-" + terminalId, "Cash drawer of teller terminal " + terminalId)
                .update();
        jdbc.sql("update terminals set cash_account_id = ? where id = ?").params(cash, terminalId).update();
        return cash;
    }
}
