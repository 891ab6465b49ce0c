package io.branchlink.channel.transfer.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A scheduled (once) or standing (weekly, monthly) transfer order as stored. */
record TransferOrder(UUID id, UUID customerId, UUID fromAccountId, UUID toAccountId, UUID payeeId, long amount,
        String currency, String memo, Frequency frequency, LocalDate startDate, LocalDate endDate, String status,
        Instant createdAt, Instant closedAt, byte[] requestHash) {

    static final String COLUMNS = """
            id, customer_id, from_account_id, to_account_id, payee_id, amount, currency, memo, frequency, start_date,
            end_date, status, created_at, closed_at, request_hash""";
}
