package io.branchlink.protocol.mqtt;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Reset the device's components (stop and start each one) once any customer session in progress ends, then report
 * the state again; the hub counts a fault as cleared when that report says {@code IN_SERVICE}.
 */
public record ResetDevice(@JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) String commandId,
        @JsonProperty(required = true) Instant issuedAt) implements Command {

    public static final String NAME = "reset-device";

    public ResetDevice {
        Payloads.schemaVersion(schemaVersion);
        Payloads.commandId(commandId);
        Payloads.required(issuedAt, "issuedAt");
    }

    public static ResetDevice of(String commandId, Instant issuedAt) {
        return new ResetDevice(MqttJson.SCHEMA_VERSION, commandId, issuedAt);
    }
}
