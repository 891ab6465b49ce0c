package io.branchlink.sim.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.branchlink.agent.device.DeviceState;
import io.branchlink.agent.system.AgentConfig;
import io.branchlink.protocol.iso8583.MacKey;
import io.branchlink.protocol.mqtt.CashUnit;
import io.branchlink.protocol.mqtt.CashUnitsChanged;
import io.branchlink.protocol.mqtt.MqttJson;
import io.branchlink.protocol.mqtt.ResetDevice;
import io.branchlink.protocol.mqtt.SetCashCounts;
import io.branchlink.protocol.mqtt.Topics;
import io.branchlink.protocol.net.NoDelaySocketFactory;
import io.branchlink.sim.itm.SimulatedItm;
import io.branchlink.testsupport.EmbeddedBroker;
import io.branchlink.testsupport.FakeIsoHost;
import io.branchlink.testsupport.MqttCallbackAdapter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet dashboard's maintenance commands at a simulated ITM over a real broker: {@code set-cash-counts} sets the
 * dispenser's counts and is answered with {@code cash-units-changed} and the state, once per command id;
 * {@code reset-device} restarts a jammed dispenser and republishes the state.
 */
class ItmCommandsEndToEndTests {

    static final String BRANCH = "BR001";
    static final String ITM = "ITM00101";
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    EmbeddedBroker broker;
    FakeIsoHost host;
    SimulatedItm itm;
    MqttClient hub;
    final List<Object> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        broker = new EmbeddedBroker(dir.resolve("broker"));
        host = new FakeIsoHost(MacKey.fromHex(ItmOnFakeHost.KEY_HEX));
        hub = new MqttClient(broker.url(), "hub-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(new NoDelaySocketFactory());
        hub.setCallback(new MqttCallbackAdapter((topic, message) -> received.add(topic.endsWith("/state")
                ? MqttJson.decode(message.getPayload(), io.branchlink.protocol.mqtt.DeviceState.class)
                : MqttJson.decode(message.getPayload(), io.branchlink.protocol.mqtt.DeviceEvent.class))));
        hub.connect(options);
        hub.subscribe(Topics.branchEvents(BRANCH), 1);
        hub.subscribe(Topics.branchStates(BRANCH), 1);
        itm = new SimulatedItm(AgentConfig.builder(ITM, BRANCH, ItmOnFakeHost.KEY_HEX)
                .hub("127.0.0.1", host.port())
                .journalDir(dir.resolve("journal"))
                .reconnectDelay(Duration.ofMillis(50))
                .mqtt(broker.url(), ITM, "secret", dir.resolve("paho"))
                .build(),
                SimulatedCashDispenser.cny(50, 50), SimulatedCashAcceptor.cny(), new SimulatedCamera(11),
                new SimulatedReceiptPrinter(), new SimulatedScreen());
        itm.start();
        await().atMost(WAIT).until(() -> itm.agent().isMqttConnected());
    }

    @AfterEach
    void stop() throws Exception {
        itm.close();
        hub.disconnect();
        hub.close();
        broker.close();
        host.close();
    }

    private void command(io.branchlink.protocol.mqtt.Command command) throws Exception {
        hub.publish(Topics.commands(BRANCH, ITM), MqttJson.encode(command), 1, false);
    }

    @Test
    void setsTheCountedNotesOnceAndReportsThem() throws Exception {
        SetCashCounts counts = SetCashCounts.of("count-1", List.of(new SetCashCounts.Count("CST1", 47)),
                Instant.now());
        command(counts);
        command(counts);

        await().atMost(WAIT).until(() -> received.stream().anyMatch(CashUnitsChanged.class::isInstance));
        CashUnitsChanged changed = received.stream().filter(CashUnitsChanged.class::isInstance)
                .map(CashUnitsChanged.class::cast).findFirst().orElseThrow();
        assertThat(changed.cashUnits()).extracting(CashUnit::unitId, CashUnit::count)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CST1", 47),
                        org.assertj.core.groups.Tuple.tuple("CST2", 50));
        assertThat(itm.dispenser().cashUnits().get(0).count()).isEqualTo(47);
        command(SetCashCounts.of("count-2", List.of(new SetCashCounts.Count("CST2", 40)), Instant.now()));
        await().atMost(WAIT).until(() -> itm.dispenser().cashUnits().get(1).count() == 40);
        assertThat(received.stream().filter(CashUnitsChanged.class::isInstance).count())
                .as("the redelivered count-1 is taken once").isEqualTo(2);
    }

    @Test
    void aResetRestartsAJammedDispenserAndReportsTheState() throws Exception {
        itm.dispenser().jamAfterNotes(1);
        itm.dispenser().dispense(io.branchlink.agent.device.NoteMix.of(ItmOnFakeHost.CNY,
                java.util.Map.of(10_000L, 2)));
        assertThat(itm.dispenser().state()).isEqualTo(DeviceState.ERROR);
        int statesBefore = (int) received.stream()
                .filter(io.branchlink.protocol.mqtt.DeviceState.class::isInstance).count();

        command(ResetDevice.of("reset-1", Instant.now()));

        await().atMost(WAIT).until(() -> itm.dispenser().state() == DeviceState.IDLE);
        await().atMost(WAIT).until(() -> received.stream()
                .filter(io.branchlink.protocol.mqtt.DeviceState.class::isInstance).count() > statesBefore);
    }
}
