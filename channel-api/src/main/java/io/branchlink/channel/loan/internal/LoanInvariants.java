package io.branchlink.channel.loan.internal;

import io.branchlink.channel.ledger.MoneyInvariant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The credit loan's money invariants, checked with the ledger's ({@link MoneyInvariant}): per line, the principal
 * account's balance is the line's outstanding, which is disbursed less repaid principal, the sum of its drawdowns'
 * outstanding, and within the limit; per drawdown, outstanding is the unpaid principal of its schedule; over all
 * lines, interest and penalty income booked equal what was accrued, and the receivables equal what is accrued and
 * not yet collected.
 */
@Component
@Transactional(readOnly = true)
class LoanInvariants implements MoneyInvariant {

    private final JdbcClient jdbc;

    LoanInvariants(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<String> violations() {
        List<String> found = new ArrayList<>();
        jdbc.sql("""
                select l.reference from loans l join accounts a on a.id = l.principal_account_id
                 where a.balance <> l.outstanding or l.outstanding <> l.disbursed - l.repaid_principal
                    or l.outstanding > l.limit_amount or l.outstanding < 0
                """).query(String.class).list()
                .forEach(loan -> found.add("loan " + loan + ": principal account, outstanding and disbursed less"
                        + " repaid principal disagree, or outstanding is beyond the limit"));
        jdbc.sql("""
                select l.reference from loans l
                  left join loan_drawdowns d on d.loan_id = l.id
                 group by l.id
                having l.outstanding <> coalesce(sum(d.outstanding), 0)
                    or l.disbursed <> coalesce(sum(d.amount), 0)
                """).query(String.class).list()
                .forEach(loan -> found.add("loan " + loan + ": drawdowns do not add up to the line"));
        jdbc.sql("""
                select l.reference || '/' || d.number from loan_drawdowns d join loans l on l.id = d.loan_id
                  left join loan_instalments i on i.drawdown_id = d.id
                 group by l.reference, d.id
                having d.outstanding <> coalesce(sum(i.principal - i.principal_paid), 0)
                """).query(String.class).list()
                .forEach(drawdown -> found.add("drawdown " + drawdown + ": outstanding differs from its schedule"));
        jdbc.sql("""
                select l.reference from loans l
                  left join (select d.loan_id, sum(a.interest) as interest, sum(a.penalty) as penalty
                               from loan_accruals a join loan_drawdowns d on d.id = a.drawdown_id
                              group by d.loan_id) a on a.loan_id = l.id
                 where l.interest_accrued <> coalesce(a.interest, 0) or l.penalty_accrued <> coalesce(a.penalty, 0)
                """).query(String.class).list()
                .forEach(loan -> found.add("loan " + loan + ": accrued interest or penalty differs from its accruals"));
        Totals totals = jdbc.sql("""
                select coalesce(sum(interest_accrued), 0) as interest_accrued,
                       coalesce(sum(interest_accrued - interest_paid), 0) as interest_open,
                       coalesce(sum(penalty_accrued), 0) as penalty_accrued,
                       coalesce(sum(penalty_accrued - penalty_paid), 0) as penalty_open,
                       (select coalesce(sum(interest_receivable), 0) from loan_drawdowns) as interest_receivable,
                       (select coalesce(sum(penalty_receivable), 0) from loan_drawdowns) as penalty_receivable
                  from loans""").query(Totals.class).single();
        check(found, "loan interest income", balance(LoanBook.INTEREST_INCOME), totals.interestAccrued());
        check(found, "loan interest receivable", balance(LoanBook.INTEREST_RECEIVABLE), totals.interestOpen());
        check(found, "loan interest receivable of drawdowns", totals.interestReceivable(), totals.interestOpen());
        check(found, "loan penalty income", balance(LoanBook.PENALTY_INCOME), totals.penaltyAccrued());
        check(found, "loan penalty receivable", balance(LoanBook.PENALTY_RECEIVABLE), totals.penaltyOpen());
        check(found, "loan penalty receivable of drawdowns", totals.penaltyReceivable(), totals.penaltyOpen());
        return found;
    }

    private long balance(java.util.UUID account) {
        return jdbc.sql("select balance from accounts where id = ?").param(account).query(Long.class).single();
    }

    private static void check(List<String> found, String what, long booked, long expected) {
        if (booked != expected) {
            found.add(what + " is " + booked + " in the ledger but " + expected + " in the loans");
        }
    }

    private record Totals(long interestAccrued, long interestOpen, long penaltyAccrued, long penaltyOpen,
            long interestReceivable, long penaltyReceivable) {
    }
}
