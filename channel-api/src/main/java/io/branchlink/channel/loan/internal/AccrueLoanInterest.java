package io.branchlink.channel.loan.internal;

import io.branchlink.channel.jobs.EndOfDayStep;
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
 * {@code loan.accrue}: books each active drawdown's interest, and penalty on overdue principal, through the business
 * date, once per drawdown and date ({@link LoanBook#accrue}), one transaction per drawdown. Re-running a date books
 * nothing more; a date the job missed is caught up by the next one.
 */
@Component
class AccrueLoanInterest implements EndOfDayStep {

    private static final Logger log = LoggerFactory.getLogger(AccrueLoanInterest.class);

    private final JdbcClient jdbc;
    private final LoanBook book;
    private final TransactionTemplate transaction;

    AccrueLoanInterest(JdbcClient jdbc, LoanBook book, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.book = book;
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public String name() {
        return "loan.accrue";
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public void run(LocalDate businessDate) {
        List<UUID> due = jdbc.sql("select id from loan_drawdowns where status = 'ACTIVE' and accrued_through < ?")
                .param(businessDate).query(UUID.class).list();
        for (UUID id : due) {
            transaction.executeWithoutResult(status -> book.lock(id).ifPresent(d -> book.accrue(d, businessDate)));
        }
        log.info("loan interest accrued date={} drawdowns={}", businessDate, due.size());
    }
}
