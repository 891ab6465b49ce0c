package io.branchlink.channel.risk.internal;

import java.util.Arrays;

/**
 * One filter's events of one entity key, for every window, and when the last of them happened. While the key has
 * few events in the filter (at most {@link #SPARSE_LIMIT} in the longest window) they are kept as they are: their
 * times, and their amounts only once one has an amount (8 or 16 bytes an event). Beyond that they move into one
 * {@link WindowRing} holding every window. Both forms count an event in a window by the same bucket rule, so a
 * feature has the same value whichever form holds it (and after a restart, which may rebuild the other form).
 * Not thread-safe; {@link EntityState} guards it.
 *
 * @see RiskFeatureStateTests.Windows#keepingFewEventsOrBucketsGivesTheSameFeatures
 * @see RiskCompactStateProperties
 */
final class FilterSeries {

    static final int SPARSE_LIMIT = 16;

    private long[] times = new long[2];
    private long[] cents;
    private int size;
    private WindowRing ring;
    private long last = Long.MIN_VALUE;

    void add(long at, int[] buckets, long amountCents) {
        last = Math.max(last, at);
        if (ring == null) {
            if (size == SPARSE_LIMIT) {
                forgetBefore(at - Window.LONGEST.millis);
            }
            if (size < SPARSE_LIMIT) {
                if (size == times.length) {
                    times = Arrays.copyOf(times, Math.min(SPARSE_LIMIT, size * 2));
                    if (cents != null) {
                        cents = Arrays.copyOf(cents, times.length);
                    }
                }
                if (amountCents != 0 && cents == null) {
                    cents = new long[times.length];
                }
                times[size] = at;
                if (cents != null) {
                    cents[size] = amountCents;
                }
                size++;
                return;
            }
            ring = new WindowRing();
            for (int i = 0; i < size; i++) {
                ring.add(Window.buckets(times[i]), cents == null ? 0 : cents[i]);
            }
            times = null;
            cents = null;
        }
        ring.add(buckets, amountCents);
    }

    /** When the last event happened. */
    long last() {
        return last;
    }

    /** Writes count, sum, max (major units) and money count of the window ending at {@code now} into {@code out}. */
    void read(Window window, long now, double[] out) {
        if (ring != null) {
            ring.read(window, now, out);
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
                long amount = cents == null ? 0 : cents[i];
                if (amount > 0) {
                    money++;
                    sum += amount;
                    max = Math.max(max, amount);
                }
            }
        }
        WindowRing.write(count, money, sum, max, out);
    }

    /** Events at or before {@code cutoff} are outside every window of any later reading. */
    private void forgetBefore(long cutoff) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (times[i] > cutoff) {
                times[kept] = times[i];
                if (cents != null) {
                    cents[kept] = cents[i];
                }
                kept++;
            }
        }
        size = kept;
    }
}
