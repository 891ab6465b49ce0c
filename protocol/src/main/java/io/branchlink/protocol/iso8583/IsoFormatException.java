package io.branchlink.protocol.iso8583;

/**
 * An ISO 8583 frame or message that cannot be accepted; the {@link Reason} says why and, where one field is at fault,
 * {@link #field()} names it. Messages never contain field values.
 */
public final class IsoFormatException extends RuntimeException {

    /** Why a frame or message was refused. */
    public enum Reason {
        /** The bytes end before the length prefix, the MTI, a bitmap or a field is complete. */
        TRUNCATED,
        /** The length prefix is zero, above the configured maximum, or does not match the bytes that follow. */
        BAD_LENGTH,
        /** The MTI is not one of 0200, 0210, 0420, 0430, 0800, 0810. */
        UNKNOWN_MTI,
        /** A field the MTI requires is absent. */
        MISSING_FIELD,
        /** A variable-length field is longer than the profile allows. */
        FIELD_TOO_LONG,
        /** A field is not allowed in this MTI, or its content is not valid for the profile. */
        BAD_FIELD,
        /** The MAC does not match the message under the terminal's key. */
        BAD_MAC,
        /** No MAC key is configured for the terminal id in field 41. */
        UNKNOWN_TERMINAL
    }

    private final Reason reason;
    private final int field;
    private final IsoMessage unauthenticated;

    public IsoFormatException(Reason reason, String message) {
        this(reason, 0, message, null);
    }

    public IsoFormatException(Reason reason, int field, String message) {
        this(reason, field, message, null);
    }

    public IsoFormatException(Reason reason, int field, String message, Throwable cause) {
        this(reason, field, message, cause, null);
    }

    private IsoFormatException(Reason reason, int field, String message, Throwable cause, IsoMessage unauthenticated) {
        super(field > 0 ? "field " + field + ": " + message : message, cause, false, false);
        this.reason = reason;
        this.field = field;
        this.unauthenticated = unauthenticated;
    }

    /**
     * A {@code BAD_MAC} refusal of a message that was otherwise well formed, carrying that message so the receiver
     * can answer it with a decline (field 39 = 63). Its content is not authentic and must not be acted on.
     */
    static IsoFormatException badMac(int macField, IsoMessage unauthenticated) {
        return new IsoFormatException(Reason.BAD_MAC, macField, "MAC does not match", null, unauthenticated);
    }

    public Reason reason() {
        return reason;
    }

    /**
     * For {@code BAD_MAC} only: the well-formed message whose MAC failed, to be declined and never acted on; empty
     * for every other reason or when the message was not well formed either.
     */
    public java.util.Optional<IsoMessage> unauthenticated() {
        return java.util.Optional.ofNullable(unauthenticated);
    }

    /** The field number at fault, or 0 when the error is not about one field. */
    public int field() {
        return field;
    }
}
