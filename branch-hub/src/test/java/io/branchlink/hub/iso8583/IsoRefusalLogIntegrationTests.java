package io.branchlink.hub.iso8583;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.branchlink.hub.support.HubIntegrationTest;
import io.branchlink.hub.support.IsoTestClient;
import io.branchlink.hub.support.Tokens;
import io.branchlink.protocol.iso8583.FinancialRequest;
import io.branchlink.protocol.iso8583.Iso8583Codec;
import io.branchlink.protocol.iso8583.IsoFraming;
import io.branchlink.protocol.iso8583.MacKey;
import io.branchlink.protocol.iso8583.NetworkCode;
import io.branchlink.protocol.iso8583.NetworkRequest;
import io.branchlink.protocol.iso8583.TransactionKind;
import io.branchlink.protocol.money.Money;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * Bad input over real TCP writes one log line with its reason and no stack trace, however the input is bad: the
 * whole log of the hub (every logger) is captured while each bad frame is sent and its connection closed.
 */
class IsoRefusalLogIntegrationTests extends HubIntegrationTest {

    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    record BadFrame(String name, byte[] frame, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<BadFrame> badFrames() {
        IsoFraming framing = new IsoFraming();
        FinancialRequest withdrawal = new FinancialRequest(TransactionKind.WITHDRAWAL, Money.parse("500", "CNY"),
                now(), 777, LocalDateTime.now(ZoneOffset.UTC), "000000000777", ITM, BRANCH,
                Tokens.withdrawal("500", BRANCH));
        byte[] badMac = Iso8583Codec.encode(withdrawal, KEY);
        badMac[badMac.length - 1] ^= 0x5A;
        MacKey stranger = MacKey.fromHex("0f0e0d0c0b0a09080706050403020100");
        return List.of(
                new BadFrame("oversized length prefix", new byte[] {(byte) 0xFF, (byte) 0xFF, 1}, "BAD_LENGTH"),
                new BadFrame("three-byte frame", new byte[] {0, 1, 7}, "TRUNCATED"),
                new BadFrame("zero length prefix", new byte[] {0, 0}, "BAD_LENGTH"),
                new BadFrame("unknown MTI", framing.frame(new byte[] {0x09, (byte) 0x99, 0, 0, 0, 0, 0, 0, 0, 0}),
                        "UNKNOWN_MTI"),
                new BadFrame("bad MAC", framing.frame(badMac), "BAD_MAC"),
                new BadFrame("unknown terminal", framing.frame(Iso8583Codec.encode(
                        new NetworkRequest(NetworkCode.SIGN_ON, now(), 1, "ITM99999", BRANCH), stranger)),
                        "UNKNOWN_TERMINAL"));
    }

    @BeforeEach
    void captureTheLog() {
        captured.start();
        root.addAppender(captured);
    }

    @AfterEach
    void stopCapturing() {
        root.detachAppender(captured);
        captured.stop();
    }

    @ParameterizedTest
    @MethodSource("badFrames")
    void logsOneLineWithTheReasonAndNoStackTrace(BadFrame bad) throws IOException {
        try (IsoTestClient client = new IsoTestClient(ISO_PORT, ITM, KEY)) {
            client.sendRaw(bad.frame());
            if (bad.reason().equals("BAD_MAC")) {
                assertThat(client.receive()).as("a bad MAC is answered with 63").isPresent();
            } else {
                assertThat(client.closedByHub()).isTrue();
            }
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> !refusals().isEmpty());
        assertThat(refusals()).singleElement().satisfies(event -> {
            assertThat(event.getFormattedMessage()).contains("reason=" + bad.reason());
            assertThat(event.getThrowableProxy()).isNull();
        });
        assertThat(events()).as("nothing logged a stack trace").allSatisfy(
                event -> assertThat(event.getThrowableProxy()).as(event.getFormattedMessage()).isNull());
    }

    private List<ILoggingEvent> events() {
        synchronized (captured.list) {
            return List.copyOf(captured.list);
        }
    }

    private List<ILoggingEvent> refusals() {
        return events().stream().filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                .filter(event -> event.getFormattedMessage().contains("refused")).toList();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
