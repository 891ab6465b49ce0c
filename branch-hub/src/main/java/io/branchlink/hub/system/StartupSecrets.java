package io.branchlink.hub.system;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start the hub with a missing secret or with one of the secrets published in the demo and the docs,
 * unless the hub runs the demo ({@code branchlink.hub.demo=true}). It runs before any bean is created, so the hub
 * stops before it listens on any port, with one message naming the property.
 *
 * <p>The hub's own MQTT password is not checked for presence: with the embedded broker nobody but the hub uses it,
 * so {@code BrokerConfiguration} generates one at start when it is not set. With an external broker it is required.
 *
 * @see io.branchlink.hub.system.StartupSecretsTests
 */
@Component
class StartupSecrets implements BeanFactoryPostProcessor, EnvironmentAware {

    static final String DEMO = "branchlink.hub.demo";
    static final String CHANNEL_SECRET = "branchlink.hub.channel.hub-secret";
    static final String MQTT_PASSWORD = "branchlink.hub.mqtt.hub-password";
    static final String MQTT_EMBEDDED = "branchlink.hub.mqtt.embedded";

    /** Secrets printed in the demo launcher, the docs or earlier defaults, by the property they were published for. */
    static final Map<String, String> PUBLISHED = Map.of(
            CHANNEL_SECRET, "demo-hub-secret",
            MQTT_PASSWORD, "branch-hub-dev-only");

    private static final Logger log = LoggerFactory.getLogger(StartupSecrets.class);

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        check(Binder.get(environment));
    }

    static void check(Binder binder) {
        boolean demo = binder.bind(DEMO, Boolean.class).orElse(false);
        boolean embedded = binder.bind(MQTT_EMBEDDED, Boolean.class).orElse(true);
        String channelSecret = binder.bind(CHANNEL_SECRET, String.class).orElse(null);
        String mqttPassword = binder.bind(MQTT_PASSWORD, String.class).orElse(null);
        if (isBlank(channelSecret)) {
            throw new IllegalStateException(CHANNEL_SECRET + " is not set: set this hub's secret at channel-api");
        }
        if (isBlank(mqttPassword) && !embedded) {
            throw new IllegalStateException(MQTT_PASSWORD + " is not set: the external broker ("
                    + MQTT_EMBEDDED + "=false) needs the password of the hub's own MQTT account");
        }
        refusePublished(CHANNEL_SECRET, channelSecret, demo);
        refusePublished(MQTT_PASSWORD, mqttPassword, demo);
        if (demo) {
            log.warn("hub runs the demo ({}=true): published demo secrets are accepted", DEMO);
        }
    }

    private static void refusePublished(String property, String value, boolean demo) {
        if (!demo && PUBLISHED.get(property).equals(value)) {
            throw new IllegalStateException(property + " is the published demo value: set a secret of your own"
                    + " (only the demo, " + DEMO + "=true, may use it)");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
