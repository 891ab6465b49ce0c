package io.branchlink.channel.risk.internal;

import java.time.Duration;

/**
 * A sliding window. Counts are kept in {@link #BUCKETS} time buckets per window, so an event leaves a window between
 * {@code length - length/BUCKETS} and {@code length} after it happened (at the latest exactly at {@code length}).
 */
enum Window {
    M1("1m", Duration.ofMinutes(1)),
    M5("5m", Duration.ofMinutes(5)),
    M15("15m", Duration.ofMinutes(15)),
    H1("1h", Duration.ofHours(1)),
    H6("6h", Duration.ofHours(6)),
    D1("1d", Duration.ofDays(1)),
    D7("7d", Duration.ofDays(7)),
    D30("30d", Duration.ofDays(30)),
    D90("90d", Duration.ofDays(90));

    static final int BUCKETS = 12;
    static final Window[] ALL = values();
    /** The longest window: older events are neither replayed at start nor remembered. */
    static final Window LONGEST = D90;

    final String label;
    final long millis;
    final long bucketMillis;

    /** The bucket index of {@code atMillis} in every window, by ordinal: computed once per event, not per ring. */
    static int[] buckets(long atMillis) {
        return buckets(atMillis, new int[ALL.length]);
    }

    /** {@link #buckets(long)} into {@code buckets}, which it returns. */
    static int[] buckets(long atMillis, int[] buckets) {
        for (Window window : ALL) {
            // below 2^31 for every window until the 23rd century
            buckets[window.ordinal()] = (int) Math.floorDiv(atMillis, window.bucketMillis);
        }
        return buckets;
    }

    Window(String label, Duration length) {
        this.label = label;
        this.millis = length.toMillis();
        this.bucketMillis = millis / BUCKETS;
    }
}
