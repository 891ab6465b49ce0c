package io.branchlink.hub.form;

import io.branchlink.hub.channel.ChannelClient;
import io.branchlink.hub.queue.TicketQueue;
import io.branchlink.protocol.hubapi.Feed;
import io.branchlink.protocol.hubapi.FeedEvent;
import io.branchlink.protocol.hubapi.FeedEventKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Service;

/**
 * One turn of the staging loop: a long poll of channel-api's feed after the cluster's cursor, each new event applied
 * in order (forms to {@link StagedForms}, queue tickets to {@link TicketQueue}), then the cursor moved. A failure is logged and the next turns are skipped for a
 * doubling pause (first-retry up to max-retry); nothing is thrown, so the loop never dies. Events at or before the
 * cursor are skipped, so an old {@code STAGED} never brings back a form that left.
 *
 * @see io.branchlink.hub.form.FormFeedIntegrationTests
 */
@Service
class FormFeed implements ApplicationListener<ContextClosedEvent>, Ordered {

    private static final Logger log = LoggerFactory.getLogger(FormFeed.class);

    private final ChannelClient channel;
    private final StagedForms forms;
    private final TicketQueue queue;
    private final FormProperties properties;
    private final Clock clock;
    private volatile Instant pausedUntil = Instant.EPOCH;
    private volatile Duration pause = Duration.ZERO;
    private volatile boolean stopping;
    private volatile Thread polling;

    FormFeed(ChannelClient channel, StagedForms forms, TicketQueue queue, FormProperties properties, Clock clock) {
        this.channel = channel;
        this.forms = forms;
        this.queue = queue;
        this.properties = properties;
        this.clock = clock;
    }

    /** @return how many events were applied (0 while pausing after a failure) */
    int pollOnce() {
        if (clock.instant().isBefore(pausedUntil)) {
            return 0;
        }
        long after = forms.cursor();
        Feed page;
        polling = Thread.currentThread();
        try {
            if (stopping) {
                return 0;
            }
            page = channel.formFeed(after, Math.max(0, Math.min(30, properties.waitSeconds())));
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
        if (stopping) {
            return 0;
        }
        int applied = 0;
        try {
            for (FeedEvent event : page.events()) {
                if (event.seq() <= after) {
                    continue;
                }
                apply(event);
                forms.advanceCursor(event.seq());
                applied++;
            }
            forms.advanceCursor(page.last());
        } catch (RuntimeException e) {
            failed(e);
            return applied;
        }
        if (!pause.isZero()) {
            log.info("form.feed recovered cursor={}", forms.cursor());
        }
        pause = Duration.ZERO;
        return applied;
    }

    /**
     * The hub is shutting down: the long poll held open at channel-api is abandoned (its thread interrupted), so
     * Camel's graceful shutdown does not wait out the poll. Runs before the Camel context stops.
     */
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

    private void apply(FeedEvent event) {
        if (event.is(FeedEventKind.STAGED)) {
            if (event.form() == null || event.form().tokenId() == null) {
                log.warn("form.feed event ignored seq={} kind=STAGED reason=NO_FORM", event.seq());
            } else {
                forms.stage(event.form());
            }
        } else if (event.is(FeedEventKind.WITHDRAWN)) {
            forms.remove(event.tokenId());
            log.info("form.withdrawn seq={}", event.seq());
        } else if (event.is(FeedEventKind.TICKET)) {
            if (event.ticket() == null || event.ticket().ticketId() == null) {
                log.warn("form.feed event ignored seq={} kind=TICKET reason=NO_TICKET", event.seq());
            } else {
                queue.issued(event.ticket());
            }
        } else {
            log.warn("form.feed event ignored seq={} kind={}", event.seq(), event.kind());
        }
    }

    private void failed(RuntimeException e) {
        pause = pause.isZero() ? properties.firstRetry() : min(pause.multipliedBy(2), properties.maxRetry());
        pausedUntil = clock.instant().plus(pause);
        log.warn("form.feed failed reason=\"{}\" retryIn={}", e.getClass().getSimpleName()
                + (e.getCause() == null ? "" : "/" + e.getCause().getClass().getSimpleName()), pause);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
