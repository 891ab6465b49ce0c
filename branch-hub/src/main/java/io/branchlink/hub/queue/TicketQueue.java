package io.branchlink.hub.queue;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import io.branchlink.hub.system.ClusterJson;
import io.branchlink.protocol.hubapi.QueueTicket;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The branch's queue, shared by the hub cluster in {@code hub.queue.tickets} (key: ticket id; JSON entries that
 * live {@code branchlink.hub.queue.keep}; one synchronous backup). Every change is a compare-and-set
 * ({@link ClusterJson#update}), so two tellers calling at once on two nodes never get the same ticket. The wait
 * (issued → called) and the service (called → done) are recorded in the timers {@value #WAIT} and
 * {@value #SERVICE} on the node that saw the change.
 *
 * @see io.branchlink.hub.queue.TicketQueueTests
 */
@Service
public class TicketQueue {

    public static final String MAP = "hub.queue.tickets";
    static final String WAIT = "branchlink.hub.queue.wait";
    static final String SERVICE = "branchlink.hub.queue.service";
    private static final Logger log = LoggerFactory.getLogger(TicketQueue.class);

    private final IMap<String, HazelcastJsonValue> tickets;
    private final Clock clock;
    private final QueueProperties properties;
    private final Timer wait;
    private final Timer service;

    TicketQueue(HazelcastInstance hazelcast, Clock clock, QueueProperties properties, MeterRegistry meters) {
        this.tickets = hazelcast.getMap(MAP);
        this.clock = clock;
        this.properties = properties;
        this.wait = Timer.builder(WAIT).description("Queue ticket issued until called to a counter")
                .publishPercentiles(0.5, 0.9).register(meters);
        this.service = Timer.builder(SERVICE).description("Queue ticket called until done")
                .publishPercentiles(0.5, 0.9).register(meters);
    }

    /**
     * A ticket from channel-api's feed: a new one joins the queue as waiting; one already here keeps its place and
     * status and takes the new forms count. Applying the same event twice is harmless.
     */
    public QueuedTicket issued(QueueTicket ticket) {
        QueuedTicket stored = ClusterJson.update(tickets, ticket.ticketId(), QueuedTicket.class, () -> null,
                current -> current == null
                        ? new QueuedTicket(ticket.ticketId(), ticket.businessDate(), ticket.number(), ticket.label(),
                                ticket.customerId(), ticket.customerInitial(), ticket.source(), ticket.formsStaged(),
                                QueuedTicket.WAITING, ticket.issuedAt(), null, null, null)
                        : current.formsStaged() == ticket.formsStaged() ? current
                        : current.withForms(ticket.formsStaged()), 16);
        tickets.setTtl(ticket.ticketId(), properties.keep().toMillis(), TimeUnit.MILLISECONDS);
        log.info("queue.ticket number={} source={} forms={} status={}", stored.label(), stored.source(),
                stored.formsStaged(), stored.status());
        return stored;
    }

    public Optional<QueuedTicket> find(String ticketId) {
        return Optional.ofNullable(tickets.get(ticketId)).map(v -> ClusterJson.read(v, QueuedTicket.class));
    }

    /** Today's tickets (the branch's business day), by number. */
    public List<QueuedTicket> today() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), properties.zone());
        return tickets.values().stream().map(v -> ClusterJson.read(v, QueuedTicket.class))
                .filter(t -> today.equals(t.businessDate()))
                .sorted(Comparator.comparingInt(QueuedTicket::number))
                .toList();
    }

    /** The ticket the terminal called and has not ended. */
    public Optional<QueuedTicket> calledAt(String terminalId) {
        return today().stream().filter(t -> t.is(QueuedTicket.CALLED) && terminalId.equals(t.terminalId()))
                .findFirst();
    }

    /**
     * Calls the lowest waiting ticket of today to {@code terminalId}, ending first the ticket the terminal called
     * before (a teller serves one customer at a time). Each candidate is claimed with compare-and-set, so a ticket
     * another node called meanwhile is skipped.
     *
     * @return the called ticket, or empty when nobody is waiting
     */
    public Optional<QueuedTicket> callNext(String terminalId) {
        calledAt(terminalId).ifPresent(previous -> done(previous.ticketId(), terminalId));
        for (QueuedTicket candidate : today()) {
            if (!candidate.is(QueuedTicket.WAITING)) {
                continue;
            }
            Instant now = clock.instant();
            QueuedTicket result = ClusterJson.update(tickets, candidate.ticketId(), QueuedTicket.class, () -> null,
                    current -> current != null && current.is(QueuedTicket.WAITING)
                            ? current.called(terminalId, now) : current, 16);
            if (result != null && result.is(QueuedTicket.CALLED) && terminalId.equals(result.terminalId())
                    && now.equals(result.calledAt())) {
                wait.record(nonNegative(Duration.between(result.issuedAt(), now)));
                log.info("queue.called number={} terminal={}", result.label(), terminalId);
                return Optional.of(result);
            }
        }
        return Optional.empty();
    }

    /**
     * Ends a ticket called to {@code terminalId}.
     *
     * @return the ended ticket; empty when it is not a ticket called to this terminal (or it ended already)
     */
    public Optional<QueuedTicket> done(String ticketId, String terminalId) {
        if (find(ticketId).filter(t -> t.is(QueuedTicket.CALLED) && terminalId.equals(t.terminalId())).isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        QueuedTicket result = ClusterJson.update(tickets, ticketId, QueuedTicket.class, () -> null,
                current -> current != null && current.is(QueuedTicket.CALLED)
                        && terminalId.equals(current.terminalId()) ? current.done(now) : current, 16);
        if (result == null || !result.is(QueuedTicket.DONE) || !now.equals(result.doneAt())) {
            return Optional.empty();
        }
        service.record(nonNegative(Duration.between(result.calledAt(), now)));
        log.info("queue.done number={} terminal={}", result.label(), terminalId);
        return Optional.of(result);
    }

    /** Today's waits and services: count, median and 90th percentile, from the tickets in the cluster. */
    public QueueSummary summary() {
        List<QueuedTicket> today = today();
        return new QueueSummary(
                (int) today.stream().filter(t -> t.is(QueuedTicket.WAITING)).count(),
                QueueSummary.Durations.of(today.stream().filter(t -> t.calledAt() != null)
                        .map(t -> Duration.between(t.issuedAt(), t.calledAt())).toList()),
                QueueSummary.Durations.of(today.stream().filter(t -> t.doneAt() != null)
                        .map(t -> Duration.between(t.calledAt(), t.doneAt())).toList()));
    }

    private static Duration nonNegative(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
