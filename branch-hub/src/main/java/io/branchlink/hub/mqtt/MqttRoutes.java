package io.branchlink.hub.mqtt;

import org.apache.camel.builder.endpoint.EndpointRouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The hub's own MQTT plumbing: the dead-letter publisher behind {@link MqttErrorHandling}, which never throws back
 * into the failing route even when the broker is gone.
 */
@Component
class MqttRoutes extends EndpointRouteBuilder {

    private static final Logger log = LoggerFactory.getLogger(MqttRoutes.class);

    private final MqttClients mqtt;

    MqttRoutes(MqttClients mqtt) {
        this.mqtt = mqtt;
    }

    @Override
    public void configure() {
        from(MqttErrorHandling.DEAD_LETTER)
                .routeId("hub.mqtt.publishDeadLetter")
                .doTry()
                    .to(mqtt.endpoint(mqtt.deadLetterTopic(), "dead-letter").qos(1).retained(false))
                        .id("publishDeadLetter")
                .doCatch(Exception.class)
                    .process(exchange -> log.error("mqtt.dead-letter published=false topic={} error={}",
                            mqtt.deadLetterTopic(),
                            exchange.getProperty(org.apache.camel.Exchange.EXCEPTION_CAUGHT, Exception.class)
                                    .getClass().getName()))
                        .id("logDeadLetterFailure")
                .end();
    }
}
