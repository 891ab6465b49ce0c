package io.branchlink.channel.form.internal.action;

import static io.branchlink.channel.form.internal.action.FormPostings.money;

import io.branchlink.channel.cashbooking.CashBooking;
import io.branchlink.channel.cashbooking.CashBookings;
import io.branchlink.channel.system.ApiException;
import io.branchlink.protocol.money.Money;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.springframework.stereotype.Component;

/**
 * Books a large cash withdrawal at the branch for a later day through {@link CashBookings}, as the app does: the
 * amount is held on the account until the end of the booked day and paid out at the counter on that day.
 */
@Component
class BookLargeCash implements CounterAction {

    private final CashBookings bookings;
    private final CustomerAccounts accounts;

    BookLargeCash(CashBookings bookings, CustomerAccounts accounts) {
        this.bookings = bookings;
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
        LocalDate day;
        try {
            day = LocalDate.parse(ctx.value("withdrawalDate"));
        } catch (DateTimeParseException | NullPointerException e) {
            throw new BusinessFailure("The withdrawal date " + ctx.value("withdrawalDate") + " is not a date.");
        }
        CashBooking booking;
        try {
            booking = bookings.bookAtCounter(new CashBookings.CounterBooking(ctx.draftId(), ctx.customerId(),
                    account.id(), ctx.branchId(), amount, day, ctx.value("denomination")));
        } catch (ApiException e) {
            throw new BusinessFailure(e.getBody().getDetail());
        }
        return Done.of("Large cash withdrawal booked; " + amount + " is held on account " + account.masked()
                        + " until " + day + ".", "bookingId", booking.id().toString(), "amount", amount.toString(),
                "withdrawalDate", day.toString(), "branchId", booking.branchId(),
                "denomination", booking.denomination());
    }
}
