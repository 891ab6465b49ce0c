package io.branchlink.prefill.catalog;

/** What a form field holds; the validator picks its checks by type. */
public enum FieldType {
    /** Free text, checked by length and an optional pattern. */
    TEXT,
    /** A decimal amount in major units ("50000.00"); its currency is fixed by the rule or named by another field. */
    AMOUNT,
    /** An ISO 4217 currency code. */
    CURRENCY,
    /** An ISO 8601 calendar date (yyyy-MM-dd). */
    DATE,
    /** A bank account or card number; ownership is checked through {@code AccountOwnership}. */
    ACCOUNT,
    /** A mainland resident ID number (GB 11643-1999, 18 characters). */
    ID_NUMBER,
    /** A mainland mobile number (11 digits starting with 1, optionally +86). */
    MOBILE,
    /** One of the values listed in the field's choices. */
    CHOICE
}
