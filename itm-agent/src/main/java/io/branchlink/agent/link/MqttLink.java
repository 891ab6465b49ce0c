package io.branchlink.agent.link;

import io.branchlink.protocol.mqtt.Command;
import io.branchlink.protocol.mqtt.DeviceEvent;
import io.branchlink.protocol.mqtt.DeviceState;
import io.branchlink.protocol.mqtt.MqttJson;
import io.branchlink.protocol.mqtt.MqttPayloadException;
import io.branchlink.protocol.mqtt.Presence;
import io.branchlink.protocol.mqtt.Topics;
import io.branchlink.protocol.net.NoDelaySocketFactory;
import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MqttDefaultFilePersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device's MQTT 5 connection to the branch hub over Eclipse Paho: a retained {@code offline} Last Will on the
 * presence topic and a retained {@code online} after each connect, retained state, events, and the device's
 * command topic. The session is durable (clean start off, a session expiry, file persistence in a configured
 * directory), reconnects automatically, and a lost connection never ends the process.
 *
 * @see io.branchlink.agent.link.MqttLinkTests
 */
public final class MqttLink implements Closeable {

    /**
     * @param serverUri such as {@code tcp://127.0.0.1:1883}
     * @param username per-device user name the hub enforces; {@code null} for none
     * @param persistenceDir where Paho keeps in-flight QoS 1 messages across restarts
     * @param willDelay the MQTT 5 Will Delay Interval: a reconnect within it does not flap presence
     */
    public record Settings(String serverUri, String branchId, String deviceId, String username, String password,
            Path persistenceDir, Duration sessionExpiry, Duration willDelay, Duration keepAlive,
            Duration maxReconnectDelay) {
        public Settings {
            Objects.requireNonNull(serverUri, "serverUri");
            Objects.requireNonNull(persistenceDir, "persistenceDir");
            Objects.requireNonNull(sessionExpiry, "sessionExpiry");
            Objects.requireNonNull(willDelay, "willDelay");
            Objects.requireNonNull(keepAlive, "keepAlive");
            Objects.requireNonNull(maxReconnectDelay, "maxReconnectDelay");
            Topics.presence(branchId, deviceId);
        }

        /** A terminal's link to {@code broker}: sessions kept for 7 days, a keep-alive of 30 s. */
        public static Settings of(MqttBroker broker, String branchId, String deviceId, Duration willDelay,
                Duration maxReconnectDelay) {
            return new Settings(broker.url(), branchId, deviceId, broker.username(), broker.password(),
                    broker.persistenceDir(), Duration.ofDays(7), willDelay, Duration.ofSeconds(30),
                    maxReconnectDelay);
        }

        /** Client id: the device id, as the hub's broker requires, and stable so the broker resumes the session. */
        public String clientId() {
            return deviceId;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(MqttLink.class);

    private final Settings settings;
    private final Clock clock;
    private final Consumer<Command> onCommand;
    private final MqttAsyncClient client;
    private final MqttConnectionOptions options;
    private final ExecutorService worker;
    private final AtomicReference<DeviceState> lastState = new AtomicReference<>();
    private volatile boolean running = true;

    /** @param onCommand called for each valid command, on the link's own thread */
    public MqttLink(Settings settings, Clock clock, Consumer<Command> onCommand) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onCommand = Objects.requireNonNull(onCommand, "onCommand");
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "mqtt-link-" + settings.deviceId());
            t.setDaemon(true);
            return t;
        });
        try {
            this.client = new MqttAsyncClient(settings.serverUri(), settings.clientId(),
                    new MqttDefaultFilePersistence(settings.persistenceDir().toString()));
        } catch (MqttException e) {
            throw new IllegalStateException("cannot create the MQTT client", e);
        }
        this.options = options();
        client.setCallback(new Callback());
    }

    private MqttConnectionOptions options() {
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(settings.sessionExpiry().toSeconds());
        o.setAutomaticReconnect(true);
        o.setAutomaticReconnectDelay(1, (int) Math.max(1, settings.maxReconnectDelay().toSeconds()));
        o.setKeepAliveInterval((int) settings.keepAlive().toSeconds());
        o.setConnectionTimeout(10);
        o.setSocketFactory(new NoDelaySocketFactory());
        if (settings.username() != null) {
            o.setUserName(settings.username());
        }
        if (settings.password() != null) {
            o.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
        }
        MqttMessage will = new MqttMessage(MqttJson.encode(Presence.offline(clock.instant())));
        will.setQos(Topics.Kind.PRESENCE.qos());
        will.setRetained(true);
        o.setWill(presenceTopic(), will);
        MqttProperties willProperties = new MqttProperties();
        willProperties.setWillDelayInterval(settings.willDelay().toSeconds());
        o.setWillMessageProperties(willProperties);
        return o;
    }

    /** Connects in the background, retrying until the first connect succeeds; Paho reconnects after that. */
    public void start() {
        worker.execute(this::connectUntilConnected);
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /** Publishes the device's state, retained; it is published again after every reconnect. */
    public void publishState(DeviceState state) {
        lastState.set(state);
        publish(Topics.state(settings.branchId(), settings.deviceId()), MqttJson.encode(state), Topics.Kind.STATE);
    }

    /** @return whether the event was handed to the client for delivery; false while disconnected */
    public boolean publishEvent(DeviceEvent event) {
        return publish(Topics.events(settings.branchId(), settings.deviceId(), event.eventType()),
                MqttJson.encode(event), Topics.Kind.EVENTS);
    }

    /** Publishes {@code offline} itself (a normal DISCONNECT discards the Will), then disconnects and closes. */
    @Override
    public void close() {
        running = false;
        try {
            if (client.isConnected()) {
                client.publish(presenceTopic(), MqttJson.encode(Presence.offline(clock.instant())),
                        Topics.Kind.PRESENCE.qos(), true).waitForCompletion(2_000);
                client.disconnect(2_000).waitForCompletion(3_000);
            }
        } catch (MqttException e) {
            log.info("mqtt orderly disconnect failed: {}", e.toString());
        }
        closeClient();
    }

    /** Drops the network connection without a DISCONNECT, as a power cut would: the broker sends the Will. */
    public void abandon() {
        running = false;
        try {
            client.disconnectForcibly(0, 100, false);
        } catch (MqttException e) {
            log.info("mqtt forced disconnect: {}", e.toString());
        }
        closeClient();
    }

    private void closeClient() {
        worker.shutdownNow();
        try {
            client.close(true);
        } catch (MqttException e) {
            log.debug("mqtt close: {}", e.toString());
        }
    }

    private void connectUntilConnected() {
        long delayMs = 200;
        while (running && !client.isConnected()) {
            try {
                client.connect(options).waitForCompletion(15_000);
                return;
            } catch (MqttException e) {
                log.info("mqtt connect to {} failed ({}), retrying in {}ms", settings.serverUri(), e.getReasonCode(),
                        delayMs);
            }
            synchronized (this) {
                try {
                    wait(delayMs);
                } catch (InterruptedException e) {
                    return;
                }
            }
            delayMs = Math.min(delayMs * 2, settings.maxReconnectDelay().toMillis());
        }
    }

    private boolean publish(String topic, byte[] payload, Topics.Kind kind) {
        if (!client.isConnected()) {
            log.debug("mqtt not connected, {} not published", topic);
            return false;
        }
        try {
            client.publish(topic, payload, kind.qos(), kind.retained());
            return true;
        } catch (MqttException e) {
            log.info("mqtt publish to {} failed: {}", topic, e.toString());
            return false;
        }
    }

    private String presenceTopic() {
        return Topics.presence(settings.branchId(), settings.deviceId());
    }

    private final class Callback implements MqttCallback {

        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            log.info("mqtt connected client={} reconnect={}", settings.clientId(), reconnect);
            // Paho issue #999: subscribing on its callback thread can block it; do it on ours.
            worker.execute(MqttLink.this::afterConnect);
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            log.warn("mqtt disconnected client={} reason={}; reconnecting", settings.clientId(),
                    response.getReasonString());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            log.warn("mqtt error: {}", exception.toString());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            handleCommand(message.getPayload());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {
            // QoS 1 acknowledged; nothing to do
        }

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {
            // no enhanced authentication
        }
    }

    private void afterConnect() {
        try {
            client.subscribe(new MqttSubscription(Topics.commands(settings.branchId(), settings.deviceId()),
                    Topics.Kind.COMMANDS.qos()));
        } catch (MqttException e) {
            log.warn("mqtt subscribe failed: {}", e.toString());
        }
        publish(presenceTopic(), MqttJson.encode(Presence.online(clock.instant())), Topics.Kind.PRESENCE);
        DeviceState state = lastState.get();
        if (state != null) {
            publish(Topics.state(settings.branchId(), settings.deviceId()), MqttJson.encode(state),
                    Topics.Kind.STATE);
        }
    }

    private void handleCommand(byte[] payload) {
        Command command;
        try {
            command = MqttJson.decode(payload, Command.class);
        } catch (MqttPayloadException e) {
            log.warn("mqtt command refused reason={} field={}", e.reason(), e.field());
            return;
        }
        log.info("mqtt command received id={} type={}", command.commandId(), command.getClass().getSimpleName());
        try {
            onCommand.accept(command);
        } catch (RuntimeException e) {
            log.warn("mqtt command id={} failed: {}", command.commandId(), e.toString());
        }
    }
}
