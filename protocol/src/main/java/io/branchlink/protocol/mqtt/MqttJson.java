package io.branchlink.protocol.mqtt;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.branchlink.protocol.mqtt.MqttPayloadException.Reason;
import io.branchlink.protocol.money.Money;
import java.io.IOException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one JSON codec for MQTT payloads: ISO-8601 instants, unknown fields ignored (newer writers may add fields),
 * required fields enforced, and a size limit checked before parsing. Every failure is an {@link
 * MqttPayloadException}.
 *
 * @see io.branchlink.protocol.mqtt.MqttJsonTests
 */
public final class MqttJson {

    /** The payload schema version this code writes and the newest it reads. */
    public static final int SCHEMA_VERSION = 1;
    /** Large enough for a {@link PrintVoucher} carrying a one-page PDF with an embedded font subset. */
    public static final int MAX_PAYLOAD_BYTES = 256 * 1024;

    private static final Pattern MISSING_PROPERTY = Pattern.compile("Missing required creator property '([^']+)'");

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(32)
                            .maxStringLength(MAX_PAYLOAD_BYTES)
                            .maxNumberLength(32)
                            .build())
                    .build())
            .addModule(new JavaTimeModule())
            .addMixIn(Money.class, MoneyJson.class)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private MqttJson() {
    }

    public static byte[] encode(MqttPayload payload) {
        Objects.requireNonNull(payload, "payload");
        try {
            return MAPPER.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + payload.getClass().getSimpleName(), e);
        }
    }

    /**
     * Reads a payload of the given type, for example {@code decode(bytes, DeviceEvent.class)}.
     *
     * @throws MqttPayloadException when the payload is too large, malformed, incomplete, invalid, of an unknown type
     *     or of a newer schema version
     */
    public static <T extends MqttPayload> T decode(byte[] payload, Class<T> type) {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(type, "type");
        if (payload.length > MAX_PAYLOAD_BYTES) {
            throw new MqttPayloadException(Reason.TOO_LARGE, null,
                    payload.length + " bytes, more than " + MAX_PAYLOAD_BYTES, null);
        }
        T value;
        try {
            value = MAPPER.readValue(payload, type);
        } catch (IOException e) {
            throw translate(e);
        }
        if (value == null) {
            throw new MqttPayloadException(Reason.MALFORMED, null, "not a JSON object", null);
        }
        if (value.schemaVersion() > SCHEMA_VERSION) {
            throw new MqttPayloadException(Reason.UNSUPPORTED_VERSION, "schemaVersion",
                    "version " + value.schemaVersion() + " is newer than " + SCHEMA_VERSION, null);
        }
        return value;
    }

    private static MqttPayloadException translate(IOException e) {
        if (e instanceof InvalidTypeIdException typeId) {
            String field = path(typeId);
            return typeId.getTypeId() == null
                    ? new MqttPayloadException(Reason.MISSING_FIELD, field, "type is required", e)
                    : new MqttPayloadException(Reason.UNKNOWN_TYPE, field, "unknown type", e);
        }
        if (e instanceof ValueInstantiationException instantiation) {
            Throwable cause = instantiation.getCause();
            String field = path(instantiation);
            if (cause instanceof NullPointerException) {
                return new MqttPayloadException(Reason.MISSING_FIELD, join(field, cause.getMessage()),
                        "required", e);
            }
            return new MqttPayloadException(Reason.INVALID_FIELD, field,
                    cause != null ? cause.getMessage() : "invalid", e);
        }
        if (e instanceof InvalidFormatException format) {
            return new MqttPayloadException(Reason.INVALID_FIELD, path(format), "invalid value", e);
        }
        if (e instanceof MismatchedInputException mismatched) {
            Matcher missing = MISSING_PROPERTY.matcher(String.valueOf(mismatched.getOriginalMessage()));
            if (missing.find()) {
                String name = missing.group(1);
                String field = path(mismatched);
                boolean named = field != null && (field.equals(name) || field.endsWith("." + name));
                return new MqttPayloadException(Reason.MISSING_FIELD, named ? field : join(field, name),
                        "required", e);
            }
            String field = path(mismatched);
            return field == null
                    ? new MqttPayloadException(Reason.MALFORMED, null, "not a JSON object of the expected shape", e)
                    : new MqttPayloadException(Reason.INVALID_FIELD, field, "wrong type", e);
        }
        if (e instanceof JsonMappingException mapping) {
            return new MqttPayloadException(Reason.INVALID_FIELD, path(mapping), "invalid", e);
        }
        if (e instanceof StreamReadException) {
            return new MqttPayloadException(Reason.MALFORMED, null, "not well-formed JSON", e);
        }
        return new MqttPayloadException(Reason.MALFORMED, null, "unreadable", e);
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? null : path.toString();
    }

    private static String join(String parent, String field) {
        return parent == null ? field : parent + "." + field;
    }

    /** Money as {@code {"minorUnits": 10000, "currency": "CNY"}}: record components only, no derived getters. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
            getterVisibility = JsonAutoDetect.Visibility.NONE,
            isGetterVisibility = JsonAutoDetect.Visibility.NONE)
    private abstract static class MoneyJson {
    }
}
