/**
 * Large-cash bookings (docs/cash-bookings.md): a customer reserves an amount above the ITM's reach for a day at a
 * branch, from the app or through the counter's {@code LARGE_CASH_BOOK} form. A booking holds its amount on the
 * account until the end of the booked day; on that day the teller scans its code and pays it out with one click (the
 * hold captured into the branch's cash GL account, a voucher); the end of the day releases a booking nobody came for,
 * and the day before it the customer gets an SMS reminder. The branches' cash orders (what each must have in cash by
 * date and denomination) are read from the bookings.
 *
 * <p>The API is {@link io.branchlink.channel.cashbooking.CashBookings} (what the counter form calls); the app's,
 * operators' and hubs' endpoints, the end-of-day step and the money invariants are in {@code internal}.
 *
 * @see io.branchlink.channel.cashbooking.CashBookingIntegrationTests
 * @see io.branchlink.channel.cashbooking.CashBookingCounterIntegrationTests
 */
package io.branchlink.channel.cashbooking;
