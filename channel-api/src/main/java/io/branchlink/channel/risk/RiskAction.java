package io.branchlink.channel.risk;

/** What the customer is doing when the risk engine is asked; each one splits the features (filter {@code action.*}). */
public enum RiskAction {
    LOGIN,
    DEVICE_BINDING,
    PHONE_CHANGE,
    CARDLESS_WITHDRAWAL,
    CARDLESS_DEPOSIT,
    REDEMPTION,
    FORM_EXECUTION,
    TRANSFER,
    LOAN_APPLICATION,
    LOAN_DRAWDOWN,
    CARD_LIMIT_CHANGE,
    LARGE_CASH_BOOKING
}
