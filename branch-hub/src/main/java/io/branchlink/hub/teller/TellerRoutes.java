package io.branchlink.hub.teller;

import io.branchlink.hub.mqtt.MqttClients;
import io.branchlink.hub.mqtt.UnexpectedTopicException;
import io.branchlink.hub.system.HubProperties;
import io.branchlink.protocol.mqtt.Command;
import io.branchlink.protocol.mqtt.DeviceEvent;
import io.branchlink.protocol.mqtt.MqttJson;
import io.branchlink.protocol.mqtt.QrScanned;
import io.branchlink.protocol.mqtt.Topics;
import org.apache.camel.Exchange;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;
import org.springframework.stereotype.Component;

/**
 * The teller console's MQTT routes: {@code qr-scanned} events of the branch's devices in (read with the contract
 * codec; unreadable ones go to the dead-letter topic through {@code mqttErrors}), and {@code print-voucher} commands
 * out to one terminal's commands topic at QoS 1.
 */
@Component
class TellerRoutes extends EndpointRouteBuilder {

    static final String PRINT_VOUCHER = "direct:hub.teller.printVoucher";
    static final String TERMINAL_ID = "branchlinkTerminalId";

    private final MqttClients mqtt;
    private final ResolveScan scans;
    private final String branchId;

    TellerRoutes(MqttClients mqtt, ResolveScan scans, HubProperties hub) {
        this.mqtt = mqtt;
        this.scans = scans;
        this.branchId = hub.branchId();
    }

    @Override
    public void configure() {
        from(mqtt.endpoint(Topics.ROOT + "/" + branchId + "/devices/+/events/" + QrScanned.TYPE, "qr-scanned")
                    .qos(1))
                .routeId("hub.teller.readScan")
                .routeConfigurationId("mqttErrors")
                .process(this::resolveScan).id("resolveScan");

        from(PRINT_VOUCHER)
                .routeId("hub.teller.printVoucher")
                .process(this::encodeCommand).id("encodePrintVoucher")
                .to(mqtt.endpoint(Topics.ROOT + "/" + branchId + "/hub/unaddressed-commands", "teller-commands")
                        .qos(Topics.Kind.COMMANDS.qos())
                        .retained(Topics.Kind.COMMANDS.retained()))
                    .id("publishPrintVoucher");
    }

    private void resolveScan(Exchange exchange) {
        String topic = exchange.getMessage().getHeader(PahoMqtt5Constants.MQTT_TOPIC, String.class);
        Topics.DeviceTopic device = Topics.parse(topic)
                .filter(t -> t.branchId().equals(branchId) && QrScanned.TYPE.equals(t.eventType()))
                .orElseThrow(() -> new UnexpectedTopicException("not a qr-scanned topic of branch " + branchId));
        byte[] body = exchange.getMessage().getBody(byte[].class);
        DeviceEvent event = MqttJson.decode(body == null ? new byte[0] : body, DeviceEvent.class);
        if (!(event instanceof QrScanned scan)) {
            throw new io.branchlink.protocol.mqtt.MqttPayloadException(
                    io.branchlink.protocol.mqtt.MqttPayloadException.Reason.INVALID_FIELD, "type",
                    "does not match the topic's event type", null);
        }
        scans.scanned(device.deviceId(), scan);
    }

    private void encodeCommand(Exchange exchange) {
        String terminalId = exchange.getMessage().getHeader(TERMINAL_ID, String.class);
        Command command = exchange.getMessage().getBody(Command.class);
        exchange.getMessage().setHeader(PahoMqtt5Constants.CAMEL_PAHO_OVERRIDE_TOPIC,
                Topics.commands(branchId, terminalId));
        exchange.getMessage().setBody(MqttJson.encode(command));
    }
}
