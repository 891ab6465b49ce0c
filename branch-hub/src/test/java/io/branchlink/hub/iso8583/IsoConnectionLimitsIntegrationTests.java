package io.branchlink.hub.iso8583;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.branchlink.hub.support.HubIntegrationTest;
import io.branchlink.hub.support.IsoTestClient;
import io.branchlink.hub.support.Tokens;
import io.branchlink.protocol.iso8583.FinancialRequest;
import io.branchlink.protocol.iso8583.FinancialResponse;
import io.branchlink.protocol.iso8583.NetworkCode;
import io.branchlink.protocol.iso8583.NetworkRequest;
import io.branchlink.protocol.iso8583.NetworkResponse;
import io.branchlink.protocol.iso8583.TransactionKind;
import io.branchlink.protocol.money.Money;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A flood of idle connections from one machine neither starves a real terminal nor stays open: over real TCP on
 * loopback (the flood from 127.0.0.1 and 127.0.0.3/4, the terminal from 127.0.0.2), with small limits and a
 * two-second sign-on timeout of this context's own, and the embedded MQTT broker's no-CONNECT timeout. Every socket
 * is closed at the end.
 */
@CamelSpringBootTest
@UseAdviceWith
@DirtiesContext
class IsoConnectionLimitsIntegrationTests extends HubIntegrationTest {

    private static final int PORT = freePort();
    private static final int PER_ADDRESS = 40;
    private static final int GLOBAL = 60;
    private static final int FLOOD = 150;
    private static final AtomicInteger STAN = new AtomicInteger(900);

    @DynamicPropertySource
    static void limits(DynamicPropertyRegistry registry) {
        registry.add("branchlink.hub.iso8583.sign-on-timeout", () -> "2s");
        registry.add("branchlink.hub.iso8583.max-connections-per-address", () -> PER_ADDRESS);
        registry.add("branchlink.hub.iso8583.max-connections", () -> GLOBAL);
        registry.add("branchlink.hub.mqtt.no-connect-idle-timeout", () -> "1s");
    }

    private static boolean advised;

    @Autowired
    CamelContext camel;

    @Autowired
    IsoConnections connections;

    @Autowired
    MeterRegistry meters;

    @Autowired
    io.branchlink.hub.mqtt.MqttClients mqtt;

    private final List<SocketChannel> flood = new ArrayList<>();

    /** The ISO route listens on a port of its own, so this context does not collide with the shared one. */
    @BeforeEach
    void adviseOnceThenStartFromNoConnections() throws Exception {
        if (!advised) {
            AdviceWith.adviceWith(camel, IsoRoutes.ROUTE_ID,
                    route -> route.replaceFromWith(IsoRoutes.serverUri("127.0.0.1", PORT)));
            advised = true;
        }
        camel.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> connections.open() == 0);
        channelApi.stubFor(post("/api/hub/v1/withdrawals").willReturn(decision("APPROVED", "246810")));
    }

    @AfterEach
    void closeTheFlood() {
        for (SocketChannel socket : flood) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing the rest matters more
            }
        }
    }

    @Test
    void servesAWellBehavedTerminalWhileAFloodOfIdleConnectionsFromOneAddressIsHeldOpen() throws IOException {
        double refusedBefore = refused("TOO_MANY_FROM_ADDRESS");
        double timedOutBefore = refused("NOT_SIGNED_ON");
        openFlood("127.0.0.1", FLOOD);

        try (IsoTestClient terminal = new IsoTestClient(PORT, ITM, KEY, "127.0.0.2")) {
            NetworkResponse signedOn = (NetworkResponse) terminal.exchange(network(NetworkCode.SIGN_ON));
            FinancialResponse approved = (FinancialResponse) terminal.exchange(withdrawal());

            assertThat(signedOn.responseCode().code()).isEqualTo("00");
            assertThat(approved.responseCode().code()).isEqualTo("00");
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> refused("TOO_MANY_FROM_ADDRESS") - refusedBefore == FLOOD - PER_ADDRESS);

            await().atMost(Duration.ofSeconds(10)).until(() -> closedByHub(flood) == FLOOD);
            assertThat(refused("NOT_SIGNED_ON") - timedOutBefore).isEqualTo(PER_ADDRESS);
            assertThat(((NetworkResponse) terminal.exchange(network(NetworkCode.ECHO_TEST))).responseCode().code())
                    .as("the signed-on terminal is not cut").isEqualTo("00");
            assertThat(connections.open()).isEqualTo(1);
        }
    }

    @Test
    void refusesConnectionsBeyondTheGlobalLimitUntilTheIdleOnesAreClosed() throws IOException {
        double refusedBefore = refused("TOO_MANY_CONNECTIONS");
        openFlood("127.0.0.3", PER_ADDRESS);
        openFlood("127.0.0.4", PER_ADDRESS);

        await().atMost(Duration.ofSeconds(5))
                .until(() -> refused("TOO_MANY_CONNECTIONS") - refusedBefore == 2 * PER_ADDRESS - GLOBAL);
        await().atMost(Duration.ofSeconds(10)).until(() -> closedByHub(flood) == flood.size());

        try (IsoTestClient terminal = new IsoTestClient(PORT, ITM, KEY, "127.0.0.2")) {
            assertThat(((NetworkResponse) terminal.exchange(network(NetworkCode.SIGN_ON))).responseCode().code())
                    .isEqualTo("00");
        }
    }

    @Test
    void theMqttBrokerClosesAConnectionThatSendsNoConnect() throws IOException {
        int port = Integer.parseInt(mqtt.brokerUrl().replaceAll(".*:", ""));
        try (SocketChannel idle = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
            idle.configureBlocking(false);

            await().atMost(Duration.ofSeconds(10)).until(() -> isClosed(idle));
        }
    }

    private void openFlood(String from, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            SocketChannel socket = SocketChannel.open();
            flood.add(socket);
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", PORT));
            socket.configureBlocking(false);
        }
    }

    private static int closedByHub(List<SocketChannel> sockets) {
        int closed = 0;
        for (SocketChannel socket : sockets) {
            closed += isClosed(socket) ? 1 : 0;
        }
        return closed;
    }

    private static boolean isClosed(SocketChannel socket) {
        try {
            return socket.read(ByteBuffer.allocate(16)) < 0;
        } catch (IOException e) {
            return true;
        }
    }

    private double refused(String reason) {
        var counter = meters.find("branchlink.hub.iso.refused").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private static NetworkRequest network(NetworkCode code) {
        return new NetworkRequest(code, now(), STAN.getAndIncrement(), ITM, BRANCH);
    }

    private static FinancialRequest withdrawal() {
        int stan = STAN.getAndIncrement();
        return new FinancialRequest(TransactionKind.WITHDRAWAL, Money.parse("500", "CNY"), now(), stan,
                LocalDateTime.now(ZoneOffset.UTC), String.format("%012d", stan), ITM, BRANCH,
                Tokens.withdrawal("500", BRANCH));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
