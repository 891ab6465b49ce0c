package io.branchlink.hub.reversal;

import io.branchlink.hub.channel.ChannelClient;
import io.branchlink.hub.channel.ChannelDecision;
import io.branchlink.hub.channel.ChannelUnavailableException;
import io.branchlink.hub.reversal.internal.ReversalStore;
import io.branchlink.protocol.money.Money;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays the reversals the hub's terminals hand it (and those the hub owes for a 0200 whose outcome it does not know)
 * on to channel-api: queued durably at once, then forwarded until each is decided, backing off per reversal
 * (doubling from {@code first-retry} up to {@code max-retry}). A decision of any kind ends a reversal; only an
 * unreachable or failing channel-api keeps it queued. Not to be confused with the ITM agent's
 * {@code ReversalForwarder}, which sends a terminal's journaled reversals to the hub.
 *
 * @see io.branchlink.hub.iso8583.IsoServerIntegrationTests
 */
public class ReversalRelay {

    private static final Logger log = LoggerFactory.getLogger(ReversalRelay.class);

    private final ReversalStore store;
    private final ChannelClient channel;
    private final ReversalProperties properties;
    private final Clock clock;
    private final Map<String, Backoff> backoff = new ConcurrentHashMap<>();

    ReversalRelay(ReversalStore store, ChannelClient channel, ReversalProperties properties, Clock clock,
            MeterRegistry meters) {
        this.store = store;
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

    /** Forwards every reversal whose backoff has passed; called by the {@code hub.reversal.forward} route. */
    public synchronized int forwardDue() {
        int forwarded = 0;
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

    private Duration min(Duration delay) {
        return delay.compareTo(properties.maxRetry()) > 0 ? properties.maxRetry() : delay;
    }

    private static String key(PendingReversal reversal) {
        return reversal.terminalId() + ":" + String.format("%06d", reversal.originalStan());
    }

    private record Backoff(Instant next, Duration delay) {
    }
}
