package io.branchlink.channel.risk.internal;

import io.branchlink.channel.risk.RiskEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The replay at start, folded key by key. Folding events in the order they happened touches the states of six keys
 * scattered over gigabytes for every event, and waits on memory most of the time. A key's state depends only on its
 * own events in the order they happened (the trust state on its customer's), so the replay reads events into a chunk
 * held column by column, then folds the chunk one key at a time, all of that key's events in a row while its state
 * is in the processor's cache: the same state as {@link FeatureState#record} event by event
 * ({@link RiskReplayFoldProperties}). The parts of the state ({@link FeatureState#PARTS}) fold on threads of their
 * own, while the reading thread fills the next chunk.
 *
 * <p>Not thread-safe: one thread calls {@link #add} and {@link #finish}.
 */
final class ReplayFold implements AutoCloseable {

    /** Events a chunk holds at most: 42 bytes each, two chunks at a time (one read, one folded). */
    static final int CHUNK = 4_000_000;

    private static final int ENTITIES = Entity.ALL.length;

    private final FeatureState state;
    private final int chunkSize;
    private final ExecutorService parts;
    private final List<Future<?>> folding = new ArrayList<>();
    private Chunk reading;
    private Chunk spare;
    private long events;

    ReplayFold(FeatureState state) {
        this(state, CHUNK);
    }

    ReplayFold(FeatureState state, int chunkSize) {
        this.state = state;
        this.chunkSize = chunkSize;
        AtomicInteger threads = new AtomicInteger();
        this.parts = Executors.newFixedThreadPool(FeatureState.PARTS, task -> {
            Thread thread = new Thread(task, "risk-replay-fold-" + threads.getAndIncrement());
            thread.setDaemon(true);
            return thread;
        });
        this.reading = new Chunk();
    }

    /** Takes the next event, in the order they happened; folds the chunk once it is full. */
    void add(RiskEvent event) {
        reading.add(event);
        events++;
        if (reading.size == chunkSize) {
            foldReading();
        }
    }

    /** Folds what is left and waits for every part; returns how many events were folded. */
    long finish() {
        foldReading();
        awaitFolding();
        return events;
    }

    @Override
    public void close() {
        parts.shutdownNow();
    }

    private void foldReading() {
        awaitFolding();
        Chunk chunk = reading;
        chunk.seal();
        for (int part = 0; part < FeatureState.PARTS; part++) {
            int folded = part;
            folding.add(parts.submit(() -> chunk.fold(folded)));
        }
        reading = spare == null ? new Chunk() : spare.clear();
        spare = chunk;
    }

    private void awaitFolding() {
        try {
            for (Future<?> part : folding) {
                part.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("risk replay interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("risk replay failed while folding", e.getCause());
        } finally {
            folding.clear();
        }
    }

    /**
     * Events column by column: time, amount, filters, and per entity the chunk's own number of the key's state
     * (-1 for none), numbered in the order first met, with the states, their keys and the keys' hash codes by number.
     */
    private final class Chunk {

        private int size;
        private long[] at = new long[1024];
        private long[] cents = new long[1024];
        private byte[] action = new byte[1024];
        private byte[] channel = new byte[1024];
        private final int[][] key = new int[ENTITIES][1024];
        @SuppressWarnings("unchecked")
        private final List<EntityState>[] states = new List[ENTITIES];
        // the chunk's numbers by id (FeatureState.id): a key met before in the chunk is not named or looked up again
        @SuppressWarnings("unchecked")
        private final Map<Object, Integer>[] numbers = new Map[ENTITIES];
        // made when the chunk is complete (sealed), read by the parts
        private final String[][] names = new String[ENTITIES][];
        private final int[][] hashes = new int[ENTITIES][];

        Chunk() {
            for (int e = 0; e < ENTITIES; e++) {
                states[e] = new ArrayList<>();
                numbers[e] = new HashMap<>();
            }
        }

        Chunk clear() {
            size = 0;
            for (int e = 0; e < ENTITIES; e++) {
                states[e].clear();
                numbers[e].clear();
            }
            return this;
        }

        void add(RiskEvent event) {
            if (size == at.length) {
                int grown = Math.min(chunkSize, size * 2);
                at = Arrays.copyOf(at, grown);
                cents = Arrays.copyOf(cents, grown);
                action = Arrays.copyOf(action, grown);
                channel = Arrays.copyOf(channel, grown);
                for (int e = 0; e < ENTITIES; e++) {
                    key[e] = Arrays.copyOf(key[e], grown);
                }
            }
            at[size] = event.occurredAt().toEpochMilli();
            cents[size] = FeatureState.cents(event.amount());
            action[size] = (byte) Filter.of(event.action());
            channel[size] = (byte) Filter.of(event.channel());
            for (Entity entity : Entity.ALL) {
                Object id = FeatureState.id(entity, event.customerId(), event.deviceId(), event.accountId(),
                        event.counterparty(), event.location());
                key[entity.ordinal()][size] = id == null ? -1 : number(entity, id);
            }
            size++;
        }

        private int number(Entity entity, Object id) {
            int e = entity.ordinal();
            Integer number = numbers[e].get(id);
            if (number == null) {
                number = states[e].size();
                states[e].add(state.state(entity, id.toString()));
                numbers[e].put(id, number);
            }
            return number;
        }

        /** The keys' own strings and hash codes by number, once the chunk is complete and before the parts fold it. */
        void seal() {
            for (int e = 0; e < ENTITIES; e++) {
                int count = states[e].size();
                names[e] = new String[count];
                hashes[e] = new int[count];
                for (int n = 0; n < count; n++) {
                    names[e][n] = states[e].get(n).key;
                    hashes[e][n] = names[e][n].hashCode();
                }
            }
        }

        /** Folds this chunk into the entities of one part, key by key, each key's events in the order they happened. */
        void fold(int part) {
            String[] keys = new String[ENTITIES];
            int[] keyHashes = new int[ENTITIES];
            int[] filters = new int[3];
            int[] buckets = new int[Window.ALL.length];
            for (Entity entity : Entity.ALL) {
                if (FeatureState.part(entity) != part) {
                    continue;
                }
                int e = entity.ordinal();
                Entity[] paired = entity == Entity.CUSTOMER ? Entity.ALL : state.paired(entity);
                int keyCount = states[e].size();
                // a stable counting sort of the events by key: each key's events stay in the order they happened
                int[] start = new int[keyCount + 1];
                for (int i = 0; i < size; i++) {
                    if (key[e][i] >= 0) {
                        start[key[e][i] + 1]++;
                    }
                }
                for (int k = 0; k < keyCount; k++) {
                    start[k + 1] += start[k];
                }
                int[] order = new int[start[keyCount]];
                int[] next = Arrays.copyOf(start, keyCount);
                for (int i = 0; i < size; i++) {
                    if (key[e][i] >= 0) {
                        order[next[key[e][i]]++] = i;
                    }
                }
                for (int k = 0; k < keyCount; k++) {
                    EntityState keyState = states[e].get(k);
                    for (int j = start[k]; j < start[k + 1]; j++) {
                        int i = order[j];
                        // the keys the pairings (and, for a customer, the trust state) read
                        for (Entity other : paired) {
                            int number = key[other.ordinal()][i];
                            keys[other.ordinal()] = number < 0 ? null : names[other.ordinal()][number];
                            keyHashes[other.ordinal()] = number < 0 ? 0 : hashes[other.ordinal()][number];
                        }
                        filters[1] = action[i];
                        filters[2] = channel[i];
                        state.add(keyState, entity, at[i], Window.buckets(at[i], buckets), cents[i], filters, keys,
                                keyHashes);
                        if (entity == Entity.CUSTOMER) {
                            state.recordTrust(keys, at[i]);
                        }
                    }
                }
            }
        }
    }
}
