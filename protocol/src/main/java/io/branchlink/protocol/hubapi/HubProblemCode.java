package io.branchlink.protocol.hubapi;

/**
 * The stable {@code code} a hub-facing problem carries beside its {@code irc} (docs/counter-business.md). The hub
 * decides on the code, never on the detail text.
 */
public enum HubProblemCode {
    /** No form has this token (404). */
    FORM_UNKNOWN,
    /** The form is staged at another branch, or at none (403). */
    FORM_OTHER_BRANCH,
    /** The form's code expired; the customer submits it again (410). */
    FORM_EXPIRED,
    /** The customer cancelled the form (409). */
    FORM_CANCELLED,
    /** The form was decided before; the problem carries the {@code existing} decision (409). */
    FORM_ALREADY_DECIDED,
    /** The form is in no state for this call (409). */
    FORM_STATE,
    /** The confirmation id was used for another form or decision (409). */
    CONFIRMATION_REUSED,
    /** A rejection needs a reason (400). */
    REASON_REQUIRED,
    /** The teller terminal is not of the hub's branch (403). */
    TERMINAL_OTHER_BRANCH,
    /** The feed's {@code after} or {@code waitSeconds} is negative (400). */
    FEED_PARAMETERS,
    /** No voucher of the hub's branch has this reference (404). */
    VOUCHER_NOT_FOUND
}
