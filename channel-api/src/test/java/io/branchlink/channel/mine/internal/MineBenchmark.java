package io.branchlink.channel.mine.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * The "Mine" view at scale: loads one customer with five years of history ({@code --own} postings on their
 * accounts, 55,000 by default) among many other customers ({@code --postings} rows in {@code postings} in all, 3
 * million by default) into an embedded PostgreSQL with {@code COPY}, builds the monthly summary with the same
 * statement as the V22 backfill, and measures with HdrHistogram, for 12 and 60 months: the in-process service call
 * ({@link MineService#view} in a read-only transaction, as the controller calls it), the floor (the bare flows query
 * of {@link MineFlows}), and, for comparison, the same months aggregated from the postings without the summary;
 * then what keeping the summary adds to a posting (a two-leg entry committed with the summary's trigger on and off). Not
 * part of the test suite; run with {@code exec:exec@mine-benchmark} (docs/mine.md). Options: {@code --own=N},
 * {@code --postings=N}, {@code --customers=N}, {@code --calls=N}, {@code --warmup=N},
 * {@code --phases=load,measure,posting},
 * {@code --data=DIR} (kept between runs, so a later run may skip {@code load}).
 *
 * @see MineBenchmarkTests
 */
final class MineBenchmark {

    static final UUID CUSTOMER = UUID.fromString("00000000-0000-0000-0000-0000000be001");
    private static final UUID CURRENT = UUID.fromString("00000000-0000-0000-0000-0000000ba001");
    private static final UUID SAVINGS = UUID.fromString("00000000-0000-0000-0000-0000000ba002");
    private static final UUID TIME_DEPOSIT = UUID.fromString("00000000-0000-0000-0000-0000000ba003");
    private static final UUID CASH_GL = UUID.fromString("00000000-0000-0000-0000-0000000bc001");
    private static final UUID EQUITY = UUID.fromString("00000000-0000-0000-0000-00000000e002");
    private static final UUID CLEARING = UUID.fromString("00000000-0000-0000-0000-00000000e003");
    private static final String[] OTHER_KINDS = {"CARDLESS_WITHDRAWAL", "CARDLESS_DEPOSIT", "TRANSFER", "REMITTANCE",
            "SALARY", "INTEREST", "ACCOUNT_FEE", "CARD_REPAYMENT"};

    /** The same months read from the postings and their entries, without the summary (what V22 avoids). */
    static final String WITHOUT_SUMMARY = """
            select date_trunc('month', e.created_at at time zone 'Asia/Shanghai')::date as month, e.kind,
                   sum(greatest(-p.amount, 0)) as money_in, sum(greatest(p.amount, 0)) as money_out
              from accounts a
              join postings p on p.account_id = a.id
              join journal_entries e on e.id = p.entry_id
             where a.customer_id = :customer and e.created_at >= :from
             group by 1, 2
            """;

    private final Map<String, String> options;
    private final Map<String, Object> results = new LinkedHashMap<>();

    private MineBenchmark(Map<String, String> options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> results = run(args);
        System.out.println("results:");
        results.forEach((name, value) -> System.out.printf("  %-36s %s%n", name, value));
    }

    /** Runs the benchmark with {@code --name=value} options and returns its results by name. */
    static Map<String, Object> run(String... args) throws SQLException, IOException {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("own", "55000");
        options.put("postings", "3000000");
        options.put("customers", "20000");
        options.put("calls", "2000");
        options.put("warmup", "500");
        options.put("phases", "load,measure,posting");
        options.put("data", "target/mine-benchmark-postgres");
        for (String arg : args) {
            String[] pair = arg.replaceFirst("^--", "").split("=", 2);
            options.put(pair[0], pair[1]);
        }
        System.out.printf("mine benchmark %s%n", options);
        System.out.printf("machine: %d cores, max heap %,d MB, load average %.2f, %s %s%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, loadAverage(),
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"));
        MineBenchmark benchmark = new MineBenchmark(options);
        Path data = Path.of(options.get("data")).toAbsolutePath();
        String phases = options.get("phases");
        if (phases.contains("load")) {
            FileSystemUtils.deleteRecursively(data);
        }
        Files.createDirectories(data);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .start();
                HikariDataSource dataSource = dataSource(postgres)) {
            if (phases.contains("load")) {
                Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
                benchmark.load(dataSource);
            }
            if (phases.contains("measure")) {
                benchmark.measure(dataSource);
            }
            if (phases.contains("posting")) {
                benchmark.posting(dataSource);
            }
        }
        return benchmark.results;
    }

    /** A connection for a bulk load: no foreign-key or trigger work per row (the summary is rebuilt after). */
    private static Connection bulk(HikariDataSource dataSource) throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("set session_replication_role = replica");
        }
        return connection;
    }

    private static HikariDataSource dataSource(EmbeddedPostgres postgres) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        config.setUsername("postgres");
        config.setMaximumPoolSize(4);
        return new HikariDataSource(config);
    }

    private void load(HikariDataSource dataSource) throws SQLException, IOException {
        int customers = Integer.parseInt(options.get("customers"));
        long own = Long.parseLong(options.get("own"));
        long postings = Long.parseLong(options.get("postings"));
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant start = end.minus(Duration.ofDays(5 * 365));
        SplittableRandom random = new SplittableRandom(11);
        long started = System.nanoTime();
        // one COPY at a time per connection: people and accounts on the first, entries and postings on two more
        try (Connection connection = bulk(dataSource);
                Connection entryConnection = bulk(dataSource);
                Connection legConnection = bulk(dataSource)) {
            PGConnection pg = connection.unwrap(PGConnection.class);
            StringBuilder accountRows = new StringBuilder();
            accountRows.append(CURRENT + ",6222000000000001," + CUSTOMER + ",CUSTOMER,C,CNY,Current,CURRENT\n");
            accountRows.append(SAVINGS + ",6222000000000002," + CUSTOMER + ",CUSTOMER,C,CNY,Savings,CURRENT\n");
            accountRows.append(TIME_DEPOSIT + ",6222000000000003," + CUSTOMER
                    + ",CUSTOMER,C,CNY,Time deposit,TIME_DEPOSIT\n");
            accountRows.append(CASH_GL + ",CASH-BENCH,,CASH_GL,D,CNY,ITM cash,CURRENT\n");
            Rows people = new Rows(pg, "COPY customers (id, username, password_hash, full_name, phone) FROM STDIN"
                    + " (FORMAT csv)");
            people.add(CUSTOMER + ",mine-benchmark,-,Mine Benchmark,13900000000\n");
            UUID[] others = new UUID[customers];
            for (int i = 0; i < customers; i++) {
                UUID customer = new UUID(0x0be0L, i);
                others[i] = new UUID(0x0ba0L, i);
                people.add(customer + ",other-" + i + ",-,Other " + i + ",139" + String.format("%08d", i) + "\n");
                accountRows.append(others[i] + ",6223" + String.format("%012d", i) + "," + customer
                        + ",CUSTOMER,C,CNY,Current,CURRENT\n");
            }
            people.end();
            Rows accounts = new Rows(pg, "COPY accounts (id, account_number, customer_id, kind, side, currency, name,"
                    + " product) FROM STDIN (FORMAT csv)");
            accounts.add(accountRows.toString());
            accounts.end();

            Rows entries = new Rows(entryConnection.unwrap(PGConnection.class), "COPY journal_entries (id, kind,"
                    + " reference, created_at) FROM STDIN (FORMAT csv)");
            Rows legs = new Rows(legConnection.unwrap(PGConnection.class), "COPY postings (entry_id, account_id,"
                    + " amount, currency) FROM STDIN (FORMAT csv)");
            Entries writer = new Entries(entries, legs);
            writer.entry("OPENING_BALANCE", start, EQUITY, CURRENT, 100_000_00L);
            writer.entry("OPENING_BALANCE", start, EQUITY, SAVINGS, 10_000_00L);
            writer.entry("OPENING_BALANCE", start, EQUITY, TIME_DEPOSIT, 50_000_00L);
            for (UUID other : others) {
                writer.entry("OPENING_BALANCE", start, EQUITY, other, 100_000_00L);
            }
            long ownPostings = 3;
            for (int month = 0; month < 60; month++) {
                Instant monthStart = start.plus(Duration.ofDays(month * 365L / 12));
                writer.entry("SALARY", monthStart.plus(Duration.ofDays(9)), CLEARING, CURRENT, 30_000_00L);
                writer.entry("INTEREST", monthStart.plus(Duration.ofDays(20)), EQUITY, SAVINGS, 12_34L);
                ownPostings += 2;
            }
            long span = Duration.between(start, end).toSeconds();
            while (ownPostings < own) {
                Instant at = start.plusSeconds(random.nextLong(span));
                long amount = 1_00L + random.nextLong(50_00L);
                UUID other = others[random.nextInt(others.length)];
                switch (random.nextInt(8)) {
                    case 0, 1 -> writer.entry("CARDLESS_WITHDRAWAL", at, CURRENT, CASH_GL, amount);
                    case 2 -> writer.entry("CARDLESS_DEPOSIT", at, CASH_GL, CURRENT, amount);
                    case 3 -> writer.entry("TRANSFER", at, CURRENT, other, amount);
                    case 4 -> writer.entry("TRANSFER", at, other, CURRENT, amount);
                    case 5 -> writer.entry("REMITTANCE", at, CURRENT, CLEARING, amount);
                    case 6 -> writer.entry("ACCOUNT_FEE", at, CURRENT, EQUITY, 1_00L);
                    default -> {
                        writer.entry("TRANSFER", at, CURRENT, SAVINGS, amount);
                        ownPostings++;
                    }
                }
                ownPostings++;
            }
            results.put("own postings", ownPostings);
            UUID[] bank = {CASH_GL, CLEARING, EQUITY};
            while (writer.rows < postings) {
                Instant at = start.plusSeconds(random.nextLong(span));
                long amount = 1_00L + random.nextLong(200_00L);
                UUID customer = others[random.nextInt(others.length)];
                UUID counterparty = random.nextInt(4) == 0 ? others[random.nextInt(others.length)]
                        : bank[random.nextInt(bank.length)];
                String kind = OTHER_KINDS[random.nextInt(OTHER_KINDS.length)];
                if (counterparty.equals(customer)) {
                    continue;
                }
                if (random.nextBoolean()) {
                    writer.entry(kind, at, customer, counterparty, amount);
                } else {
                    writer.entry(kind, at, counterparty, customer, amount);
                }
            }
            entries.end();
            legs.end();
            entryConnection.commit();
            legConnection.commit();
            results.put("rows in postings", writer.rows);
            try (Statement statement = connection.createStatement()) {
                statement.execute("""
                        update accounts a
                           set balance = case a.side when 'D' then s.total else -s.total end
                          from (select account_id, sum(amount) as total from postings group by account_id) s
                         where a.id = s.account_id
                        """);
                statement.execute("""
                        insert into time_deposits (account_id, term, opened_on, maturity_date, auto_renew)
                        values ('%s', 'Y5', current_date - 1000, current_date + 825, false)
                        """.formatted(TIME_DEPOSIT));
            }
            connection.commit();
            results.put("load (COPY) s", seconds(started));
            long summary = System.nanoTime();
            try (Statement statement = connection.createStatement()) {
                statement.execute("set session_replication_role = origin");
                // the planner needs the loaded tables' statistics to join the legs by entry through the index
                statement.execute("analyze");
                statement.execute("select mine_rebuild_summary()");
            }
            connection.commit();
            results.put("summary rebuild s", seconds(summary));
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                statement.execute("vacuum analyze");
            }
        }
        JdbcClient jdbc = JdbcClient.create(dataSource);
        results.put("summary rows (all customers)", jdbc.sql("select count(*) from mine_monthly")
                .query(Long.class).single());
    }

    private void measure(HikariDataSource dataSource) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        TransactionTemplate readOnly = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        readOnly.setReadOnly(true);
        MineService service = new MineService(List.of(new LedgerHoldings(jdbc)), new MineFlows(jdbc),
                Clock.systemUTC());
        MineFlows flows = new MineFlows(jdbc);
        results.put("customer's summary rows", jdbc.sql("""
                select count(*) from mine_monthly s join accounts a on a.id = s.account_id where a.customer_id = ?
                """).param(CUSTOMER).query(Long.class).single());
        results.put("customer's postings", jdbc.sql("""
                select count(*) from postings p join accounts a on a.id = p.account_id where a.customer_id = ?
                """).param(CUSTOMER).query(Long.class).single());
        YearMonth now = YearMonth.now(MineService.ZONE);
        for (int months : new int[] {12, 60}) {
            YearMonth from = now.minusMonths(months - 1L);
            time("service " + months + " months", () -> readOnly.execute(status -> service.view(CUSTOMER, months))
                    .months().size());
            time("floor (flows SQL) " + months + " months", () -> flows.between(CUSTOMER, from, now).size());
            time("without summary " + months + " months", () -> jdbc.sql(WITHOUT_SUMMARY)
                    .param("customer", CUSTOMER)
                    .param("from", from.atDay(1).atStartOfDay(MineService.ZONE).toOffsetDateTime())
                    .query().listOfRows().size());
        }
    }

    /**
     * One two-leg entry (the customer's current account to the ITM cash GL, as a withdrawal posts it) per
     * transaction, committed with the summary's trigger on and then off: the difference is what the summary costs
     * the posting path. The entries are left in the books, with their summary rows for the first half.
     */
    private void posting(HikariDataSource dataSource) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        for (String mode : new String[] {"on", "off"}) {
            jdbc.sql("alter table postings " + ("on".equals(mode) ? "enable" : "disable")
                    + " trigger postings_mine_summary").update();
            time("posting, summary trigger " + mode, () -> transaction.execute(status -> {
                UUID entry = UUID.randomUUID();
                jdbc.sql("insert into journal_entries (id, kind, reference) values (?, 'CARDLESS_WITHDRAWAL', 'bench')")
                        .params(entry).update();
                jdbc.sql("update accounts set balance = balance - 1 where id = ?").params(CURRENT).update();
                jdbc.sql("update accounts set balance = balance - 1 where id = ?").params(CASH_GL).update();
                return jdbc.sql("insert into postings (entry_id, account_id, amount, currency) values (?, ?, 1, 'CNY'),"
                        + " (?, ?, -1, 'CNY')").params(entry, CURRENT, entry, CASH_GL).update();
            }));
        }
        jdbc.sql("alter table postings enable trigger postings_mine_summary").update();
    }

    /** Calls {@code call} warm-up times, then measures it; the call returns a size so the work cannot be skipped. */
    private void time(String name, Supplier<Integer> call) {
        int warmup = Integer.parseInt(options.get("warmup"));
        int calls = Integer.parseInt(options.get("calls"));
        long sink = 0;
        for (int i = 0; i < warmup; i++) {
            sink += call.get();
        }
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        for (int i = 0; i < calls; i++) {
            long started = System.nanoTime();
            sink += call.get();
            histogram.recordValue(System.nanoTime() - started);
        }
        results.put(name, String.format("p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms (%d calls, %d rows"
                + " each, load average %.2f)", millis(histogram.getValueAtPercentile(50)),
                millis(histogram.getValueAtPercentile(99)), millis(histogram.getValueAtPercentile(99.9)),
                millis(histogram.getMaxValue()), calls, sink / (warmup + calls), loadAverage()));
        results.put(name + " p99 ms", millis(histogram.getValueAtPercentile(99)));
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static String seconds(long startedNanos) {
        return String.format("%.1f", (System.nanoTime() - startedNanos) / 1e9);
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Two-leg journal entries written to the two COPY streams. */
    private static final class Entries {

        private final Rows entries;
        private final Rows legs;
        private long rows;

        Entries(Rows entries, Rows legs) {
            this.entries = entries;
            this.legs = legs;
        }

        /** An entry of {@code amount} from {@code debited} (money leaves a customer) to {@code credited}. */
        void entry(String kind, Instant at, UUID debited, UUID credited, long amount) throws SQLException {
            UUID id = new UUID(0x0bee0000L, rows);
            entries.add(id + "," + kind + ",bench," + at + "\n");
            legs.add(id + "," + debited + "," + amount + ",CNY\n");
            legs.add(id + "," + credited + "," + -amount + ",CNY\n");
            rows += 2;
        }
    }

    /** One COPY stream, written in blocks of about a megabyte. */
    private static final class Rows {

        private final CopyIn copy;
        private final StringBuilder block = new StringBuilder(1 << 20);

        Rows(PGConnection connection, String sql) throws SQLException {
            this.copy = connection.getCopyAPI().copyIn(sql);
        }

        void add(String row) throws SQLException {
            block.append(row);
            if (block.length() > (1 << 20) - 256) {
                flush();
            }
        }

        void end() throws SQLException {
            flush();
            copy.endCopy();
        }

        private void flush() throws SQLException {
            byte[] bytes = block.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            block.setLength(0);
        }
    }
}
