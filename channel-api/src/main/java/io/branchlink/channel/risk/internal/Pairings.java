package io.branchlink.channel.risk.internal;

import java.util.Arrays;

/**
 * Which keys of the other entities one entity key was seen with, and when first and last: one open-addressing
 * table over (entity, key) in flat arrays, about 30 bytes a pairing (the key strings are the state's own, shared).
 * Pairings of an entity whose last time is at or before a cutoff can be dropped. Not thread-safe; {@link EntityState}
 * guards it.
 */
final class Pairings {

    private String[] keys = new String[4];
    private byte[] entities = new byte[4];
    private long[] first = new long[4];
    private long[] last = new long[4];
    private final int[] sizes = new int[Entity.ALL.length];
    private int size;

    /** Notes that the key was seen with {@code key} of {@code entity} at {@code at}. */
    void seen(Entity entity, String key, long at) {
        int slot = slot(entity, key);
        if (keys[slot] != null) {
            first[slot] = Math.min(first[slot], at);
            last[slot] = Math.max(last[slot], at);
            return;
        }
        if ((size + 1) * 4 > keys.length * 3) {
            rehash(keys.length * 2, Long.MIN_VALUE, null);
            slot = slot(entity, key);
        }
        keys[slot] = key;
        entities[slot] = (byte) entity.ordinal();
        first[slot] = at;
        last[slot] = at;
        size++;
        sizes[entity.ordinal()]++;
    }

    /** How many keys of {@code entity} are remembered. */
    int size(Entity entity) {
        return sizes[entity.ordinal()];
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

    /** When {@code key} of {@code entity} was first seen, or {@link Long#MIN_VALUE}. */
    long firstSeen(Entity entity, String key) {
        if (sizes[entity.ordinal()] == 0) {
            return Long.MIN_VALUE;
        }
        int slot = slot(entity, key);
        return keys[slot] == null ? Long.MIN_VALUE : first[slot];
    }

    /** When {@code key} of {@code entity} was last seen, or {@link Long#MIN_VALUE}. */
    long lastSeen(Entity entity, String key) {
        if (sizes[entity.ordinal()] == 0) {
            return Long.MIN_VALUE;
        }
        int slot = slot(entity, key);
        return keys[slot] == null ? Long.MIN_VALUE : last[slot];
    }

    /** Forgets the keys of {@code entity} last seen at or before {@code cutoff}. */
    void forget(Entity entity, long cutoff) {
        rehash(keys.length, cutoff, entity);
    }

    private int slot(Entity entity, String key) {
        int mask = keys.length - 1;
        int hash = (key.hashCode() * 31 + entity.ordinal()) * 0x9E3779B9;
        int slot = (hash ^ hash >>> 16) & mask;
        while (keys[slot] != null && (entities[slot] != entity.ordinal() || !keys[slot].equals(key))) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void rehash(int capacity, long cutoff, Entity forgotten) {
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
            if (oldKeys[i] == null
                    || forgotten != null && oldEntities[i] == forgotten.ordinal() && oldLast[i] <= cutoff) {
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
