package io.branchlink.channel.loan.internal;

import io.branchlink.channel.ledger.Ledger;
import io.branchlink.channel.ledger.Posting;
import io.branchlink.channel.loan.LoanSchedule;
import io.branchlink.channel.loan.RepaymentMethod;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The loan's books for one locked drawdown, in the caller's transaction: daily accrual of interest and penalty,
 * collecting a due instalment, applying a repayment and re-amortising what is left. Every amount moves through the
 * {@link Ledger} in the same transaction that changes the loan's tables, so the two never disagree.
 *
 * <p>Entries: a drawdown debits the line's principal account and credits the customer; accrual debits the
 * receivable GL and credits the income GL (interest and penalty each); a repayment debits the customer and credits
 * the principal account and the receivables.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class LoanBook {

    static final UUID INTEREST_RECEIVABLE = UUID.fromString("00000000-0000-0000-0000-00000000ca01");
    static final UUID INTEREST_INCOME = UUID.fromString("00000000-0000-0000-0000-00000000ca02");
    static final UUID PENALTY_RECEIVABLE = UUID.fromString("00000000-0000-0000-0000-00000000ca03");
    static final UUID PENALTY_INCOME = UUID.fromString("00000000-0000-0000-0000-00000000ca04");

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final Clock clock;

    LoanBook(JdbcClient jdbc, Ledger ledger, Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * The drawdown and its line, the line's row and then the drawdown's locked until the transaction ends; empty when
     * unknown. Every path that changes a loan locks in this order (line, drawdown, then the ledger's accounts), so an
     * early repayment and the end of day wait for each other instead of deadlocking.
     */
    java.util.Optional<Drawdown> lock(UUID drawdownId) {
        jdbc.sql("select l.id from loans l join loan_drawdowns d on d.loan_id = l.id where d.id = ? for update of l")
                .param(drawdownId).query(UUID.class).optional();
        return jdbc.sql("select " + Drawdown.COLUMNS + " from loan_drawdowns d join loans l on l.id = d.loan_id"
                        + " where d.id = ? for update of d")
                .param(drawdownId).query(Drawdown.class).optional();
    }

    List<Instalment> instalments(UUID drawdownId) {
        return jdbc.sql("select " + Instalment.COLUMNS + " from loan_instalments where drawdown_id = ? order by number")
                .param(drawdownId).query(Instalment.class).list();
    }

    /**
     * Books the interest and penalty of the days after {@code accruedThrough} up to {@code date}, once: the row
     * {@code (drawdown, date)} of loan_accruals and the move of accrued_through are in this transaction. Interest
     * is that of the days since the base date on the base principal less what is booked of it already
     * ({@link LoanSchedule#dailyAccrual}); penalty, day by day, the markup on the principal of instalments past
     * their due date.
     *
     * @return the drawdown as it is afterwards
     */
    Drawdown accrue(Drawdown d, LocalDate date) {
        if (!date.isAfter(d.accruedThrough()) || !"ACTIVE".equals(d.status())) {
            return d;
        }
        long sinceBase = ChronoUnit.DAYS.between(d.baseDate(), date);
        long interest = LoanSchedule.interest(d.basePrincipal(), d.annualRate(), sinceBase) - d.accruedSinceBase();
        List<Instalment> instalments = instalments(d.id());
        long penalty = 0;
        for (LocalDate day = d.accruedThrough().plusDays(1); !day.isAfter(date); day = day.plusDays(1)) {
            long overdue = 0;
            for (Instalment i : instalments) {
                if (!"PAID".equals(i.status()) && i.dueDate().isBefore(day)) {
                    overdue += i.principal() - i.principalPaid();
                }
            }
            penalty += LoanSchedule.interest(overdue, d.penaltyRate(), 1);
        }
        UUID entry = null;
        List<Posting> legs = new ArrayList<>();
        if (interest > 0) {
            legs.add(Posting.debit(INTEREST_RECEIVABLE, interest));
            legs.add(Posting.credit(INTEREST_INCOME, interest));
        }
        if (penalty > 0) {
            legs.add(Posting.debit(PENALTY_RECEIVABLE, penalty));
            legs.add(Posting.credit(PENALTY_INCOME, penalty));
        }
        if (!legs.isEmpty()) {
            entry = ledger.post("LOAN_ACCRUAL", d.reference() + "/" + d.number() + "/" + date, d.currency(), legs);
        }
        jdbc.sql("insert into loan_accruals (drawdown_id, business_date, interest, penalty, entry_id)"
                        + " values (?, ?, ?, ?, ?)")
                .params(d.id(), date, interest, penalty, entry).update();
        jdbc.sql("""
                update loan_drawdowns set accrued_through = ?, accrued_since_base = accrued_since_base + ?,
                       interest_receivable = interest_receivable + ?, penalty_receivable = penalty_receivable + ?
                 where id = ?""")
                .params(date, interest, interest, penalty, d.id()).update();
        jdbc.sql("update loans set interest_accrued = interest_accrued + ?, penalty_accrued = penalty_accrued + ?"
                        + " where id = ?")
                .params(interest, penalty, d.loanId()).update();
        return lock(d.id()).orElseThrow();
    }

    /**
     * What clearing the instalment now takes: its unpaid principal, and all interest and penalty accrued and not
     * yet collected on the drawdown.
     */
    static long due(Drawdown d, Instalment i) {
        return i.principal() - i.principalPaid() + d.interestReceivable() + d.penaltyReceivable();
    }

    /**
     * Collects from the customer's account: first the penalty, then the interest receivable, then principal, which
     * goes to the given instalments in order (each to its unpaid principal) and then, if any is left, to the rest of
     * the schedule, which is re-amortised over the same due dates.
     *
     * @param principal the principal to repay (the rest of {@code amount} after penalty and interest)
     * @return the repayment's id
     */
    UUID repay(Drawdown d, String kind, LocalDate date, long principal, String idempotencyKey, String requestHash) {
        long interest = d.interestReceivable();
        long penalty = d.penaltyReceivable();
        if (principal < 0 || principal > d.outstanding()) {
            throw new IllegalArgumentException("principal outside 0.." + d.outstanding());
        }
        long total = principal + interest + penalty;
        List<Posting> legs = new ArrayList<>();
        legs.add(Posting.debit(d.accountId(), total));
        if (principal > 0) {
            legs.add(Posting.credit(d.principalAccountId(), principal));
        }
        if (interest > 0) {
            legs.add(Posting.credit(INTEREST_RECEIVABLE, interest));
        }
        if (penalty > 0) {
            legs.add(Posting.credit(PENALTY_RECEIVABLE, penalty));
        }
        UUID repaymentId = UUID.randomUUID();
        UUID entry = ledger.post("LOAN_REPAYMENT", d.reference() + "/" + d.number() + "/" + repaymentId,
                d.currency(), legs);
        jdbc.sql("""
                insert into loan_repayments (id, loan_id, drawdown_id, kind, business_date, principal, interest,
                                             penalty, idempotency_key, request_hash, entry_id, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(repaymentId, d.loanId(), d.id(), kind, date, principal, interest, penalty, idempotencyKey,
                        requestHash, entry, java.sql.Timestamp.from(clock.instant()))
                .update();
        long left = d.outstanding() - principal;
        jdbc.sql("""
                update loan_drawdowns set outstanding = ?, interest_receivable = 0, penalty_receivable = 0,
                       base_date = accrued_through, base_principal = ?, accrued_since_base = 0,
                       status = case when ? = 0 then 'REPAID' else status end
                 where id = ?""")
                .params(left, left, left, d.id()).update();
        jdbc.sql("""
                update loans set outstanding = outstanding - ?, repaid_principal = repaid_principal + ?,
                       interest_paid = interest_paid + ?, penalty_paid = penalty_paid + ?
                 where id = ?""")
                .params(principal, principal, interest, penalty, d.loanId()).update();
        applyPrincipal(d, date, principal, interest, penalty);
        return repaymentId;
    }

    /**
     * Spreads repaid principal over the instalments: those due by {@code date} first, oldest first (the interest and
     * penalty collected are written to the first of them); what is left re-amortises the instalments not yet due.
     */
    private void applyPrincipal(Drawdown d, LocalDate date, long principal, long interest, long penalty) {
        List<Instalment> open = instalments(d.id()).stream().filter(i -> !"PAID".equals(i.status())).toList();
        long left = principal;
        boolean chargesWritten = false;
        List<Instalment> future = new ArrayList<>();
        for (Instalment i : open) {
            if (i.dueDate().isAfter(date)) {
                future.add(i);
                continue;
            }
            long part = Math.min(left, i.principal() - i.principalPaid());
            left -= part;
            boolean paid = i.principalPaid() + part == i.principal();
            jdbc.sql("""
                    update loan_instalments set principal_paid = principal_paid + ?, interest_paid = interest_paid + ?,
                           penalty_paid = penalty_paid + ?, status = case when ? then 'PAID' else status end,
                           paid_on = case when ? then ? else paid_on end
                     where drawdown_id = ? and number = ?""")
                    .params(part, chargesWritten ? 0 : interest, chargesWritten ? 0 : penalty, paid, paid, date, d.id(),
                            i.number())
                    .update();
            chargesWritten = true;
        }
        if (future.isEmpty()) {
            return;
        }
        if (!chargesWritten && (interest > 0 || penalty > 0)) {
            Instalment next = future.get(0);
            jdbc.sql("update loan_instalments set interest_paid = interest_paid + ?, penalty_paid = penalty_paid + ?"
                            + " where drawdown_id = ? and number = ?")
                    .params(interest, penalty, d.id(), next.number()).update();
        }
        if (left == 0) {
            return;
        }
        long remaining = future.stream().mapToLong(i -> i.principal() - i.principalPaid()).sum() - left;
        if (remaining == 0) {
            for (Instalment i : future) {
                jdbc.sql("""
                        update loan_instalments set principal_paid = principal, status = 'PAID', paid_on = ?
                         where drawdown_id = ? and number = ?""")
                        .params(date, d.id(), i.number()).update();
            }
            return;
        }
        List<LoanSchedule.Instalment> rest = LoanSchedule.generate(d.method(), remaining, d.annualRate(),
                future.get(0).periodStart(), future.stream().map(Instalment::dueDate).toList(),
                future.get(0).number());
        for (LoanSchedule.Instalment i : rest) {
            jdbc.sql("update loan_instalments set principal = ?, interest = ?, principal_paid = 0"
                            + " where drawdown_id = ? and number = ?")
                    .params(i.principal(), i.interest(), d.id(), i.number()).update();
        }
    }

    /** Writes a new drawdown's schedule. */
    void schedule(UUID drawdownId, List<LoanSchedule.Instalment> schedule) {
        for (LoanSchedule.Instalment i : schedule) {
            jdbc.sql("""
                    insert into loan_instalments (drawdown_id, number, due_date, period_start, principal, interest,
                                                  status)
                    values (?, ?, ?, ?, ?, ?, 'DUE')""")
                    .params(drawdownId, i.number(), i.dueDate(), i.periodStart(), i.principal(), i.interest())
                    .update();
        }
    }

    /** A drawdown with what its line adds: reference, currency, accounts and the penalty rate. */
    record Drawdown(UUID id, UUID loanId, int number, long amount, RepaymentMethod method, int termMonths,
            BigDecimal annualRate, LocalDate drawnOn, long outstanding, String status, LocalDate accruedThrough,
            LocalDate baseDate, long basePrincipal, long accruedSinceBase, long interestReceivable,
            long penaltyReceivable, String reference, String currency, UUID accountId, UUID principalAccountId,
            UUID customerId, BigDecimal penaltyRate) {

        static final String COLUMNS = "d.id, d.loan_id, d.number, d.amount, d.method, d.term_months, d.annual_rate,"
                + " d.drawn_on, d.outstanding, d.status, d.accrued_through, d.base_date, d.base_principal,"
                + " d.accrued_since_base, d.interest_receivable, d.penalty_receivable, l.reference, l.currency,"
                + " l.account_id, l.principal_account_id, l.customer_id, l.penalty_rate";
    }

    record Instalment(UUID drawdownId, int number, LocalDate dueDate, LocalDate periodStart, long principal,
            long interest, long principalPaid, long interestPaid, long penaltyPaid, String status, LocalDate paidOn,
            int remindedStage) {

        static final String COLUMNS = "drawdown_id, number, due_date, period_start, principal, interest,"
                + " principal_paid, interest_paid, penalty_paid, status, paid_on, reminded_stage";
    }
}
