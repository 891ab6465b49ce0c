package io.branchlink.channel.loan;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Repayment schedules and daily interest, in fen (minor units), with no I/O. Interest is simple interest on the
 * outstanding principal, day count actual/365: a period of {@code d} days on principal {@code P} at annual rate
 * {@code r} bears {@code round(P × r × d / 365)}, rounded half up to the fen. Due dates are the drawdown date plus
 * 1, 2, … n months (a 31st falls on the month's last day). Principal is rounded per instalment and the last
 * instalment takes the remainder, so the principal of a schedule sums exactly to the amount drawn.
 *
 * <ul>
 * <li>Equal instalments: {@code A = round(P × i / (1 − (1 + i)^−n))} with {@code i = r / 12}; each instalment's
 * principal is {@code A} less its period's interest, the last one's is whatever is left.
 * <li>Equal principal: {@code floor(P / n)} a month, the last one the rest; interest on top.
 * </ul>
 *
 * Daily accrual ({@link #interest}) uses the same formula for the days since a base date, so the interest
 * accrued day by day over a period sums exactly to that period's scheduled interest.
 *
 * @see io.branchlink.channel.loan.LoanScheduleTests
 */
public final class LoanSchedule {

    /** Days of the year in the day count (actual/365). */
    public static final int DAYS_IN_YEAR = 365;

    private static final MathContext MATH = MathContext.DECIMAL128;

    private LoanSchedule() {
    }

    /** The due dates of {@code months} monthly instalments from {@code drawnOn}. */
    public static List<LocalDate> monthlyDueDates(LocalDate drawnOn, int months) {
        List<LocalDate> dates = new ArrayList<>(months);
        for (int k = 1; k <= months; k++) {
            dates.add(drawnOn.plusMonths(k));
        }
        return dates;
    }

    /** A schedule of {@code months} monthly instalments for an amount drawn on {@code drawnOn}. */
    public static List<Instalment> monthly(RepaymentMethod method, long principal, BigDecimal annualRate,
            LocalDate drawnOn, int months) {
        return generate(method, principal, annualRate, drawnOn, monthlyDueDates(drawnOn, months), 1);
    }

    /**
     * A schedule for {@code principal} outstanding from {@code start} over the given due dates: a new drawdown's,
     * or the rest of one after an early repayment (the same dates, the smaller principal).
     *
     * @param firstNumber the number of the first instalment (1 for a new drawdown)
     */
    public static List<Instalment> generate(RepaymentMethod method, long principal, BigDecimal annualRate,
            LocalDate start, List<LocalDate> dueDates, int firstNumber) {
        Objects.requireNonNull(method, "method");
        if (principal <= 0) {
            throw new IllegalArgumentException("principal must be positive");
        }
        if (annualRate.signum() < 0) {
            throw new IllegalArgumentException("the rate must not be negative");
        }
        int n = dueDates.size();
        if (n == 0) {
            throw new IllegalArgumentException("a schedule has at least one instalment");
        }
        long annuity = method == RepaymentMethod.EQUAL_INSTALMENT ? annuity(principal, annualRate, n) : 0;
        long equalPrincipal = principal / n;
        List<Instalment> schedule = new ArrayList<>(n);
        long outstanding = principal;
        LocalDate from = start;
        for (int k = 0; k < n; k++) {
            LocalDate due = dueDates.get(k);
            long days = ChronoUnit.DAYS.between(from, due);
            if (days <= 0) {
                throw new IllegalArgumentException("due dates must follow the start and each other");
            }
            long interest = interest(outstanding, annualRate, days);
            long part;
            if (k == n - 1) {
                part = outstanding;
            } else if (method == RepaymentMethod.EQUAL_INSTALMENT) {
                part = Math.min(outstanding, Math.max(0, annuity - interest));
            } else {
                part = Math.min(outstanding, equalPrincipal);
            }
            outstanding -= part;
            schedule.add(new Instalment(firstNumber + k, due, from, days, part, interest, outstanding));
            from = due;
        }
        return List.copyOf(schedule);
    }

    /** The equal monthly instalment {@code round(P × i / (1 − (1 + i)^−n))}, {@code i = r / 12}; P / n at 0 %. */
    public static long annuity(long principal, BigDecimal annualRate, int months) {
        if (annualRate.signum() == 0) {
            return BigDecimal.valueOf(principal).divide(BigDecimal.valueOf(months), 0, RoundingMode.HALF_UP)
                    .longValueExact();
        }
        BigDecimal i = annualRate.divide(BigDecimal.valueOf(12), MATH);
        BigDecimal growth = BigDecimal.ONE.add(i).pow(months, MATH);
        BigDecimal factor = i.multiply(growth, MATH).divide(growth.subtract(BigDecimal.ONE), MATH);
        return BigDecimal.valueOf(principal).multiply(factor, MATH).setScale(0, RoundingMode.HALF_UP)
                .longValueExact();
    }

    /** Simple interest {@code round(P × r × days / 365)}, half up, in fen. */
    public static long interest(long principal, BigDecimal annualRate, long days) {
        return BigDecimal.valueOf(principal).multiply(annualRate).multiply(BigDecimal.valueOf(days))
                .divide(BigDecimal.valueOf(DAYS_IN_YEAR), 0, RoundingMode.HALF_UP).longValueExact();
    }

    /**
     * One day's interest as daily accrual books it: interest for {@code day} days since the base date less that
     * for {@code day − 1}, so that the days of a period add up to {@link #interest} for the whole period.
     *
     * @param day the day since the base date, from 1
     */
    public static long dailyAccrual(long principal, BigDecimal annualRate, long day) {
        if (day < 1) {
            throw new IllegalArgumentException("days are counted from 1");
        }
        return interest(principal, annualRate, day) - interest(principal, annualRate, day - 1);
    }

    /**
     * One instalment.
     *
     * @param number 1 for the first
     * @param dueDate when it is collected
     * @param periodStart the start of its interest period (the drawdown date or the previous due date), exclusive
     * @param days the days of its interest period
     * @param principal its principal, in fen
     * @param interest its period's interest, in fen
     * @param outstandingAfter the principal still owed once it is paid
     */
    public record Instalment(int number, LocalDate dueDate, LocalDate periodStart, long days, long principal,
            long interest, long outstandingAfter) {

        public long total() {
            return principal + interest;
        }
    }
}
