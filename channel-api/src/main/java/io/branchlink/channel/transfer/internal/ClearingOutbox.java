package io.branchlink.channel.transfer.internal;

import io.branchlink.channel.clearing.ClearingPayment;
import io.branchlink.channel.clearing.ClearingSubmission;
import io.branchlink.channel.clearing.ClearingSystem;
import io.branchlink.channel.clearing.ClearingUnavailableException;
import io.branchlink.channel.transfer.TransferProperties;
import io.branchlink.protocol.money.Money;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers interbank payments from the outbox to the clearing system, and refunds those not confirmed in time.
 * A sender claims due rows by moving their next attempt a lease ahead (so several nodes never send the same row at
 * once, and a node that dies mid-send leaves it to be sent again), then submits each outside any transaction: the
 * clearing system is idempotent on the payment id, so a repeat after an unknown outcome is safe. An unknown outcome
 * is tried again after 1, 2, 4 … seconds, at most {@code max-retry-delay} apart, until the transfer is confirmed,
 * rejected or refunded for want of a confirmation.
 *
 * @see io.branchlink.channel.transfer.InterbankTransferIntegrationTests
 */
@Component
class ClearingOutbox {

    static final int BATCH = 20;
    private static final Duration LEASE = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(ClearingOutbox.class);

    private final JdbcClient jdbc;
    private final ClearingSystem clearing;
    private final TransferBooks books;
    private final TransferProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final TransactionTemplate transaction;

    ClearingOutbox(JdbcClient jdbc, ClearingSystem clearing, TransferBooks books, TransferProperties properties,
            Clock clock, MeterRegistry meters, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.clearing = clearing;
        this.books = books;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Scheduled(fixedDelayString = "${branchlink.channel.transfer.outbox-interval:1s}",
            initialDelayString = "${branchlink.channel.transfer.outbox-interval:1s}")
    void deliver() {
        int sent;
        do {
            sent = sendDue();
        } while (sent == BATCH);
    }

    @Scheduled(fixedDelayString = "${branchlink.channel.transfer.timeout-sweep-interval:30s}",
            initialDelayString = "${branchlink.channel.transfer.timeout-sweep-interval:30s}")
    void sweep() {
        refundOverdue();
    }

    private record Claimed(UUID transferId, int attempts) {
    }

    private record Outgoing(UUID id, String state, long amount, String currency, String memo, String debtorAccount,
            String debtorName, String bankCode, String creditorAccount, String creditorName) {
    }

    /**
     * Submits the payments that are due now, at most {@link #BATCH}.
     *
     * @return how many were claimed
     */
    int sendDue() {
        Instant now = clock.instant();
        List<Claimed> claimed = transaction.execute(status -> jdbc.sql("""
                update clearing_outbox set attempts = attempts + 1, next_attempt_at = ?
                 where transfer_id in (select transfer_id from clearing_outbox
                                        where delivered_at is null and closed_at is null and next_attempt_at <= ?
                                        order by next_attempt_at limit ? for update skip locked)
                returning transfer_id, attempts
                """).params(Timestamp.from(now.plus(LEASE)), Timestamp.from(now), BATCH)
                .query(Claimed.class).list());
        for (Claimed row : claimed) {
            send(row);
        }
        return claimed.size();
    }

    private void send(Claimed row) {
        Outgoing outgoing = jdbc.sql("""
                select t.id, t.state, t.amount, t.currency, t.memo, a.account_number as debtor_account,
                       c.full_name as debtor_name, p.bank_code, p.account_number as creditor_account,
                       p.name as creditor_name
                  from transfers t join accounts a on a.id = t.from_account_id join customers c on c.id = t.customer_id
                  join payees p on p.id = t.payee_id
                 where t.id = ?
                """).param(row.transferId()).query(Outgoing.class).single();
        if (!"SENT".equals(outgoing.state())) {
            jdbc.sql("update clearing_outbox set closed_at = ? where transfer_id = ? and closed_at is null")
                    .params(Timestamp.from(clock.instant()), row.transferId()).update();
            return;
        }
        ClearingPayment payment = new ClearingPayment(outgoing.id(), outgoing.debtorAccount(), outgoing.debtorName(),
                outgoing.bankCode(), outgoing.creditorAccount(), outgoing.creditorName(),
                Money.ofMinor(outgoing.amount(), outgoing.currency()), outgoing.memo());
        ClearingSubmission answer;
        try {
            answer = clearing.submit(payment);
        } catch (ClearingUnavailableException e) {
            Duration delay = retryDelay(row.attempts());
            jdbc.sql("update clearing_outbox set next_attempt_at = ?, last_error = ? where transfer_id = ?")
                    .params(Timestamp.from(clock.instant().plus(delay)), e.getMessage(), row.transferId()).update();
            log.warn("clearing submission failed transfer={} attempt={} retryIn={} reason=\"{}\"", row.transferId(),
                    row.attempts(), delay, e.getMessage());
            meters.counter("branchlink.channel.clearing.submissions", "outcome", "unavailable").increment();
            return;
        }
        if (answer.accepted()) {
            transaction.executeWithoutResult(status -> books.accepted(row.transferId()));
            log.info("clearing accepted transfer={} attempt={}", row.transferId(), row.attempts());
            meters.counter("branchlink.channel.clearing.submissions", "outcome", "accepted").increment();
        } else {
            transaction.executeWithoutResult(status -> {
                jdbc.sql("update clearing_outbox set delivered_at = ? where transfer_id = ?")
                        .params(Timestamp.from(clock.instant()), row.transferId()).update();
                books.refund(row.transferId(), "REJECTED", answer.reason());
            });
            log.info("clearing rejected transfer={} reason=\"{}\"", row.transferId(), answer.reason());
            meters.counter("branchlink.channel.clearing.submissions", "outcome", "rejected").increment();
        }
    }

    /** 1, 2, 4 … seconds after the first, second, third … attempt, at most {@code max-retry-delay}. */
    Duration retryDelay(int attempts) {
        Duration delay = Duration.ofSeconds(1L << Math.min(Math.max(attempts - 1, 0), 20));
        return delay.compareTo(properties.maxRetryDelay()) > 0 ? properties.maxRetryDelay() : delay;
    }

    /**
     * Refunds the interbank transfers that waited longer than {@code confirm-timeout} for their confirmation.
     *
     * @return how many this call refunded
     */
    int refundOverdue() {
        Instant cutoff = clock.instant().minus(properties.confirmTimeout());
        List<UUID> overdue = jdbc.sql("""
                select id from transfers where state in ('SENT', 'ACCEPTED') and created_at < ?
                 order by created_at limit 500
                """).param(Timestamp.from(cutoff)).query(UUID.class).list();
        int refunded = 0;
        String detail = "no confirmation from the clearing system within " + properties.confirmTimeout().toMinutes()
                + " minutes";
        for (UUID id : overdue) {
            if (Boolean.TRUE.equals(transaction.execute(status -> books.refund(id, "TIMED_OUT", detail)))) {
                refunded++;
            }
        }
        return refunded;
    }
}
