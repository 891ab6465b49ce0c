package io.branchlink.hub.fleet;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.branchlink.hub.device.Devices;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The dashboard's live updates: one Server-Sent Events stream per open page, at most {@code max-streams} on this
 * node. A change to any device's registry entry or history, made on any hub node, reaches this node as a Hazelcast
 * entry event; the device's new {@link FleetDevice} is then sent to every stream as a {@code device} event. Each
 * stream starts with a {@code hello} event; all are completed when the application context closes, so a graceful
 * shutdown does not wait for open pages.
 *
 * @see io.branchlink.hub.fleet.FleetIntegrationTests
 */
@Component
class FleetStreams implements DisposableBean {

    static final String DEVICE_EVENT = "device";
    /** The first event of every stream. */
    static final String OPEN_EVENT = "hello";
    private static final Logger log = LoggerFactory.getLogger(FleetStreams.class);

    private final FleetViews views;
    private final FleetProperties properties;
    private final Set<SseEmitter> streams = ConcurrentHashMap.newKeySet();
    private final AtomicInteger open = new AtomicInteger();
    /** Views are built off Hazelcast's event threads, one change after another. */
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "fleet-streams");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Registration> registrations;

    FleetStreams(FleetViews views, FleetProperties properties, HazelcastInstance hazelcast) {
        this.views = views;
        this.properties = properties;
        this.registrations = List.of(listen(hazelcast.getMap(Devices.MAP)),
                listen(hazelcast.getMap(FleetHistory.MAP)));
    }

    /** A new stream, or empty when this node already serves {@code max-streams}. */
    Optional<SseEmitter> open(String operatorId) {
        if (open.incrementAndGet() > properties.maxStreams()) {
            open.decrementAndGet();
            log.warn("fleet.stream refused operator={} open={} max={}", operatorId, open.get(),
                    properties.maxStreams());
            return Optional.empty();
        }
        SseEmitter stream = new SseEmitter(properties.streamTimeout().toMillis());
        Runnable closed = () -> {
            if (streams.remove(stream)) {
                open.decrementAndGet();
            }
        };
        stream.onCompletion(closed);
        stream.onTimeout(closed);
        stream.onError(error -> closed.run());
        try {
            // sent as soon as the response starts, so the client has the headers at once, not with the first change
            stream.send(SseEmitter.event().name(OPEN_EVENT).data("{}", MediaType.APPLICATION_JSON));
        } catch (IOException e) {
            closed.run();
            return Optional.empty();
        }
        streams.add(stream);
        log.info("fleet.stream opened operator={} open={}", operatorId, open.get());
        return Optional.of(stream);
    }

    int openStreams() {
        return open.get();
    }

    void changed(String deviceId) {
        if (streams.isEmpty()) {
            return;
        }
        try {
            sender.execute(() -> views.find(deviceId).ifPresent(this::sendToAll));
        } catch (RejectedExecutionException e) {
            log.debug("fleet.stream shut down, change of {} not sent", deviceId);
        }
    }

    private void sendToAll(FleetDevice device) {
        for (SseEmitter stream : streams) {
            try {
                stream.send(SseEmitter.event().name(DEVICE_EVENT).id(UUID.randomUUID().toString())
                        .data(device, MediaType.APPLICATION_JSON));
            } catch (IOException | IllegalStateException e) {
                stream.completeWithError(e);
                if (streams.remove(stream)) {
                    open.decrementAndGet();
                }
            }
        }
    }

    private Registration listen(IMap<String, HazelcastJsonValue> map) {
        Listener listener = new Listener();
        UUID id = map.addEntryListener(listener, false);
        return new Registration(map, id);
    }

    @EventListener(ContextClosedEvent.class)
    void closeStreams() {
        streams.forEach(SseEmitter::complete);
        streams.clear();
    }

    @Override
    public void destroy() {
        registrations.forEach(registration -> {
            try {
                registration.map().removeEntryListener(registration.id());
            } catch (RuntimeException e) {
                log.debug("fleet.stream listener not removed: {}", e.getClass().getName());
            }
        });
        sender.shutdownNow();
        streams.forEach(SseEmitter::complete);
    }

    private record Registration(IMap<String, HazelcastJsonValue> map, UUID id) {
    }

    private final class Listener implements EntryAddedListener<String, HazelcastJsonValue>,
            EntryUpdatedListener<String, HazelcastJsonValue> {

        @Override
        public void entryAdded(EntryEvent<String, HazelcastJsonValue> event) {
            changed(event.getKey());
        }

        @Override
        public void entryUpdated(EntryEvent<String, HazelcastJsonValue> event) {
            changed(event.getKey());
        }
    }
}
