package io.branchlink.protocol.iso8583;

import java.util.Set;

/**
 * The message type indicators of the BranchLink profile, each with the field that carries its MAC and the fields it
 * must carry.
 */
public enum Mti {

    FINANCIAL_REQUEST(0x0200, 64, Set.of(3, 4, 7, 11, 12, 13, 37, 41, 42, 48, 49, 64)),
    /** Field 38 is also present, on approvals only. */
    FINANCIAL_RESPONSE(0x0210, 64, Set.of(3, 4, 7, 11, 12, 13, 37, 39, 41, 42, 49, 64)),
    /** A deposit's notes were kept but its 0210 never came: credit them on the original key. */
    FINANCIAL_ADVICE(0x0220, 128, Set.of(3, 4, 7, 11, 12, 13, 37, 41, 42, 48, 49, 90, 128)),
    FINANCIAL_ADVICE_RESPONSE(0x0230, 128, Set.of(3, 4, 7, 11, 12, 13, 37, 39, 41, 42, 49, 90, 128)),
    REVERSAL_ADVICE(0x0420, 128, Set.of(3, 4, 7, 11, 12, 13, 37, 41, 42, 49, 90, 95, 128)),
    REVERSAL_RESPONSE(0x0430, 128, Set.of(3, 4, 7, 11, 12, 13, 37, 39, 41, 42, 49, 90, 95, 128)),
    NETWORK_REQUEST(0x0800, 128, Set.of(7, 11, 41, 42, 70, 128)),
    NETWORK_RESPONSE(0x0810, 128, Set.of(7, 11, 39, 41, 42, 70, 128));

    private final int type;
    private final int macField;
    private final Set<Integer> mandatoryFields;

    Mti(int type, int macField, Set<Integer> mandatoryFields) {
        this.type = type;
        this.macField = macField;
        this.mandatoryFields = mandatoryFields;
    }

    /** The type as j8583 holds it: the four digits read as hexadecimal, so 0200 is {@code 0x0200}. */
    public int type() {
        return type;
    }

    /** The four digits, for example {@code "0200"}. */
    public String code() {
        return String.format("%04x", type);
    }

    /** 64 when the message has only a primary bitmap, 128 when it has a secondary bitmap. */
    public int macField() {
        return macField;
    }

    public Set<Integer> mandatoryFields() {
        return mandatoryFields;
    }

    /** Reads the MTI from its two BCD bytes, or returns {@code null} for a type outside the profile. */
    static Mti fromBcd(byte high, byte low) {
        int type = (Byte.toUnsignedInt(high) << 8) | Byte.toUnsignedInt(low);
        for (Mti mti : values()) {
            if (mti.type == type) {
                return mti;
            }
        }
        return null;
    }
}
