package io.branchlink.channel.transfer.internal;

import io.branchlink.protocol.money.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** What the app and the operators see of payees, transfers and orders. */
final class Views {

    private Views() {
    }

    /**
     * A payee; {@code accountNumber} is the full number at another bank, the last four digits at this bank.
     *
     * @param trusted a transfer to the payee succeeded
     * @param registeredAtCounter registered by a teller: payable in designated-payees-only mode
     */
    record PayeeView(UUID id, String kind, String bankCode, String accountNumber, String name, boolean trusted,
            Instant trustedAt, boolean registeredAtCounter, Instant createdAt) {

        static PayeeView of(Payee payee) {
            return new PayeeView(payee.id(), payee.kind(), payee.bankCode(), payee.shownNumber(), payee.name(),
                    payee.trustedAt() != null, payee.trustedAt(), payee.registeredAtCounter(), payee.createdAt());
        }
    }

    /**
     * A transfer.
     *
     * @param kind OWN, INTRA (another customer of the bank) or INTERBANK
     * @param state COMPLETED (OWN, INTRA); SENT, ACCEPTED, CONFIRMED or REFUNDED (INTERBANK)
     * @param refundReason REJECTED or TIMED_OUT for a refunded transfer
     * @param failureReason the clearing system's reason, or why the bank gave up
     */
    record TransferView(UUID id, String kind, String state, UUID fromAccountId, UUID toAccountId, UUID payeeId,
            String payeeName, String payeeAccount, BigDecimal amount, String currency, String memo,
            LocalDate businessDate, Instant createdAt, Instant acceptedAt, Instant finishedAt, String refundReason,
            String failureReason) {

        static TransferView of(TransferRow row) {
            String shown = row.payeeNumber() == null ? null
                    : "INTERBANK".equals(row.payeeKind()) ? row.payeeNumber()
                    : io.branchlink.channel.ledger.Account.mask(row.payeeNumber());
            return new TransferView(row.id(), row.kind(), row.state(), row.fromAccountId(),
                    "INTRA".equals(row.kind()) ? null : row.toAccountId(), row.payeeId(), row.payeeName(), shown,
                    Money.ofMinor(row.amount(), row.currency()).toDecimal(), row.currency(), row.memo(),
                    row.businessDate(), row.createdAt(), row.acceptedAt(), row.finishedAt(), row.refundReason(),
                    row.failureReason());
        }
    }

    /** A scheduled or standing order with its next date and its executions, newest first. */
    record OrderView(UUID id, String frequency, UUID fromAccountId, UUID toAccountId, UUID payeeId, BigDecimal amount,
            String currency, String memo, LocalDate startDate, LocalDate endDate, String status, LocalDate nextDate,
            Instant createdAt, Instant closedAt, List<ExecutionView> executions) {

        static OrderView of(TransferOrder order, LocalDate nextDate, List<TransferOrders.Execution> executions) {
            return new OrderView(order.id(), order.frequency().name(), order.fromAccountId(), order.toAccountId(),
                    order.payeeId(), Money.ofMinor(order.amount(), order.currency()).toDecimal(), order.currency(),
                    order.memo(), order.startDate(), order.endDate(), order.status(), nextDate, order.createdAt(),
                    order.closedAt(), executions.stream().map(ExecutionView::of).toList());
        }
    }

    /** One execution: EXECUTED with its transfer, or FAILED with the reason. */
    record ExecutionView(LocalDate businessDate, String status, UUID transferId, String reason) {

        static ExecutionView of(TransferOrders.Execution execution) {
            return new ExecutionView(execution.businessDate(), execution.status(), execution.transferId(),
                    execution.reason());
        }
    }
}
