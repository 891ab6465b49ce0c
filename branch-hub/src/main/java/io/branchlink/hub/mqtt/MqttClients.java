package io.branchlink.hub.mqtt;

import static org.apache.camel.builder.endpoint.StaticEndpointBuilders.pahoMqtt5;

import io.branchlink.protocol.mqtt.Topics;
import javax.net.SocketFactory;
import org.apache.camel.builder.endpoint.dsl.PahoMqtt5EndpointBuilderFactory.PahoMqtt5EndpointBuilder;

/**
 * How the hub's own MQTT clients reach the branch's broker: every Camel paho-mqtt5 endpoint of the hub is built
 * here, so each one has the broker URL, the hub's credentials, a {@code TCP_NODELAY} socket factory and an explicit
 * client id that is unique per purpose and per hub node.
 */
public final class MqttClients {

    private final String branchId;
    private final String brokerUrl;
    private final String username;
    private final String password;
    private final String clientIdPrefix;
    private final SocketFactory socketFactory;

    MqttClients(String branchId, String brokerUrl, String username, String password, String nodeName,
            SocketFactory socketFactory) {
        this.branchId = branchId;
        this.brokerUrl = brokerUrl;
        this.username = username;
        this.password = password;
        this.clientIdPrefix = username + "-" + nodeName + "-";
        this.socketFactory = socketFactory;
    }

    /**
     * A paho-mqtt5 endpoint on {@code topic} (a topic, or a filter for a consumer) for one purpose of this node,
     * such as {@code presence} or {@code commands}; the purpose must be unique among the hub's endpoints.
     */
    public PahoMqtt5EndpointBuilder endpoint(String topic, String purpose) {
        return pahoMqtt5(topic)
                .brokerUrl(brokerUrl)
                .clientId(clientId(purpose))
                .userName(username)
                .password(password)
                .socketFactory(socketFactory)
                .automaticReconnect(true);
    }

    /** The client id of this node's client for {@code purpose}: the hub's user name, node name and purpose. */
    public String clientId(String purpose) {
        return clientIdPrefix + purpose;
    }

    /** Where payloads the hub cannot read go: {@code branchlink/{branchId}/hub/dead-letter}. */
    public String deadLetterTopic() {
        return Topics.deadLetter(branchId);
    }

    public String brokerUrl() {
        return brokerUrl;
    }

    public String branchId() {
        return branchId;
    }

    public SocketFactory socketFactory() {
        return socketFactory;
    }
}
