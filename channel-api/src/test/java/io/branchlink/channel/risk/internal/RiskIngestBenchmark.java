package io.branchlink.channel.risk.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.branchlink.channel.risk.RiskEvent;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * {@code RiskEngine.record} end to end: the INSERT into {@code risk_events} (its own durable commit: the embedded
 * server runs with {@code fsync} and {@code synchronous_commit} on, as the application's) and the fold into memory,
 * with one thread and with several, each for a fixed time. The peer in the same run is the fold alone. Not part of
 * the test suite; run with {@code exec:exec@risk-ingest} (docs/benchmarks.md). Options: {@code --seconds=N},
 * {@code --threads=1,2,4,8,16}.
 */
final class RiskIngestBenchmark {

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("seconds", "20");
        options.put("threads", "1,2,4,8,16");
        for (String arg : args) {
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            options.put(pair[0], pair[1]);
        }
        int seconds = Integer.parseInt(options.get("seconds"));
        System.out.printf("risk ingest benchmark %s: %d cores, load average %.2f%n", options,
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start()) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
            config.setUsername("postgres");
            config.setMaximumPoolSize(16);
            try (HikariDataSource dataSource = new HikariDataSource(config)) {
                Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
                RiskProperties properties = new RiskProperties(null, Duration.ofSeconds(10), Duration.ofHours(24),
                        ZoneId.of("Asia/Shanghai"), BigDecimal.valueOf(1000));
                FeatureCatalogue catalogue = FeatureCatalogue.standard();
                Clock clock = Clock.systemUTC();
                DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
                JdbcClient jdbc = JdbcClient.create(dataSource);
                RiskStore store = new RiskStore(jdbc, dataSource, transactions, new ObjectMapper());
                SimpleMeterRegistry meters = new SimpleMeterRegistry();
                DefaultRiskEngine engine = new DefaultRiskEngine(store,
                        new RiskEventTail(jdbc, transactions, RiskTailProperties.DEFAULTS, meters),
                        new CelRiskRules(catalogue, properties, clock), catalogue, properties, TrustProperties.DEFAULTS,
                        new RiskHolds(jdbc, transactions, clock, RiskTailProperties.DEFAULTS, meters), clock, meters);
                RiskPopulation population = new RiskPopulation(100_000_000L, Instant.now(), Duration.ofDays(1), 11);

                FeatureState alone = RiskFeatureStateTests.newState();
                RiskPopulation.Cursor peer = population.cursor();
                long folded = 0;
                long started = System.nanoTime();
                while (System.nanoTime() - started < seconds * 1_000_000_000L) {
                    peer.next();
                    alone.record(peer.row.event());
                    folded++;
                }
                System.out.printf("  fold only (peer), 1 thread: %,.0f events/s%n",
                        folded / ((System.nanoTime() - started) / 1e9));

                RiskPopulation.Cursor cursor = population.cursor();
                for (String threads : options.get("threads").split(",")) {
                    run(engine, cursor, Integer.parseInt(threads), seconds);
                }
            }
        }
    }

    private static void run(DefaultRiskEngine engine, RiskPopulation.Cursor cursor, int threads, int seconds)
            throws InterruptedException {
        AtomicLong recorded = new AtomicLong();
        CountDownLatch done = new CountDownLatch(threads);
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        long cpuBefore = processCpuNanos();
        long started = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try {
                    while (System.nanoTime() < until) {
                        RiskEvent event;
                        synchronized (cursor) {
                            cursor.next();
                            event = cursor.row.event();
                        }
                        engine.record(event);
                        recorded.incrementAndGet();
                    }
                } finally {
                    done.countDown();
                }
            });
            workers.add(worker);
            worker.start();
        }
        done.await();
        double elapsed = (System.nanoTime() - started) / 1e9;
        long cpu = processCpuNanos() - cpuBefore;
        System.out.printf("  record (INSERT + fold), %2d threads: %,8.0f events/s, mean %.2f ms per call, "
                + "%.0f µs of this JVM's CPU per event%n", threads, recorded.get() / elapsed,
                threads * elapsed * 1000 / recorded.get(), cpu / 1000.0 / recorded.get());
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
