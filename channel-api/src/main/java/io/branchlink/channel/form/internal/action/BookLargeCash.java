package io.branchlink.channel.form.internal.action;

import static io.branchlink.channel.form.internal.action.FormPostings.money;

import io.branchlink.protocol.money.Money;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Books a large cash withdrawal at the branch for a later day; no money moves until the cash is paid out. */
@Component
class BookLargeCash implements CounterAction {

    private final JdbcClient jdbc;
    private final CustomerAccounts accounts;

    BookLargeCash(JdbcClient jdbc, CustomerAccounts accounts) {
        this.jdbc = jdbc;
        this.accounts = accounts;
    }

    @Override
    public String action() {
        return "LARGE_CASH_BOOK";
    }

    @Override
    public Movement movement(Context ctx) {
        return new Movement(ctx.value("account"), ctx.value("amount"), "CNY", null);
    }

    @Override
    public Done execute(Context ctx) {
        AccountRow account = accounts.owned(ctx, ctx.value("account"));
        Money amount = money(ctx.value("amount"), "CNY");
        UUID booking = UUID.randomUUID();
        jdbc.sql("""
                insert into cash_bookings (id, draft_id, customer_id, branch_id, account_id, amount, currency,
                                           withdrawal_date, denomination, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
                .params(booking, ctx.draftId(), ctx.customerId(), ctx.branchId(), account.id(), amount.minorUnits(),
                        amount.currencyCode(), LocalDate.parse(ctx.value("withdrawalDate")), ctx.value("denomination"),
                        Timestamp.from(ctx.now()))
                .update();
        return Done.of("Large cash withdrawal booked", "bookingId", booking.toString(), "amount", amount.toString(),
                "withdrawalDate", ctx.value("withdrawalDate"), "branchId", ctx.branchId(),
                "denomination", ctx.value("denomination"));
    }
}
