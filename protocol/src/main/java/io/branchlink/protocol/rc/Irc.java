package io.branchlink.protocol.rc;

/**
 * BranchLink's internal result code: one vocabulary for every outcome, mapped to ISO 8583 field 39 by
 * {@code IsoResponseCodes} and to HTTP problem details by channel-api.
 *
 * <p>Codes are grouped in numeric families: 0 approved, 1000+ declined by a business rule, 2000+ a malformed or
 * unauthenticated request, 3000+ a system condition where the outcome may be retried.
 */
public enum Irc {

    APPROVED(0),

    DO_NOT_HONOUR(1000),
    RISK_DECLINED(1001),
    NOT_SUFFICIENT_FUNDS(1002),
    INVALID_AMOUNT(1003),
    EXCEEDS_LIMIT(1004),
    TOKEN_INVALID(1005),
    TOKEN_EXPIRED(1006),
    INVALID_TRANSACTION(1007),
    DUPLICATE(1008),
    STEP_UP_REQUIRED(1009),
    ACCOUNT_BLOCKED(1010),

    FORMAT_ERROR(2000),
    MISSING_FIELD(2001),
    SECURITY_VIOLATION(2002),
    UNAUTHENTICATED(2003),
    ACCESS_DENIED(2004),
    NOT_FOUND(2005),
    CONFLICT(2006),

    HOST_UNREACHABLE(3000),
    SYSTEM_ERROR(3001);

    private final int code;

    Irc(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** True only for {@link #APPROVED}. */
    public boolean success() {
        return this == APPROVED;
    }

    /** True for a business decline: the request was well formed and understood, and the answer is no. */
    public boolean declined() {
        return code >= 1000 && code < 2000;
    }

    /** True for a request that was malformed, unauthenticated or not allowed. */
    public boolean rejected() {
        return code >= 2000 && code < 3000;
    }

    /** True for a system condition: the outcome is unknown or temporary, and an idempotent retry is safe. */
    public boolean systemError() {
        return code >= 3000;
    }
}
