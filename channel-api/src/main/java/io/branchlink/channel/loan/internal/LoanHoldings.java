package io.branchlink.channel.loan.internal;

import io.branchlink.channel.mine.MineHoldings;
import io.branchlink.channel.mine.MineLine;
import io.branchlink.protocol.money.Money;
import java.math.BigDecimal;
import java.sql.Date;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The customer's credit lines in the "Mine" view: what is owed on each drawn line (outstanding principal, and
 * interest and penalty accrued but not yet paid), its annual rate, and the next instalment's due date.
 */
@Component
class LoanHoldings implements MineHoldings {

    private final JdbcClient jdbc;

    LoanHoldings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<MineLine> lines(UUID customerId) {
        return jdbc.sql("""
                select l.reference, l.currency, l.annual_rate,
                       l.outstanding + l.interest_accrued - l.interest_paid + l.penalty_accrued - l.penalty_paid
                           as owed,
                       (select min(i.due_date) from loan_drawdowns d join loan_instalments i on i.drawdown_id = d.id
                         where d.loan_id = l.id and i.status <> 'PAID') as next_due
                  from loans l
                 where l.customer_id = ? and l.status = 'ACTIVE'
                 order by l.offered_at
                """)
                .param(customerId)
                .query((rs, n) -> {
                    MineLine line = MineLine.liability(MineLine.Product.LOAN, rs.getString("reference"),
                                    "Credit loan", Money.ofMinor(rs.getLong("owed"), rs.getString("currency")))
                            .withRate(rs.getBigDecimal("annual_rate").multiply(BigDecimal.valueOf(100))
                                    .stripTrailingZeros());
                    Date due = rs.getDate("next_due");
                    return due == null ? line : line.withDueDate(due.toLocalDate());
                })
                .list();
    }
}
