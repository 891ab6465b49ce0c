package io.branchlink.agent.teller;

import io.branchlink.agent.link.MqttBroker;
import io.branchlink.protocol.mqtt.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything one teller terminal needs to know: who it is, where the branch hub's MQTT broker is, and how its
 * scanner behaves. Build it with {@link #builder}; defaults are in {@code docs/itm-agent.md}.
 *
 * @param deviceId the terminal id, also the MQTT client id and the device level of its topics ({@code TLR00101})
 * @param mqtt the branch hub's MQTT broker and how this terminal signs in
 * @param debounce the same code seen again within this time of its last sighting is not published again
 * @param frameTimeout how long one capture waits for a frame before the scanner loop asks again
 * @param willDelay the MQTT 5 Will Delay Interval: a reconnect within it does not flap presence
 */
public record TellerConfig(String deviceId, String branchId, MqttBroker mqtt, Duration debounce,
        Duration frameTimeout, Duration willDelay, Duration maxReconnectDelay) {

    public TellerConfig {
        Topics.presence(branchId, deviceId);
        Objects.requireNonNull(mqtt, "mqtt");
        requirePositiveOrZero(debounce, "debounce");
        requirePositiveOrZero(frameTimeout, "frameTimeout");
        requirePositiveOrZero(willDelay, "willDelay");
        requirePositiveOrZero(maxReconnectDelay, "maxReconnectDelay");
    }

    private static void requirePositiveOrZero(Duration value, String name) {
        if (Objects.requireNonNull(value, name).isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
    }

    /** Never prints the MQTT password. */
    @Override
    public String toString() {
        return "TellerConfig[deviceId=" + deviceId + ", branchId=" + branchId + ", mqtt=" + mqtt.url() + ", username="
                + mqtt.username() + ", debounce=" + debounce + ", frameTimeout=" + frameTimeout + "]";
    }

    public static Builder builder(String deviceId, String branchId) {
        return new Builder(deviceId, branchId);
    }

    /** Builds a {@link TellerConfig}; the broker is required, every other setting has a default. */
    public static final class Builder {
        private final String deviceId;
        private final String branchId;
        private String mqttUrl;
        private String mqttUsername;
        private String mqttPassword;
        private Path mqttPersistenceDir;
        private Duration debounce = Duration.ofSeconds(3);
        private Duration frameTimeout = Duration.ofSeconds(1);
        private Duration willDelay = Duration.ofSeconds(5);
        private Duration maxReconnectDelay = Duration.ofSeconds(5);

        private Builder(String deviceId, String branchId) {
            this.deviceId = deviceId;
            this.branchId = branchId;
        }

        /** @param persistenceDir Paho's file persistence; defaults to {@code data/teller/{deviceId}/mqtt} */
        public Builder mqtt(String url, String username, String password, Path persistenceDir) {
            this.mqttUrl = url;
            this.mqttUsername = username;
            this.mqttPassword = password;
            this.mqttPersistenceDir = persistenceDir;
            return this;
        }

        public Builder debounce(Duration debounce) {
            this.debounce = debounce;
            return this;
        }

        public Builder frameTimeout(Duration frameTimeout) {
            this.frameTimeout = frameTimeout;
            return this;
        }

        public Builder willDelay(Duration willDelay) {
            this.willDelay = willDelay;
            return this;
        }

        public Builder maxReconnectDelay(Duration maxReconnectDelay) {
            this.maxReconnectDelay = maxReconnectDelay;
            return this;
        }

        public TellerConfig build() {
            Objects.requireNonNull(mqttUrl, "mqttUrl");
            Path dir = mqttPersistenceDir != null ? mqttPersistenceDir
                    : Path.of("data", "teller", String.valueOf(deviceId), "mqtt");
            return new TellerConfig(deviceId, branchId, new MqttBroker(mqttUrl, mqttUsername, mqttPassword, dir),
                    debounce, frameTimeout, willDelay, maxReconnectDelay);
        }
    }
}
