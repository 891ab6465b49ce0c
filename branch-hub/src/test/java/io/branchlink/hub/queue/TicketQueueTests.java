package io.branchlink.hub.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import io.branchlink.hub.support.TwoHubMembers;
import io.branchlink.protocol.hubapi.QueueTicket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The queue on a two-member hub cluster: what one node does, the other sees; two tellers never share a ticket. */
class TicketQueueTests {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final Instant NOW = Instant.parse("2026-12-08T02:00:00Z");

    private TwoHubMembers members;
    private TicketQueue nodeA;
    private TicketQueue nodeB;
    private SimpleMeterRegistry metersA;
    private SimpleMeterRegistry metersB;

    @BeforeEach
    void twoMembers() {
        members = TwoHubMembers.start("queue", 5961);
        metersA = new SimpleMeterRegistry();
        metersB = new SimpleMeterRegistry();
        nodeA = queue(members.first(), metersA, NOW);
        nodeB = queue(members.second(), metersB, NOW);
    }

    @AfterEach
    void shutdown() {
        members.close();
    }

    static TicketQueue queue(HazelcastInstance member, SimpleMeterRegistry meters, Instant now) {
        return new TicketQueue(member, Clock.fixed(now, ZoneOffset.UTC), new QueueProperties(ZONE,
                Duration.ofHours(36)), meters);
    }

    static QueueTicket ticket(int number, int forms) {
        return new QueueTicket(UUID.randomUUID().toString(), "BR001", LocalDate.ofInstant(NOW, ZONE), number,
                "c-" + number, "A.", "REMOTE", forms, NOW.minus(Duration.ofMinutes(10 - number)));
    }

    @Test
    void aTicketCalledOnOneNodeIsCalledOnTheOther() {
        QueueTicket first = ticket(1, 1);
        nodeA.issued(first);
        nodeA.issued(ticket(2, 0));

        Optional<QueuedTicket> called = nodeB.callNext("TLR00101");

        assertThat(called).map(QueuedTicket::label).contains("001");
        assertThat(nodeA.find(first.ticketId())).hasValueSatisfying(t -> {
            assertThat(t.status()).isEqualTo(QueuedTicket.CALLED);
            assertThat(t.terminalId()).isEqualTo("TLR00101");
        });
        assertThat(nodeA.calledAt("TLR00101")).map(QueuedTicket::ticketId).contains(first.ticketId());
        assertThat(metersB.timer(TicketQueue.WAIT).count()).isEqualTo(1);
        assertThat(metersB.timer(TicketQueue.WAIT).totalTime(java.util.concurrent.TimeUnit.SECONDS))
                .isEqualTo(9 * 60.0);
    }

    @Test
    void twoTellersOnTwoNodesNeverCallTheSameTicket() throws Exception {
        for (int n = 1; n <= 20; n++) {
            nodeA.issued(ticket(n, 0));
        }
        List<String> calledA = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> calledB = new java.util.concurrent.CopyOnWriteArrayList<>();

        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 10; i++) {
                nodeA.callNext("TLR00101").ifPresent(t -> calledA.add(t.ticketId()));
            }
        });
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 10; i++) {
                nodeB.callNext("TLR00102").ifPresent(t -> calledB.add(t.ticketId()));
            }
        });
        a.get();
        b.get();

        assertThat(calledA).doesNotContainAnyElementsOf(calledB);
        assertThat(calledA.size() + calledB.size()).isEqualTo(20);
        assertThat(nodeB.today()).extracting(QueuedTicket::status).doesNotContain(QueuedTicket.WAITING);
    }

    @Test
    void aTicketAppliedAgainKeepsItsPlaceAndStatusAndTakesTheNewFormsCount() {
        QueueTicket ticket = ticket(3, 1);
        nodeA.issued(ticket);
        nodeB.callNext("TLR00101");

        QueuedTicket again = nodeB.issued(new QueueTicket(ticket.ticketId(), ticket.branchId(),
                ticket.businessDate(), ticket.number(), ticket.customerId(), ticket.customerInitial(),
                ticket.source(), 2, ticket.issuedAt()));

        assertThat(again.status()).isEqualTo(QueuedTicket.CALLED);
        assertThat(again.formsStaged()).isEqualTo(2);
        assertThat(nodeA.today()).hasSize(1);
    }

    @Test
    void theSummaryCountsTodaysWaitsAndServices() {
        nodeA.issued(ticket(1, 0));
        nodeA.issued(ticket(2, 0));
        nodeA.issued(ticket(3, 0));
        QueuedTicket called = nodeA.callNext("TLR00101").orElseThrow();
        TicketQueue later = queue(members.second(), metersB, NOW.plus(Duration.ofMinutes(4)));
        later.done(called.ticketId(), "TLR00101");
        later.callNext("TLR00101");

        QueueSummary summary = later.summary();

        assertThat(summary.waiting()).isEqualTo(1);
        assertThat(summary.waited().count()).isEqualTo(2);
        // waited 9 min (ticket 1, called at NOW) and 12 min (ticket 2, called 4 min later)
        assertThat(summary.waited().medianSeconds()).isEqualTo(9 * 60L);
        assertThat(summary.waited().p90Seconds()).isEqualTo(12 * 60L);
        assertThat(summary.served().count()).isEqualTo(1);
        assertThat(summary.served().medianSeconds()).isEqualTo(4 * 60L);
        assertThat(metersB.timer(TicketQueue.SERVICE).count()).isEqualTo(1);
    }

    @Test
    void aTicketEndsOnlyAtTheTerminalItWasCalledTo() {
        QueueTicket ticket = ticket(1, 0);
        nodeA.issued(ticket);
        nodeA.callNext("TLR00101");

        assertThat(nodeB.done(ticket.ticketId(), "TLR00102")).isEmpty();
        assertThat(nodeB.done(ticket.ticketId(), "TLR00101")).isPresent();
        assertThat(nodeA.done(ticket.ticketId(), "TLR00101")).as("ended once").isEmpty();
    }
}
