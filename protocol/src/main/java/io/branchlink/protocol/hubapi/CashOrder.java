package io.branchlink.protocol.hubapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One line of a branch's cash order: the large-cash bookings of a date and denomination.
 *
 * @param openBookings bookings still to be paid out
 * @param openAmount what the open bookings will take out: the cash the branch must have that day
 * @param paidBookings bookings of the day paid out already
 * @param paidAmount what they took out
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CashOrder(String branchId, LocalDate date, String denomination, String currency, int openBookings,
        BigDecimal openAmount, int paidBookings, BigDecimal paidAmount) {
}
