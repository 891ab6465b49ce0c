package io.branchlink.channel.risk.internal;

import java.util.Arrays;

/**
 * Which keys of the other entities one entity key was seen with, and when first and last: one open-addressing
 * table over (entity, key) in flat arrays, about 30 bytes a pairing (the key strings are the state's own, shared).
 * A pairing last seen longer ago than the longest window is not known to any reading ({@link #firstSeen} takes the
 * time of the reading), so when it is dropped does not change a feature: the table drops such pairings when it would
 * otherwise have to grow, which costs nothing between growths. Not thread-safe; {@link EntityState} guards it.
 */
final class Pairings {

    private String[] keys = new String[4];
    private byte[] entities = new byte[4];
    private long[] first = new long[4];
    private long[] last = new long[4];
    private final int[] sizes = new int[Entity.ALL.length];
    private int size;

    /**
     * Notes that the key was seen with {@code key} of {@code entity} at {@code at}; {@code hash} is
     * {@code key.hashCode()}, passed so that the replay need not reach for the key's string.
     */
    void seen(Entity entity, String key, int hash, long at) {
        int slot = slot(entity, key, hash);
        if (keys[slot] != null) {
            if (last[slot] <= at - Window.LONGEST.millis) {
                // seen again after longer than the longest window: as if new, whether or not it had been dropped
                first[slot] = at;
            }
            first[slot] = Math.min(first[slot], at);
            last[slot] = Math.max(last[slot], at);
            return;
        }
        if ((size + 1) * 4 > keys.length * 3) {
            long cutoff = at - Window.LONGEST.millis;
            int kept = 0;
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] != null && last[i] > cutoff) {
                    kept++;
                }
            }
            // grow unless forgetting leaves the table at most half full, so the next rebuild is as far away again
            rehash((kept + 1) * 2 > keys.length ? keys.length * 2 : keys.length, cutoff);
            slot = slot(entity, key, hash);
        }
        keys[slot] = key;
        entities[slot] = (byte) entity.ordinal();
        first[slot] = at;
        last[slot] = at;
        size++;
        sizes[entity.ordinal()]++;
    }

    /** How many keys of {@code entity} were last seen in {@code (from, to]}. */
    int lastSeenIn(Entity entity, long from, long to) {
        if (sizes[entity.ordinal()] == 0) {
            return 0;
        }
        byte wanted = (byte) entity.ordinal();
        int n = 0;
        for (int slot = 0; slot < keys.length; slot++) {
            if (keys[slot] != null && entities[slot] == wanted && last[slot] > from && last[slot] <= to) {
                n++;
            }
        }
        return n;
    }

    /**
     * When {@code key} of {@code entity} was first seen, or {@link Long#MIN_VALUE} if never or if it was last seen
     * at or before {@code now} minus the longest window.
     */
    long firstSeen(Entity entity, String key, long now) {
        if (sizes[entity.ordinal()] == 0) {
            return Long.MIN_VALUE;
        }
        int slot = slot(entity, key);
        return keys[slot] == null || last[slot] <= now - Window.LONGEST.millis ? Long.MIN_VALUE : first[slot];
    }

    /** When {@code key} of {@code entity} was last seen, or {@link Long#MIN_VALUE}. */
    long lastSeen(Entity entity, String key) {
        if (sizes[entity.ordinal()] == 0) {
            return Long.MIN_VALUE;
        }
        int slot = slot(entity, key);
        return keys[slot] == null ? Long.MIN_VALUE : last[slot];
    }

    private int slot(Entity entity, String key) {
        return slot(entity, key, key.hashCode());
    }

    private int slot(Entity entity, String key, int keyHash) {
        int mask = keys.length - 1;
        int hash = (keyHash * 31 + entity.ordinal()) * 0x9E3779B9;
        int slot = (hash ^ hash >>> 16) & mask;
        // keys are the states' own instances, so the identity test nearly always decides
        while (keys[slot] != null
                && (entities[slot] != entity.ordinal() || keys[slot] != key && !keys[slot].equals(key))) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    /** Rebuilds the table at {@code capacity}, without the pairings last seen at or before {@code cutoff}. */
    private void rehash(int capacity, long cutoff) {
        String[] oldKeys = keys;
        byte[] oldEntities = entities;
        long[] oldFirst = first;
        long[] oldLast = last;
        keys = new String[capacity];
        entities = new byte[capacity];
        first = new long[capacity];
        last = new long[capacity];
        size = 0;
        Arrays.fill(sizes, 0);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] == null || oldLast[i] <= cutoff) {
                continue;
            }
            Entity entity = Entity.ALL[oldEntities[i]];
            int slot = slot(entity, oldKeys[i]);
            keys[slot] = oldKeys[i];
            entities[slot] = oldEntities[i];
            first[slot] = oldFirst[i];
            last[slot] = oldLast[i];
            size++;
            sizes[entity.ordinal()]++;
        }
    }
}
