package io.branchlink.hub.device;

import io.branchlink.hub.mqtt.UnexpectedTopicException;
import io.branchlink.protocol.mqtt.DeviceEvent;
import io.branchlink.protocol.mqtt.DeviceState;
import io.branchlink.protocol.mqtt.MqttJson;
import io.branchlink.protocol.mqtt.MqttPayload;
import io.branchlink.protocol.mqtt.MqttPayloadException;
import io.branchlink.protocol.mqtt.Presence;
import io.branchlink.protocol.mqtt.Topics;
import io.branchlink.protocol.mqtt.Topics.DeviceTopic;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Message;

/**
 * Reads one device message: the topic must be a device topic of this branch and of the expected kind, and the
 * payload must decode with the contract codec ({@link MqttJson}); an event's JSON {@code type} must equal its
 * topic's event type. The body becomes a {@link DeviceMessage}; anything else is an exception for
 * {@code mqttErrors}.
 */
final class ReadDeviceMessage implements Processor {

    private final String branchId;
    private final Topics.Kind kind;
    private final Class<? extends MqttPayload> type;

    private ReadDeviceMessage(String branchId, Topics.Kind kind, Class<? extends MqttPayload> type) {
        this.branchId = branchId;
        this.kind = kind;
        this.type = type;
    }

    static ReadDeviceMessage presence(String branchId) {
        return new ReadDeviceMessage(branchId, Topics.Kind.PRESENCE, Presence.class);
    }

    static ReadDeviceMessage state(String branchId) {
        return new ReadDeviceMessage(branchId, Topics.Kind.STATE, DeviceState.class);
    }

    static ReadDeviceMessage event(String branchId) {
        return new ReadDeviceMessage(branchId, Topics.Kind.EVENTS, DeviceEvent.class);
    }

    @Override
    public void process(Exchange exchange) {
        String topic = exchange.getMessage().getHeader(PahoMqtt5Constants.MQTT_TOPIC, String.class);
        DeviceTopic device = Topics.parse(topic)
                .filter(parsed -> parsed.branchId().equals(branchId) && parsed.kind() == kind)
                .orElseThrow(() -> new UnexpectedTopicException("not a " + kind + " topic of branch " + branchId));
        byte[] body = exchange.getMessage().getBody(byte[].class);
        MqttPayload payload = MqttJson.decode(body == null ? new byte[0] : body, type);
        if (payload instanceof DeviceEvent event && !event.eventType().equals(device.eventType())) {
            throw new MqttPayloadException(MqttPayloadException.Reason.INVALID_FIELD, "type",
                    "does not match the topic's event type", null);
        }
        boolean retained = exchange.getMessage() instanceof PahoMqtt5Message paho
                && paho.getMqttMessage() != null && paho.getMqttMessage().isRetained();
        exchange.getMessage().setBody(new DeviceMessage(device.deviceId(), retained, payload));
    }

    /**
     * A decoded device message.
     *
     * @param retained whether the broker delivered a retained copy (on subscribe) rather than a live publish
     */
    record DeviceMessage(String deviceId, boolean retained, MqttPayload payload) {

        <T extends MqttPayload> T payload(Class<T> expected) {
            return expected.cast(payload);
        }
    }
}
