package io.branchlink.channel.risk.internal;

/**
 * Count, sum, max and money-event count of one entity key's events in one sliding window, kept in a ring of
 * {@link Window#BUCKETS} time buckets: adding is O(1), reading is O(buckets), and old buckets are reused in place.
 * Not thread-safe; {@link EntityState} guards it.
 */
final class WindowRing {

    final long bucketMillis;
    private final long[] bucket = new long[Window.BUCKETS];
    private final double[] count = new double[Window.BUCKETS];
    private final double[] money = new double[Window.BUCKETS];
    private final double[] sum = new double[Window.BUCKETS];
    private final double[] max = new double[Window.BUCKETS];

    WindowRing(Window window) {
        this.bucketMillis = window.bucketMillis;
        java.util.Arrays.fill(bucket, Long.MIN_VALUE);
    }

    void add(long atMillis, double amount) {
        long index = Math.floorDiv(atMillis, bucketMillis);
        int slot = (int) Math.floorMod(index, (long) Window.BUCKETS);
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
        if (amount > 0) {
            money[slot]++;
            sum[slot] += amount;
            max[slot] = Math.max(max[slot], amount);
        }
    }

    /** Writes count, sum, max and money count at {@code nowMillis} into {@code out[0..3]}. */
    void read(long nowMillis, double[] out) {
        long newest = Math.floorDiv(nowMillis, bucketMillis);
        long oldest = newest - Window.BUCKETS + 1;
        double c = 0;
        double m = 0;
        double s = 0;
        double x = 0;
        for (int slot = 0; slot < Window.BUCKETS; slot++) {
            long index = bucket[slot];
            if (index >= oldest && index <= newest) {
                c += count[slot];
                m += money[slot];
                s += sum[slot];
                x = Math.max(x, max[slot]);
            }
        }
        out[0] = c;
        out[1] = s;
        out[2] = x;
        out[3] = m;
    }
}
