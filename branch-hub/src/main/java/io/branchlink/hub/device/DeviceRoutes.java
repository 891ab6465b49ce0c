package io.branchlink.hub.device;

import io.branchlink.hub.device.ReadDeviceMessage.DeviceMessage;
import io.branchlink.hub.mqtt.MqttClients;
import io.branchlink.hub.system.HubProperties;
import io.branchlink.protocol.mqtt.Command;
import io.branchlink.protocol.mqtt.DeviceEvent;
import io.branchlink.protocol.mqtt.DeviceState;
import io.branchlink.protocol.mqtt.MqttJson;
import io.branchlink.protocol.mqtt.Presence;
import io.branchlink.protocol.mqtt.Topics;
import org.apache.camel.Exchange;
import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;
import org.springframework.stereotype.Component;

/**
 * The device registry's MQTT routes: the branch's presence, retained state and events in (each read with the
 * contract codec, unreadable ones to the dead-letter topic through {@code mqttErrors}), and commands out to one
 * device's commands topic.
 *
 * @see io.branchlink.hub.device.DeviceRoutesTests
 */
@Component
class DeviceRoutes extends EndpointRouteBuilder {

    static final String SEND_COMMAND = "direct:hub.device.sendCommand";
    static final String DEVICE_ID = "branchlinkDeviceId";

    private final MqttClients mqtt;
    private final DeviceRegistry registry;
    private final String branchId;

    DeviceRoutes(MqttClients mqtt, DeviceRegistry registry, HubProperties hub) {
        this.mqtt = mqtt;
        this.registry = registry;
        this.branchId = hub.branchId();
    }

    @Override
    public void configure() {
        from(mqtt.endpoint(Topics.branchPresence(branchId), "presence").qos(1))
                .routeId("hub.device.trackPresence")
                .routeConfigurationId("mqttErrors")
                .process(ReadDeviceMessage.presence(branchId)).id("readPresence")
                .process(exchange -> {
                    DeviceMessage message = message(exchange);
                    registry.presenceReported(message.deviceId(), message.payload(Presence.class),
                            message.retained());
                }).id("recordPresence");

        from(mqtt.endpoint(Topics.branchStates(branchId), "state").qos(1))
                .routeId("hub.device.recordState")
                .routeConfigurationId("mqttErrors")
                .process(ReadDeviceMessage.state(branchId)).id("readState")
                .process(exchange -> {
                    DeviceMessage message = message(exchange);
                    registry.stateReported(message.deviceId(), message.payload(DeviceState.class),
                            message.retained());
                }).id("recordState");

        from(mqtt.endpoint(Topics.branchEvents(branchId), "events").qos(1))
                .routeId("hub.device.recordEvent")
                .routeConfigurationId("mqttErrors")
                .process(ReadDeviceMessage.event(branchId)).id("readEvent")
                .process(exchange -> {
                    DeviceMessage message = message(exchange);
                    registry.eventReported(message.deviceId(), message.payload(DeviceEvent.class));
                }).id("recordEvent");

        from(SEND_COMMAND)
                .routeId("hub.device.sendCommand")
                .process(this::encodeCommand).id("encodeCommand")
                .to(mqtt.endpoint(Topics.unaddressedCommands(branchId), "commands")
                        .qos(Topics.Kind.COMMANDS.qos())
                        .retained(Topics.Kind.COMMANDS.retained()))
                    .id("publishCommand");
    }

    private static DeviceMessage message(Exchange exchange) {
        return exchange.getMessage().getBody(DeviceMessage.class);
    }

    /** The body is a {@link Command} for the device named in {@link #DEVICE_ID}; it goes to that device's topic. */
    private void encodeCommand(Exchange exchange) {
        String deviceId = exchange.getMessage().getHeader(DEVICE_ID, String.class);
        Command command = exchange.getMessage().getBody(Command.class);
        if (command == null) {
            throw new IllegalArgumentException("the body must be a Command");
        }
        exchange.getMessage().setHeader(PahoMqtt5Constants.CAMEL_PAHO_OVERRIDE_TOPIC,
                Topics.commands(branchId, deviceId));
        exchange.getMessage().setBody(MqttJson.encode(command));
    }
}
