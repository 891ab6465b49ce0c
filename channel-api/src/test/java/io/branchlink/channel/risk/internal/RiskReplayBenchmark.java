package io.branchlink.channel.risk.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.util.FileSystemUtils;

/**
 * The replay at start, at scale: writes a synthetic history ({@link RiskPopulation}, 10 million events over 90 days
 * by default) into {@code risk_events} of an embedded PostgreSQL with {@code COPY}, then measures, each on its own:
 * the raw read rate of the replay's query (the floor: rows streamed with no work), the fold rate in memory (events
 * generated and folded, with the heap after a full GC per key at checkpoints), and the engine's real replay
 * ({@link RiskStore#replay} into a fresh {@link FeatureState}) end to end. Not part of the test suite; run with
 * {@code exec:exec@risk-replay} (docs/benchmarks.md). Options: {@code --events=N}, {@code --checkpoints=a,b,…},
 * {@code --phases=load,floor,fold,replay}, {@code --data=DIR} (the database directory, kept between runs, so a later
 * run may skip {@code load}).
 */
final class RiskReplayBenchmark {

    private static final String COLUMNS = "occurred_at, action, channel, customer_id, device_id, account_id, "
            + "amount_minor, currency, counterparty, branch_id, latitude, longitude";

    private final long events;
    private final long[] checkpoints;
    private final RiskPopulation population;
    private final Map<String, Object> results = new LinkedHashMap<>();

