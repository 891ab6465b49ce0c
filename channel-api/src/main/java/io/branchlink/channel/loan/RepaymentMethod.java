package io.branchlink.channel.loan;

/** How a drawdown's principal is repaid over its monthly instalments (docs/loans.md, "Schedules"). */
public enum RepaymentMethod {
    /** Equal instalments (annuity, "declining balance, equal installments"): the same total each month. */
    EQUAL_INSTALMENT,
    /** Equal principal: the same principal each month, interest on the declining balance on top. */
    EQUAL_PRINCIPAL
}
