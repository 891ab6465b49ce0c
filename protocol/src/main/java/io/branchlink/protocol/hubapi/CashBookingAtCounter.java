package io.branchlink.protocol.hubapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A large-cash booking as the teller console shows it, after a scan or a payout.
 *
 * @param outcome {@code READY} (pay out now), {@code PAID} (paid out, with its voucher) or {@code REFUSED}
 * @param refusal why not, for {@code REFUSED}: {@code NOT_A_BOOKING}, {@code FORGED}, {@code CODE_EXPIRED},
 *     {@code UNKNOWN_BOOKING}, {@code WRONG_BRANCH}, {@code WRONG_DAY}, {@code CANCELLED}, {@code RELEASED},
 *     {@code ALREADY_PAID}, {@code CONFIRMATION_REUSED}
 * @param message the reason or next step in English
 * @param branchId the booked branch, where known; a booking of another branch shows nothing else
 * @param idLast4 the last four characters of the customer's resident ID number, when the bank holds it
 * @param account the account, masked
 * @param amount the amount as a decimal of {@code currency}
 * @param denomination {@code CNY100} or {@code MIXED}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CashBookingAtCounter(String outcome, String refusal, String message, String bookingId, String branchId,
        String customerName, String mobileLast4, String idLast4, String account, String amount, String currency,
        LocalDate withdrawalDate, String denomination, String voucherReference, String voucherContentHash,
        Instant paidAt) {
}
