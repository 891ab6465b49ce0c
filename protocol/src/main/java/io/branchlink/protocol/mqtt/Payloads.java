package io.branchlink.protocol.mqtt;

import java.util.Objects;
import java.util.regex.Pattern;

/** Checks shared by the payload records; a missing value is a {@link NullPointerException} naming the field. */
final class Payloads {

    private static final Pattern COMMAND_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private Payloads() {
    }

    static int schemaVersion(int version) {
        if (version < 1) {
            throw new IllegalArgumentException("schemaVersion must be 1 or more");
        }
        return version;
    }

    static <T> T required(T value, String field) {
        return Objects.requireNonNull(value, field);
    }

    static String commandId(String value) {
        required(value, "commandId");
        if (!COMMAND_ID.matcher(value).matches()) {
            throw new IllegalArgumentException("commandId must be 1-64 characters A-Z, a-z, 0-9, '.', '_', '-'");
        }
        return value;
    }

    static String sessionId(String value) {
        required(value, "sessionId");
        if (!ShowSessionCode.SESSION_ID.matcher(value).matches()) {
            throw new IllegalArgumentException("sessionId must be 32 lowercase hex digits");
        }
        return value;
    }

    static String text(String value, String field, int maxLength) {
        required(value, field);
        if (value.isBlank() || value.length() > maxLength) {
            throw new IllegalArgumentException(field + " must be 1-" + maxLength + " characters");
        }
        return value;
    }
}
