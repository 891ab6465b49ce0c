package io.branchlink.hub.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.branchlink.hub.mqtt.MqttClients;
import io.branchlink.hub.support.HubIntegrationTest;
import io.branchlink.protocol.mqtt.Command;
import io.branchlink.protocol.mqtt.MqttJson;
import io.branchlink.protocol.mqtt.PutInService;
import io.branchlink.protocol.mqtt.PutOutOfService;
import io.branchlink.protocol.mqtt.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The {@code /api/devices} HTTP API: the registry as JSON, and commands that reach the device's own subscription
 * through the real broker.
 */
class DeviceCommandsIntegrationTests extends HubIntegrationTest {

    private static final String DEVICE = "TEST-ITM-07";
    private static final Duration WAIT = Duration.ofSeconds(10);
    static final String OPERATOR = "OPS01";
    static final String OPERATOR_PASSWORD = "operator-test-pass";

    @Autowired
    MqttClients mqtt;

    @Autowired
    DeviceRegistry registry;

    @Autowired
    TestRestTemplate rest;

    /** The operator of the test configuration ({@code OPS01}). */
    private TestRestTemplate operator() {
        return rest.withBasicAuth(OPERATOR, OPERATOR_PASSWORD);
    }

    @Test
    void onlyAnOperatorMayReadTheRegistryOrCommandADevice() {
        assertThat(rest.getForEntity("/api/devices", String.class).getStatusCode().value()).isEqualTo(401);
        assertThat(rest.postForEntity("/api/devices/{id}/out-of-service", null, String.class, DEVICE)
                .getStatusCode().value()).isEqualTo(401);
        assertThat(rest.withBasicAuth(OPERATOR, "wrong").getForEntity("/api/devices", String.class)
                .getStatusCode().value()).isEqualTo(401);
        assertThat(rest.withBasicAuth("T0042", "teller-test-42").getForEntity("/api/devices", String.class)
                .getStatusCode().value()).as("a teller is not an operator").isEqualTo(401);
        assertThat(operator().getForEntity("/api/devices", String.class).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void deliversOutOfServiceAndInServiceCommandsToTheDevice() throws Exception {
        try (TestDevice device = TestDevice.connect(mqtt.brokerUrl(), BRANCH, DEVICE, "secret-07")) {
            device.subscribe(Topics.commands(BRANCH, DEVICE));
            device.online();
            await().atMost(WAIT).until(() -> registry.find(DEVICE).isPresent());

            ResponseEntity<JsonNode> accepted = operator().postForEntity("/api/devices/{id}/out-of-service",
                    Map.of("reason", "Cash replenishment"), JsonNode.class, DEVICE);

            assertThat(accepted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            String commandId = accepted.getBody().get("commandId").asText();
            TestDevice.Received received = device.received().poll(10, TimeUnit.SECONDS);
            assertThat(received).isNotNull();
            assertThat(received.topic()).isEqualTo(Topics.commands(BRANCH, DEVICE));
            assertThat(received.message().getQos()).isEqualTo(1);
            Command command = MqttJson.decode(received.message().getPayload(), Command.class);
            assertThat(command).isInstanceOfSatisfying(PutOutOfService.class, outOfService -> {
                assertThat(outOfService.commandId()).isEqualTo(commandId);
                assertThat(outOfService.reason()).isEqualTo("Cash replenishment");
            });
            assertThat(registry.find(DEVICE).orElseThrow().lastCommand().commandId()).isEqualTo(commandId);

            ResponseEntity<JsonNode> back = operator().postForEntity("/api/devices/{id}/in-service", null, JsonNode.class,
                    DEVICE);

            assertThat(back.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            TestDevice.Received second = device.received().poll(10, TimeUnit.SECONDS);
            assertThat(second).isNotNull();
            assertThat(MqttJson.decode(second.message().getPayload(), Command.class))
                    .isInstanceOf(PutInService.class)
                    .extracting(Command::commandId).isEqualTo(back.getBody().get("commandId").asText());
        }
    }

    @Test
    void returnsTheRegistryAsJson() throws Exception {
        try (TestDevice device = TestDevice.connect(mqtt.brokerUrl(), BRANCH, DEVICE, "secret-07")) {
            device.online();
            await().atMost(WAIT).until(() -> registry.find(DEVICE).map(DeviceRecord::online).orElse(false));

            JsonNode all = operator().getForObject("/api/devices", JsonNode.class);
            JsonNode one = operator().getForObject("/api/devices/{id}", JsonNode.class, DEVICE);

            assertThat(all.findValuesAsText("deviceId")).contains(DEVICE);
            assertThat(one.get("deviceId").asText()).isEqualTo(DEVICE);
            assertThat(one.get("online").asBoolean()).isTrue();
            assertThat(one.get("lastSeen").asText()).endsWith("Z");
        }
    }

    @Test
    void answersNotFoundForADeviceThatNeverReported() {
        ResponseEntity<JsonNode> get = operator().getForEntity("/api/devices/{id}", JsonNode.class, "NEVER-SEEN");
        ResponseEntity<JsonNode> command = operator().postForEntity("/api/devices/{id}/in-service", null, JsonNode.class,
                "NEVER-SEEN");

        assertThat(get.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(command.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(command.getBody().get("type").asText()).isEqualTo("https://branchlink.io/errors/unknown-device");
    }

    @Test
    void refusesAnIdThatCannotBeATopicLevel() {
        ResponseEntity<JsonNode> command = operator().postForEntity("/api/devices/{id}/in-service", null, JsonNode.class,
                "ITM+1");

        assertThat(command.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }
}
