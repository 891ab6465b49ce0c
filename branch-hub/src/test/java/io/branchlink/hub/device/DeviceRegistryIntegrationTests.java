package io.branchlink.hub.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.branchlink.hub.mqtt.MqttClients;
import io.branchlink.hub.support.HubIntegrationTest;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.mqtt.CashUnit;
import io.branchlink.protocol.mqtt.CashUnitsChanged;
import io.branchlink.protocol.mqtt.DeviceFaulted;
import io.branchlink.protocol.mqtt.DeviceState;
import io.branchlink.protocol.mqtt.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

/**
 * The device registry against the real embedded broker: Paho v5 clients act as devices, announce themselves,
 * report state and events, and lose their connection abruptly so that the broker publishes their Last Will.
 */
class DeviceRegistryIntegrationTests extends HubIntegrationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Pattern ONLINE_GAUGE = Pattern.compile("(?m)^branchlink_hub_devices_online(?:\\{[^}]*})? (\\S+)$");

    @Autowired
    MqttClients mqtt;

    @Autowired
    DeviceRegistry registry;

    @Autowired
    MeterRegistry meters;

    @Autowired
    TestRestTemplate rest;

    @Test
    void registersADeviceThatAnnouncesItselfOnline() throws Exception {
        try (TestDevice device = TestDevice.connect(mqtt.brokerUrl(), BRANCH, "TEST-ITM-01", "secret-01")) {
            Instant before = Instant.now();
            device.online();

            await().atMost(WAIT).untilAsserted(() -> assertThat(registry.find("TEST-ITM-01"))
                    .hasValueSatisfying(record -> {
                        assertThat(record.online()).isTrue();
                        assertThat(record.lastSeen()).isAfterOrEqualTo(before);
                    }));
        }
    }

    @Test
    void marksADeviceOfflineWhenItsConnectionIsCutWithoutDisconnect() throws Exception {
        try (TestDevice device = TestDevice.connect(mqtt.brokerUrl(), BRANCH, "TEST-ITM-02", "secret-02")) {
            device.online();
            await().atMost(WAIT).until(() -> registry.find("TEST-ITM-02").map(DeviceRecord::online).orElse(false));

            Instant cut = Instant.now();
            device.cutConnection();

            await().atMost(WAIT).untilAsserted(() -> assertThat(registry.find("TEST-ITM-02"))
                    .hasValueSatisfying(record -> {
                        assertThat(record.online()).isFalse();
                        assertThat(record.presenceChangedAt()).isAfterOrEqualTo(cut);
                    }));
        }
    }

    @Test
    void recordsStatusAndCashUnitsFromTheRetainedState() throws Exception {
        try (TestDevice device = TestDevice.connect(mqtt.brokerUrl(), BRANCH, "TEST-ITM-03", "secret-03")) {
            device.state(DeviceState.of(DeviceState.DeviceKind.ITM, DeviceState.Status.IN_SERVICE, List.of(
                    new CashUnit("CST1", Money.ofMinor(10000, "CNY"), 1200),
                    new CashUnit("CST2", Money.ofMinor(5000, "CNY"), 800)), Instant.now()));

            await().atMost(WAIT).untilAsserted(() -> assertThat(registry.find("TEST-ITM-03"))
                    .hasValueSatisfying(record -> {
                        assertThat(record.status()).isEqualTo(DeviceState.Status.IN_SERVICE);
                        assertThat(record.inService()).isTrue();
                        assertThat(record.cashUnits()).containsExactly(
                                new DeviceRecord.CashUnitView("CST1", new DeviceRecord.Amount(10000, "CNY"), 1200),
                                new DeviceRecord.CashUnitView("CST2", new DeviceRecord.Amount(5000, "CNY"), 800));
                    }));

            device.event(CashUnitsChanged.of(List.of(new CashUnit("CST1", Money.ofMinor(10000, "CNY"), 1195)),
                    Instant.now()));
            await().atMost(WAIT).untilAsserted(() -> assertThat(registry.find("TEST-ITM-03"))
                    .hasValueSatisfying(record -> assertThat(record.cashUnits()).singleElement()
                            .extracting(DeviceRecord.CashUnitView::count).isEqualTo(1195)));
        }
    }

    @Test
    void recordsAndCountsFaults() throws Exception {
        double before = faults();
        try (TestDevice device = TestDevice.connect(mqtt.brokerUrl(), BRANCH, "TEST-ITM-04", "secret-04")) {
            device.event(DeviceFaulted.of("CASH_DISPENSER", "E-PICK-07", "Pick failure on CST2", Instant.now()));

            await().atMost(WAIT).untilAsserted(() -> assertThat(registry.find("TEST-ITM-04"))
                    .hasValueSatisfying(record -> assertThat(record.lastFault())
                            .extracting(DeviceRecord.Fault::component, DeviceRecord.Fault::faultCode)
                            .containsExactly("CASH_DISPENSER", "E-PICK-07")));
            assertThat(faults()).isEqualTo(before + 1);
        }
    }

    @Test
    void sendsUnreadablePayloadsToTheDeadLetterTopicAndKeepsReading() throws Exception {
        byte[] garbage = "{\"type\":\"device-faulted\", not json".getBytes(StandardCharsets.UTF_8);
        try (TestDevice watcher = TestDevice.hubClient(mqtt.brokerUrl(), BRANCH, "branch-hub-test-dead-letter");
                TestDevice device = TestDevice.connect(mqtt.brokerUrl(), BRANCH, "TEST-ITM-05", "secret-05")) {
            watcher.subscribe(mqtt.deadLetterTopic());

            device.publish(Topics.events(BRANCH, "TEST-ITM-05", DeviceFaulted.TYPE), garbage, false);

            TestDevice.Received dead = watcher.received().poll(10, TimeUnit.SECONDS);
            assertThat(dead).isNotNull();
            assertThat(dead.message().getPayload()).isEqualTo(garbage);
            Map<String, String> why = dead.message().getProperties().getUserProperties().stream()
                    .collect(Collectors.toMap(UserProperty::getKey, UserProperty::getValue));
            assertThat(why).containsEntry("reason", "MALFORMED")
                    .containsEntry("topic", Topics.events(BRANCH, "TEST-ITM-05", DeviceFaulted.TYPE))
                    .containsEntry("route", "hub.device.recordEvent");

            device.event(DeviceFaulted.of("QR_SCANNER", "E-CAM-01", null, Instant.now()));
            await().atMost(WAIT).untilAsserted(() -> assertThat(registry.find("TEST-ITM-05"))
                    .hasValueSatisfying(record -> assertThat(record.lastFault().faultCode()).isEqualTo("E-CAM-01")));
        }
    }

    @Test
    void exposesDevicesOnlineToPrometheus() throws Exception {
        try (TestDevice device = TestDevice.connect(mqtt.brokerUrl(), BRANCH, "TEST-ITM-06", "secret-06")) {
            device.online();
            await().atMost(WAIT).until(() -> registry.find("TEST-ITM-06").map(DeviceRecord::online).orElse(false));

            String scrape = rest.getForObject("/actuator/prometheus", String.class);

            Matcher online = ONLINE_GAUGE.matcher(scrape);
            assertThat(online.find()).as("branchlink_hub_devices_online in %n%s", scrape).isTrue();
            assertThat(Double.parseDouble(online.group(1))).isGreaterThanOrEqualTo(1.0);
            assertThat(scrape).contains("branchlink_hub_devices{status=\"UNKNOWN\"}")
                    .contains("branchlink_hub_device_faults_total");
        }
    }

    private double faults() {
        return meters.get("branchlink.hub.device.faults").counters().stream().mapToDouble(Counter::count).sum();
    }
}
