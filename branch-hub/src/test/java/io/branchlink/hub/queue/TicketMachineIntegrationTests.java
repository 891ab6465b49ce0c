package io.branchlink.hub.queue;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.hazelcast.core.HazelcastInstance;
import io.branchlink.hub.device.DeviceKinds;
import io.branchlink.hub.device.TestDevice;
import io.branchlink.hub.mqtt.MqttClients;
import io.branchlink.hub.support.ChannelApiAnswers;
import io.branchlink.hub.support.HubIntegrationTest;
import io.branchlink.hub.support.Tokens;
import io.branchlink.protocol.hubapi.Arrival;
import io.branchlink.protocol.hubapi.HubApiPaths;
import io.branchlink.protocol.hubapi.QueueTicket;
import io.branchlink.protocol.mqtt.Command;
import io.branchlink.protocol.mqtt.DeviceState;
import io.branchlink.protocol.mqtt.MqttJson;
import io.branchlink.protocol.mqtt.PrintTicket;
import io.branchlink.protocol.mqtt.QrScanned;
import io.branchlink.protocol.mqtt.Topics;
import io.branchlink.protocol.qr.QrTokenCodec;
import io.branchlink.protocol.qr.TokenType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The queue-ticket machine on the real broker: it reads the app's FORM code, the hub reports the arrival to
 * channel-api (a WireMock double) and commands the machine to print the ticket, which joins the queue at once.
 */
class TicketMachineIntegrationTests extends HubIntegrationTest {

    static final String MACHINE = "QTM00101";
    static final String MACHINE_PASSWORD = "ticket-machine-01";

    @Autowired
    MqttClients mqtt;

    @Autowired
    DeviceKinds kinds;

    @Autowired
    TicketQueue queue;

    @Autowired
    HazelcastInstance hazelcast;

    @Autowired
    MeterRegistry meters;

    @BeforeEach
    void emptyQueue() {
        hazelcast.getMap(TicketQueue.MAP).clear();
    }

    TestDevice machine() throws MqttException {
        TestDevice device = TestDevice.connect(mqtt.brokerUrl(), BRANCH, MACHINE, MACHINE_PASSWORD);
        device.online();
        device.state(DeviceState.of(DeviceState.DeviceKind.TICKET_MACHINE, DeviceState.Status.IN_SERVICE, List.of(),
                Instant.now()));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> kinds.kindOf(MACHINE).filter(k -> k == DeviceState.DeviceKind.TICKET_MACHINE)
                        .isPresent());
        device.subscribe(Topics.commands(BRANCH, MACHINE));
        return device;
    }

    static String formCode() {
        return Tokens.sign(TokenType.FORM, null, null, Instant.now().plus(Duration.ofHours(4)),
                TOKEN_KEYS.getPrivate());
    }

    double refused(String reason) {
        Counter counter = meters.find(TicketMachine.REFUSED).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void aFormCodeShownAtTheMachineStagesTheFormsAndPrintsTheTicket() throws Exception {
        String code = formCode();
        String tokenId = QrTokenCodec.parse(code).claims().tokenIdHex();
        QueueTicket ticket = new QueueTicket(UUID.randomUUID().toString(), BRANCH, LocalDate.now(ZoneId.of(
                "Asia/Shanghai")), 12, "c-1", "A.", "MACHINE", 2, Instant.now());
        channelApi.stubFor(WireMock.post(urlPathEqualTo(HubApiPaths.ARRIVALS)).willReturn(ChannelApiAnswers.json(
                new Arrival(BRANCH, "Riverside", List.of("d-1", "d-2"), List.of(), ticket))));
        String scanId = UUID.randomUUID().toString();

        try (TestDevice machine = machine()) {
            machine.event(QrScanned.of(scanId, code, Instant.now()));

            TestDevice.Received received = machine.received().poll(10, TimeUnit.SECONDS);
            assertThat(received).as("a command to the machine").isNotNull();
            Command command = MqttJson.decode(received.message().getPayload(), Command.class);
            assertThat(command).isInstanceOf(PrintTicket.class);
            PrintTicket print = (PrintTicket) command;
            assertThat(print.label()).isEqualTo("012");
            assertThat(print.scanId()).isEqualTo(scanId);
            assertThat(print.formsStaged()).isEqualTo(2);
            assertThat(queue.find(ticket.ticketId())).hasValueSatisfying(t -> assertThat(t.status())
                    .isEqualTo(QueuedTicket.WAITING));
            channelApi.verify(1, postRequestedFor(urlPathEqualTo(HubApiPaths.ARRIVALS)).withRequestBody(
                    equalToJson("{\"tokenId\": \"" + tokenId + "\", \"deviceId\": \"" + MACHINE + "\"}")));

            // MQTT may deliver the same scan again (QoS 1): it is acted on once
            machine.event(QrScanned.of(scanId, code, Instant.now()));
            assertThat(machine.received().poll(1, TimeUnit.SECONDS)).isNull();
            channelApi.verify(1, postRequestedFor(urlPathEqualTo(HubApiPaths.ARRIVALS)));
        }
    }

    @Test
    void aCodeChannelApiDoesNotKnowPrintsNothingAndIsCounted() throws Exception {
        channelApi.stubFor(WireMock.post(urlPathEqualTo(HubApiPaths.ARRIVALS)).willReturn(WireMock.aResponse()
                .withStatus(404).withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\": 404, \"code\": \"FORM_UNKNOWN\", \"detail\": \"No form has this token.\"}")));
        double before = refused("FORM_UNKNOWN");

        try (TestDevice machine = machine()) {
            machine.event(QrScanned.of(UUID.randomUUID().toString(), formCode(), Instant.now()));

            await().atMost(Duration.ofSeconds(10)).until(() -> refused("FORM_UNKNOWN") == before + 1);
            assertThat(machine.received().poll(500, TimeUnit.MILLISECONDS)).isNull();
            assertThat(queue.today()).isEmpty();
        }
    }

    @Test
    void aCodeThatIsNotAFormCodeNeverReachesChannelApi() throws Exception {
        double before = refused("NOT_A_FORM_CODE");

        try (TestDevice machine = machine()) {
            machine.event(QrScanned.of(UUID.randomUUID().toString(), Tokens.withdrawal("100.00", BRANCH),
                    Instant.now()));

            await().atMost(Duration.ofSeconds(10)).until(() -> refused("NOT_A_FORM_CODE") == before + 1);
            channelApi.verify(0, postRequestedFor(urlPathEqualTo(HubApiPaths.ARRIVALS)));
            assertThat(machine.received().poll(500, TimeUnit.MILLISECONDS)).isNull();
        }
    }

    @Test
    void theBrokerRefusesTheMachinePublishingAnythingButItsScans() throws Exception {
        try (TestDevice machine = machine()) {
            IMqttToken other = machine.publish(Topics.events(BRANCH, "TLR00101", QrScanned.TYPE),
                    MqttJson.encode(QrScanned.of(UUID.randomUUID().toString(), formCode(), Instant.now())), false);

            assertThat(other.getReasonCodes()).containsExactly(0x87);
            await("the broker cuts the machine off").atMost(Duration.ofSeconds(10))
                    .until(() -> !machine.isConnected());
        }
        try (TestDevice machine = machine()) {
            IMqttToken ownOtherEvent = machine.publish(Topics.events(BRANCH, MACHINE, "transaction-completed"),
                    "{}".getBytes(), false);

            assertThat(ownOtherEvent.getReasonCodes()).containsExactly(0x87);
        }
        channelApi.verify(0, postRequestedFor(urlPathEqualTo(HubApiPaths.ARRIVALS)));
    }
}
