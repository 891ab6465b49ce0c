package io.branchlink.channel.transfer.internal;

import io.branchlink.channel.jobs.EndOfDayStep;
import io.branchlink.channel.ledger.Account;
import io.branchlink.channel.risk.RiskAction;
import io.branchlink.channel.risk.RiskChannel;
import io.branchlink.channel.risk.RiskEngine;
import io.branchlink.channel.risk.RiskEvent;
import io.branchlink.channel.system.ApiException;
import io.branchlink.protocol.money.Money;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The end-of-day step {@code transfer.scheduled}: pays every active order due on the business date, each in its own
 * transaction under the customer's row lock, and writes one execution row per order and date, so a date run again
 * (after a crash, or on a second node) pays nothing twice. A transfer the books or the customer's rules refuse
 * (insufficient funds, a limit, a payee removed or not designated) is an execution FAILED with the reason, which the
 * customer sees with the order; it is not tried again. Orders whose last date has passed are FINISHED.
 *
 * @see io.branchlink.channel.transfer.ScheduledTransferIntegrationTests
 */
@Component
class ScheduledTransfers implements EndOfDayStep {

    private static final Logger log = LoggerFactory.getLogger(ScheduledTransfers.class);

    private final JdbcClient jdbc;
    private final TransferBooks books;
    private final RiskEngine engine;
    private final Clock clock;
    private final MeterRegistry meters;
    private final TransactionTemplate transaction;

    ScheduledTransfers(JdbcClient jdbc, TransferBooks books, RiskEngine engine, Clock clock, MeterRegistry meters,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.books = books;
        this.engine = engine;
        this.clock = clock;
        this.meters = meters;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public String name() {
        return "transfer.scheduled";
    }

    @Override
    public void run(LocalDate businessDate) {
        List<TransferOrder> active = jdbc.sql("select " + TransferOrder.COLUMNS + """
                 from transfer_orders
                 where status = 'ACTIVE' and start_date <= ? and (end_date is null or end_date >= ?)
                 order by created_at, id
                """).params(businessDate, businessDate).query(TransferOrder.class).list();
        int executed = 0;
        int failed = 0;
        int broken = 0;
        for (TransferOrder order : active) {
            if (!order.frequency().dueOn(order.startDate(), order.endDate(), businessDate)) {
                continue;
            }
            try {
                switch (execute(order, businessDate)) {
                    case EXECUTED -> executed++;
                    case FAILED -> failed++;
                    case ALREADY -> { }
                }
            } catch (RuntimeException e) {
                // one order that cannot be executed must not hold up the others; the date is run again
                broken++;
                log.error("scheduled transfer not executed order={} date={}", order.id(), businessDate, e);
            }
        }
        int finished = 0;
        for (TransferOrder order : jdbc.sql("select " + TransferOrder.COLUMNS
                + " from transfer_orders where status = 'ACTIVE' and start_date <= ?")
                .param(businessDate).query(TransferOrder.class).list()) {
            // an order due today finishes only once today's execution is written, so a run that broke pays it later
            boolean dueToday = order.frequency().dueOn(order.startDate(), order.endDate(), businessDate);
            if (order.frequency().finishedAfter(order.startDate(), order.endDate(), businessDate)
                    && (!dueToday || done(order.id(), businessDate))) {
                finished += jdbc.sql("""
                        update transfer_orders set status = 'FINISHED', closed_at = ? where id = ? and status = 'ACTIVE'
                        """).params(Timestamp.from(clock.instant()), order.id()).update();
            }
        }
        log.info("scheduled transfers ran date={} executed={} failed={} finished={}", businessDate, executed, failed,
                finished);
        if (broken > 0) {
            throw new IllegalStateException(broken + " scheduled transfers of " + businessDate
                    + " could not be executed; run the date again");
        }
    }

    private enum Outcome { EXECUTED, FAILED, ALREADY }

    private Outcome execute(TransferOrder order, LocalDate businessDate) {
        String key = "order:" + order.id() + ":" + businessDate;
        try {
            return transaction.execute(status -> {
                books.lockCustomer(order.customerId());
                if (done(order.id(), businessDate)) {
                    return Outcome.ALREADY;
                }
                Account from = books.ownAccount(order.customerId(), order.fromAccountId());
                TransferBooks.Target target = books.target(order.customerId(), from.id(), order.toAccountId(),
                        order.payeeId());
                Money amount = Money.ofMinor(order.amount(), order.currency());
                books.requireAllowed(order.customerId(), from.id(), target, amount, businessDate);
                UUID transferId = books.book(new TransferBooks.Booking(order.customerId(), from, target, amount,
                        order.memo(), key, order.requestHash(), businessDate));
                record(order.id(), businessDate, "EXECUTED", transferId, null);
                engine.recordAfterCommit(new RiskEvent(clock.instant(), RiskAction.TRANSFER, order.customerId(), null,
                        from.id(), amount, target.counterparty(), null, RiskChannel.APP));
                meters.counter("branchlink.channel.transfers.scheduled", "outcome", "executed").increment();
                return Outcome.EXECUTED;
            });
        } catch (ApiException refused) {
            String reason = refused.getBody().getDetail();
            Boolean added = transaction.execute(status -> {
                books.lockCustomer(order.customerId());
                return !done(order.id(), businessDate)
                        && record(order.id(), businessDate, "FAILED", null, reason) == 1;
            });
            if (Boolean.TRUE.equals(added)) {
                log.info("scheduled transfer failed order={} date={} irc={}", order.id(), businessDate, refused.irc());
                meters.counter("branchlink.channel.transfers.scheduled", "outcome", "failed").increment();
                return Outcome.FAILED;
            }
            return Outcome.ALREADY;
        }
    }

    private boolean done(UUID orderId, LocalDate businessDate) {
        return jdbc.sql("select count(*) from transfer_order_executions where order_id = ? and business_date = ?")
                .params(orderId, businessDate).query(Integer.class).single() > 0;
    }

    private int record(UUID orderId, LocalDate businessDate, String status, UUID transferId, String reason) {
        return jdbc.sql("""
                insert into transfer_order_executions (order_id, business_date, status, transfer_id, reason, created_at)
                values (?, ?, ?, ?, ?, ?)
                """).params(orderId, businessDate, status, transferId, reason, Timestamp.from(clock.instant()))
                .update();
    }
}
