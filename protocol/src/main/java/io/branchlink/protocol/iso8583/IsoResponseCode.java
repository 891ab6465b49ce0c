package io.branchlink.protocol.iso8583;

import java.util.Optional;

/**
 * The field 39 response codes BranchLink sends and understands, with their ISO 8583 meaning; which internal result
 * maps to which code is {@code io.branchlink.protocol.rc.IsoResponseCodes}.
 */
public enum IsoResponseCode {

    APPROVED("00", "Approved"),
    DO_NOT_HONOUR("05", "Do not honour"),
    INVALID_TRANSACTION("12", "Invalid transaction"),
    INVALID_AMOUNT("13", "Invalid amount"),
    FORMAT_ERROR("30", "Format error"),
    NOT_SUFFICIENT_FUNDS("51", "Not sufficient funds"),
    EXPIRED("54", "Expired card or token"),
    INCORRECT_PIN("55", "Incorrect PIN or OTP"),
    SUSPECTED_FRAUD("59", "Suspected fraud"),
    EXCEEDS_WITHDRAWAL_LIMIT("61", "Exceeds withdrawal amount limit"),
    SECURITY_VIOLATION("63", "Security violation"),
    ISSUER_INOPERATIVE("91", "Issuer or switch inoperative"),
    DUPLICATE_TRANSMISSION("94", "Duplicate transmission"),
    SYSTEM_MALFUNCTION("96", "System malfunction");

    private final String code;
    private final String meaning;

    IsoResponseCode(String code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /** The two characters of field 39 (an2). */
    public String code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }

    /**
     * What a terminal may show the customer as the reason: the meaning, except where the meaning is for the bank's
     * eyes only (a risk decline tells the customer to look at the app, not that fraud is suspected).
     */
    public String customerReason() {
        return this == SUSPECTED_FRAUD ? "Not possible at this time; please see your banking app" : meaning;
    }

    public boolean approved() {
        return this == APPROVED;
    }

    public static Optional<IsoResponseCode> fromCode(String code) {
        for (IsoResponseCode value : values()) {
            if (value.code.equals(code)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
