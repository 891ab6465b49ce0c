package io.branchlink.channel.cashbooking;

import io.branchlink.protocol.money.Money;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Makes large-cash bookings for other features: the counter's {@code LARGE_CASH_BOOK} form makes the same booking as
 * the app, with the same bounds and the same hold, in the form execution's transaction.
 */
public interface CashBookings {

    /**
     * Books for a confirmed counter form, idempotent on the form's draft. The form's execution asked the risk engine
     * already (FORM_EXECUTION, with the amount), so it is not asked again here.
     *
     * @throws io.branchlink.channel.system.ApiException when the booking is out of bounds or the account cannot
     *     cover it; its detail is customer-safe
     */
    CashBooking bookAtCounter(CounterBooking booking);

    /**
     * A booking the counter's form asks for.
     *
     * @param accountId an account the form's customer owns (the form checked it)
     * @param denomination {@code CNY100} or {@code MIXED}
     */
    record CounterBooking(UUID draftId, UUID customerId, UUID accountId, String branchId, Money amount,
            LocalDate withdrawalDate, String denomination) {
    }
}
