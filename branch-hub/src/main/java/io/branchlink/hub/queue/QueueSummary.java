package io.branchlink.hub.queue;

import java.time.Duration;
import java.util.List;

/**
 * Today's queue at a glance: how many wait, and how long customers waited (ticket → called, {@code waited}) and were served
 * (called → done, {@code served}).
 */
public record QueueSummary(int waiting, Durations waited, Durations served) {

    /** A count and the nearest-rank median and 90th percentile, in whole seconds ({@code null} with no values). */
    public record Durations(int count, Long medianSeconds, Long p90Seconds) {

        static Durations of(List<Duration> values) {
            if (values.isEmpty()) {
                return new Durations(0, null, null);
            }
            List<Long> seconds = values.stream().map(Duration::toSeconds).sorted().toList();
            return new Durations(seconds.size(), rank(seconds, 0.5), rank(seconds, 0.9));
        }

        private static long rank(List<Long> sorted, double quantile) {
            int index = (int) Math.ceil(quantile * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
        }
    }
}
