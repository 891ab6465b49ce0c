package io.branchlink.channel.transfer.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A transfer as stored, with its payee's name and number when it went to a payee. */
record TransferRow(UUID id, UUID customerId, String kind, UUID fromAccountId, UUID toAccountId, UUID payeeId,
        long amount, String currency, String memo, String state, String refundReason, String failureReason,
        LocalDate businessDate, Instant createdAt, Instant acceptedAt, Instant finishedAt, byte[] requestHash,
        String payeeName, String payeeKind, String payeeNumber) {

    static final String SELECT = """
            select t.id, t.customer_id, t.kind, t.from_account_id, t.to_account_id, t.payee_id, t.amount, t.currency,
                   t.memo, t.state, t.refund_reason, t.failure_reason, t.business_date, t.created_at, t.accepted_at,
                   t.finished_at, t.request_hash, p.name as payee_name, p.kind as payee_kind,
                   p.account_number as payee_number
              from transfers t left join payees p on p.id = t.payee_id
            """;
}
