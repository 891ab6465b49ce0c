package io.branchlink.channel.risk.internal;

import java.util.Arrays;

/**
 * The layout before the compact one, kept verbatim as the reference {@link RiskCompactStateProperties} compares with.
 *
 * <p>Count, money-event count, sum and max of one entity key's events in one sliding window, kept in a ring of
 * {@link Window#BUCKETS} time buckets: adding is O(1), reading is O(buckets), and old buckets are reused in place.
 * Amounts are whole hundredths of a major unit (fen), so sums are exact and do not depend on the order of adding.
 * Not thread-safe; {@link LegacyEntityState} guards it.
 */
final class LegacyWindowRing {

    private final long bucketMillis;
    // bucket indexes are epoch millis / bucket width: below 2^31 for every window until the 23rd century
    private final int[] bucket = new int[Window.BUCKETS];
    private final int[] count = new int[Window.BUCKETS];
    private final int[] money = new int[Window.BUCKETS];
    private final long[] sum = new long[Window.BUCKETS];
    private final long[] max = new long[Window.BUCKETS];

    LegacyWindowRing(Window window) {
        this.bucketMillis = window.bucketMillis;
        Arrays.fill(bucket, Integer.MIN_VALUE);
    }

    void add(long atMillis, long cents) {
        int index = (int) Math.floorDiv(atMillis, bucketMillis);
        int slot = Math.floorMod(index, Window.BUCKETS);
        if (bucket[slot] != index) {
            if (bucket[slot] > index) {
                return; // older than the window the slot now serves
            }
            bucket[slot] = index;
            count[slot] = 0;
            money[slot] = 0;
            sum[slot] = 0;
            max[slot] = 0;
        }
        count[slot]++;
        if (cents > 0) {
            money[slot]++;
            sum[slot] += cents;
            max[slot] = Math.max(max[slot], cents);
        }
    }

    /** Writes count, sum, max (major units) and money count at {@code nowMillis} into {@code out[0..3]}. */
    void read(long nowMillis, double[] out) {
        long newest = Math.floorDiv(nowMillis, bucketMillis);
        long oldest = newest - Window.BUCKETS + 1;
        int c = 0;
        int m = 0;
        long s = 0;
        long x = 0;
        for (int slot = 0; slot < Window.BUCKETS; slot++) {
            int index = bucket[slot];
            if (index >= oldest && index <= newest) {
                c += count[slot];
                m += money[slot];
                s += sum[slot];
                x = Math.max(x, max[slot]);
            }
        }
        write(c, m, s, x, out);
    }

    static void write(int count, int money, long sumCents, long maxCents, double[] out) {
        out[0] = count;
        out[1] = sumCents / 100.0;
        out[2] = maxCents / 100.0;
        out[3] = money;
    }
}
