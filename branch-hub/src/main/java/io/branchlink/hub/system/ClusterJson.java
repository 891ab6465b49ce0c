package io.branchlink.hub.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import com.hazelcast.ringbuffer.Ringbuffer;
import com.hazelcast.ringbuffer.StaleSequenceException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * How the hub stores records in the cluster: as JSON ({@link HazelcastJsonValue}), so that nodes of different
 * versions read each other's entries (unknown properties are ignored, instants are ISO-8601 text) and maps can be
 * queried; and how an entry is changed when several nodes may change it at once (compare-and-set, retried).
 */
public final class ClusterJson {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    private ClusterJson() {
    }

    public static HazelcastJsonValue write(Object value) {
        try {
            return new HazelcastJsonValue(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    public static <T> T read(HazelcastJsonValue value, Class<T> type) {
        try {
            return JSON.readValue(value.getValue(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable " + type.getSimpleName(), e);
        }
    }

    /**
     * Applies {@code change} to the record at {@code key} (or to {@code absent} when there is none) and stores the
     * result with compare-and-set, reading again and retrying when another node changed the entry meanwhile. A
     * change that returns the very record it was given stores nothing.
     *
     * @return the record as stored, or as found when the change stored nothing
     * @throws IllegalStateException when the entry changed under every one of {@code attempts} tries
     */
    public static <T> T update(IMap<String, HazelcastJsonValue> map, String key, Class<T> type, Supplier<T> absent,
            UnaryOperator<T> change, int attempts) {
        for (int attempt = 0; attempt < attempts; attempt++) {
            HazelcastJsonValue stored = map.get(key);
            T current = stored == null ? absent.get() : read(stored, type);
            T next = change.apply(current);
            if (next == current) {
                return current;
            }
            HazelcastJsonValue written = write(next);
            boolean saved = stored == null ? map.putIfAbsent(key, written) == null
                    : map.replace(key, stored, written);
            if (saved) {
                return next;
            }
        }
        throw new IllegalStateException(type.getSimpleName() + " " + key + " in " + map.getName() + " changed "
                + attempts + " times while being updated");
    }

    /**
     * The latest {@code limit} (at least one) records of a ring buffer of JSON texts, newest first; a record overwritten
     * while it is read ends the list there.
     */
    public static <T> List<T> latest(Ringbuffer<String> records, int limit, Class<T> type) {
        long tail = records.tailSequence();
        long from = Math.max(records.headSequence(), tail - Math.max(1, limit) + 1);
        List<T> latest = new ArrayList<>();
        for (long sequence = tail; sequence >= from && sequence >= 0; sequence--) {
            try {
                latest.add(read(new HazelcastJsonValue(records.readOne(sequence)), type));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (StaleSequenceException e) {
                break;
            }
        }
        return latest;
    }
}
