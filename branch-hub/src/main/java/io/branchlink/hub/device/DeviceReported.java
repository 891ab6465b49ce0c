package io.branchlink.hub.device;

import io.branchlink.protocol.mqtt.MqttPayload;
import java.time.Instant;

/**
 * A device message the registry has just recorded (a presence, a state or an event), published as a Spring
 * application event on the node that read it.
 *
 * @param payload the decoded {@code Presence}, {@code DeviceState} or {@code DeviceEvent}
 * @param retained whether the broker delivered a retained copy (on subscribe) rather than a live publish
 * @param receivedAt the hub's time of receipt
 */
public record DeviceReported(String deviceId, MqttPayload payload, boolean retained, Instant receivedAt) {
}
