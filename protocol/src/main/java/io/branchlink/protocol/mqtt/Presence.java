package io.branchlink.protocol.mqtt;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Whether a device is connected, published retained on {@code .../presence}: {@code ONLINE} by the device after it
 * connects, {@code OFFLINE} by the broker as the device's MQTT 5 Last Will (so its {@code at} is when the will was
 * set, at connect) or by the device before a clean disconnect.
 */
public record Presence(@JsonProperty(required = true) int schemaVersion,
        @JsonProperty(required = true) Status status,
        @JsonProperty(required = true) Instant at) implements MqttPayload {

    public enum Status { ONLINE, OFFLINE }

    public Presence {
        Payloads.schemaVersion(schemaVersion);
        Payloads.required(status, "status");
        Payloads.required(at, "at");
    }

    public static Presence online(Instant at) {
        return new Presence(MqttJson.SCHEMA_VERSION, Status.ONLINE, at);
    }

    public static Presence offline(Instant at) {
        return new Presence(MqttJson.SCHEMA_VERSION, Status.OFFLINE, at);
    }
}
