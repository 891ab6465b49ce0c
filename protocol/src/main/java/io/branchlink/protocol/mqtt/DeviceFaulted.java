package io.branchlink.protocol.mqtt;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A device component failed.
 *
 * @param component the failing part, such as {@code CASH_DISPENSER} or {@code QR_SCANNER}
 * @param faultCode the device's own error code
 * @param description a short text for operators, or {@code null}
 */
public record DeviceFaulted(@JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) String component,
        @JsonProperty(required = true) String faultCode,
        String description,
        @JsonProperty(required = true) Instant at) implements DeviceEvent {

    public static final String TYPE = "device-faulted";

    public DeviceFaulted {
        Payloads.schemaVersion(schemaVersion);
        Payloads.text(component, "component", 64);
        Payloads.text(faultCode, "faultCode", 64);
        if (description != null && description.length() > 512) {
            throw new IllegalArgumentException("description must be at most 512 characters");
        }
        Payloads.required(at, "at");
    }

    public static DeviceFaulted of(String component, String faultCode, String description, Instant at) {
        return new DeviceFaulted(MqttJson.SCHEMA_VERSION, component, faultCode, description, at);
    }

    @Override
    public String eventType() {
        return TYPE;
    }
}
