package io.branchlink.hub.mqtt;

import io.branchlink.hub.mqtt.internal.BrokerAccessExtension;
import io.branchlink.hub.mqtt.internal.EmbeddedBroker;
import io.branchlink.hub.mqtt.internal.MqttAccessPolicy;
import io.branchlink.hub.system.HubProperties;
import io.branchlink.protocol.net.NoDelaySocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The branch's MQTT broker and the hub's way to it: the embedded HiveMQ CE broker unless
 * {@code branchlink.hub.mqtt.embedded=false}, in which case the hub connects to {@code branchlink.hub.mqtt.url}.
 * The broker is a singleton bean, so it is listening before Camel starts the routes that connect to it.
 */
@Configuration(proxyBeanMethods = false)
class BrokerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(BrokerConfiguration.class);

    @Bean
    MqttAccessPolicy mqttAccessPolicy(MqttProperties mqtt, HubProperties hub) {
        return new MqttAccessPolicy(hub.branchId(), mqtt.hubUsername(), mqtt.hubPassword(), mqtt.devices());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "branchlink.hub.mqtt.embedded", havingValue = "true", matchIfMissing = true)
    EmbeddedBroker embeddedBroker(MqttProperties mqtt, MqttAccessPolicy policy) {
        log.info("mqtt.access devices={}", policy.deviceCount());
        return EmbeddedBroker.start(mqtt.bindAddress(), mqtt.port(), mqtt.serverReceiveMaximum(),
                new BrokerAccessExtension(policy));
    }

    @Bean
    MqttClients mqttClients(MqttProperties mqtt, HubProperties hub, ObjectProvider<EmbeddedBroker> broker) {
        EmbeddedBroker embedded = broker.getIfAvailable();
        String url = mqtt.brokerUrl(embedded != null ? embedded.port() : mqtt.port());
        if (embedded == null) {
            log.info("mqtt.broker kind=external url={}", url);
        }
        return new MqttClients(hub.branchId(), url, mqtt.hubUsername(), mqtt.hubPassword(), hub.nodeName(),
                new NoDelaySocketFactory());
    }
}
