package io.branchlink.agent.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.branchlink.agent.link.IsoHostLink.Authorization;
import io.branchlink.protocol.iso8583.FinancialRequest;
import io.branchlink.protocol.iso8583.IsoResponseCode;
import io.branchlink.protocol.iso8583.MacKey;
import io.branchlink.protocol.iso8583.ReversalAdvice;
import io.branchlink.protocol.iso8583.TransactionKind;
import io.branchlink.protocol.money.Money;
import io.branchlink.testsupport.FakeIsoHost.Reply;
import io.branchlink.testsupport.FakeIsoHost;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class IsoHostLinkTests {

    static final MacKey KEY = MacKey.fromHex("2b7e151628aed2a6abf7158809cf4f3c");
    static final Duration SHORT = Duration.ofMillis(300);

    FakeIsoHost hub;
    IsoHostLink link;
    final AtomicInteger stans = new AtomicInteger();

    @BeforeEach
    void connect() throws IOException {
        hub = new FakeIsoHost(KEY);
        link = new IsoHostLink(new IsoHostLink.Settings("127.0.0.1", hub.port(), "ITM00101", "BR001", KEY,
                Duration.ofSeconds(2), Duration.ofMillis(50), Duration.ofSeconds(2)), stans::incrementAndGet,
                Clock.systemUTC());
        link.start();
        assertThat(link.awaitSignedOn(Duration.ofSeconds(5))).isTrue();
    }

    @AfterEach
    void close() {
        link.close();
        hub.close();
    }

    FinancialRequest request() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        int stan = stans.incrementAndGet();
        return new FinancialRequest(TransactionKind.WITHDRAWAL, Money.parse("500.00", "CNY"), now, stan,
                LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS), String.format("600116%06d", stan), "ITM00101",
                "BR001", "BL:TESTTOKEN");
    }

    @Test
    void signsOnWhenItConnects() {
        assertThat(hub.signOns()).isEqualTo(1);
        assertThat(hub.received().get(0).mti().code()).isEqualTo("0800");
    }

    @Nested
    class Authorize {

        @Test
        void returnsTheApproval() {
            FinancialRequest request = request();
            Authorization answer = link.authorize(request, Duration.ofSeconds(2));
            assertThat(answer).isInstanceOfSatisfying(Authorization.Answered.class, a -> {
                assertThat(a.response().responseCode()).isEqualTo(IsoResponseCode.APPROVED);
                assertThat(a.response().stan()).isEqualTo(request.stan());
                assertThat(a.response().authorizationCode()).hasSize(6);
            });
        }

        @Test
        void returnsTheDecline() {
            hub.script(Reply.DECLINE_INSUFFICIENT_FUNDS);
            assertThat(link.authorize(request(), Duration.ofSeconds(2)))
                    .isInstanceOfSatisfying(Authorization.Answered.class, a -> assertThat(a.response().responseCode())
                            .isEqualTo(IsoResponseCode.NOT_SUFFICIENT_FUNDS));
        }

        @Test
        void timesOutWhenTheHostIsSilentAndIgnoresTheLateAnswer() {
            hub.lateDelay(Duration.ofMillis(600)).script(Reply.APPROVE_LATE);
            FinancialRequest request = request();
            assertThat(link.authorize(request, SHORT)).isInstanceOf(Authorization.TimedOut.class);
            // the late 0210 arrives after the requester gave up; the next exchange is not confused by it
            FinancialRequest next = request();
            Authorization answer = link.authorize(next, Duration.ofSeconds(2));
            assertThat(answer).isInstanceOfSatisfying(Authorization.Answered.class,
                    a -> assertThat(a.response().stan()).isEqualTo(next.stan()));
        }

        @Test
        void treatsADroppedConnectionAsUnansweredAndReconnects() {
            hub.script(Reply.DROP_CONNECTION);
            assertThat(link.authorize(request(), Duration.ofSeconds(2))).isInstanceOf(Authorization.TimedOut.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> hub.signOns() == 2 && link.isSignedOn());
            assertThat(link.authorize(request(), Duration.ofSeconds(2))).isInstanceOf(Authorization.Answered.class);
            assertThat(hub.connections()).isEqualTo(2);
        }

        @Test
        void doesNotSendWhenTheHubIsDown() {
            hub.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> !link.isSignedOn());
            IsoHostLink offline = new IsoHostLink(new IsoHostLink.Settings("127.0.0.1", hub.port(), "ITM00101",
                    "BR001", KEY, Duration.ofMillis(200), Duration.ofMillis(50), Duration.ofMillis(200)),
                    stans::incrementAndGet, Clock.systemUTC());
            offline.start();
            try {
                assertThat(offline.authorize(request(), SHORT)).isInstanceOf(Authorization.NotSent.class);
            } finally {
                offline.close();
            }
        }
    }

    @Nested
    class Reverse {

        @Test
        void getsThe0430() {
            FinancialRequest request = request();
            ReversalAdvice advice = ReversalAdvice.full(request, stans.incrementAndGet(),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS));
            assertThat(link.reverse(advice, Duration.ofSeconds(2))).contains(IsoResponseCode.APPROVED);
            assertThat(hub.reversalAdvices()).containsExactly(advice);
        }

        @Test
        void returnsEmptyWhenThe0430IsLost() {
            hub.ignoreReversals(1);
            ReversalAdvice advice = ReversalAdvice.full(request(), stans.incrementAndGet(),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS));
            assertThat(link.reverse(advice, SHORT)).isEmpty();
        }
    }
}
