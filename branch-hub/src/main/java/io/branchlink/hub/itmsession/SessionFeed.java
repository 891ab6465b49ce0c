package io.branchlink.hub.itmsession;

import io.branchlink.hub.channel.ChannelClient;
import io.branchlink.hub.device.DeviceCommands;
import io.branchlink.hub.device.DeviceRecord;
import io.branchlink.hub.device.DeviceReported;
import io.branchlink.hub.device.Devices;
import io.branchlink.protocol.hubapi.ItmAuthorisation;
import io.branchlink.protocol.hubapi.ItmSessionFeed;
import io.branchlink.protocol.mqtt.AuthoriseSession;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Service;

/**
 * One turn of the ITM session loop: a long poll of channel-api's ITM session feed after the cursor, each
 * authorisation sent to its ITM as an {@link AuthoriseSession} command (and the ITM given a new code in place of the
 * claimed one), then the cursor moved. The cursor is kept in
 * memory: after a restart the hub asks from 0, and channel-api answers only the authorisations whose tokens can
 * still be used, which the hub sends again (the ITM acts once per session id). An authorisation for an ITM the
 * registry does not show online (as after a restart of the hub and its embedded broker, before the ITM has
 * reconnected) waits here and is sent when the ITM reports itself online, so it is not published to nobody; one whose
 * token expired meanwhile is dropped, and channel-api releases its hold. A failure is logged and the next turns are
 * skipped for a doubling pause; nothing is thrown, so the loop never dies.
 *
 * @see io.branchlink.hub.itmsession.ItmSessionsIntegrationTests
 */
@Service
class SessionFeed implements ApplicationListener<ContextClosedEvent>, Ordered {

    private static final Logger log = LoggerFactory.getLogger(SessionFeed.class);

    private final ChannelClient channel;
    private final DeviceCommands commands;
    private final Devices devices;
    private final SessionCodes codes;
    private final ItmSessionProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;
    private final AtomicLong cursor = new AtomicLong();
    private final Map<String, Instant> sent = new ConcurrentHashMap<>();
    /** Authorisations for ITMs not online yet, by session id. */
    private final Map<String, ItmAuthorisation> waiting = new ConcurrentHashMap<>();
    private volatile Instant pausedUntil = Instant.EPOCH;
    private volatile Duration pause = Duration.ZERO;
    private volatile boolean stopping;
    private volatile Thread polling;

    SessionFeed(ChannelClient channel, DeviceCommands commands, Devices devices, SessionCodes codes,
            ItmSessionProperties properties, MeterRegistry meters, Clock clock) {
        this.channel = channel;
        this.commands = commands;
        this.devices = devices;
        this.codes = codes;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
    }

    /** @return how many authorisations were sent to ITMs (0 while pausing after a failure) */
    int pollOnce() {
        if (stopping || clock.instant().isBefore(pausedUntil)) {
            return 0;
        }
        long after = cursor.get();
        ItmSessionFeed page;
        polling = Thread.currentThread();
        try {
            page = channel.itmSessionFeed(after, Math.max(0, Math.min(30, properties.waitSeconds())));
        } catch (RuntimeException e) {
            if (!stopping) {
                failed(e);
            }
            return 0;
        } finally {
            polling = null;
            if (stopping) {
                Thread.interrupted();
            }
        }
        int delivered = 0;
        try {
            for (ItmAuthorisation authorisation : page.events()) {
                if (authorisation.seq() > after && sent.putIfAbsent(authorisation.sessionId(),
                        authorisation.expiresAt()) == null) {
                    if (online(authorisation.terminalId())) {
                        deliver(authorisation);
                        delivered++;
                    } else {
                        waiting.put(authorisation.sessionId(), authorisation);
                        log.info("itm-session.waiting terminal={} session={} reason=ITM_NOT_ONLINE",
                                authorisation.terminalId(), authorisation.sessionId().substring(0, 8));
                    }
                }
                cursor.accumulateAndGet(authorisation.seq(), Math::max);
            }
            cursor.accumulateAndGet(page.last(), Math::max);
        } catch (RuntimeException e) {
            failed(e);
            return delivered;
        }
        sent.values().removeIf(expiry -> expiry.isBefore(clock.instant().minus(Duration.ofMinutes(5))));
        pause = Duration.ZERO;
        return delivered + deliverWaiting(null);
    }

    /** An ITM that reports itself online gets the authorisations that waited for it. */
    @EventListener
    void onDeviceReported(DeviceReported reported) {
        if (!waiting.isEmpty() && online(reported.deviceId())) {
            deliverWaiting(reported.deviceId());
        }
    }

    /** Authorisations waiting for an ITM not online yet (tests and monitoring). */
    int waiting() {
        return waiting.size();
    }

    /**
     * Sends the waiting authorisations of {@code terminalId} (of every terminal when {@code null}) whose ITM is online
     * now, and drops those whose token expired.
     */
    private int deliverWaiting(String terminalId) {
        int delivered = 0;
        Instant now = clock.instant();
        for (ItmAuthorisation authorisation : waiting.values()) {
            if (terminalId != null && !terminalId.equals(authorisation.terminalId())) {
                continue;
            }
            if (!authorisation.expiresAt().isAfter(now)) {
                if (waiting.remove(authorisation.sessionId(), authorisation)) {
                    meters.counter("branchlink.hub.itm_sessions.expired_waiting").increment();
                    log.info("itm-session.dropped terminal={} session={} reason=EXPIRED_WHILE_ITM_OFFLINE",
                            authorisation.terminalId(), authorisation.sessionId().substring(0, 8));
                }
            } else if (online(authorisation.terminalId()) && waiting.remove(authorisation.sessionId(), authorisation)) {
                try {
                    deliver(authorisation);
                    delivered++;
                } catch (RuntimeException e) {
                    waiting.put(authorisation.sessionId(), authorisation);
                    log.warn("itm-session.deliver failed terminal={} reason={}", authorisation.terminalId(),
                            e.getClass().getSimpleName());
                }
            }
        }
        return delivered;
    }

    private boolean online(String terminalId) {
        return devices.find(terminalId).map(DeviceRecord::online).orElse(false);
    }

    long cursor() {
        return cursor.get();
    }

    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        stopping = true;
        Thread thread = polling;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    private void deliver(ItmAuthorisation authorisation) {
        try {
            commands.send(authorisation.terminalId(), AuthoriseSession.of(UUID.randomUUID().toString(),
                    authorisation.sessionId(), authorisation.kind(), authorisation.amount(), authorisation.currency(),
                    authorisation.token(), authorisation.expiresAt(), clock.instant()));
            meters.counter("branchlink.hub.itm_sessions.authorisations", "kind", authorisation.kind()).increment();
            log.info("itm-session.authorised seq={} terminal={} kind={} session={}", authorisation.seq(),
                    authorisation.terminalId(), authorisation.kind(), authorisation.sessionId().substring(0, 8));
        } catch (RuntimeException e) {
            sent.remove(authorisation.sessionId());
            throw e;
        }
        codes.claimed(authorisation.terminalId(), authorisation.sessionId());
    }

    private void failed(RuntimeException e) {
        pause = pause.isZero() ? properties.firstRetry()
                : (pause.multipliedBy(2).compareTo(properties.maxRetry()) <= 0 ? pause.multipliedBy(2)
                        : properties.maxRetry());
        pausedUntil = clock.instant().plus(pause);
        log.warn("itm-session.feed failed reason=\"{}\" retryIn={}", e.getClass().getSimpleName()
                + (e.getCause() == null ? "" : "/" + e.getCause().getClass().getSimpleName()), pause);
    }
}
