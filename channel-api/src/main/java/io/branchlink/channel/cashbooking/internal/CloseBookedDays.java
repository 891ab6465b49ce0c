package io.branchlink.channel.cashbooking.internal;

import io.branchlink.channel.jobs.EndOfDayStep;
import io.branchlink.channel.ledger.Ledger;
import io.branchlink.channel.sms.SmsGateway;
import io.branchlink.channel.sms.SmsGatewayUnavailableException;
import io.branchlink.protocol.money.Money;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code cashbooking.close}: at the end of business date D, every booking of D still BOOKED becomes NO_SHOW and its
 * hold is released (one transaction per booking, a conditional status update, so a re-run or a payout racing it
 * changes nothing twice); then every booking of D+1 or D+2 still BOOKED and not yet reminded gets one SMS reminder
 * (the job closes D just after D's midnight, so a booking of D+2 is reminded on the day before its own). The
 * reminder is recorded ({@code reminded_at}) in its own transaction before the message is sent, so a re-run never
 * sends it twice (and a failed send is not retried).
 */
@Component
class CloseBookedDays implements EndOfDayStep {

    private static final Logger log = LoggerFactory.getLogger(CloseBookedDays.class);

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final SmsGateway sms;
    private final Clock clock;
    private final MeterRegistry meters;
    private final TransactionTemplate transaction;

    CloseBookedDays(JdbcClient jdbc, Ledger ledger, SmsGateway sms, Clock clock, MeterRegistry meters,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.sms = sms;
        this.clock = clock;
        this.meters = meters;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public String name() {
        return "cashbooking.close";
    }

    @Override
    public void run(LocalDate businessDate) {
        List<UUID> due = jdbc.sql("select id from cash_bookings where withdrawal_date <= ? and status = 'BOOKED'")
                .param(businessDate).query(UUID.class).list();
        int released = 0;
        for (UUID id : due) {
            if (Boolean.TRUE.equals(transaction.execute(status -> release(id, businessDate)))) {
                released++;
            }
        }
        // D closes just after D's midnight: the bookings of D+2 are reminded on the day before theirs, and those of
        // D+1 made after the last close (booked for tomorrow) are reminded at once
        List<UUID> tomorrow = jdbc.sql("""
                select id from cash_bookings
                 where withdrawal_date between ? and ? and status = 'BOOKED' and reminded_at is null
                """).params(businessDate.plusDays(1), businessDate.plusDays(2)).query(UUID.class).list();
        int reminded = 0;
        for (UUID id : tomorrow) {
            Optional<Reminder> reminder = transaction.execute(status -> claimReminder(id));
            if (reminder != null && reminder.isPresent()) {
                send(reminder.get());
                reminded++;
            }
        }
        log.info("cash bookings closed date={} released={} reminded={}", businessDate, released, reminded);
    }

    private boolean release(UUID id, LocalDate businessDate) {
        Optional<UUID> hold = jdbc.sql("""
                update cash_bookings set status = 'NO_SHOW', closed_at = ?
                 where id = ? and status = 'BOOKED' and withdrawal_date <= ?
                returning hold_id
                """)
                .params(Timestamp.from(clock.instant()), id, businessDate)
                .query(UUID.class)
                .optional();
        hold.ifPresent(ledger::releaseHold);
        hold.ifPresent(h -> meters.counter("branchlink.cashbooking.no_show").increment());
        return hold.isPresent();
    }

    private Optional<Reminder> claimReminder(UUID id) {
        return jdbc.sql("""
                update cash_bookings b set reminded_at = ?
                  from customers c, branches br
                 where b.id = ? and b.status = 'BOOKED' and b.reminded_at is null
                   and c.id = b.customer_id and br.id = b.branch_id
                returning b.id, c.phone, b.amount, b.currency, b.withdrawal_date, br.name as branch_name
                """)
                .params(Timestamp.from(clock.instant()), id)
                .query(Reminder.class)
                .optional();
    }

    private void send(Reminder reminder) {
        String text = "BranchLink: your large cash withdrawal of " + Money.ofMinor(reminder.amount(),
                reminder.currency()) + " is booked for " + reminder.withdrawalDate() + " at " + reminder.branchName()
                + ". Bring your ID card and show the booking's code in the app at the counter.";
        try {
            sms.send(reminder.phone(), text);
            meters.counter("branchlink.cashbooking.reminders", "outcome", "SENT").increment();
        } catch (SmsGatewayUnavailableException e) {
            log.warn("cash booking reminder not sent booking={} phone={}: {}", reminder.id(),
                    SmsGateway.mask(reminder.phone()), e.getMessage());
            meters.counter("branchlink.cashbooking.reminders", "outcome", "FAILED").increment();
        }
    }

    private record Reminder(UUID id, String phone, long amount, String currency, LocalDate withdrawalDate,
            String branchName) {
    }
}
