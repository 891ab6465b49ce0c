package io.branchlink.channel.cashbooking.internal;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Large-cash bookings. The smallest and largest amount are the counter form's ({@code LARGE_CASH_WITHDRAWAL_BOOKING}
 * in the form catalogue), so the app and the counter book within the same bounds.
 *
 * @param currency the currency bookings are made in
 * @param maxDaysAhead the latest bookable day, counted from today; the earliest is tomorrow
 * @param codeTtl how long a code the app shows stays valid; the app fetches a fresh one to show it again
 * @param zone the bank's zone: the booked day, today and the end of the day are days of this zone
 */
@ConfigurationProperties("branchlink.channel.cash-booking")
@Validated
record CashBookingProperties(
        @NotNull @DefaultValue("CNY") String currency,
        @Min(1) @Max(90) @DefaultValue("30") int maxDaysAhead,
        @NotNull @DefaultValue("5m") Duration codeTtl,
        @NotNull @DefaultValue("Asia/Shanghai") ZoneId zone) {
}
