package io.branchlink.channel.risk.internal;

import java.util.Arrays;

/**
 * What is remembered about one entity key (one customer, one device, …): a {@link FilterSeries} per filter it has
 * events in (with when the last of them happened), and which keys of the other entities it was seen with, first and
 * last time ({@link Pairings}), for the other entities a feature reads. Memory is bounded by the filters used and by
 * forgetting pairings older than the longest window. The key string is kept once: the pairings of other keys refer
 * to this instance.
 */
final class EntityState {

    final String key;
    private final FilterSeries[] series = new FilterSeries[Filter.COUNT];
    private final Pairings seenWith = new Pairings();

    EntityState(String key) {
        this.key = key;
    }

    /**
     * Adds an event at {@code at}, whose bucket index in every window is {@code buckets} ({@link Window#buckets}),
     * pairing this key with the event's keys of the entities in {@code paired} (those a feature reads), whose hash
     * codes are in {@code hashes} (both by entity ordinal).
     */
    synchronized void add(long at, int[] buckets, long amountCents, int[] filters, String[] keys, int[] hashes,
            Entity[] paired) {
        for (int filter : filters) {
            FilterSeries events = series[filter];
            if (events == null) {
                events = new FilterSeries();
                series[filter] = events;
            }
            events.add(at, buckets, amountCents);
        }
        for (Entity other : paired) {
            String key = keys[other.ordinal()];
            if (key != null) {
                seenWith.seen(other, key, hashes[other.ordinal()], at);
            }
        }
    }

    /** Count, sum, max and money count of a filter's window into {@code out}; zeros when it never had an event. */
    synchronized void read(int filter, Window window, long now, double[] out) {
        FilterSeries events = series[filter];
        if (events == null) {
            Arrays.fill(out, 0);
        } else {
            events.read(window, now, out);
        }
    }

    /** When the last event of a filter happened, or {@link Long#MIN_VALUE}. */
    synchronized long lastAt(int filter) {
        FilterSeries events = series[filter];
        return events == null ? Long.MIN_VALUE : events.last();
    }

    /** How many different keys of {@code other} were seen with this key in the window ending now. */
    synchronized int distinct(Entity other, Window window, long now) {
        return seenWith.lastSeenIn(other, now - window.millis, now);
    }

    /**
     * When this key was first seen with {@code key} of {@code other}, or {@link Long#MIN_VALUE} if never (or not in
     * the longest window before {@code now}).
     */
    synchronized long firstSeenWith(Entity other, String key, long now) {
        return seenWith.firstSeen(other, key, now);
    }

    /** When this key was last seen with {@code key} of {@code other}, or {@link Long#MIN_VALUE} if never. */
    synchronized long lastSeenWith(Entity other, String key) {
        return seenWith.lastSeen(other, key);
    }
}
