package io.branchlink.channel.bureau;

import java.math.BigDecimal;

/**
 * What the credit bureau reports on a person (docs/loans.md, "Credit bureau").
 *
 * @param reportId the bureau's id of this report, kept with the application
 * @param found false when the bureau has no file on the person: every other field is then zero
 * @param historyMonths months since the oldest credit account was opened
 * @param delinquencies12m late payments of 30 days or more in the last 12 months
 * @param worstDelinquencyDays the longest a payment has ever been late, in days
 * @param utilisation revolving balances over revolving limits, 0 to 1 (may exceed 1 when over limit)
 * @param inquiries6m hard inquiries (credit applications) in the last 6 months
 */
public record CreditReport(String reportId, boolean found, int historyMonths, int delinquencies12m,
        int worstDelinquencyDays, BigDecimal utilisation, int inquiries6m) {

    /** The report on a person the bureau has no file on. */
    public static CreditReport noFile(String reportId) {
        return new CreditReport(reportId, false, 0, 0, 0, BigDecimal.ZERO, 0);
    }
}