    private RiskReplayBenchmark(long events, long[] checkpoints, Instant end) {
        this.events = events;
        this.checkpoints = checkpoints;
        this.population = new RiskPopulation(events, end, Duration.ofDays(90).minusHours(1), 7);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("events", "10000000");
        options.put("checkpoints", "1000000,2000000,5000000,10000000");
        options.put("phases", "load,floor,fold,replay");
        options.put("data", "target/risk-replay-postgres");
        for (String arg : args) {
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            options.put(pair[0], pair[1]);
        }
        long events = Long.parseLong(options.get("events"));
        long[] checkpoints = Arrays.stream(options.get("checkpoints").split(",")).mapToLong(Long::parseLong)
                .filter(c -> c <= events).toArray();
        String phases = options.get("phases");
        Path data = Path.of(options.get("data")).toAbsolutePath();
        Files.createDirectories(data);
        // the history ends at a whole hour kept in the directory, so a later run replays the same rows
        Path endFile = data.resolve("history-end.txt");
        Instant end = phases.contains("load") || !Files.exists(endFile)
                ? Instant.now().truncatedTo(ChronoUnit.HOURS) : Instant.parse(Files.readString(endFile).trim());
        RiskReplayBenchmark benchmark = new RiskReplayBenchmark(events, checkpoints, end);
        System.out.printf("risk replay benchmark: %,d events, %d customers, %s%n", events,
                benchmark.population.customers, options);
        System.out.printf("machine: %d cores, max heap %,d MB, load average %.2f, %s %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"));
        if (phases.contains("load")) {
            FileSystemUtils.deleteRecursively(data.resolve("pg"));
        }
        // kept on close (a clean directory would be deleted then), so later runs can skip the load
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(data.resolve("pg"))
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start();
                HikariDataSource dataSource = dataSource(postgres)) {
            if (phases.contains("load")) {
                Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
                benchmark.load(dataSource);
                Files.writeString(endFile, end.toString());
            }
            if (phases.contains("floor")) {
                benchmark.floor(dataSource);
            }
            if (phases.contains("fold")) {
                benchmark.fold();
            }
            if (phases.contains("replay")) {
                benchmark.replay(dataSource);
            }
        }
        System.out.println("results:");
        benchmark.results.forEach((name, value) -> System.out.printf("  %-32s %s%n", name, value));
    }

    private static HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    private void load(HikariDataSource dataSource) throws SQLException, IOException {
        long started = System.nanoTime();
        Progress progress = new Progress("load (COPY)", events);
        try (Connection connection = dataSource.getConnection()) {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY risk_events (" + COLUMNS + ") FROM STDIN (FORMAT csv)");
            StringBuilder batch = new StringBuilder(1 << 20);
            RiskPopulation.Cursor cursor = population.cursor();
            long n = 0;
            while (cursor.next()) {
                csv(cursor.row, batch);
                n++;
                if (batch.length() > (1 << 20) - 512) {
                    byte[] bytes = batch.toString().getBytes(StandardCharsets.UTF_8);
                    copy.writeToCopy(bytes, 0, bytes.length);
                    batch.setLength(0);
                    progress.at(n);
                }
            }
            byte[] bytes = batch.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            copy.endCopy();
            progress.at(n);
            double copySeconds = seconds(started);
            try (Statement statement = connection.createStatement()) {
                statement.execute("analyze risk_events");
            }
            results.put("load.copy", rate(n, copySeconds));
            results.put("load.table_size", sizeOfTable(connection));
        }
    }

    private static String sizeOfTable(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(
                        "select pg_size_pretty(pg_table_size('risk_events')), "
                                + "pg_size_pretty(pg_indexes_size('risk_events'))")) {
            rs.next();
            return rs.getString(1) + " table, " + rs.getString(2) + " indexes";
        }
    }

    private static void csv(RiskPopulation.Row row, StringBuilder out) {
        out.append(Instant.ofEpochMilli(row.at)).append(',').append(row.action.name()).append(',')
                .append(row.channel.name()).append(',').append(row.customerId()).append(',');
        if (row.device >= 0) {
            out.append(row.deviceId());
        }
        out.append(',');
        if (row.account >= 0) {
            out.append(row.accountId());
        }
        out.append(',');
        if (row.amountMinor >= 0) {
            out.append(row.amountMinor).append(",CNY");
        } else {
            out.append(',');
        }
        out.append(',');
        if (row.payee >= 0) {
            out.append(row.counterparty());
        }
        out.append(',');
        if (row.branch >= 0) {
            out.append(row.branchId());
        }
        out.append(',');
        if (row.position) {
            out.append(row.latitude).append(',').append(row.longitude);
        } else {
            out.append(',');
        }
        out.append('\n');
    }

    /** The floor: the replay's own query streamed in batches of 10,000 rows, reading nothing from them. */
    private void floor(HikariDataSource dataSource) throws SQLException {
        long started = System.nanoTime();
        Progress progress = new Progress("floor (read only)", events);
        long n = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (PreparedStatement query = connection.prepareStatement("select " + COLUMNS
                    + " from risk_events where occurred_at > ? order by occurred_at, seq")) {
                query.setFetchSize(10_000);
                query.setTimestamp(1, Timestamp.from(replayFrom()));
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        n++;
                        if (n % 100_000 == 0) {
                            progress.at(n);
                        }
                    }
                }
            }
            connection.commit();
        }
        progress.at(n);
        results.put("floor.read", rate(n, seconds(started)));
    }

    /** Folds the generated history into a fresh state in memory; the heap after a full GC at each checkpoint. */
    private void fold() {
        RiskPopulation.Cursor generateOnly = population.cursor();
        long started = System.nanoTime();
        long generateCpu = threadCpuNanos();
        long n = 0;
        while (generateOnly.next()) {
            n += generateOnly.row.event().action().ordinal() >= 0 ? 1 : 0;
        }
        double generateSeconds = seconds(started);
        generateCpu = threadCpuNanos() - generateCpu;
        results.put("fold.generate_only", rate(n, generateSeconds));

        FeatureState state = RiskFeatureStateTests.newState();
        RiskPopulation.Cursor cursor = population.cursor();
        Progress progress = new Progress("fold (in memory)", events);
        long folding = 0;
        long baseline = usedAfterGc();
        int next = 0;
        n = 0;
        long foldCpu = threadCpuNanos();
        while (cursor.next()) {
            long t0 = System.nanoTime();
            state.record(cursor.row.event());
            folding += System.nanoTime() - t0;
            n++;
            if (n % 100_000 == 0) {
                progress.at(n);
            }
            if (next < checkpoints.length && n == checkpoints[next]) {
                long keys = keys(state);
                long heap = usedAfterGc() - baseline;
                results.put("heap." + n, String.format("%,d keys, %,d MB, %,d bytes/key, %,d MB per million keys",
                        keys, heap >> 20, heap / keys, heap * 1_000_000 / keys >> 20));
                next++;
            }
        }
        foldCpu = threadCpuNanos() - foldCpu - generateCpu;
        results.put("fold.in_memory", rate(n, folding / 1e9) + " (generation excluded: timed per event)");
        results.put("fold.keys", state.size());
        state = null;
        usedAfterGc();

        // the same history folded key by key, as the replay does (ReplayFold), generation included
        FeatureState grouped = RiskFeatureStateTests.newState();
        RiskPopulation.Cursor again = population.cursor();
        Progress groupedProgress = new Progress("fold key by key (in memory)", events);
        long groupedStarted = System.nanoTime();
        long groupedCpu = processCpuNanos();
        long m = 0;
        try (ReplayFold fold = new ReplayFold(grouped)) {
            while (again.next()) {
                fold.add(again.row.event());
                if (++m % 100_000 == 0) {
                    groupedProgress.at(m);
                }
            }
            fold.finish();
        }
        double groupedSeconds = seconds(groupedStarted);
        results.put("fold.key_by_key", rate(m, groupedSeconds) + String.format(
                " (generation included; %.1f s of CPU)", (processCpuNanos() - groupedCpu) / 1e9));
        // the thread's own CPU time, which other processes on the machine change far less than elapsed time
        results.put("fold.cpu", String.format("%.2f µs of the folding thread's CPU an event (generation excluded)",
                foldCpu / 1e3 / n));
    }

    private void replay(HikariDataSource dataSource) {
        RiskStore store = new RiskStore(JdbcClient.create(dataSource), dataSource,
                new DataSourceTransactionManager(dataSource), new ObjectMapper());
        FeatureState state = RiskFeatureStateTests.newState();
        long baseline = usedAfterGc();
        Progress progress = new Progress("replay (RiskStore.replay)", events);
        long[] n = {0};
        long started = System.nanoTime();
        long cpuStarted = processCpuNanos();
        // as the engine replays at start (DefaultRiskEngine.replay); progress counts the events read
        long replayed;
        try (ReplayFold fold = new ReplayFold(state)) {
            store.replay(replayFrom(), event -> {
                fold.add(event);
                if (++n[0] % 100_000 == 0) {
                    progress.at(n[0]);
                }
            });
            replayed = fold.finish();
        }
        double seconds = seconds(started);
        double cpu = (processCpuNanos() - cpuStarted) / 1e9;
        progress.at(replayed);
        results.put("replay.end_to_end", rate(replayed, seconds));
        results.put("replay.cpu", String.format("%.1f s of CPU (the JVM's threads, GC included) in %.1f s: %.2f cores",
                cpu, seconds, cpu / seconds));
        long keys = keys(state);
        long heap = usedAfterGc() - baseline;
        results.put("replay.heap", String.format("%,d keys, %,d MB, %,d bytes/key", keys, heap >> 20, heap / keys));
    }

    private Instant replayFrom() {
        return population.from.minus(Duration.ofMinutes(30));
    }

    private static long keys(FeatureState state) {
        return state.size().values().stream().mapToLong(Integer::longValue).sum();
    }

    private static long threadCpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long usedAfterGc() {
        System.gc();
        System.gc();
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static String rate(long n, double seconds) {
        return String.format("%,d rows in %.1f s = %,.0f/s", n, seconds, n / seconds);
    }

    /** A progress line at every 5 %. */
    private static final class Progress {

        private final String name;
        private final long total;
        private final long started = System.nanoTime();
        private int shown = -1;

        Progress(String name, long total) {
            this.name = name;
            this.total = total;
        }

        void at(long n) {
            int percent = (int) (n * 100 / total);
            if (percent / 5 > shown / 5 || n == total && shown != 100) {
                shown = percent;
                double s = seconds(started);
                System.out.printf("  %-26s %3d %% %,12d  %6.1f s  %,9.0f/s%n", name, percent, n, s, n / s);
            }
        }
    }
}
