package io.branchlink.hub.queue;

import io.branchlink.hub.mqtt.MqttClients;
import io.branchlink.hub.mqtt.UnexpectedTopicException;
import io.branchlink.hub.system.HubProperties;
import io.branchlink.protocol.mqtt.DeviceEvent;
import io.branchlink.protocol.mqtt.MqttJson;
import io.branchlink.protocol.mqtt.MqttPayloadException;
import io.branchlink.protocol.mqtt.QrScanned;
import io.branchlink.protocol.mqtt.Topics;
import org.apache.camel.Exchange;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;
import org.springframework.stereotype.Component;

/**
 * The queue-ticket machines' MQTT route: {@code qr-scanned} events of the branch's devices in (read with the
 * contract codec; unreadable ones go to the dead-letter topic through {@code mqttErrors}), handed to
 * {@link TicketMachine}, which acts on those of ticket machines. Print-ticket commands go out through the device
 * module's command path.
 */
@Component
class TicketMachineRoutes extends EndpointRouteBuilder {

    private final MqttClients mqtt;
    private final TicketMachine machine;
    private final String branchId;

    TicketMachineRoutes(MqttClients mqtt, TicketMachine machine, HubProperties hub) {
        this.mqtt = mqtt;
        this.machine = machine;
        this.branchId = hub.branchId();
    }

    @Override
    public void configure() {
        from(mqtt.endpoint(Topics.branchEvents(branchId, QrScanned.TYPE), "ticket-scans").qos(1))
                .routeId("hub.queue.readTicketScan")
                .routeConfigurationId("mqttErrors")
                .process(this::ticketScan).id("ticketScan");
    }

    private void ticketScan(Exchange exchange) {
        String topic = exchange.getMessage().getHeader(PahoMqtt5Constants.MQTT_TOPIC, String.class);
        Topics.DeviceTopic device = Topics.parse(topic)
                .filter(t -> t.branchId().equals(branchId) && QrScanned.TYPE.equals(t.eventType()))
                .orElseThrow(() -> new UnexpectedTopicException("not a qr-scanned topic of branch " + branchId));
        byte[] body = exchange.getMessage().getBody(byte[].class);
        DeviceEvent event = MqttJson.decode(body == null ? new byte[0] : body, DeviceEvent.class);
        if (!(event instanceof QrScanned scan)) {
            throw new MqttPayloadException(MqttPayloadException.Reason.INVALID_FIELD, "type",
                    "does not match the topic's event type", null);
        }
        machine.scanned(device.deviceId(), scan);
    }
}
