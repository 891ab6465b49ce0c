package io.branchlink.protocol.mqtt;

/** An MQTT payload that cannot be read; the {@link Reason} says why and {@link #field()} names the field, if any. */
public final class MqttPayloadException extends RuntimeException {

    public enum Reason {
        /** Larger than {@link MqttJson#MAX_PAYLOAD_BYTES}; refused before parsing. */
        TOO_LARGE,
        /** Not a single well-formed JSON object. */
        MALFORMED,
        /** A required field is absent or null. */
        MISSING_FIELD,
        /** A field has the wrong type or a value outside its rules. */
        INVALID_FIELD,
        /** The {@code type} or {@code command} names no known payload. */
        UNKNOWN_TYPE,
        /** A {@code schemaVersion} newer than this code reads. */
        UNSUPPORTED_VERSION
    }

    private final Reason reason;
    private final String field;

    public MqttPayloadException(Reason reason, String field, String message, Throwable cause) {
        super(field != null ? field + ": " + message : message, cause, false, false);
        this.reason = reason;
        this.field = field;
    }

    public Reason reason() {
        return reason;
    }

    /** The JSON path of the field at fault, such as {@code cashUnits[0].count}, or {@code null}. */
    public String field() {
        return field;
    }
}
