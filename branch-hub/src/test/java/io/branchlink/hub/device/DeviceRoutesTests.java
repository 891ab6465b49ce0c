package io.branchlink.hub.device;

import static org.assertj.core.api.Assertions.assertThat;

import io.branchlink.hub.HubApplication;
import io.branchlink.protocol.mqtt.DeviceFaulted;
import io.branchlink.protocol.mqtt.MqttJson;
import io.branchlink.protocol.mqtt.Presence;
import io.branchlink.protocol.mqtt.PutInService;
import io.branchlink.protocol.mqtt.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.EndpointInject;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.paho.mqtt5.PahoMqtt5Constants;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.eclipse.paho.mqttv5.common.packet.UserProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The device routes with Camel's own test support and no broker: every MQTT endpoint is advised away (inputs become
 * {@code direct:}, publishers become mocks), so these tests pin what the routes do with a message. Not nested:
 * Camel's test listener reads {@code @UseAdviceWith} from the test class itself.
 */
@CamelSpringBootTest
@SpringBootTest(classes = HubApplication.class, properties = {
        "branchlink.hub.branch-id=BR001",
        "branchlink.hub.mqtt.embedded=false",
        "branchlink.hub.mqtt.url=tcp://127.0.0.1:9",
        "branchlink.hub.forms.feed-enabled=false"})
@UseAdviceWith
class DeviceRoutesTests {

    static final String BRANCH = "BR001";

    @DynamicPropertySource
    static void isolated(DynamicPropertyRegistry registry) {
        int isoPort = freePort();
        registry.add("branchlink.hub.cluster.name", () -> "test-" + UUID.randomUUID());
        registry.add("branchlink.hub.iso8583.port", () -> isoPort);
        registry.add("branchlink.hub.reversal.directory",
                () -> "target/test-reversals/" + UUID.randomUUID());
    }

    @Autowired
    CamelContext camel;

    @Autowired
    ProducerTemplate producer;

    @Autowired
    DeviceRegistry registry;

    @EndpointInject("mock:deadLetter")
    MockEndpoint deadLetter;

    @EndpointInject("mock:commands")
    MockEndpoint commands;

    @BeforeEach
    void adviseOnceAndStart() throws Exception {
        if (camel.isStarted()) {
            return;
        }
        AdviceWith.adviceWith(camel, "hub.device.trackPresence", a -> a.replaceFromWith("direct:presence"));
        AdviceWith.adviceWith(camel, "hub.device.recordState", a -> a.replaceFromWith("direct:state"));
        AdviceWith.adviceWith(camel, "hub.device.recordEvent", a -> a.replaceFromWith("direct:events"));
        AdviceWith.adviceWith(camel, "hub.mqtt.publishDeadLetter",
                a -> a.weaveById("publishDeadLetter").replace().to("mock:deadLetter"));
        AdviceWith.adviceWith(camel, "hub.device.sendCommand",
                a -> a.weaveById("publishCommand").replace().to("mock:commands"));
        AdviceWith.adviceWith(camel, "hub.teller.readScan", a -> a.replaceFromWith("direct:scans"));
        AdviceWith.adviceWith(camel, "hub.queue.readTicketScan", a -> a.replaceFromWith("direct:ticketScans"));
        camel.start();
    }

    @AfterEach
    void resetMocks() {
        MockEndpoint.resetMocks(camel);
    }

    @Test
    void recordsAPresenceMessageInTheRegistry() throws Exception {
        deadLetter.expectedMessageCount(0);

        send("direct:presence", Topics.presence(BRANCH, "ROUTE-1"), MqttJson.encode(Presence.online(Instant.now())));

        assertThat(registry.find("ROUTE-1")).hasValueSatisfying(device -> assertThat(device.online()).isTrue());
        deadLetter.assertIsSatisfied();
    }

