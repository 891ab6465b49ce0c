package io.branchlink.agent.system;

import io.branchlink.agent.link.MqttBroker;
import io.branchlink.protocol.iso8583.MacKey;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Everything one ITM agent needs to know: who it is, where the hub is, where its journal lives and how long to wait
 * for each thing. Build it with {@link #builder}; defaults are in {@code docs/itm-agent.md}.
 *
 * @param mqtt the hub's MQTT broker, or {@code null} to run without MQTT
 * @param hostTimeout how long an 0200 waits for its 0210 before it is reversed (default 30 s)
 * @param cashTakenTimeout how long presented cash waits to be taken before it is retracted (default 45 s)
 * @param reversalWait how long a customer session waits for the first 0430 before leaving the reversal queued
 */
public record AgentConfig(String terminalId, String branchId, String macKeyHex, String currency, String hubHost,
        int hubPort, MqttBroker mqtt, Path journalDir, Duration hostTimeout, Duration cashTakenTimeout,
        Duration scanTimeout, Duration confirmTimeout, Duration reversalWait, Duration reversalRetryMin,
        Duration reversalRetryMax, Duration reconnectDelay, ZoneId zone) {

    public AgentConfig {
        Objects.requireNonNull(terminalId, "terminalId");
        Objects.requireNonNull(branchId, "branchId");
        MacKey.fromHex(Objects.requireNonNull(macKeyHex, "macKeyHex"));
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(hubHost, "hubHost");
        Objects.requireNonNull(journalDir, "journalDir");
        Objects.requireNonNull(hostTimeout, "hostTimeout");
        Objects.requireNonNull(cashTakenTimeout, "cashTakenTimeout");
        Objects.requireNonNull(scanTimeout, "scanTimeout");
        Objects.requireNonNull(confirmTimeout, "confirmTimeout");
        Objects.requireNonNull(reversalWait, "reversalWait");
        Objects.requireNonNull(reversalRetryMin, "reversalRetryMin");
        Objects.requireNonNull(reversalRetryMax, "reversalRetryMax");
        Objects.requireNonNull(reconnectDelay, "reconnectDelay");
        Objects.requireNonNull(zone, "zone");
    }

    public MacKey macKey() {
        return MacKey.fromHex(macKeyHex);
    }

    /** The device id on MQTT topics: the terminal id. */
    public String deviceId() {
        return terminalId;
    }

    @Override
    public String toString() {
        return "AgentConfig[terminalId=" + terminalId + ", branchId=" + branchId + ", hub=" + hubHost + ":" + hubPort
                + ", mqtt=" + (mqtt == null ? null : mqtt.url()) + ", journalDir=" + journalDir + ", hostTimeout="
                + hostTimeout + ", cashTakenTimeout=" + cashTakenTimeout + "]";
    }

    public static Builder builder(String terminalId, String branchId, String macKeyHex) {
        return new Builder(terminalId, branchId, macKeyHex);
    }

    /** Builds an {@link AgentConfig}; every setting but the three identities has a default. */
    public static final class Builder {
        private final String terminalId;
        private final String branchId;
        private final String macKeyHex;
        private String currency = "CNY";
        private String hubHost = "127.0.0.1";
        private int hubPort = 8583;
        private String mqttUrl;
        private String mqttUsername;
        private String mqttPassword;
        private Path journalDir = Path.of("data", "itm-agent", "journal");
        private Path mqttPersistenceDir;
        private Duration hostTimeout = Duration.ofSeconds(30);
        private Duration cashTakenTimeout = Duration.ofSeconds(45);
        private Duration scanTimeout = Duration.ofSeconds(30);
        private Duration confirmTimeout = Duration.ofSeconds(60);
        private Duration reversalWait = Duration.ofSeconds(5);
        private Duration reversalRetryMin = Duration.ofSeconds(1);
        private Duration reversalRetryMax = Duration.ofMinutes(2);
        private Duration reconnectDelay = Duration.ofSeconds(2);
        private ZoneId zone = ZoneId.of("Asia/Shanghai");

        private Builder(String terminalId, String branchId, String macKeyHex) {
            this.terminalId = terminalId;
            this.branchId = branchId;
            this.macKeyHex = macKeyHex;
        }

        public Builder currency(String currency) {
            this.currency = currency;
            return this;
        }

        public Builder hub(String host, int port) {
            this.hubHost = host;
            this.hubPort = port;
            return this;
        }

        /** @param persistenceDir Paho's file persistence; defaults to {@code mqtt} under the journal directory */
        public Builder mqtt(String url, String username, String password, Path persistenceDir) {
            this.mqttUrl = url;
            this.mqttUsername = username;
            this.mqttPassword = password;
            this.mqttPersistenceDir = persistenceDir;
            return this;
        }

        public Builder journalDir(Path journalDir) {
            this.journalDir = journalDir;
            return this;
        }

        public Builder hostTimeout(Duration timeout) {
            this.hostTimeout = timeout;
            return this;
        }

        public Builder cashTakenTimeout(Duration timeout) {
            this.cashTakenTimeout = timeout;
            return this;
        }

        public Builder scanTimeout(Duration timeout) {
            this.scanTimeout = timeout;
            return this;
        }

        public Builder confirmTimeout(Duration timeout) {
            this.confirmTimeout = timeout;
            return this;
        }

        public Builder reversalWait(Duration wait) {
            this.reversalWait = wait;
            return this;
        }

        public Builder reversalRetry(Duration min, Duration max) {
            this.reversalRetryMin = min;
            this.reversalRetryMax = max;
            return this;
        }

        public Builder reconnectDelay(Duration delay) {
            this.reconnectDelay = delay;
            return this;
        }

        public Builder zone(ZoneId zone) {
            this.zone = zone;
            return this;
        }

        public AgentConfig build() {
            Path mqttDir = mqttPersistenceDir != null ? mqttPersistenceDir : journalDir.resolveSibling("mqtt");
            MqttBroker mqtt = mqttUrl == null ? null : new MqttBroker(mqttUrl, mqttUsername, mqttPassword, mqttDir);
            return new AgentConfig(terminalId, branchId, macKeyHex, currency, hubHost, hubPort, mqtt, journalDir,
                    hostTimeout, cashTakenTimeout, scanTimeout, confirmTimeout, reversalWait, reversalRetryMin,
                    reversalRetryMax, reconnectDelay, zone);
        }
    }
}
