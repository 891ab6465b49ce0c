package io.branchlink.hub.mqtt;

import io.branchlink.hub.mqtt.internal.BrokerAccessExtension;
import io.branchlink.hub.mqtt.internal.EmbeddedBroker;
import io.branchlink.hub.mqtt.internal.MqttAccessPolicy;
import io.branchlink.hub.system.HubProperties;
import io.branchlink.protocol.net.NoDelaySocketFactory;
import java.security.SecureRandom;
import java.util.Base64;
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

    /**
     * The hub's own MQTT password: the configured one, or with the embedded broker and none configured, a random one
     * for this run (the broker and the hub's clients are the only ones who need it).
     */
    @Bean
    HubMqttPassword hubMqttPassword(MqttProperties mqtt) {
        if (mqtt.hubPassword() != null && !mqtt.hubPassword().isBlank()) {
            return new HubMqttPassword(mqtt.hubPassword());
        }
        if (!mqtt.embedded()) {
            throw new IllegalStateException("branchlink.hub.mqtt.hub-password is required when "
                    + "branchlink.hub.mqtt.embedded=false");
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        log.info("mqtt.hub-password generated=true reason=\"embedded broker, not configured\"");
        return new HubMqttPassword(Base64.getUrlEncoder().withoutPadding().encodeToString(random));
    }

    @Bean
    MqttAccessPolicy mqttAccessPolicy(MqttProperties mqtt, HubProperties hub, HubMqttPassword password) {
        return new MqttAccessPolicy(hub.branchId(), mqtt.hubUsername(), password.value(), mqtt.devices());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "branchlink.hub.mqtt.embedded", havingValue = "true", matchIfMissing = true)
    EmbeddedBroker embeddedBroker(MqttProperties mqtt, MqttAccessPolicy policy) {
        log.info("mqtt.access devices={}", policy.deviceCount());
        return EmbeddedBroker.start(mqtt.bindAddress(), mqtt.port(), mqtt.serverReceiveMaximum(),
                new EmbeddedBroker.Restrictions(mqtt.maxConnections(), mqtt.noConnectIdleTimeout()),
                new BrokerAccessExtension(policy));
    }

    @Bean
    MqttClients mqttClients(MqttProperties mqtt, HubProperties hub, HubMqttPassword password,
            ObjectProvider<EmbeddedBroker> broker) {
        EmbeddedBroker embedded = broker.getIfAvailable();
        String url = mqtt.brokerUrl(embedded != null ? embedded.port() : mqtt.port());
        if (embedded == null) {
            log.info("mqtt.broker kind=external url={}", url);
        }
        return new MqttClients(hub.branchId(), url, mqtt.hubUsername(), password.value(), hub.nodeName(),
                new NoDelaySocketFactory());
    }

    /** The password of the hub's own MQTT clients; {@code toString()} does not show it. */
    record HubMqttPassword(String value) {
        @Override
        public String toString() {
            return "HubMqttPassword[value=(withheld)]";
        }
    }
}
