package io.branchlink.hub.device;

import io.branchlink.protocol.mqtt.DeviceEvent;
import io.branchlink.protocol.mqtt.DeviceState;
import io.branchlink.protocol.mqtt.MqttJson;
import io.branchlink.protocol.mqtt.Presence;
import io.branchlink.protocol.mqtt.Topics;
import io.branchlink.protocol.net.NoDelaySocketFactory;
import io.branchlink.testsupport.MqttCallbackAdapter;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

/**
 * A simulated device on a real Paho v5 client, as the contract describes one: user name and client id are its
 * device id, its Last Will is a retained {@code OFFLINE} presence, and its socket has {@code TCP_NODELAY}. The socket
 * is kept so a test can cut the connection without a DISCONNECT, which makes the broker publish the Will.
 */
public final class TestDevice implements AutoCloseable {

    static final String HUB_USERNAME = "branch-hub";
    /** As in src/test/resources/config/application.yaml. */
    static final String HUB_PASSWORD = "hub-test-secret";

    /** A received message with its topic. */
    public record Received(String topic, MqttMessage message) {
    }

    private final String branchId;
    private final String deviceId;
    private final MqttAsyncClient client;
    private final RecordingSocketFactory sockets = new RecordingSocketFactory();
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();

    private TestDevice(String brokerUrl, String branchId, String deviceId, String clientId) throws MqttException {
        this.branchId = branchId;
        this.deviceId = deviceId;
        this.client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
        this.client.setCallback(new MqttCallbackAdapter((topic, message) -> received.add(new Received(topic, message))));
    }

    /** Connects as {@code deviceId} with its Will set; does not announce itself online. */
    public static TestDevice connect(String brokerUrl, String branchId, String deviceId, String password)
            throws MqttException {
        return connect(brokerUrl, branchId, deviceId, deviceId, password);
    }

    static TestDevice connect(String brokerUrl, String branchId, String deviceId, String clientId, String password)
            throws MqttException {
        return connect(brokerUrl, branchId, deviceId, clientId, password, Topics.presence(branchId, deviceId));
    }

    /** Connects as the hub's own user, without a Will, to watch topics only the hub may read. */
    static TestDevice hubClient(String brokerUrl, String branchId, String clientId) throws MqttException {
        return connect(brokerUrl, branchId, HUB_USERNAME, clientId, HUB_PASSWORD, null);
    }

    /** Connects with the Will on {@code willTopic} ({@code null} for none). */
    static TestDevice connect(String brokerUrl, String branchId, String username, String clientId, String password,
            String willTopic) throws MqttException {
        TestDevice device = new TestDevice(brokerUrl, branchId, username, clientId);
        try {
            device.client.connect(device.options(password, willTopic)).waitForCompletion(10_000);
        } catch (MqttException e) {
            device.client.close(true);
            throw e;
        }
        return device;
    }

    private MqttConnectionOptions options(String password, String willTopic) {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(deviceId);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        options.setSocketFactory(sockets);
        options.setCleanStart(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(5);
        if (willTopic != null) {
            MqttMessage will = new MqttMessage(MqttJson.encode(Presence.offline(Instant.now())));
            will.setQos(Topics.Kind.PRESENCE.qos());
            will.setRetained(Topics.Kind.PRESENCE.retained());
            options.setWill(willTopic, will);
        }
        return options;
    }

    public void online() throws MqttException {
        publish(Topics.presence(branchId, deviceId), MqttJson.encode(Presence.online(Instant.now())), true);
    }

    public void state(DeviceState state) throws MqttException {
        publish(Topics.state(branchId, deviceId), MqttJson.encode(state), true);
    }

    public void event(DeviceEvent event) throws MqttException {
        publish(Topics.events(branchId, deviceId, event.eventType()), MqttJson.encode(event), false);
    }

    /** Publishes at QoS 1 and returns the PUBACK's token (its reason codes say whether the broker took it). */
    public IMqttToken publish(String topic, byte[] payload, boolean retained) throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        message.setRetained(retained);
        IMqttToken token = client.publish(topic, message);
        token.waitForCompletion(5_000);
        return token;
    }

    /** Subscribes at QoS 1 and returns the SUBACK's token. */
    public IMqttToken subscribe(String filter) throws MqttException {
        IMqttToken token = client.subscribe(filter, 1);
        token.waitForCompletion(5_000);
        return token;
    }

    public BlockingQueue<Received> received() {
        return received;
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /** Closes the TCP connection under the client, as a power cut or a pulled cable would: no DISCONNECT. */
    void cutConnection() throws IOException {
        sockets.last().close();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect().waitForCompletion(5_000);
        }
        client.close(true);
    }

    /** {@link NoDelaySocketFactory} that keeps the last socket it made. */
    private static final class RecordingSocketFactory extends NoDelaySocketFactory {

        private volatile Socket last;

        @Override
        protected Socket noDelay(Socket socket) throws SocketException {
            last = socket;
            return super.noDelay(socket);
        }

        Socket last() {
            return last;
        }
    }
}
