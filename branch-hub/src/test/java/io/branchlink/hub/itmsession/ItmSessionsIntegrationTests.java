package io.branchlink.hub.itmsession;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.branchlink.hub.device.TestDevice;
import io.branchlink.hub.mqtt.MqttClients;
import io.branchlink.hub.support.ChannelApiAnswers;
import io.branchlink.hub.support.HubIntegrationTest;
import io.branchlink.protocol.hubapi.HubApiPaths;
import io.branchlink.protocol.hubapi.ItmAuthorisation;
import io.branchlink.protocol.hubapi.ItmSessionCode;
import io.branchlink.protocol.hubapi.ItmSessionFeed;
import io.branchlink.protocol.mqtt.AuthoriseSession;
import io.branchlink.protocol.mqtt.Command;
import io.branchlink.protocol.mqtt.DeviceState;
import io.branchlink.protocol.mqtt.MqttJson;
import io.branchlink.protocol.mqtt.ShowSessionCode;
import io.branchlink.protocol.mqtt.Topics;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The hub's ITM session loops against WireMock as channel-api and a test device on the real broker: a connected ITM
 * is sent a session code and a new one before it expires; an authorisation in the feed reaches its ITM once; one for
 * an ITM that is not online (as after a restart of the hub, before its ITMs reconnected) waits for the ITM.
 */
class ItmSessionsIntegrationTests extends HubIntegrationTest {

    private static final String DEVICE = "TEST-ITM-10";
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Feed sequence numbers only grow within the shared context, as channel-api's do. */
    private static final AtomicLong SEQ = new AtomicLong(1_000);

    @Autowired
    MqttClients mqtt;

    @Autowired
    SessionFeed feed;

    private static String sessionId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private TestDevice connectedItm() throws Exception {
        TestDevice device = TestDevice.connect(mqtt.brokerUrl(), BRANCH, DEVICE, "secret-10");
        device.subscribe(Topics.commands(BRANCH, DEVICE));
        device.online();
        device.state(DeviceState.of(DeviceState.DeviceKind.ITM, DeviceState.Status.IN_SERVICE, List.of(),
                Instant.now()));
        return device;
    }

    private static <T extends Command> T next(TestDevice device, Class<T> type) throws Exception {
        while (true) {
            TestDevice.Received received = device.received().poll(10, TimeUnit.SECONDS);
            assertThat(received).as("a " + type.getSimpleName() + " command").isNotNull();
            Command command = MqttJson.decode(received.message().getPayload(), Command.class);
            if (type.isInstance(command)) {
                return type.cast(command);
            }
        }
    }

    @Test
    void aConnectedItmIsSentASessionCodeAndANewOneBeforeItExpires() throws Exception {
        String first = sessionId();
        channelApi.stubFor(post(urlPathEqualTo(HubApiPaths.ITM_SESSIONS)).willReturn(ChannelApiAnswers.json(
                new ItmSessionCode(first, DEVICE, "BL:FIRSTCODE", Instant.now().plusSeconds(46))).withStatus(201)));
        try (TestDevice device = connectedItm()) {
            ShowSessionCode shown = next(device, ShowSessionCode.class);

            assertThat(shown.sessionId()).isEqualTo(first);
            assertThat(shown.code()).isEqualTo("BL:FIRSTCODE");
            String second = sessionId();
            channelApi.stubFor(post(urlPathEqualTo(HubApiPaths.ITM_SESSIONS)).willReturn(ChannelApiAnswers.json(
                    new ItmSessionCode(second, DEVICE, "BL:SECONDCODE", Instant.now().plusSeconds(120)))
                    .withStatus(201)));
            // the first code is within renew-before (45 s) of its expiry a second after it was minted
            ShowSessionCode renewed = next(device, ShowSessionCode.class);
            assertThat(renewed.sessionId()).isEqualTo(second);
            assertThat(channelApi.findAll(postRequestedFor(urlPathEqualTo(HubApiPaths.ITM_SESSIONS)))
                    .stream().map(request -> request.getBodyAsString()))
                    .allMatch(body -> body.contains("\"terminalId\":\"" + DEVICE + "\""));
        }
    }

    @Test
    void anAuthorisationReachesItsItmOnceAndTheCursorMoves() throws Exception {
        try (TestDevice device = connectedItm()) {
            long seq = SEQ.incrementAndGet();
            String session = sessionId();
            ItmAuthorisation authorisation = new ItmAuthorisation(seq, session, DEVICE, "WITHDRAWAL",
                    new BigDecimal("500.00"), "CNY", "BL:TOKENTEXT", Instant.now().plusSeconds(90));
            channelApi.stubFor(get(urlPathEqualTo(HubApiPaths.ITM_SESSION_FEED)).willReturn(ChannelApiAnswers.json(
                    new ItmSessionFeed(List.of(authorisation), seq))));

            AuthoriseSession sent = next(device, AuthoriseSession.class);

            assertThat(sent.sessionId()).isEqualTo(session);
            assertThat(sent.kind()).isEqualTo("WITHDRAWAL");
            assertThat(sent.amount()).isEqualByComparingTo("500");
            assertThat(sent.token()).isEqualTo("BL:TOKENTEXT");
            await().atMost(WAIT).until(() -> feed.cursor() >= seq);
            List<Command> more = new ArrayList<>();
            TestDevice.Received again = device.received().poll(1, TimeUnit.SECONDS);
            while (again != null) {
                more.add(MqttJson.decode(again.message().getPayload(), Command.class));
                again = device.received().poll(200, TimeUnit.MILLISECONDS);
            }
            assertThat(more).noneMatch(AuthoriseSession.class::isInstance);
        }
    }

    @Test
    void anAuthorisationForAnItmNotOnlineWaitsUntilTheItmComesOnline() throws Exception {
        String offline = "TEST-ITM-15";
        long seq = SEQ.incrementAndGet();
        String session = sessionId();
        channelApi.stubFor(get(urlPathEqualTo(HubApiPaths.ITM_SESSION_FEED)).willReturn(ChannelApiAnswers.json(
                new ItmSessionFeed(List.of(new ItmAuthorisation(seq, session, offline, "WITHDRAWAL",
                        new BigDecimal("300.00"), "CNY", "BL:WAITINGTOKEN", Instant.now().plusSeconds(90))), seq))));
        await().atMost(WAIT).until(() -> feed.cursor() >= seq);
        assertThat(feed.waiting()).as("held for the ITM, not published to nobody").isPositive();

        try (TestDevice device = TestDevice.connect(mqtt.brokerUrl(), BRANCH, offline, "secret-15")) {
            device.subscribe(Topics.commands(BRANCH, offline));
            device.online();

            AuthoriseSession sent = next(device, AuthoriseSession.class);
            assertThat(sent.sessionId()).isEqualTo(session);
            assertThat(sent.token()).isEqualTo("BL:WAITINGTOKEN");
        }
    }
}
