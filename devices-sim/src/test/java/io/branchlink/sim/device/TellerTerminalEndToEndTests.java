package io.branchlink.sim.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.branchlink.agent.teller.TellerConfig;
import io.branchlink.agent.teller.TellerTerminal;
import io.branchlink.protocol.mqtt.DeviceEvent;
import io.branchlink.protocol.mqtt.DeviceFaulted;
import io.branchlink.protocol.mqtt.MqttJson;
import io.branchlink.protocol.mqtt.PrintVoucher;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A teller terminal built from the simulated camera and printer: a FORM code shown to the camera reaches the hub's
 * side of the broker as {@code qr-scanned} with its exact text, and a {@code print-voucher} comes out of the printer.
 */
class TellerTerminalEndToEndTests {

    static final String BRANCH = "BR001";
    static final String TERMINAL = "TLR00101";
    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    EmbeddedBroker broker;
    MqttClient hub;
    final List<DeviceEvent> events = new CopyOnWriteArrayList<>();
    final SimulatedCamera camera = new SimulatedCamera(23);
    final SimulatedReceiptPrinter printer = new SimulatedReceiptPrinter();
    TellerTerminal terminal;

    @BeforeEach
    void start() throws MqttException {
        broker = new EmbeddedBroker(dir.resolve("broker"));
        hub = new MqttClient(broker.url(), "hub-" + System.nanoTime(), new MemoryPersistence());
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setSocketFactory(new NoDelaySocketFactory());
        hub.setCallback(new MqttCallbackAdapter((topic, message) ->
                events.add(MqttJson.decode(message.getPayload(), DeviceEvent.class))));
        hub.connect(options);
        hub.subscribe(Topics.branchEvents(BRANCH), 1);
        terminal = new TellerTerminal(TellerConfig.builder(TERMINAL, BRANCH)
                .mqtt(broker.url(), TERMINAL, "secret", dir.resolve("paho"))
                .frameTimeout(Duration.ofMillis(100))
                .build(), camera, printer);
        terminal.start();
        await().atMost(WAIT).until(terminal::isConnected);
    }

    @AfterEach
    void stop() throws MqttException {
        terminal.close();
        hub.disconnect();
        hub.close();
        broker.close();
    }

    List<QrScanned> scans() {
        return events.stream().filter(QrScanned.class::isInstance).map(QrScanned.class::cast).toList();
    }

    @Test
    void aFormCodeShownToTheCameraIsPublishedOnceWithItsExactText() {
        String form = Tokens.form();
        camera.present(form).present(form).present(form);
        String next = Tokens.form();
        camera.present(next);

        await().atMost(WAIT).until(() -> scans().stream().anyMatch(s -> s.text().equals(next)));
        assertThat(scans()).extracting(QrScanned::text).containsExactly(form, next);
    }

    @Test
    void printsTheVoucherTheHubSendsAndReportsAJam() throws MqttException {
        byte[] pdf = "%PDF-1.7\n% voucher V-BR001-20261125-000042\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        PrintVoucher first = PrintVoucher.of("print-1", "V-BR001-20261125-000042", "0f".repeat(32), pdf,
                Instant.now());
        await().atMost(WAIT).untilAsserted(() -> {
            hub.publish(Topics.commands(BRANCH, TERMINAL), MqttJson.encode(first), 1, false);
            assertThat(printer.documents()).hasSize(1);
        });
        assertThat(printer.documents().get(0).pdf()).isEqualTo(pdf);
        assertThat(printer.documents().get(0).reference()).isEqualTo("V-BR001-20261125-000042");

        printer.jamOnNextDocument();
        hub.publish(Topics.commands(BRANCH, TERMINAL), MqttJson.encode(PrintVoucher.of("print-2",
                "V-BR001-20261125-000043", "0f".repeat(32), pdf, Instant.now())), 1, false);
        await().atMost(WAIT).until(() -> events.stream().anyMatch(DeviceFaulted.class::isInstance));
        assertThat(events).filteredOn(DeviceFaulted.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((DeviceFaulted) e).faultCode()).isEqualTo("E-PAPER-JAM"));
        assertThat(printer.documents()).hasSize(1);
    }
}
