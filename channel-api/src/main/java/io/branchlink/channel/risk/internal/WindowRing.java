package io.branchlink.channel.risk.internal;

import java.util.Arrays;

/**
 * Count, money-event count, sum and max of one entity key's events in every sliding window of one filter, kept per
 * window in a ring of {@link Window#BUCKETS} time buckets: adding is O(windows), reading a window is O(buckets), and
 * old buckets are reused in place. All windows share flat arrays (one slot per window and bucket), and the amount
 * arrays are only allocated with the first event that has an amount, so a filter of logins holds counts only.
 * Amounts are whole hundredths of a major unit (fen), so sums are exact and do not depend on the order of adding.
 * Not thread-safe; {@link EntityState} guards it.
 */
final class WindowRing {

    private static final int SLOTS = Window.ALL.length * Window.BUCKETS;

    // bucket indexes are epoch millis / bucket width: below 2^31 for every window until the 23rd century
    private final int[] bucket = new int[SLOTS];
    private final int[] count = new int[SLOTS];
    private int[] money;
    private long[] sum;
    private long[] max;

    WindowRing() {
        Arrays.fill(bucket, Integer.MIN_VALUE);
    }

    /** Adds an event given its bucket index in every window ({@link Window#buckets}). */
    void add(int[] buckets, long cents) {
        if (cents > 0 && money == null) {
            money = new int[SLOTS];
            sum = new long[SLOTS];
            max = new long[SLOTS];
        }
        for (int window = 0; window < buckets.length; window++) {
            int index = buckets[window];
            int slot = window * Window.BUCKETS + Math.floorMod(index, Window.BUCKETS);
            if (bucket[slot] != index) {
                if (bucket[slot] > index) {
                    continue; // older than the window the slot now serves
                }
                bucket[slot] = index;
                count[slot] = 0;
                if (money != null) {
                    money[slot] = 0;
                    sum[slot] = 0;
                    max[slot] = 0;
                }
            }
            count[slot]++;
            if (cents > 0) {
                money[slot]++;
                sum[slot] += cents;
                max[slot] = Math.max(max[slot], cents);
            }
        }
    }

    /** Writes count, sum, max (major units) and money count of a window at {@code nowMillis} into {@code out[0..3]}. */
    void read(Window window, long nowMillis, double[] out) {
        long newest = Math.floorDiv(nowMillis, window.bucketMillis);
        long oldest = newest - Window.BUCKETS + 1;
        int c = 0;
        int m = 0;
        long s = 0;
        long x = 0;
        int first = window.ordinal() * Window.BUCKETS;
        for (int slot = first; slot < first + Window.BUCKETS; slot++) {
            int index = bucket[slot];
            if (index >= oldest && index <= newest) {
                c += count[slot];
                if (money != null) {
                    m += money[slot];
                    s += sum[slot];
                    x = Math.max(x, max[slot]);
                }
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
