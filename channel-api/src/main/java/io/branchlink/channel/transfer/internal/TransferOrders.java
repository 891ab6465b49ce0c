package io.branchlink.channel.transfer.internal;

import io.branchlink.channel.customer.CustomerPrincipal;
import io.branchlink.channel.ledger.Account;
import io.branchlink.channel.risk.RiskAction;
import io.branchlink.channel.risk.RiskChannel;
import io.branchlink.channel.risk.RiskGate;
import io.branchlink.channel.risk.RiskRequest;
import io.branchlink.channel.transfer.TransferProperties;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.rc.Irc;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The customer's scheduled and standing transfer orders: made (checked as a transfer would be, and asked of the risk
 * engine once, when the customer is there to pass a step-up), listed with their executions, cancelled. The
 * end-of-day step {@link ScheduledTransfers} pays them.
 *
 * @see io.branchlink.channel.transfer.ScheduledTransferIntegrationTests
 */
@Service
class TransferOrders {

    private static final Logger log = LoggerFactory.getLogger(TransferOrders.class);

    private final JdbcClient jdbc;
    private final TransferBooks books;
    private final Refusals refusals;
    private final RiskGate risk;
    private final TransferProperties properties;
    private final Clock clock;

    TransferOrders(JdbcClient jdbc, TransferBooks books, Refusals refusals, RiskGate risk,
            TransferProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.books = books;
        this.refusals = refusals;
        this.risk = risk;
        this.properties = properties;
        this.clock = clock;
    }

    record NewOrder(UUID fromAccountId, UUID toAccountId, UUID payeeId, BigDecimal amount, String currency,
            String memo, Frequency frequency, LocalDate startDate, LocalDate endDate, String stepUpId) {
    }

    record Made(TransferOrder order, boolean replayed) {
    }

    /** One execution of an order: its business date, EXECUTED with the transfer, or FAILED with the reason. */
    record Execution(UUID orderId, LocalDate businessDate, String status, UUID transferId, String reason) {
    }

    @Transactional
    Made order(CustomerPrincipal customer, NewOrder request, String idempotencyKey) {
        UUID customerId = customer.customerId();
        Money amount = books.amount(customerId, request.amount(), request.currency());
        byte[] hash = TransferBooks.hash(request.fromAccountId(), request.toAccountId(), request.payeeId(),
                amount.minorUnits(), amount.currencyCode(), request.memo(), request.frequency(), request.startDate(),
                request.endDate());
        books.lockCustomer(customerId);
        Optional<TransferOrder> earlier = jdbc.sql("select " + TransferOrder.COLUMNS
                        + " from transfer_orders where customer_id = ? and idempotency_key = ?")
                .params(customerId, idempotencyKey).query(TransferOrder.class).optional();
        if (earlier.isPresent()) {
            if (!MessageDigest.isEqual(earlier.get().requestHash(), hash)) {
                throw refusals.refuse(customerId, Irc.CONFLICT, "idempotency-key-reused",
                        "This Idempotency-Key was used for a different order.");
            }
            return new Made(earlier.get(), true);
        }
        LocalDate today = books.today();
        if (!request.startDate().isAfter(today)) {
            throw refusals.refuse(customerId, Irc.INVALID_TRANSACTION, "start-date",
                    "A scheduled transfer starts after today (" + today + "); transfer now instead.");
        }
        if (request.endDate() != null && request.endDate().isBefore(request.startDate())) {
            throw refusals.refuse(customerId, Irc.INVALID_TRANSACTION, "end-date",
                    "The end date is before the start date.");
        }
        if (request.startDate().isAfter(today.plusYears(1))) {
            throw refusals.refuse(customerId, Irc.INVALID_TRANSACTION, "start-date",
                    "A scheduled transfer starts within a year.");
        }
        Account from = books.ownAccount(customerId, request.fromAccountId());
        TransferBooks.Target target = books.target(customerId, from.id(), request.toAccountId(), request.payeeId());
        // the limits of the day it pays are checked on that day; the designated payees and the single-transfer limit
        // now, so the customer learns at once
        books.requireAllowed(customerId, from.id(), target, amount, null);
        risk.check(new RiskRequest(RiskAction.TRANSFER, customerId, customer.deviceId(), from.id(), amount,
                target.counterparty(), null, RiskChannel.APP, null), request.stepUpId());
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into transfer_orders (id, customer_id, idempotency_key, request_hash, from_account_id,
                                             to_account_id, payee_id, amount, currency, memo, frequency, start_date,
                                             end_date, status, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?)
                """)
                .params(id, customerId, idempotencyKey, hash, from.id(),
                        target instanceof TransferBooks.OwnAccount own ? own.account().id() : null,
                        target instanceof TransferBooks.ToPayee toPayee ? toPayee.payee().id() : null,
                        amount.minorUnits(), amount.currencyCode(), request.memo(), request.frequency().name(),
                        request.startDate(), request.endDate(), Timestamp.from(clock.instant()))
                .update();
        log.info("transfer order made order={} customer={} frequency={} start={}", id, customerId,
                request.frequency(), request.startDate());
        return new Made(find(customerId, id).orElseThrow(), false);
    }

    @Transactional(readOnly = true)
    Optional<TransferOrder> find(UUID customerId, UUID orderId) {
        return jdbc.sql("select " + TransferOrder.COLUMNS + " from transfer_orders where id = ? and customer_id = ?")
                .params(orderId, customerId).query(TransferOrder.class).optional();
    }

    @Transactional(readOnly = true)
    List<TransferOrder> list(UUID customerId) {
        return jdbc.sql("select " + TransferOrder.COLUMNS
                        + " from transfer_orders where customer_id = ? order by created_at desc, id limit 50")
                .param(customerId).query(TransferOrder.class).list();
    }

    @Transactional(readOnly = true)
    List<Execution> executions(UUID orderId) {
        return jdbc.sql("""
                select order_id, business_date, status, transfer_id, reason from transfer_order_executions
                 where order_id = ? order by business_date desc limit 100
                """).param(orderId).query(Execution.class).list();
    }

    /** Cancels an active order: it pays no more. */
    @Transactional
    TransferOrder cancel(UUID customerId, UUID orderId) {
        find(customerId, orderId).orElseThrow(() -> refusals.refuse(customerId, Irc.NOT_FOUND, "unknown-order",
                "Order not found"));
        int updated = jdbc.sql("""
                update transfer_orders set status = 'CANCELLED', closed_at = ?
                 where id = ? and customer_id = ? and status = 'ACTIVE'
                """).params(Timestamp.from(clock.instant()), orderId, customerId).update();
        TransferOrder order = find(customerId, orderId).orElseThrow();
        if (updated == 0) {
            throw refusals.refuse(customerId, Irc.CONFLICT, "order-closed",
                    "This order is already " + order.status().toLowerCase() + ".");
        }
        log.info("transfer order cancelled order={} customer={}", orderId, customerId);
        return order;
    }

    /** The next date the order pays, or null when it pays no more. */
    LocalDate nextDate(TransferOrder order) {
        if (!"ACTIVE".equals(order.status())) {
            return null;
        }
        return order.frequency().next(order.startDate(), order.endDate(), books.today());
    }

    TransferProperties properties() {
        return properties;
    }
}
