package io.branchlink.channel.risk.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * An open-loop HTTP load run against a running channel-api: requests leave on a fixed schedule (one every 1/rate
 * seconds, whatever the answers do) and each latency is measured from the request's <em>intended</em> send time, so
 * a slow answer cannot hide the requests that should have left meanwhile (no coordinated omission). For each rate,
 * after a warm-up, it runs {@code POST /api/ops/v1/risk/decisions} and, as the peer, {@code GET /actuator/health} for
 * the same time, and reports p50/p90/p99/p99.9/max (HdrHistogram, microseconds), the achieved rate, failures and the
 * CPU per request of the server's JVM and of its PostgreSQL processes (from {@code /proc}). The state is first filled
 * with events through {@code POST /events}. Not part of the test suite; run with {@code exec:exec@risk-load}
 * (docs/benchmarks.md). Options: {@code --base}, {@code --user}, {@code --rates}, {@code --seconds}, {@code --warmup},
 * {@code --prefill}, {@code --server-pid}, {@code --pg-data} (the server's PostgreSQL data directory, to find its
 * processes), {@code --paths=decisions,health}.
 */
final class RiskLoadRun {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ExecutorService senders = Executors.newFixedThreadPool(8);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).executor(senders).build();
    private final String base;
    private final String authorization;
    private final RiskPopulation population;
    private final long serverPid;
    private final String pgData;

    private RiskLoadRun(Map<String, String> options) {
        base = options.get("base");
        authorization = "Basic " + Base64.getEncoder()
                .encodeToString(options.get("user").getBytes(StandardCharsets.UTF_8));
        // 1,000 customers: 50,000 events of the last 30 days
        population = new RiskPopulation(Long.parseLong(options.get("prefill")), Instant.now().minusSeconds(60),
                Duration.ofDays(30), 5);
        serverPid = Long.parseLong(options.get("server-pid"));
        pgData = options.get("pg-data");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("base", "http://localhost:8080");
        options.put("user", "ops:operator-demo-pass");
        options.put("rates", "500,1000,1500,2000");
        options.put("seconds", "60");
        options.put("warmup", "30");
        options.put("prefill", "50000");
        options.put("server-pid", "0");
        options.put("pg-data", "data/channel-api/postgres");
        options.put("paths", "decisions,health");
        for (String arg : args) {
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            options.put(pair[0], pair[1]);
        }
        RiskLoadRun run = new RiskLoadRun(options);
        System.out.printf("risk HTTP load run %s%n", options);
        run.prefill();
        int seconds = Integer.parseInt(options.get("seconds"));
        int warmup = Integer.parseInt(options.get("warmup"));
        List<String> paths = List.of(options.get("paths").split(","));
        for (String path : paths) {
            run.step(path, 500, warmup, "warm-up");
        }
        System.out.printf("%-10s %6s %9s %8s %8s %8s %8s %8s %7s %10s %10s %6s%n", "path", "rate", "achieved",
                "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "failed", "JVM µs/req", "PG µs/req", "load");
        for (String rate : options.get("rates").split(",")) {
            for (String path : paths) {
                run.step(path, Integer.parseInt(rate), seconds, null);
            }
        }
        // the client's threads would keep the JVM running
        run.senders.shutdown();
    }

    private void prefill() throws InterruptedException {
        long started = System.nanoTime();
        Semaphore inFlight = new Semaphore(16);
        AtomicLong failed = new AtomicLong();
        RiskPopulation.Cursor cursor = population.cursor();
        long n = 0;
        while (cursor.next()) {
            inFlight.acquire();
            String body = json(cursor.row, true);
            client.sendAsync(post("/api/ops/v1/risk/events", body), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        if (error != null || response.statusCode() != 202) {
                            failed.incrementAndGet();
                        }
                        inFlight.release();
                    });
            if (++n % 10_000 == 0) {
                System.out.printf("  prefill %,d of %,d events%n", n, population.events);
            }
        }
        inFlight.acquire(16);
        inFlight.release(16);
        System.out.printf("prefill: %,d events in %.1f s, %d failed%n", n, (System.nanoTime() - started) / 1e9,
                failed.get());
    }

    private void step(String path, int rate, int seconds, String label) throws InterruptedException, IOException {
        Recorder recorder = new Recorder(TimeUnit.SECONDS.toMicros(60), 3);
        AtomicLong failed = new AtomicLong();
        AtomicLong answered = new AtomicLong();
        RiskPopulation.Cursor cursor = population.cursor();
        long total = (long) rate * seconds;
        long period = 1_000_000_000L / rate;
        List<CompletableFuture<?>> pending = new ArrayList<>();
        recorder.reset();
        long cpuBefore = cpuTicks(serverPid);
        long pgBefore = cpuTicks(postgresPids());
        long started = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long intended = started + i * period;
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            HttpRequest request;
            if (path.equals("health")) {
                request = HttpRequest.newBuilder(URI.create(base + "/actuator/health")).timeout(TIMEOUT).GET().build();
            } else {
                if (!cursor.next()) {
                    cursor = population.cursor();
                    cursor.next();
                }
                request = post("/api/ops/v1/risk/decisions", json(cursor.row, false));
            }
            CompletableFuture<?> answer = client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        recorder.recordValue(Math.max(0, (System.nanoTime() - intended) / 1000));
                        answered.incrementAndGet();
                        if (error != null || response.statusCode() != 200) {
                            failed.incrementAndGet();
                        }
                    });
            if (i % 1_000 == 0) {
                pending.removeIf(CompletableFuture::isDone);
            }
            pending.add(answer);
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).handle((v, e) -> null).join();
        double elapsed = (System.nanoTime() - started) / 1e9;
        double cpuSeconds = (cpuTicks(serverPid) - cpuBefore) / 100.0;
        double pgSeconds = (cpuTicks(postgresPids()) - pgBefore) / 100.0;
        Histogram h = recorder.getIntervalHistogram();
        if (label != null) {
            System.out.printf("%s %s at %d/s for %d s: p99 %.2f ms%n", label, path, rate, seconds,
                    h.getValueAtPercentile(99) / 1000.0);
            return;
        }
        System.out.printf(Locale.ROOT, "%-10s %6d %9.0f %8.2f %8.2f %8.2f %8.2f %8.2f %7d %10.0f %10.0f %6.2f%n",
                path, rate, answered.get() / elapsed, ms(h, 50), ms(h, 90), ms(h, 99), ms(h, 99.9),
                h.getMaxValue() / 1000.0, failed.get(), cpuSeconds * 1e6 / total, pgSeconds * 1e6 / total,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static double ms(Histogram h, double percentile) {
        return h.getValueAtPercentile(percentile) / 1000.0;
    }

    private HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json").header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static String json(RiskPopulation.Row row, boolean event) {
        StringBuilder json = new StringBuilder(256).append("{\"action\":\"").append(row.action)
                .append("\",\"customerId\":\"").append(row.customerId()).append("\",\"channel\":\"")
                .append(row.channel).append('"');
        if (row.device >= 0) {
            json.append(",\"deviceId\":\"").append(row.deviceId()).append('"');
        }
        if (row.account >= 0) {
            json.append(",\"accountId\":\"").append(row.accountId()).append('"');
        }
        if (row.amountMinor > 0) {
            json.append(",\"amount\":").append(row.amountMinor / 100).append('.')
                    .append(String.format(Locale.ROOT, "%02d", row.amountMinor % 100)).append(",\"currency\":\"CNY\"");
        }
        if (row.payee >= 0) {
            json.append(",\"counterparty\":\"").append(row.counterparty()).append('"');
        }
        if (row.position) {
            json.append(",\"latitude\":").append(row.latitude).append(",\"longitude\":").append(row.longitude);
        }
        if (row.branch >= 0) {
            json.append(",\"branchId\":\"").append(row.branchId()).append('"');
        }
        if (event) {
            json.append(",\"occurredAt\":\"").append(Instant.ofEpochMilli(row.at)).append('"');
        }
        return json.append('}').toString();
    }

    /** utime + stime of the processes, in clock ticks (1/100 s). */
    private static long cpuTicks(long... pids) throws IOException {
        long ticks = 0;
        for (long pid : pids) {
            Path stat = Path.of("/proc", Long.toString(pid), "stat");
            if (pid <= 0 || !Files.exists(stat)) {
                continue;
            }
            try {
                String[] fields = Files.readString(stat).replaceFirst("^.*\\) ", "").split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException e) {
                // the process ended meanwhile
            }
        }
        return ticks;
    }

    /** The server's PostgreSQL: the postmaster serving {@code pgData} and its children (backends, writers). */
    private long[] postgresPids() throws IOException {
        Set<Long> postmasters = new HashSet<>();
        Map<Long, Long> parents = new LinkedHashMap<>();
        try (var dirs = Files.list(Path.of("/proc"))) {
            for (Path dir : (Iterable<Path>) dirs::iterator) {
                String name = dir.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(dir.resolve("stat"));
                    if (!stat.contains("(postgres)")) {
                        continue;
                    }
                    long pid = Long.parseLong(name);
                    parents.put(pid, Long.parseLong(stat.replaceFirst("^.*\\) ", "").split(" ")[1]));
                    String cmdline = Files.readString(dir.resolve("cmdline")).replace('\0', ' ');
                    if (cmdline.contains(pgData)) {
                        postmasters.add(pid);
                    }
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            }
        }
        return parents.entrySet().stream()
                .filter(e -> postmasters.contains(e.getKey()) || postmasters.contains(e.getValue()))
                .mapToLong(Map.Entry::getKey).toArray();
    }
}
