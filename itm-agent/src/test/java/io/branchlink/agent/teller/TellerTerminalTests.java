package io.branchlink.agent.teller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.branchlink.protocol.mqtt.Command;
import io.branchlink.protocol.mqtt.DeviceEvent;
import io.branchlink.protocol.mqtt.DeviceFaulted;
import io.branchlink.protocol.mqtt.DeviceState;
import io.branchlink.protocol.mqtt.MqttJson;
import io.branchlink.protocol.mqtt.Presence;
import io.branchlink.protocol.mqtt.PrintVoucher;
import io.branchlink.protocol.mqtt.PutOutOfService;
import io.branchlink.protocol.mqtt.QrScanned;
import io.branchlink.protocol.mqtt.Topics;
import io.branchlink.protocol.net.NoDelaySocketFactory;
import io.branchlink.testsupport.EmbeddedBroker;
import io.branchlink.testsupport.MqttCallbackAdapter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The teller terminal against a real broker (embedded HiveMQ CE) with a fake scanner and printer. */
class TellerTerminalTests {

    static final String BRANCH = "BR001";
    static final Duration WAIT = Duration.ofSeconds(20);
    static final byte[] PDF = "%PDF-1.7\n% voucher\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    static final String HASH = "a".repeat(64);

    @TempDir
    static Path brokerDir;
    static EmbeddedBroker broker;

    @TempDir
    Path dir;

    final FakeQrScanner scanner = new FakeQrScanner();
    final FakeDocumentPrinter printer = new FakeDocumentPrinter();
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T08:00:00Z"));
    final List<Received> received = new CopyOnWriteArrayList<>();
    final List<MqttClient> clients = new CopyOnWriteArrayList<>();
    TellerTerminal terminal;

    record Received(String topic, byte[] payload) {
    }

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedBroker(brokerDir);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @AfterEach
    void stop() throws MqttException {
        if (terminal != null) {
            terminal.close();
        }
        for (MqttClient client : clients) {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        }
    }

    /** Starts a terminal with its own device id, once a hub-side watcher is subscribed to its topics. */
    TellerTerminal start(String deviceId) throws MqttException {
        MqttClient watcher = client("watcher");
        watcher.setCallback(new MqttCallbackAdapter((topic, message) -> received.add(
                new Received(topic, message.getPayload()))));
        watcher.subscribe("branchlink/" + BRANCH + "/devices/" + deviceId + "/#", 1);
        TellerConfig config = TellerConfig.builder(deviceId, BRANCH)
                .mqtt(broker.url(), deviceId, "secret-" + deviceId, dir.resolve("paho"))
                .frameTimeout(Duration.ofMillis(100))
                .willDelay(Duration.ZERO)
                .build();
        terminal = new TellerTerminal(config, scanner, printer, clock);
        terminal.start();
        await().atMost(WAIT).until(() -> presence(deviceId) == Presence.Status.ONLINE);
        return terminal;
    }

