package io.branchlink.sim.population;

/** What an action belongs to: a customer's normal habits, or one of the injected fraud scenarios. */
public enum Scenario {
    /** The customer's own action. */
    NORMAL,
    /** The phone number is changed and/or a new phone bound, then cash is withdrawn or sent to new payees. */
    TAKEOVER_CASH_OUT,
    /** A mule account pays many new payees in one day. */
    MULE_FAN_OUT,
    /** Many customers pay one new counterparty (a mule account) on one day. */
    MULE_FAN_IN,
    /** A withdrawal is staged from the victim's phone at home and collected at an ITM in another city. */
    REMOTE_CASH_OUT,
    /** Many withdrawals and transfers within a few minutes. */
    BURST,
    /** An elder customer, talked into it, pays a large sum to a new payee. */
    ELDER_SCAM
}
