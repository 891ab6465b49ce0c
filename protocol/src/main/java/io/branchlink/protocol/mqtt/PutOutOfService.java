package io.branchlink.protocol.mqtt;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** Take the device out of service once any customer session in progress ends; {@code reason} is for operators. */
public record PutOutOfService(@JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) String commandId,
        @JsonProperty(required = true) String reason,
        @JsonProperty(required = true) Instant issuedAt) implements Command {

    public static final String NAME = "put-out-of-service";

    public PutOutOfService {
        Payloads.schemaVersion(schemaVersion);
        Payloads.commandId(commandId);
        Payloads.text(reason, "reason", 256);
        Payloads.required(issuedAt, "issuedAt");
    }

    public static PutOutOfService of(String commandId, String reason, Instant issuedAt) {
        return new PutOutOfService(MqttJson.SCHEMA_VERSION, commandId, reason, issuedAt);
    }
}
