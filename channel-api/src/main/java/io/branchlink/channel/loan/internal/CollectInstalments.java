package io.branchlink.channel.loan.internal;

import io.branchlink.channel.jobs.EndOfDayStep;
import io.branchlink.channel.ledger.Ledger;
import io.branchlink.channel.sms.SmsGateway;
import io.branchlink.channel.sms.SmsGatewayUnavailableException;
import io.branchlink.protocol.money.Money;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code loan.collect}: collects every instalment due by the business date from the customer's repayment account,
 * oldest first, in one transaction per drawdown (accruing through the date first). An instalment is collected
 * whole or not at all: when the available balance is short it stays open, is OVERDUE from the day after its due
 * date (penalty accrues on its principal, {@link LoanBook#accrue}), and is retried every day. Each overdue stage
 * ({@code branchlink.channel.loan.reminder-stages}, days) sends one SMS reminder: the stage is recorded in the
 * collection's transaction and the message sent after it committed, so a re-run never sends it twice (and a failed
 * send is not retried).
 */
@Component
class CollectInstalments implements EndOfDayStep {

    private static final Logger log = LoggerFactory.getLogger(CollectInstalments.class);

    private final JdbcClient jdbc;
    private final LoanBook book;
    private final Ledger ledger;
    private final SmsGateway sms;
    private final LoanProperties properties;
    private final MeterRegistry meters;
    private final TransactionTemplate transaction;

    CollectInstalments(JdbcClient jdbc, LoanBook book, Ledger ledger, SmsGateway sms, LoanProperties properties,
            MeterRegistry meters, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.book = book;
        this.ledger = ledger;
        this.sms = sms;
        this.properties = properties;
        this.meters = meters;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public String name() {
        return "loan.collect";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public void run(LocalDate businessDate) {
        List<UUID> drawdowns = jdbc.sql("""
                select distinct i.drawdown_id from loan_instalments i join loan_drawdowns d on d.id = i.drawdown_id
                 where i.status in ('DUE', 'OVERDUE') and i.due_date <= ? and d.status = 'ACTIVE'""")
                .param(businessDate).query(UUID.class).list();
        int collected = 0;
        int overdue = 0;
        for (UUID id : drawdowns) {
            Result result = transaction.execute(status -> collect(id, businessDate));
            collected += result.collected();
            overdue += result.overdue();
            result.reminders().forEach(this::send);
        }
        log.info("loan instalments collected date={} drawdowns={} collected={} overdue={}", businessDate,
                drawdowns.size(), collected, overdue);
    }

    private Result collect(UUID drawdownId, LocalDate date) {
        LoanBook.Drawdown d = book.lock(drawdownId).orElseThrow();
        d = book.accrue(d, date);
        int collected = 0;
        int overdue = 0;
        List<Reminder> reminders = new ArrayList<>();
        for (LoanBook.Instalment i : book.instalments(drawdownId)) {
            if ("PAID".equals(i.status()) || i.dueDate().isAfter(date)) {
                continue;
            }
            long due = LoanBook.due(d, i);
            long available = ledger.find(d.accountId()).orElseThrow().available();
            if (due > 0 && available >= due) {
                book.repay(d, "SCHEDULED", date, i.principal() - i.principalPaid(), null, null);
                meters.counter("branchlink.loan.collections", "result", "collected").increment();
                collected++;
                d = book.lock(drawdownId).orElseThrow();
                continue;
            }
            if (due == 0) {
                jdbc.sql("update loan_instalments set status = 'PAID', paid_on = ?"
                                + " where drawdown_id = ? and number = ?")
                        .params(date, drawdownId, i.number()).update();
                continue;
            }
            overdue++;
            meters.counter("branchlink.loan.collections", "result", "short").increment();
            long days = ChronoUnit.DAYS.between(i.dueDate(), date);
            if (days > 0 && "DUE".equals(i.status())) {
                jdbc.sql("update loan_instalments set status = 'OVERDUE' where drawdown_id = ? and number = ?")
                        .params(drawdownId, i.number()).update();
            }
            int stage = (int) properties.reminderStages().stream().filter(s -> s <= days).count();
            if (stage > i.remindedStage() && jdbc.sql("""
                    update loan_instalments set reminded_stage = ?
                     where drawdown_id = ? and number = ? and reminded_stage < ?""")
                    .params(stage, drawdownId, i.number(), stage).update() == 1) {
                reminders.add(reminder(d, i, due, days, stage));
            }
            // older instalments first: a later one is not collected while an earlier one is open
            break;
        }
        return new Result(collected, overdue, reminders);
    }

    private Reminder reminder(LoanBook.Drawdown d, LoanBook.Instalment i, long due, long days, int stage) {
        String phone = jdbc.sql("select phone from customers where id = ?").param(d.customerId()).query(String.class)
                .single();
        String text = "[BranchLink] Loan " + d.reference() + ": instalment " + i.number() + " due " + i.dueDate()
                + " is " + days + (days == 1 ? " day" : " days") + " overdue. Amount due "
                + Money.ofMinor(due, d.currency()) + "; penalty interest accrues until it is paid. Please top up"
                + " your repayment account.";
        return new Reminder(phone, text, d.reference(), i.number(), stage);
    }

    private void send(Reminder reminder) {
        try {
            sms.send(reminder.phone(), reminder.text());
            meters.counter("branchlink.loan.reminders", "result", "sent").increment();
            log.info("loan reminder sent loan={} instalment={} stage={} to={}", reminder.reference(),
                    reminder.instalment(), reminder.stage(), SmsGateway.mask(reminder.phone()));
        } catch (SmsGatewayUnavailableException e) {
            meters.counter("branchlink.loan.reminders", "result", "failed").increment();
            log.warn("loan reminder not sent loan={} instalment={} stage={} reason=\"{}\"", reminder.reference(),
                    reminder.instalment(), reminder.stage(), e.getMessage());
        }
    }

    private record Result(int collected, int overdue, List<Reminder> reminders) {
    }

    private record Reminder(String phone, String text, String reference, int instalment, int stage) {
    }
}
