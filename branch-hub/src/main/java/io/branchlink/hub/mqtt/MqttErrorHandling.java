package io.branchlink.hub.mqtt;

import io.branchlink.protocol.mqtt.MqttPayloadException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Central error handling for every route that reads MQTT ({@code .routeConfigurationId("mqttErrors")}): a message
 * that cannot be read or processed is logged by reason, field and topic (never its content), counted, and
 * forwarded unchanged to the branch's dead-letter topic with the reason in MQTT 5 user properties, so the route
 * never fails and the broker connection never drops.
 *
 * @see io.branchlink.hub.device.DeviceRoutesTests
 */
@Component
class MqttErrorHandling extends RouteConfigurationBuilder {

    /** The route configuration id that MQTT-reading routes opt in to. */
    static final String ID = "mqttErrors";
    static final String DEAD_LETTER = "direct:hub.mqtt.deadLetter";
    static final String REASON_BAD_TOPIC = "BAD_TOPIC";
    static final String REASON_PROCESSING_FAILED = "PROCESSING_FAILED";

    private static final Logger log = LoggerFactory.getLogger(MqttErrorHandling.class);

    private final MeterRegistry meters;
    private final Clock clock;

    MqttErrorHandling(MeterRegistry meters, Clock clock) {
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(Exception.class)
                    .handled(true)
                    .useOriginalBody()
                    .process(this::describe).id("describeDeadLetter")
                    .to(DEAD_LETTER).id("toDeadLetter")
                .end();
    }

    private void describe(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason;
        String field = null;
        if (failure instanceof MqttPayloadException payload) {
            reason = payload.reason().name();
            field = payload.field();
        } else if (failure instanceof UnexpectedTopicException) {
            reason = REASON_BAD_TOPIC;
        } else {
            reason = REASON_PROCESSING_FAILED;
        }
        String topic = exchange.getMessage().getHeader(PahoMqtt5Constants.MQTT_TOPIC, String.class);
        byte[] payload = exchange.getMessage().getBody(byte[].class);
        int size = payload == null ? 0 : payload.length;
        String routeId = exchange.getFromRouteId();
        if (REASON_PROCESSING_FAILED.equals(reason)) {
            log.error("mqtt.dead-letter route={} topic={} reason={} error={} bytes={}", routeId, topic, reason,
                    failure == null ? "-" : failure.getClass().getName(), size);
        } else {
            log.warn("mqtt.dead-letter route={} topic={} reason={} field={} bytes={}", routeId, topic, reason,
                    field == null ? "-" : field, size);
        }
        Counter.builder("branchlink.hub.mqtt.dead.letters")
                .description("MQTT messages the hub could not read or process, sent to the dead-letter topic")
                .tag("reason", reason)
                .register(meters)
                .increment();

        List<UserProperty> user = new ArrayList<>();
        user.add(new UserProperty("reason", reason));
        if (field != null) {
            user.add(new UserProperty("field", field));
        }
        user.add(new UserProperty("topic", topic == null ? "-" : topic));
        user.add(new UserProperty("route", routeId == null ? "-" : routeId));
        user.add(new UserProperty("receivedAt", clock.instant().toString()));
        MqttProperties properties = new MqttProperties();
        properties.setUserProperties(user);
        exchange.getMessage().setBody(payload == null ? new byte[0] : payload);
        exchange.getMessage().setHeader(PahoMqtt5Constants.CAMEL_PAHO_MSG_PROPERTIES, properties);
        exchange.getMessage().removeHeader(PahoMqtt5Constants.CAMEL_PAHO_OVERRIDE_TOPIC);
        exchange.getMessage().removeHeader(PahoMqtt5Constants.CAMEL_PAHO_MSG_QOS);
        exchange.getMessage().removeHeader(PahoMqtt5Constants.CAMEL_PAHO_MSG_RETAINED);
    }
}
