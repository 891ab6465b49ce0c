package io.branchlink.protocol.mqtt;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** Return the device to service. */
public record PutInService(@JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) String commandId,
        @JsonProperty(required = true) Instant issuedAt) implements Command {

    public static final String NAME = "put-in-service";

    public PutInService {
        Payloads.schemaVersion(schemaVersion);
        Payloads.commandId(commandId);
        Payloads.required(issuedAt, "issuedAt");
    }

    public static PutInService of(String commandId, Instant issuedAt) {
        return new PutInService(MqttJson.SCHEMA_VERSION, commandId, issuedAt);
    }
}
