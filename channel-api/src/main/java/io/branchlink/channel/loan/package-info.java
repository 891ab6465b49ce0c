/**
 * The fully online credit loan, 7×24: apply (the credit bureau's report, a scorecard, the risk engine), sign the
 * contract (always with the customer's second factor; sealed by the bank and archived), draw within a revolving
 * limit, each drawdown with its own monthly schedule, repay early, and the end-of-day steps {@code loan.accrue}
 * (daily interest, penalty on overdue principal) and {@code loan.collect} (due instalments, overdue reminders by
 * SMS). Its API is the pure schedule arithmetic ({@link io.branchlink.channel.loan.LoanSchedule}); the service,
 * the app's endpoints under {@code /api/v1/loans}, the books and the money invariants are in {@code internal}.
 * See docs/loans.md.
 *
 * @see io.branchlink.channel.loan.LoanScheduleTests
 * @see io.branchlink.channel.loan.LoanLifecycleIntegrationTests
 */
package io.branchlink.channel.loan;
