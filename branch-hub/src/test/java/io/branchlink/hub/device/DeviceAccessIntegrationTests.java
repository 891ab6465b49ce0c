package io.branchlink.hub.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.branchlink.hub.mqtt.MqttClients;
import io.branchlink.hub.support.HubIntegrationTest;
import io.branchlink.protocol.money.Money;
import io.branchlink.protocol.mqtt.CashUnit;
import io.branchlink.protocol.mqtt.DeviceState;
import io.branchlink.protocol.mqtt.MqttJson;
import io.branchlink.protocol.mqtt.PutOutOfService;
import io.branchlink.protocol.mqtt.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The embedded broker's authentication and per-device topic permissions, exercised by real Paho v5 clients.
 */
class DeviceAccessIntegrationTests extends HubIntegrationTest {

    /** MQTT 5 reason codes (OASIS MQTT 5.0, 2.4). */
    static final int CLIENT_IDENTIFIER_NOT_VALID = 0x85;
    static final int BAD_USER_NAME_OR_PASSWORD = 0x86;
    static final int NOT_AUTHORIZED = 0x87;

    static final String A = "TEST-ITM-08";
    static final String B = "TEST-ITM-09";

    @Autowired
    MqttClients mqtt;

    @Autowired
    DeviceRegistry registry;

    @Autowired
    DeviceCommands commands;

    @Nested
    class Connect {

        @Test
        void acceptsADeviceWithItsPassword() throws MqttException {
            try (TestDevice device = TestDevice.connect(mqtt.brokerUrl(), BRANCH, A, "secret-08")) {
                assertThat(device.isConnected()).isTrue();
            }
        }

        @Test
        void acceptsADeviceWhosePasswordIsConfiguredAsItsSha256() throws MqttException {
            try (TestDevice device = TestDevice.connect(mqtt.brokerUrl(), BRANCH, B, "secret-09")) {
                assertThat(device.isConnected()).isTrue();
            }
        }

        @Test
        void refusesAWrongPassword() {
            MqttException refused = catchThrowableOfType(MqttException.class,
                    () -> TestDevice.connect(mqtt.brokerUrl(), BRANCH, A, "secret-09"));
            assertThat(refused.getReasonCode()).isEqualTo(BAD_USER_NAME_OR_PASSWORD);
        }

        @Test
        void refusesAnUnknownDevice() {
            MqttException refused = catchThrowableOfType(MqttException.class,
                    () -> TestDevice.connect(mqtt.brokerUrl(), BRANCH, "TEST-ITM-99", "secret-08"));
            assertThat(refused.getReasonCode()).isEqualTo(BAD_USER_NAME_OR_PASSWORD);
        }

        @Test
        void refusesALastWillOnAnotherDevicesPresence() {
            MqttException refused = catchThrowableOfType(MqttException.class, () -> TestDevice.connect(
                    mqtt.brokerUrl(), BRANCH, A, A, "secret-08", Topics.presence(BRANCH, B)));
            assertThat(refused.getReasonCode()).isEqualTo(NOT_AUTHORIZED);
        }

        @Test
        void refusesAClientIdOtherThanTheDeviceId() {
            MqttException refused = catchThrowableOfType(MqttException.class,
                    () -> TestDevice.connect(mqtt.brokerUrl(), BRANCH, A, B, "secret-08"));
            assertThat(refused.getReasonCode()).isEqualTo(CLIENT_IDENTIFIER_NOT_VALID);
        }
    }

    @Nested
    class Publish {

        @Test
        void disconnectsADevicePublishingAsAnotherAndTheHubNeverSeesIt() throws MqttException {
            DeviceState forged = DeviceState.of(DeviceState.DeviceKind.ITM, DeviceState.Status.OUT_OF_SERVICE,
                    List.of(new CashUnit("CST1", Money.ofMinor(10000, "CNY"), 1)), Instant.now());
            try (TestDevice a = TestDevice.connect(mqtt.brokerUrl(), BRANCH, A, "secret-08")) {
                IMqttToken puback = a.publish(Topics.state(BRANCH, B), MqttJson.encode(forged), true);

                assertThat(puback.getReasonCodes()).containsExactly(NOT_AUTHORIZED);
                await("the broker cuts the forging device off").atMost(Duration.ofSeconds(10))
                        .until(() -> !a.isConnected());
            }

            DeviceState own = DeviceState.of(DeviceState.DeviceKind.ITM, DeviceState.Status.IN_SERVICE,
                    List.of(new CashUnit("CST1", Money.ofMinor(10000, "CNY"), 808)), Instant.now());
            try (TestDevice a = TestDevice.connect(mqtt.brokerUrl(), BRANCH, A, "secret-08")) {
                a.state(own);
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(registry.find(A))
                        .hasValueSatisfying(device -> assertThat(device.cashUnits()).singleElement()
                                .extracting(DeviceRecord.CashUnitView::count).isEqualTo(808)));
            }
            assertThat(registry.find(B).map(DeviceRecord::status)).isEmpty();
        }
    }

    @Nested
    class Subscribe {

        @Test
        void refusesADeviceSubscribingToAnothersCommands() throws Exception {
            try (TestDevice a = TestDevice.connect(mqtt.brokerUrl(), BRANCH, A, "secret-08");
                    TestDevice b = TestDevice.connect(mqtt.brokerUrl(), BRANCH, B, "secret-09")) {
                IMqttToken refused = a.subscribe(Topics.commands(BRANCH, B));
                assertThat(refused.getReasonCodes()).containsExactly(NOT_AUTHORIZED);
                IMqttToken granted = b.subscribe(Topics.commands(BRANCH, B));
                assertThat(granted.getReasonCodes()).containsExactly(1);

                b.online();
                await().atMost(Duration.ofSeconds(10)).until(() -> registry.find(B).isPresent());
                PutOutOfService sent = (PutOutOfService) commands.putOutOfService(B, "Access test");

                TestDevice.Received delivered = b.received().poll(10, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(delivered).isNotNull();
                assertThat(MqttJson.decode(delivered.message().getPayload(), PutOutOfService.class).commandId())
                        .isEqualTo(sent.commandId());
                assertThat(a.received()).isEmpty();
            }
        }
    }
}
