package io.branchlink.channel.cashbooking;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A large-cash booking as stored.
 *
 * @param amount minor units of {@code currency}
 * @param denomination {@code CNY100} (100-yuan notes only) or {@code MIXED}
 * @param voucherReference the payout's voucher, once paid
 */
public record CashBooking(UUID id, UUID customerId, UUID accountId, String branchId, long amount, String currency,
        LocalDate withdrawalDate, String denomination, BookingStatus status, UUID draftId, String voucherReference,
        Instant createdAt, Instant closedAt) {

    /** The columns this record reads, in order. */
    public static final String COLUMNS = "id, customer_id, account_id, branch_id, amount, currency, withdrawal_date,"
            + " denomination, status, draft_id, voucher_reference, created_at, closed_at";
}
