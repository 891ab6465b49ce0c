package io.branchlink.protocol.mqtt;

/**
 * A JSON payload of the MQTT contract. {@link #schemaVersion()} changes only for an incompatible change; fields may
 * be added without a new version, and readers ignore fields they do not know.
 */
public sealed interface MqttPayload permits Presence, DeviceState, DeviceEvent, Command {

    int schemaVersion();
}
