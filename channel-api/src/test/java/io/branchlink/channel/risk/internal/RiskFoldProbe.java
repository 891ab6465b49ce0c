package io.branchlink.channel.risk.internal;

import java.time.Duration;
import java.time.Instant;

/** Folds a generated population into a fresh state in memory and prints the rate and the heap per key. */
final class RiskFoldProbe {

    private static void histogram() {
        try {
            Object text = java.lang.management.ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {null}, new String[] {String[].class.getName()});
            text.toString().lines().limit(18).forEach(System.out::println);
        } catch (javax.management.JMException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) {
        long events = Long.parseLong(args.length > 0 ? args[0] : "1000000");
        RiskPopulation population = new RiskPopulation(events, Instant.now(), Duration.ofDays(90), 7);
        FeatureState state = RiskFeatureStateTests.newState();
        RiskPopulation.Cursor cursor = population.cursor();
        long started = System.nanoTime();
        while (cursor.next()) {
            state.record(cursor.row.event());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long used = rt.totalMemory() - rt.freeMemory();
        long keys = state.size().values().stream().mapToLong(Integer::longValue).sum();
        System.out.printf("%,d events in %.1f s (%,.0f/s), %,d keys %s, heap %,d MB, %,d bytes/key%n", events, seconds,
                events / seconds, keys, state.size(), used >> 20, used / keys);
        if (Boolean.getBoolean("histogram")) {
            histogram();
        }
    }
}
