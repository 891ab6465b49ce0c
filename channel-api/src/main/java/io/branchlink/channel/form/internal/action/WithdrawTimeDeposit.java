package io.branchlink.channel.form.internal.action;

import static io.branchlink.channel.form.internal.action.FormPostings.money;

import io.branchlink.channel.ledger.Posting;
import io.branchlink.protocol.money.Money;
import java.sql.Timestamp;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Withdraws a time deposit early into a current account in its currency: in full (the deposit is closed; refused
 * while part of it is frozen) or in part (a CNY amount that leaves money in the deposit).
 */
@Component
class WithdrawTimeDeposit implements CounterAction {

    private final JdbcClient jdbc;
    private final CustomerAccounts accounts;
    private final FormPostings postings;

    WithdrawTimeDeposit(JdbcClient jdbc, CustomerAccounts accounts, FormPostings postings) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.postings = postings;
    }

    @Override
    public String action() {
        return "TIME_DEPOSIT_EARLY_WITHDRAW";
    }

    /** A withdrawal in full names no amount: the deposit's balance is read when the business runs. */
    @Override
    public Movement movement(Context ctx) {
        return new Movement(ctx.value("depositAccount"), "FULL".equals(ctx.value("withdrawal")) ? null
                : ctx.value("amount"), "CNY", null);
    }

    @Override
    public Done execute(Context ctx) {
        AccountRow deposit = accounts.owned(ctx, ctx.value("depositAccount"));
        if (!"TIME_DEPOSIT".equals(deposit.product())) {
            throw new BusinessFailure("Account " + deposit.masked() + " is not a time deposit.");
        }
        AccountRow target = accounts.owned(ctx, ctx.value("targetAccount"));
        target.requireCurrent();
        if (!target.currency().equals(deposit.currency())) {
            throw new BusinessFailure("The time deposit is kept in " + deposit.currency() + " and account "
                    + target.masked() + " in " + target.currency() + ".");
        }
        boolean full = "FULL".equals(ctx.value("withdrawal"));
        Money amount = full ? whole(deposit) : part(deposit, ctx.value("amount"));
        if (amount.minorUnits() > 0) {
            postings.post(ctx, "TIME_DEPOSIT_WITHDRAW", deposit, amount, List.of(
                    Posting.debit(deposit.id(), amount.minorUnits()), Posting.credit(target.id(), amount.minorUnits())));
        }
        if (full) {
            jdbc.sql("update accounts set status = 'CLOSED', closed_at = ? where id = ?")
                    .params(Timestamp.from(ctx.now()), deposit.id())
                    .update();
        }
        return Done.of(full ? "Time deposit withdrawn in full and closed" : "Time deposit withdrawn in part",
                "amount", amount.toString(), "targetAccount", target.masked(),
                "depositStatus", full ? "CLOSED" : "OPEN");
    }

    private static Money whole(AccountRow deposit) {
        if (deposit.held() > 0) {
            throw new BusinessFailure("Part of the time deposit is frozen; it cannot be withdrawn in full.");
        }
        return Money.ofMinor(deposit.balance(), deposit.currency());
    }

    private static Money part(AccountRow deposit, String typed) {
        if (!"CNY".equals(deposit.currency())) {
            throw new BusinessFailure("A partial withdrawal names a CNY amount; this deposit is kept in "
                    + deposit.currency() + ".");
        }
        Money amount = money(typed, "CNY");
        if (amount.minorUnits() >= deposit.balance()) {
            throw new BusinessFailure("A partial withdrawal must leave money in the deposit; it holds "
                    + Money.ofMinor(deposit.balance(), deposit.currency()) + ".");
        }
        return amount;
    }
}
