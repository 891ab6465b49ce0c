package io.branchlink.hub.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.branchlink.hub.HubApplication;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

/** No hub starts with a missing secret or a published one, except the demo. */
class StartupSecretsTests {

    private static final Map<String, String> OWN_SECRETS = Map.of(
            StartupSecrets.CHANNEL_SECRET, "a-secret-of-our-own",
            StartupSecrets.MQTT_PASSWORD, "another-secret-of-our-own");

    private static void check(Map<String, String> properties) {
        StartupSecrets.check(new Binder(new MapConfigurationPropertySource(properties)));
    }

    private static Map<String, String> with(String property, String value) {
        Map<String, String> properties = new HashMap<>(OWN_SECRETS);
        if (value == null) {
            properties.remove(property);
        } else {
            properties.put(property, value);
        }
        return properties;
    }

    @Nested
    class Refuses {

        @Test
        void thePublishedChannelSecret() {
            assertThatThrownBy(() -> check(with(StartupSecrets.CHANNEL_SECRET, "demo-hub-secret")))
                    .hasMessageStartingWith("branchlink.hub.channel.hub-secret is the published demo value");
        }

        @Test
        void thePublishedMqttPassword() {
            assertThatThrownBy(() -> check(with(StartupSecrets.MQTT_PASSWORD, "branch-hub-dev-only")))
                    .hasMessageStartingWith("branchlink.hub.mqtt.hub-password is the published demo value");
        }

        @Test
        void aMissingChannelSecret() {
            assertThatThrownBy(() -> check(with(StartupSecrets.CHANNEL_SECRET, null)))
                    .hasMessageStartingWith("branchlink.hub.channel.hub-secret is not set");
        }

        @Test
        void aMissingMqttPasswordForAnExternalBroker() {
            Map<String, String> properties = with(StartupSecrets.MQTT_PASSWORD, null);
            properties.put(StartupSecrets.MQTT_EMBEDDED, "false");

            assertThatThrownBy(() -> check(properties))
                    .hasMessageStartingWith("branchlink.hub.mqtt.hub-password is not set");
        }

        @Test
        void toStartTheHubWithThePublishedChannelSecret() {
            SpringApplicationBuilder hub = new SpringApplicationBuilder(HubApplication.class).properties(
                    "server.port=0", "branchlink.hub.iso8583.port=0", "branchlink.hub.mqtt.port=0",
                    "branchlink.hub.cluster.name=startup-secrets-test");

            assertThatThrownBy(() -> {
                try (ConfigurableApplicationContext started =
                        hub.run("--branchlink.hub.channel.hub-secret=demo-hub-secret")) {
                    assertThat(started).as("the hub must not start").isNull();
                }
            }).satisfies(failure -> assertThat(NestedExceptionUtils.getMostSpecificCause(failure))
                    .hasMessageStartingWith("branchlink.hub.channel.hub-secret is the published demo value"));
        }
    }

    @Nested
    class Accepts {

        @Test
        void secretsOfItsOwn() {
            assertThatCode(() -> check(OWN_SECRETS)).doesNotThrowAnyException();
        }

        @Test
        void noMqttPasswordWithTheEmbeddedBroker() {
            assertThatCode(() -> check(with(StartupSecrets.MQTT_PASSWORD, null))).doesNotThrowAnyException();
        }

        @Test
        void thePublishedSecretsInTheDemo() {
            Map<String, String> properties = new HashMap<>(Map.of(StartupSecrets.DEMO, "true",
                    StartupSecrets.CHANNEL_SECRET, "demo-hub-secret",
                    StartupSecrets.MQTT_PASSWORD, "branch-hub-dev-only"));

            assertThatCode(() -> check(properties)).doesNotThrowAnyException();
        }
    }
}