    @Test
    void publishesACommandOnTheDevicesOwnTopic() throws Exception {
        commands.expectedMessageCount(1);
        commands.expectedHeaderReceived(PahoMqtt5Constants.CAMEL_PAHO_OVERRIDE_TOPIC,
                Topics.commands(BRANCH, "ROUTE-2"));
        PutInService command = PutInService.of("c-1", Instant.now());

        producer.sendBodyAndHeader(DeviceRoutes.SEND_COMMAND, command, DeviceRoutes.DEVICE_ID, "ROUTE-2");

        commands.assertIsSatisfied();
        byte[] published = commands.getReceivedExchanges().get(0).getMessage().getBody(byte[].class);
        assertThat(MqttJson.decode(published, PutInService.class)).isEqualTo(command);
    }


    @Test
    void forwardsBadJsonUnchangedWithItsReason() throws Exception {
        byte[] garbage = "{\"schemaVersion\":1,".getBytes(StandardCharsets.UTF_8);
        deadLetter.expectedMessageCount(1);

        send("direct:presence", Topics.presence(BRANCH, "ROUTE-3"), garbage);

        deadLetter.assertIsSatisfied();
        assertThat(deadBody()).isEqualTo(garbage);
        assertThat(deadReasons()).containsEntry("reason", "MALFORMED")
                .containsEntry("topic", Topics.presence(BRANCH, "ROUTE-3"))
                .containsEntry("route", "hub.device.trackPresence");
        assertThat(registry.find("ROUTE-3")).isEmpty();
    }

    @Test
    void forwardsAnUnknownSchemaVersion() throws Exception {
        deadLetter.expectedMessageCount(1);

        send("direct:presence", Topics.presence(BRANCH, "ROUTE-4"),
                "{\"schemaVersion\":2,\"status\":\"ONLINE\",\"at\":\"2026-03-01T08:30:15Z\"}"
                        .getBytes(StandardCharsets.UTF_8));

        deadLetter.assertIsSatisfied();
        assertThat(deadReasons()).containsEntry("reason", "UNSUPPORTED_VERSION")
                .containsEntry("field", "schemaVersion");
    }

    @Test
    void forwardsAnOversizedPayload() throws Exception {
        byte[] huge = new byte[MqttJson.MAX_PAYLOAD_BYTES + 1];
        Arrays.fill(huge, (byte) ' ');
        deadLetter.expectedMessageCount(1);

        send("direct:state", Topics.state(BRANCH, "ROUTE-5"), huge);

        deadLetter.assertIsSatisfied();
        assertThat(deadReasons()).containsEntry("reason", "TOO_LARGE");
        assertThat(deadBody()).hasSize(huge.length);
    }

    @Test
    void forwardsAnEventWhoseTypeIsNotItsTopics() throws Exception {
        deadLetter.expectedMessageCount(1);

        send("direct:events", Topics.events(BRANCH, "ROUTE-6", "cash-units-changed"),
                MqttJson.encode(DeviceFaulted.of("CASH_DISPENSER", "E-1", null, Instant.now())));

        deadLetter.assertIsSatisfied();
        assertThat(deadReasons()).containsEntry("reason", "INVALID_FIELD").containsEntry("field", "type");
    }

    @Test
    void forwardsAMessageFromAnotherBranchsTopic() throws Exception {
        deadLetter.expectedMessageCount(1);

        send("direct:presence", Topics.presence("BR999", "ROUTE-7"),
                MqttJson.encode(Presence.online(Instant.now())));

        deadLetter.assertIsSatisfied();
        assertThat(deadReasons()).containsEntry("reason", "BAD_TOPIC");
        assertThat(registry.find("ROUTE-7")).isEmpty();
    }

    private void send(String uri, String topic, byte[] payload) {
        Exchange done = producer.send(uri, exchange -> {
            exchange.getMessage().setHeader(PahoMqtt5Constants.MQTT_TOPIC, topic);
            exchange.getMessage().setBody(payload);
        });
        assertThat(done.getException()).as("the route handles every failure itself").isNull();
    }

    private byte[] deadBody() {
        return deadLetter.getReceivedExchanges().get(0).getMessage().getBody(byte[].class);
    }

    private Map<String, String> deadReasons() {
        MqttProperties properties = deadLetter.getReceivedExchanges().get(0).getMessage()
                .getHeader(PahoMqtt5Constants.CAMEL_PAHO_MSG_PROPERTIES, MqttProperties.class);
        return properties.getUserProperties().stream()
                .collect(Collectors.toMap(UserProperty::getKey, UserProperty::getValue));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