    MqttClient client(String name) throws MqttException {
        MqttClient client = new MqttClient(broker.url(), name + "-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(new NoDelaySocketFactory());
        client.connect(options);
        clients.add(client);
        return client;
    }

    void sendCommand(String deviceId, Command command) throws MqttException {
        MqttClient hub = clients.stream().filter(c -> c.getClientId().startsWith("hub-")).findFirst()
                .orElse(null);
        if (hub == null) {
            hub = client("hub");
        }
        hub.publish(Topics.commands(BRANCH, deviceId), MqttJson.encode(command), 1, false);
    }

    Presence.Status presence(String deviceId) {
        Presence last = lastOn(Topics.presence(BRANCH, deviceId), Presence.class);
        return last == null ? null : last.status();
    }

    <T extends io.branchlink.protocol.mqtt.MqttPayload> T lastOn(String topic, Class<T> type) {
        T last = null;
        for (Received r : received) {
            if (r.topic().equals(topic)) {
                last = MqttJson.decode(r.payload(), type);
            }
        }
        return last;
    }

    List<QrScanned> scans(String deviceId) {
        return received.stream().filter(r -> r.topic().equals(Topics.events(BRANCH, deviceId, QrScanned.TYPE)))
                .map(r -> (QrScanned) MqttJson.decode(r.payload(), DeviceEvent.class)).toList();
    }

    List<DeviceFaulted> faults(String deviceId) {
        return received.stream().filter(r -> r.topic().equals(Topics.events(BRANCH, deviceId, DeviceFaulted.TYPE)))
                .map(r -> (DeviceFaulted) MqttJson.decode(r.payload(), DeviceEvent.class)).toList();
    }

    static List<String> texts(List<QrScanned> scans) {
        return scans.stream().map(QrScanned::text).toList();
    }

    static PrintVoucher voucher(String commandId, String reference) {
        return PrintVoucher.of(commandId, reference, HASH, PDF, Instant.parse("2026-11-25T08:00:00Z"));
    }

    @Nested
    class Presence_ {

        @Test
        void announcesItselfOnlineAsAnInServiceTellerAndOfflineOnClose() throws MqttException {
            start("TLR00101");
            await().atMost(WAIT).untilAsserted(() -> {
                DeviceState state = lastOn(Topics.state(BRANCH, "TLR00101"), DeviceState.class);
                assertThat(state).isNotNull();
                assertThat(state.deviceKind()).isEqualTo(DeviceState.DeviceKind.TELLER);
                assertThat(state.status()).isEqualTo(DeviceState.Status.IN_SERVICE);
                assertThat(state.cashUnits()).isEmpty();
            });
            assertThat(terminal.isConnected()).isTrue();

            terminal.close();
            terminal = null;
            await().atMost(WAIT).until(() -> presence("TLR00101") == Presence.Status.OFFLINE);
        }

        @Test
        void publishesOutOfServiceStateOnCommandAndStopsSendingScans() throws MqttException {
            start("TLR00102");
            await().atMost(WAIT).untilAsserted(() -> {
                sendCommand("TLR00102", PutOutOfService.of("oos-1", "counter closed", Instant.now()));
                DeviceState state = lastOn(Topics.state(BRANCH, "TLR00102"), DeviceState.class);
                assertThat(state.status()).isEqualTo(DeviceState.Status.OUT_OF_SERVICE);
            });
            assertThat(terminal.status()).isEqualTo(TellerTerminal.ServiceStatus.OUT_OF_SERVICE);
            scanner.show("BL:while-closed");
            await().atMost(WAIT).until(scanner::allFramesHandled);
            await().atMost(WAIT).untilAsserted(() -> {
                sendCommand("TLR00102", io.branchlink.protocol.mqtt.PutInService.of("in-1", Instant.now()));
                assertThat(terminal.status()).isEqualTo(TellerTerminal.ServiceStatus.IN_SERVICE);
            });
            scanner.show("BL:after-reopen");
            await().atMost(WAIT).until(() -> texts(scans("TLR00102")).contains("BL:after-reopen"));
            assertThat(texts(scans("TLR00102"))).containsExactly("BL:after-reopen");
        }
    }

    @Nested
    class Scanning {

        @Test
        void publishesAScannedCodeAsQrScannedWithTheExactText() throws MqttException {
            start("TLR00103");
            String text = "BL:3.FORM.K1.AbC-_xyz0123456789";
            scanner.show(text);
            await().atMost(WAIT).until(() -> !scans("TLR00103").isEmpty());
            QrScanned scan = scans("TLR00103").get(0);
            assertThat(scan.text()).isEqualTo(text);
            assertThat(scan.scanId()).isNotBlank();
            assertThat(scan.at()).isEqualTo(clock.instant());
        }

        @Test
        void publishesACodeHeldInFrontOfTheCameraOnce() throws MqttException {
            start("TLR00104");
            scanner.show("BL:held").show("BL:held").showBlank().show("BL:held").show("BL:other");
            await().atMost(WAIT).until(() -> texts(scans("TLR00104")).contains("BL:other"));
            // QoS 1 on one topic from one client keeps order: a second "held" would have arrived before "other".
            assertThat(texts(scans("TLR00104"))).containsExactly("BL:held", "BL:other");
        }

        @Test
        void publishesTheSameCodeAgainOnceTheDebounceWindowHasPassed() throws MqttException {
            start("TLR00105");
            scanner.show("BL:again").show("BL:marker-1");
            await().atMost(WAIT).until(() -> texts(scans("TLR00105")).contains("BL:marker-1"));
            scanner.show("BL:again");
            clock.advance(Duration.ofSeconds(2));
            scanner.show("BL:marker-2");
            await().atMost(WAIT).until(() -> texts(scans("TLR00105")).contains("BL:marker-2"));
            // "again" after "marker-1" is a different code, so it is published a second time
            assertThat(texts(scans("TLR00105"))).containsExactly("BL:again", "BL:marker-1", "BL:again",
                    "BL:marker-2");

            scanner.show("BL:marker-2");
            await().atMost(WAIT).until(scanner::allFramesHandled);
            clock.advance(Duration.ofSeconds(3));
            scanner.show("BL:marker-2").show("BL:end");
            await().atMost(WAIT).until(() -> texts(scans("TLR00105")).contains("BL:end"));
            assertThat(texts(scans("TLR00105"))).containsExactly("BL:again", "BL:marker-1", "BL:again",
                    "BL:marker-2", "BL:marker-2", "BL:end");
            assertThat(scans("TLR00105").stream().map(QrScanned::scanId).distinct()).hasSize(6);
        }

        @Test
        void aCodeScannedWhileTheHubIsUnreachableIsNotLostButScannedAgainOnceItIsBack() throws MqttException {
            start("TLR00109");
            broker.stop();
            try {
                await().atMost(WAIT).until(() -> !terminal.isConnected());
                scanner.show("BL:while-down");
                await().atMost(WAIT).until(scanner::allFramesHandled);
            } finally {
                broker.start();
            }
            await().atMost(WAIT).until(terminal::isConnected);
            MqttClient watcher = client("watcher-after");
            watcher.setCallback(new MqttCallbackAdapter((topic, message) -> received.add(
                    new Received(topic, message.getPayload()))));
            watcher.subscribe(Topics.events(BRANCH, "TLR00109", QrScanned.TYPE), 1);

            scanner.show("BL:while-down");

            await().atMost(WAIT).until(() -> texts(scans("TLR00109")).contains("BL:while-down"));
            assertThat(texts(scans("TLR00109"))).containsExactly("BL:while-down");
        }

        @Test
        void reportsAScannerFaultOnceAndKeepsScanning() throws MqttException {
            start("TLR00106");
            scanner.fail("E-CAMERA-01").fail("E-CAMERA-01");
            scanner.show("BL:after-fault");
            await().atMost(WAIT).until(() -> texts(scans("TLR00106")).contains("BL:after-fault"));
            assertThat(faults("TLR00106")).singleElement().satisfies(f -> {
                assertThat(f.component()).isEqualTo("QR_SCANNER");
                assertThat(f.faultCode()).isEqualTo("E-CAMERA-01");
            });
        }
    }

    @Nested
    class Printing {

        @Test
        void printsAVoucherOnceEvenWhenTheCommandIsDeliveredTwice() throws MqttException {
            start("TLR00107");
            // repeated until the subscription is in place: every repeat is a duplicate of the same command id
            await().atMost(WAIT).untilAsserted(() -> {
                sendCommand("TLR00107", voucher("warm-up", "V-BR001-20261125-000001"));
                assertThat(printer.printedCount("V-BR001-20261125-000001")).isEqualTo(1);
            });
            sendCommand("TLR00107", voucher("c-2", "V-BR001-20261125-000002"));
            sendCommand("TLR00107", voucher("c-2", "V-BR001-20261125-000002"));
            sendCommand("TLR00107", voucher("c-3", "V-BR001-20261125-000003"));
            await().atMost(WAIT).until(() -> printer.printedCount("V-BR001-20261125-000003") == 1);

            assertThat(printer.documents).extracting(d -> d.reference()).containsExactly(
                    "V-BR001-20261125-000001", "V-BR001-20261125-000002", "V-BR001-20261125-000003");
            assertThat(printer.documents.get(1).pdf()).isEqualTo(PDF);
            assertThat(printer.documents.get(1).contentHash()).isEqualTo(HASH);
            assertThat(faults("TLR00107")).isEmpty();
        }

        @Test
        void publishesDeviceFaultedWhenThePrinterFails() throws MqttException {
            start("TLR00108");
            printer.paperOut = true;
            await().atMost(WAIT).untilAsserted(() -> {
                sendCommand("TLR00108", voucher("c-fail", "V-BR001-20261125-000009"));
                assertThat(faults("TLR00108")).isNotEmpty();
            });
            assertThat(faults("TLR00108")).singleElement().satisfies(f -> {
                assertThat(f.component()).isEqualTo("RECEIPT_PRINTER");
                assertThat(f.faultCode()).isEqualTo("E-PAPER-OUT");
            });
            assertThat(printer.documents).isEmpty();
        }
    }

    @Nested
    class Configuration {

        @Test
        void debouncesForThreeSecondsByDefault() {
            TellerConfig config = TellerConfig.builder("TLR00101", BRANCH).mqtt("tcp://127.0.0.1:1883", null, null,
                    null).build();
            assertThat(config.debounce()).isEqualTo(Duration.ofSeconds(3));
            assertThat(config.mqtt().persistenceDir()).isEqualTo(Path.of("data", "teller", "TLR00101", "mqtt"));
        }

        @Test
        void refusesADeviceIdThatCouldInjectATopic() {
            assertThatThrownBy(() -> TellerConfig.builder("TLR/#", BRANCH).mqtt("tcp://127.0.0.1:1883", null, null,
                    null).build()).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void neverPrintsThePassword() {
            TellerConfig config = TellerConfig.builder("TLR00101", BRANCH)
                    .mqtt("tcp://127.0.0.1:1883", "TLR00101", "s3cr3t-pw", null).build();
            assertThat(config.toString()).doesNotContain("s3cr3t-pw");
        }
    }
}
