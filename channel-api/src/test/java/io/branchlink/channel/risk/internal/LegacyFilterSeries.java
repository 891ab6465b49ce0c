package io.branchlink.channel.risk.internal;

import java.util.Arrays;

/**
 * The layout before the compact one, kept verbatim as the reference {@link RiskCompactStateProperties} compares with.
 *
 * <p>One filter's events of one entity key, for every window. While the key has few events in the filter (at most
 * {@link #SPARSE_LIMIT} in the longest window) they are kept as they are, a few bytes each; beyond that they move
 * into one {@link LegacyWindowRing} per window. Both forms count an event in a window by the same bucket rule, so a
 * feature has the same value whichever form holds it (and after a restart, which may rebuild the other form).
 * Not thread-safe; {@link LegacyEntityState} guards it.
 *
 * @see RiskFeatureStateTests.Windows#keepingFewEventsOrBucketsGivesTheSameFeatures
 */
final class LegacyFilterSeries {

    static final int SPARSE_LIMIT = 16;

    private long[] times = new long[2];
    private long[] cents = new long[2];
    private int size;
    private LegacyWindowRing[] rings;

    void add(long at, long amountCents) {
        if (rings == null) {
            if (size == SPARSE_LIMIT) {
                forgetBefore(at - Window.LONGEST.millis);
            }
            if (size < SPARSE_LIMIT) {
                if (size == times.length) {
                    times = Arrays.copyOf(times, Math.min(SPARSE_LIMIT, size * 2));
                    cents = Arrays.copyOf(cents, times.length);
                }
                times[size] = at;
                cents[size] = amountCents;
                size++;
                return;
            }
            rings = new LegacyWindowRing[Window.ALL.length];
            for (Window window : Window.ALL) {
                rings[window.ordinal()] = new LegacyWindowRing(window);
            }
            for (int i = 0; i < size; i++) {
                addToRings(times[i], cents[i]);
            }
            times = null;
            cents = null;
        }
        addToRings(at, amountCents);
    }

    /** Writes count, sum, max (major units) and money count of the window ending at {@code now} into {@code out}. */
    void read(Window window, long now, double[] out) {
        if (rings != null) {
            rings[window.ordinal()].read(now, out);
            return;
        }
        long newest = Math.floorDiv(now, window.bucketMillis);
        long oldest = newest - Window.BUCKETS + 1;
        int count = 0;
        int money = 0;
        long sum = 0;
        long max = 0;
        for (int i = 0; i < size; i++) {
            long index = Math.floorDiv(times[i], window.bucketMillis);
            if (index >= oldest && index <= newest) {
                count++;
                if (cents[i] > 0) {
                    money++;
                    sum += cents[i];
                    max = Math.max(max, cents[i]);
                }
            }
        }
        LegacyWindowRing.write(count, money, sum, max, out);
    }

    private void addToRings(long at, long amountCents) {
        for (LegacyWindowRing ring : rings) {
            ring.add(at, amountCents);
        }
    }

    /** Events at or before {@code cutoff} are outside every window of any later reading. */
    private void forgetBefore(long cutoff) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (times[i] > cutoff) {
                times[kept] = times[i];
                cents[kept] = cents[i];
                kept++;
            }
        }
        size = kept;
    }
}
