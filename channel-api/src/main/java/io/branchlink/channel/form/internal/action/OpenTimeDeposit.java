package io.branchlink.channel.form.internal.action;

import static io.branchlink.channel.form.internal.action.FormPostings.money;

import io.branchlink.channel.ledger.Posting;
import io.branchlink.protocol.money.Money;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Opens a time deposit from a current account in the same currency: the amount moves into a new deposit account. */
@Component
class OpenTimeDeposit implements CounterAction {

    private final JdbcClient jdbc;
    private final CustomerAccounts accounts;
    private final FormPostings postings;

    OpenTimeDeposit(JdbcClient jdbc, CustomerAccounts accounts, FormPostings postings) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.postings = postings;
    }

    @Override
    public String action() {
        return "TIME_DEPOSIT_OPEN";
    }

    @Override
    public Movement movement(Context ctx) {
        return new Movement(ctx.value("sourceAccount"), ctx.value("amount"), ctx.value("currency"), null);
    }

    @Override
    public Done execute(Context ctx) {
        AccountRow source = accounts.owned(ctx, ctx.value("sourceAccount"));
        source.requireCurrent();
        String currency = ctx.value("currency");
        if (!source.currency().equals(currency)) {
            throw new BusinessFailure("Account " + source.masked() + " is kept in " + source.currency()
                    + "; a time deposit in " + currency + " needs an account in " + currency + ".");
        }
        Money amount = money(ctx.value("amount"), currency);
        String term = ctx.value("term");
        LocalDate maturity = maturity(ctx.today(), term);
        CustomerAccounts.Opened deposit = accounts.open(ctx.customerId(), currency, "TIME_DEPOSIT",
                "Time deposit 定期 " + term + " until " + maturity, null);
        jdbc.sql("""
                insert into time_deposits (account_id, term, opened_on, maturity_date, auto_renew, source_account_id,
                                           draft_id)
                values (?, ?, ?, ?, ?, ?, ?)
                """)
                .params(deposit.id(), term, ctx.today(), maturity, "YES".equals(ctx.value("autoRenew")), source.id(),
                        ctx.draftId())
                .update();
        postings.post(ctx, "TIME_DEPOSIT_OPEN", source, amount, List.of(
                Posting.debit(source.id(), amount.minorUnits()), Posting.credit(deposit.id(), amount.minorUnits())));
        return Done.of("Time deposit opened", "timeDepositAccount", deposit.number(), "amount", amount.toString(),
                "term", term, "maturityDate", maturity.toString(), "autoRenew", ctx.value("autoRenew"));
    }

    private static LocalDate maturity(LocalDate from, String term) {
        return switch (term) {
            case "M3" -> from.plusMonths(3);
            case "M6" -> from.plusMonths(6);
            case "Y1" -> from.plusYears(1);
            case "Y2" -> from.plusYears(2);
            case "Y3" -> from.plusYears(3);
            case "Y5" -> from.plusYears(5);
            default -> throw new BusinessFailure("Unknown term " + term + ".");
        };
    }
}
