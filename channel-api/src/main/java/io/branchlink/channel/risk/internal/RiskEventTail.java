package io.branchlink.channel.risk.internal;

import io.branchlink.channel.risk.RiskEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tails {@code risk_events} for a node's feature state, so that several channel-api nodes each keep the whole state:
 * the state is loaded in one snapshot with the highest {@code seq} it holds, then every poll interval the rows above
 * it (and the gaps below it) are read in {@code seq} order and folded in, except the node's own, which it folded in
 * when it recorded them (docs/risk.md#several-channel-api-nodes).
 *
 * @see RiskTailIntegrationTests
 */
@Component
class RiskEventTail {

    static final String TABLE = "risk_events";
    private static final Logger log = LoggerFactory.getLogger(RiskEventTail.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate snapshot;
    private final RiskTailProperties settings;
    private final MeterRegistry meters;
    private final Clock wall = Clock.systemUTC();

    RiskEventTail(JdbcClient jdbc, PlatformTransactionManager transactions, RiskTailProperties settings,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        this.settings = settings;
        this.meters = meters;
    }

    /**
     * Runs {@code load} (the replay into {@code sink}'s state) in one repeatable-read snapshot together with reading
     * the highest {@code seq} and the recent gaps, so that the tail starts exactly where the loaded state ends; then
     * starts polling. {@code clock} is the engine's: events older than the longest window are not folded in.
     */
    Tailer follow(LongSupplier load, Consumer<RiskEvent> sink, Clock clock) {
        Tailer tailer = snapshot.execute(status -> {
            long high = jdbc.sql("select coalesce(max(seq), 0) from risk_events").query(Long.class).single();
            List<Long> gaps = SeqCursor.recentGaps(jdbc, TABLE, "recorded_at", high, settings.gapTimeout(),
                    settings.batch() * 10);
            long loaded = load.getAsLong();
            return new Tailer(new SeqCursor(TABLE, high, gaps, settings.gapTimeout(), wall.millis(), meters), sink,
                    clock, loaded);
        });
        tailer.start();
        return tailer;
    }

    /** One node's place in the event table, and its poller. */
    final class Tailer implements AutoCloseable {

        private final SeqCursor cursor;
        private final Consumer<RiskEvent> sink;
        private final Clock clock;
        private final long loaded;
        private final Counter tailed = meters.counter("branchlink.risk.tail.rows", "table", TABLE);
        private final Timer lag = meters.timer("branchlink.risk.tail.lag", "table", TABLE);
        private final SeqPoller<Row> poller;

        private Tailer(SeqCursor cursor, Consumer<RiskEvent> sink, Clock clock, long loaded) {
            this.cursor = cursor;
            this.sink = sink;
            this.clock = clock;
            this.loaded = loaded;
            this.poller = new SeqPoller<>("risk-event-tail", cursor, settings.batch(), new SeqPoller.Reader<>() {
                @Override
                public List<Row> numbered(List<Long> seqs) {
                    return jdbc.sql(SELECT + " where seq in (:seqs) order by seq").param("seqs", seqs)
                            .query(RiskEventTail::row).list();
                }

                @Override
                public List<Row> above(long high, int batch) {
                    return jdbc.sql(SELECT + " where seq > :high order by seq limit :batch")
                            .param("high", high).param("batch", batch).query(RiskEventTail::row).list();
                }
            }, this::apply, wall);
        }

        /** How many events the start-up load folded in. */
        long loaded() {
            return loaded;
        }

        private void start() {
            poller.start(settings.interval());
        }

        /**
         * The sequence number of an event this node is about to append: the tail will pass over it, because the
         * node folds the event in itself.
         */
        long reserve() {
            long seq = jdbc.sql("select nextval(pg_get_serial_sequence('risk_events', 'seq'))").query(Long.class)
                    .single();
            cursor.own(seq);
            return seq;
        }

        /** The append of a reserved number failed: its gap is given up after the timeout. */
        void failed(long seq) {
            cursor.failed(seq);
        }

        private void apply(List<Row> rows) {
            Instant oldest = clock.instant().minusMillis(Window.LONGEST.millis);
            long now = wall.millis();
            for (Row row : rows) {
                if (cursor.take(row.seq(), now)) {
                    if (row.event().occurredAt().isAfter(oldest)) {
                        sink.accept(row.event());
                    }
                    tailed.increment();
                    lag.record(Duration.ofMillis(Math.max(0, row.lagMillis())));
                }
            }
        }

        /** How many gaps the tail looks for. */
        int gaps() {
            return cursor.gapCount();
        }

        /** Stops polling. */
        @Override
        public void close() {
            poller.close();
        }
    }

    /** Every column the event mapper reads, and how long ago the row was inserted by the database's clock. */
    private static final String SELECT = "select " + RiskStore.EVENT_COLUMNS
            + ", seq, (extract(epoch from clock_timestamp() - recorded_at) * 1000)::bigint as lag_ms from risk_events";

    private record Row(long seq, long lagMillis, RiskEvent event) {
    }

    private static Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Row(rs.getLong("seq"), rs.getLong("lag_ms"), RiskStore.event(rs));
    }
}
