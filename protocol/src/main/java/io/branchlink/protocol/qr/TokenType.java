package io.branchlink.protocol.qr;

/** What a QR token may be used for; the wire code is one byte and never reused. */
public enum TokenType {
    WITHDRAWAL(1),
    DEPOSIT(2),
    FORM(3),
    /** Shown by an ITM and scanned by the phone: names one session at one terminal, carries no amount. */
    ITM_SESSION(4);

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
