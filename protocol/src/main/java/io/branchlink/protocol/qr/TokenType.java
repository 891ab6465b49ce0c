package io.branchlink.protocol.qr;

/** What a QR token may be used for; the wire code is one byte and never reused. */
public enum TokenType {
    WITHDRAWAL(1),
    DEPOSIT(2),
    FORM(3),
    /** A large-cash booking shown at the teller's counter on the booked day; bound to the booked branch. */
    CASH_BOOKING(4),

    /** Shown by an ITM and scanned by the phone: names one session at one terminal, carries no amount. */
    ITM_SESSION(5);

    private final int code;

    TokenType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    static TokenType fromCode(int code) {
        for (TokenType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        return null;
    }
}
