package io.branchlink.channel.loan.internal;

import io.branchlink.channel.bureau.CreditReport;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The application scorecard (docs/loans.md, "Scorecard"): points per credit-report field added to a base of 400,
 * then a band by score, which sets the limit and the annual rate. A payment ever 90 or more days late declines
 * whatever the score. A person with no file at the bureau scores neutral points for what is unknown and 0 for
 * history. Decline reasons name the fields that cost the most points, in words safe to show the applicant.
 *
 * <pre>
 * field                          points
 * history (months)               none 0 · &lt;12 10 · 12–35 25 · 36–83 40 · ≥84 55
 * delinquencies, last 12 months  0 60 · 1 25 · 2 5 · ≥3 −40            (no file: 30)
 * worst delinquency (days)       0 30 · 1–30 10 · 31–89 −20 · ≥90 decline (no file: 15)
 * utilisation of revolving limits &lt;30 % 40 · 30–59 % 25 · 60–89 % 5 · ≥90 % −15 (no file: 20)
 * inquiries, last 6 months       0–1 25 · 2–3 15 · 4–5 0 · ≥6 −25
 *
 * band  score    limit (CNY)  annual rate
 * A     ≥ 580    200,000      7.20 %
 * B     540–579  100,000      9.60 %
 * C     490–539   30,000     14.40 %
 * —     &lt; 490    declined
 * </pre>
 *
 * @see io.branchlink.channel.loan.internal.ScorecardTests
 */
final class Scorecard {

    static final int BASE = 400;

    private Scorecard() {
    }

    static Result score(CreditReport report) {
        List<Part> parts = new ArrayList<>();
        parts.add(new Part(history(report), 55, "Your credit history is short."));
        parts.add(new Part(report.found() ? delinquencies(report.delinquencies12m()) : 30, 60,
                "Your credit report shows recent late payments."));
        parts.add(new Part(report.found() ? worst(report.worstDelinquencyDays()) : 15, 30,
                "Your credit report shows a late payment."));
        parts.add(new Part(report.found() ? utilisation(report.utilisation()) : 20, 40,
                "You use a large part of your existing credit limits."));
        parts.add(new Part(inquiries(report.inquiries6m()), 25, "You have applied for credit many times recently."));
        int score = BASE + parts.stream().mapToInt(Part::points).sum();
        if (report.found() && report.worstDelinquencyDays() >= 90) {
            return new Result(score, null, List.of("Your credit report shows a payment 90 days or more late."));
        }
        Band band = Band.of(score);
        if (band == null) {
            // the fields that cost the most points against their best, at most two
            List<String> reasons = parts.stream()
                    .filter(p -> p.best() - p.points() >= 20)
                    .sorted((a, b) -> Integer.compare(b.best() - b.points(), a.best() - a.points()))
                    .limit(2).map(Part::reason).toList();
            return new Result(score, null, reasons.isEmpty()
                    ? List.of("Your credit report does not yet support a credit line.") : reasons);
        }
        return new Result(score, band, List.of());
    }

    private static int history(CreditReport report) {
        int months = report.historyMonths();
        if (!report.found() || months <= 0) {
            return 0;
        }
        return months < 12 ? 10 : months < 36 ? 25 : months < 84 ? 40 : 55;
    }

    private static int delinquencies(int count) {
        return count == 0 ? 60 : count == 1 ? 25 : count == 2 ? 5 : -40;
    }

    private static int worst(int days) {
        return days == 0 ? 30 : days <= 30 ? 10 : -20;
    }

    private static int utilisation(BigDecimal ratio) {
        double r = ratio.doubleValue();
        return r < 0.30 ? 40 : r < 0.60 ? 25 : r < 0.90 ? 5 : -15;
    }

    private static int inquiries(int count) {
        return count <= 1 ? 25 : count <= 3 ? 15 : count <= 5 ? 0 : -25;
    }

    /** A score band: the limit in fen and the annual rate it approves. */
    enum Band {
        A(580, 200_000_00L, new BigDecimal("0.0720")),
        B(540, 100_000_00L, new BigDecimal("0.0960")),
        C(490, 30_000_00L, new BigDecimal("0.1440"));

        final int minimum;
        final long limit;
        final BigDecimal annualRate;

        Band(int minimum, long limit, BigDecimal annualRate) {
            this.minimum = minimum;
            this.limit = limit;
            this.annualRate = annualRate;
        }

        /** The band of a score, or null below the lowest. */
        static Band of(int score) {
            for (Band band : values()) {
                if (score >= band.minimum) {
                    return band;
                }
            }
            return null;
        }
    }

    /** @param band null for a decline, with its reasons */
    record Result(int score, Band band, List<String> reasons) {

        boolean approved() {
            return band != null;
        }
    }

    private record Part(int points, int best, String reason) {
    }
}
