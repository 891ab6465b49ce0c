package io.branchlink.channel.risk.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The layout before the compact one, kept verbatim as the reference {@link RiskCompactStateProperties} compares with.
 *
 * <p>What is remembered about one entity key (one customer, one device, …): a {@link LegacyFilterSeries} per filter it has
 * events in, when it was last seen per filter, and which keys of the other entities it was seen with (first
 * and last time). Memory is bounded by the filters used and by forgetting pairings older than the longest window.
 */
final class LegacyEntityState {

    private static final int PRUNE_ABOVE = 64;

    private final LegacyFilterSeries[] series = new LegacyFilterSeries[Filter.COUNT];
    private final long[] lastAt = new long[Filter.COUNT];
    @SuppressWarnings("unchecked")
    private final Map<String, long[]>[] seenWith = new Map[Entity.ALL.length];
    private long lastPrune = Long.MIN_VALUE;

    LegacyEntityState() {
        Arrays.fill(lastAt, Long.MIN_VALUE);
    }

    synchronized void add(long at, long amountCents, int[] filters, String[] keys, Entity self) {
        for (int filter : filters) {
            LegacyFilterSeries events = series[filter];
            if (events == null) {
                events = new LegacyFilterSeries();
                series[filter] = events;
            }
            events.add(at, amountCents);
            lastAt[filter] = Math.max(lastAt[filter], at);
        }
        for (Entity other : Entity.ALL) {
            String key = keys[other.ordinal()];
            if (other == self || key == null) {
                continue;
            }
            Map<String, long[]> seen = seenWith[other.ordinal()];
            if (seen == null) {
                seen = new HashMap<>();
                seenWith[other.ordinal()] = seen;
            }
            long[] firstLast = seen.get(key);
            if (firstLast == null) {
                seen.put(key, new long[] {at, at});
            } else {
                if (firstLast[1] <= at - Window.LONGEST.millis) {
                    firstLast[0] = at; // seen again after longer than the longest window: as if new
                }
                firstLast[0] = Math.min(firstLast[0], at);
                firstLast[1] = Math.max(firstLast[1], at);
            }
            if (seen.size() > PRUNE_ABOVE
                    && (lastPrune == Long.MIN_VALUE || at - lastPrune > Window.D1.millis)) {
                prune(seen, at - Window.LONGEST.millis);
                lastPrune = at;
            }
        }
    }

    /** Count, sum, max and money count of a filter's window into {@code out}; zeros when it never had an event. */
    synchronized void read(int filter, Window window, long now, double[] out) {
        LegacyFilterSeries events = series[filter];
        if (events == null) {
            Arrays.fill(out, 0);
        } else {
            events.read(window, now, out);
        }
    }

    /** When the last event of a filter happened, or {@link Long#MIN_VALUE}. */
    synchronized long lastAt(int filter) {
        return lastAt[filter];
    }

    /** How many different keys of {@code other} were seen with this key in the window ending now. */
    synchronized int distinct(Entity other, Window window, long now) {
        Map<String, long[]> seen = seenWith[other.ordinal()];
        if (seen == null) {
            return 0;
        }
        long from = now - window.millis;
        int n = 0;
        for (long[] firstLast : seen.values()) {
            if (firstLast[1] > from && firstLast[1] <= now) {
                n++;
            }
        }
        return n;
    }

    /**
     * When this key was first seen with {@code key} of {@code other}, or {@link Long#MIN_VALUE} if never or last seen
     * at or before {@code now} minus the longest window (whether or not pruned yet).
     */
    synchronized long firstSeenWith(Entity other, String key, long now) {
        Map<String, long[]> seen = seenWith[other.ordinal()];
        long[] firstLast = seen == null ? null : seen.get(key);
        return firstLast == null || firstLast[1] <= now - Window.LONGEST.millis ? Long.MIN_VALUE : firstLast[0];
    }

    private static void prune(Map<String, long[]> seen, long before) {
        for (Iterator<long[]> it = seen.values().iterator(); it.hasNext();) {
            if (it.next()[1] <= before) {
                it.remove();
            }
        }
    }
}
