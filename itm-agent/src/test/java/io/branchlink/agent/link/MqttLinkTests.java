package io.branchlink.agent.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.branchlink.protocol.mqtt.Command;
import io.branchlink.protocol.mqtt.DeviceEvent;
import io.branchlink.protocol.mqtt.DeviceFaulted;
import io.branchlink.protocol.mqtt.DeviceState;
import io.branchlink.protocol.mqtt.MqttJson;
import io.branchlink.protocol.mqtt.Presence;
import io.branchlink.protocol.mqtt.PutOutOfService;
import io.branchlink.protocol.mqtt.Topics;
import io.branchlink.protocol.net.NoDelaySocketFactory;
import io.branchlink.testsupport.EmbeddedBroker;
import io.branchlink.testsupport.MqttCallbackAdapter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's MQTT link against a real broker (embedded HiveMQ CE): presence, Last Will, commands, restarts. */
class MqttLinkTests {

    static final String BRANCH = "BR001";
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path brokerDir;
    static EmbeddedBroker broker;

    @TempDir
    Path dir;

    final List<MqttLink> links = new CopyOnWriteArrayList<>();
    final List<MqttClient> watchers = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedBroker(brokerDir);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @AfterEach
    void closeClients() throws MqttException {
        links.forEach(MqttLink::close);
        for (MqttClient watcher : watchers) {
            if (watcher.isConnected()) {
                watcher.disconnect();
            }
            watcher.close();
        }
    }

    MqttLink link(String deviceId, List<Command> commands) {
        MqttLink link = new MqttLink(new MqttLink.Settings(broker.url(), BRANCH, deviceId, deviceId, "secret-" + deviceId,
                dir.resolve("paho-" + deviceId), Duration.ofHours(1), Duration.ZERO, Duration.ofSeconds(10),
                Duration.ofSeconds(1)), Clock.systemUTC(), commands::add);
        links.add(link);
        link.start();
        return link;
    }

    /** A hub-side client that records the last payload per topic under {@code branchlink/BR001/devices/#}. */
    Map<String, byte[]> watch() throws MqttException {
        Map<String, byte[]> last = new ConcurrentHashMap<>();
        MqttClient watcher = new MqttClient(broker.url(), "watcher-" + watchers.size() + "-" + System.nanoTime(),
                new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(new NoDelaySocketFactory());
        // Paho 1.2.5's subscribe(topic, qos, listener) recurses into itself: take messages through a callback.
        watcher.setCallback(new MqttCallbackAdapter((topic, message) -> last.put(topic, message.getPayload())));
        watcher.connect(options);
        watcher.subscribe("branchlink/" + BRANCH + "/devices/#", 1);
        watchers.add(watcher);
        return last;
    }

    void publishCommand(String deviceId, Command command) throws MqttException {
        MqttClient hub = new MqttClient(broker.url(), "hub-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(new NoDelaySocketFactory());
        hub.connect(options);
        hub.publish(Topics.commands(BRANCH, deviceId), MqttJson.encode(command), 1, false);
        hub.disconnect();
        hub.close();
    }

    static Presence.Status presence(Map<String, byte[]> seen, String deviceId) {
        byte[] payload = seen.get(Topics.presence(BRANCH, deviceId));
        return payload == null ? null : MqttJson.decode(payload, Presence.class).status();
    }

    @Test
    void publishesOnlineStateAndEventsAndReceivesCommands() throws MqttException {
        Map<String, byte[]> seen = watch();
        List<Command> commands = new CopyOnWriteArrayList<>();
        MqttLink link = link("ITM00101", commands);
        await().atMost(WAIT).until(() -> presence(seen, "ITM00101") == Presence.Status.ONLINE);

        link.publishState(DeviceState.of(DeviceState.DeviceKind.ITM, DeviceState.Status.IN_SERVICE, List.of(),
                Instant.now()));
        link.publishEvent(DeviceFaulted.of("CASH_DISPENSER", "E-JAM", "jam", Instant.now()));
        await().atMost(WAIT).until(() -> seen.containsKey(Topics.state(BRANCH, "ITM00101"))
                && seen.containsKey(Topics.events(BRANCH, "ITM00101", DeviceFaulted.TYPE)));
        assertThat(MqttJson.decode(seen.get(Topics.events(BRANCH, "ITM00101", DeviceFaulted.TYPE)),
                DeviceEvent.class)).isInstanceOf(DeviceFaulted.class);

        PutOutOfService command = PutOutOfService.of("c-1", "replenishment", Instant.now());
        await().atMost(WAIT).untilAsserted(() -> {
            if (commands.isEmpty()) {
                publishCommand("ITM00101", command);
            }
            assertThat(commands).contains(command);
        });
    }

    @Test
    void brokerSendsTheLastWillWhenTheClientDiesAbruptly() throws MqttException {
        Map<String, byte[]> seen = watch();
        MqttLink link = link("ITM00102", new CopyOnWriteArrayList<>());
        await().atMost(WAIT).until(() -> presence(seen, "ITM00102") == Presence.Status.ONLINE);
        link.abandon();
        await().atMost(WAIT).until(() -> presence(seen, "ITM00102") == Presence.Status.OFFLINE);
    }

    @Test
    void survivesABrokerRestartAndReconnects() throws MqttException {
        List<Command> commands = new CopyOnWriteArrayList<>();
        MqttLink link = link("ITM00103", commands);
        await().atMost(WAIT).until(link::isConnected);

        broker.stop();
        await().atMost(WAIT).until(() -> !link.isConnected());
        broker.start();
        await().atMost(WAIT).until(link::isConnected);

        Map<String, byte[]> seen = watch();
        await().atMost(WAIT).until(() -> presence(seen, "ITM00103") == Presence.Status.ONLINE);
        PutOutOfService command = PutOutOfService.of("c-after-restart", "test", Instant.now());
        await().atMost(WAIT).untilAsserted(() -> {
            if (commands.isEmpty()) {
                publishCommand("ITM00103", command);
            }
            assertThat(commands).contains(command);
        });
    }
}
