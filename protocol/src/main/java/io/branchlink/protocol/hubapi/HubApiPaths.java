package io.branchlink.protocol.hubapi;

/** Every path of the hub API; all sit under {@link #PREFIX}. Path variables are in braces. */
public final class HubApiPaths {

    /** The one prefix of every hub-facing endpoint; hub credentials open it and nothing else. */
    public static final String PREFIX = "/api/hub/v1";

    public static final String WITHDRAWALS = PREFIX + "/withdrawals";
    public static final String DEPOSITS = PREFIX + "/deposits";
    public static final String REVERSALS = PREFIX + "/reversals";
    public static final String TOKEN_KEYS = PREFIX + "/token-keys";
    public static final String TERMINALS = PREFIX + "/terminals";

    public static final String FORM_FEED = PREFIX + "/forms/feed";
    public static final String FORM_TOKEN = PREFIX + "/forms/tokens/{tokenId}";
    public static final String FORM_STAGE = PREFIX + "/forms/tokens/{tokenId}/stage";
    public static final String FORM_EXECUTIONS = PREFIX + "/forms/executions";
    public static final String VOUCHER = PREFIX + "/vouchers/{reference}";

    public static final String CASH_BOOKING_SCANS = PREFIX + "/cash-bookings/scans";
    public static final String CASH_BOOKING_PAYOUTS = PREFIX + "/cash-bookings/payouts";
    public static final String CASH_ORDERS = PREFIX + "/cash-orders";
    public static final String ARRIVALS = PREFIX + "/arrivals";
    public static final String ITM_SESSIONS = PREFIX + "/itm-sessions";
    public static final String ITM_SESSION_FEED = PREFIX + "/itm-sessions/feed";

    private HubApiPaths() {
    }
}
