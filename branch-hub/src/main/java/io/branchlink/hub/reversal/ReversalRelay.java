package io.branchlink.hub.reversal;

import io.branchlink.hub.channel.ChannelClient;
import io.branchlink.hub.channel.ChannelDecision;
import io.branchlink.hub.channel.ChannelUnavailableException;
import io.branchlink.hub.reversal.internal.AdviceStore;
import io.branchlink.hub.reversal.internal.ReversalStore;
import io.branchlink.protocol.money.Money;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays the reversals the hub's terminals hand it (and those the hub owes for a 0200 whose outcome it does not know),
 * and their deposit advices (0220), on to channel-api: queued durably at once, then forwarded until each is decided,
 * backing off per message (doubling from {@code first-retry} up to {@code max-retry}). A decision of any kind ends a
 * reversal or an advice; only an unreachable or failing channel-api keeps it queued. An advice is sent as a deposit
 * with {@code advice: true} on its original 0200's key. The terminal, told {@code 91} while channel-api was away,
 * keeps repeating its own 0220, so a refusal that comes only now reaches it on the next repeat (channel-api answers
 * the same key the same way); the relay logs and counts it ({@code branchlink_hub_advices_total{outcome="refused"}}). Not to be confused with the ITM agent's {@code ReversalForwarder}, which sends a terminal's
 * journaled reversals and advices to the hub.
 *
 * @see io.branchlink.hub.iso8583.IsoServerIntegrationTests
 */
public class ReversalRelay {

    private static final Logger log = LoggerFactory.getLogger(ReversalRelay.class);

    private final ReversalStore store;
    private final AdviceStore advices;
    private final MeterRegistry meters;
    private final ChannelClient channel;
    private final ReversalProperties properties;
    private final Clock clock;
    private final Map<String, Backoff> backoff = new ConcurrentHashMap<>();

    ReversalRelay(ReversalStore store, AdviceStore advices, ChannelClient channel, ReversalProperties properties,
            Clock clock, MeterRegistry meters) {
        this.store = store;
        this.advices = advices;
        this.meters = meters;
        meters.gauge("branchlink.hub.advices.pending", advices, s -> s.pending().size());
        this.channel = channel;
        this.properties = properties;
        this.clock = clock;
        meters.gauge("branchlink.hub.reversals.pending", store, s -> s.pending().size());
    }

    /** Stores the reversal durably; it is forwarded on the next poll. */
    public void queue(PendingReversal reversal) {
        store.save(reversal);
        log.info("reversal queued key={} reason={} completedMinor={}", key(reversal), reversal.reason(),
                reversal.completedMinor());
    }

    /** The reversals not yet decided by channel-api, oldest first. */
    public List<PendingReversal> pending() {
        return store.pending();
    }

    /** Stores the advice durably (a repeat replaces itself); it is forwarded on the next poll if not decided first. */
    public void queueAdvice(PendingAdvice advice) {
        advices.save(advice);
        log.info("advice queued key={} keptMinor={}", key(advice), advice.keptMinor());
    }

    /** The advices not yet decided by channel-api, oldest first. */
    public List<PendingAdvice> pendingAdvices() {
        return advices.pending();
    }

    /**
     * Forwards a queued advice now: channel-api's decision (and the advice leaves the queue), or empty when channel-api
     * cannot be reached (it stays queued for the relay).
     */
    public Optional<ChannelDecision> forwardAdvice(PendingAdvice advice) {
        try {
            ChannelDecision decision = channel.deposit(advice.token(), advice.terminalId(), advice.originalStan(),
                    advice.originalTransmittedAt(), Money.ofMinor(advice.keptMinor(), advice.currency()),
                    advice.rrn(), true);
            advices.remove(advice);
            backoff.remove(adviceKey(advice));
            String outcome = !decision.irc().success() ? "refused" : decision.replayed() ? "duplicate" : "credited";
            meters.counter("branchlink.hub.advices", "outcome", outcome).increment();
            log.info("advice forwarded key={} irc={} replayed={}", key(advice), decision.irc(), decision.replayed());
            return Optional.of(decision);
        } catch (ChannelUnavailableException e) {
            return Optional.empty();
        }
    }

    /**
     * Forwards every reversal and advice whose backoff has passed; called by the {@code hub.reversal.forward} route.
     */
    public synchronized int forwardDue() {
        int forwarded = forwardDueAdvices();
        Instant now = clock.instant();
        for (PendingReversal reversal : store.pending()) {
            Backoff wait = backoff.get(ReversalStore.fileName(reversal));
            if (wait != null && now.isBefore(wait.next())) {
                continue;
            }
            try {
                ChannelDecision decision = channel.reverse(reversal.kind(), reversal.terminalId(),
                        reversal.originalStan(), reversal.originalTransmittedAt(),
                        Money.ofMinor(reversal.completedMinor(), reversal.currency()));
                store.remove(reversal);
                backoff.remove(ReversalStore.fileName(reversal));
                forwarded++;
                log.info("reversal forwarded key={} irc={} replayed={}", key(reversal), decision.irc(),
                        decision.replayed());
            } catch (ChannelUnavailableException e) {
                Duration delay = wait == null ? properties.firstRetry() : min(wait.delay().multipliedBy(2));
                backoff.put(ReversalStore.fileName(reversal), new Backoff(now.plus(delay), delay));
                log.warn("reversal still pending key={} retryIn={}", key(reversal), delay);
            }
        }
        return forwarded;
    }

    private int forwardDueAdvices() {
        int forwarded = 0;
        Instant now = clock.instant();
        for (PendingAdvice advice : advices.pending()) {
            Backoff wait = backoff.get(adviceKey(advice));
            if (wait != null && now.isBefore(wait.next())) {
                continue;
            }
            Optional<ChannelDecision> decision = forwardAdvice(advice);
            if (decision.isPresent()) {
                forwarded++;
                if (!decision.get().irc().success()) {
                    log.info("advice refused key={} irc={} keptMinor={}: the terminal gets the refusal when it repeats "
                            + "its 0220 and records the notes as an exception", key(advice), decision.get().irc(),
                            advice.keptMinor());
                }
            } else {
                Duration delay = wait == null ? properties.firstRetry() : min(wait.delay().multipliedBy(2));
                backoff.put(adviceKey(advice), new Backoff(now.plus(delay), delay));
                log.warn("advice still pending key={} retryIn={}", key(advice), delay);
            }
        }
        return forwarded;
    }

    private static String adviceKey(PendingAdvice advice) {
        return "advice:" + AdviceStore.fileName(advice);
    }

    private static String key(PendingAdvice advice) {
        return advice.terminalId() + ":" + String.format("%06d", advice.originalStan());
    }

    private Duration min(Duration delay) {
        return delay.compareTo(properties.maxRetry()) > 0 ? properties.maxRetry() : delay;
    }

    private static String key(PendingReversal reversal) {
        return reversal.terminalId() + ":" + String.format("%06d", reversal.originalStan());
    }

    private record Backoff(Instant next, Duration delay) {
    }
}
