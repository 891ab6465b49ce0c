package io.branchlink.hub.mqtt;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The hub's MQTT side: its own embedded HiveMQ CE broker (the default) or an external broker, the credentials of the
 * branch's devices and of the hub's own clients.
 *
 * @param embedded run the embedded broker; {@code false} to use the external broker at {@code url}
 * @param url the external broker, such as {@code tcp://10.1.2.3:1883}; ignored when {@code embedded} is true
 * @param bindAddress the interface the embedded broker listens on
 * @param port the embedded broker's port; {@code 0} picks a free port at start (tests)
 * @param serverReceiveMaximum how many QoS 1/2 publishes a client may have in flight to the embedded broker
 * @param hubUsername the user name of the hub's own clients; their client ids start with it and a dash
 * @param hubPassword the password of the hub's own clients; with the embedded broker, when not set, a random one is
 *     generated at each start (only the hub itself uses it); required with an external broker
 * @param maxConnections the most client connections the embedded broker holds open at once (HiveMQ
 *     {@code max-connections}); devices, teller terminals and the hub's own clients all count
 * @param noConnectIdleTimeout how long the embedded broker keeps a TCP connection that has not sent its MQTT CONNECT
 *     (HiveMQ {@code no-connect-idle-timeout}); a device sends CONNECT at once
 * @param devices device id to password; a value {@code {sha256}<64 hex digits>} is taken as the SHA-256 of the
 *     password, anything else as the password itself (hashed at start and never kept)
 */
@Validated
@ConfigurationProperties("branchlink.hub.mqtt")
record MqttProperties(@DefaultValue("true") boolean embedded,
        String url,
        @DefaultValue("127.0.0.1") @NotBlank String bindAddress,
        @DefaultValue("1883") @Min(0) @Max(65535) int port,
        @DefaultValue("1000") @Min(1) @Max(65535) int serverReceiveMaximum,
        @DefaultValue("branch-hub") @NotBlank String hubUsername,
        String hubPassword,
        @DefaultValue("1000") @Min(1) int maxConnections,
        @DefaultValue("10s") @NotNull Duration noConnectIdleTimeout,
        @DefaultValue @NotNull Map<String, String> devices) {

    /** Where the hub's own clients connect: the embedded broker's listener, or the external broker. */
    String brokerUrl(int embeddedPort) {
        if (!embedded) {
            if (url == null || url.isBlank()) {
                throw new IllegalStateException(
                        "branchlink.hub.mqtt.url is required when branchlink.hub.mqtt.embedded=false");
            }
            return url;
        }
        String host = switch (bindAddress) {
            case "0.0.0.0", "::", "[::]" -> "127.0.0.1";
            default -> bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
        };
        return "tcp://" + host + ":" + embeddedPort;
    }
}
