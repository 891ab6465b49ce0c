package io.branchlink.channel.risk.internal;

import io.branchlink.channel.risk.RiskRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.stereotype.Component;

/**
 * The hold lists: every hold in {@code risk_holds} (V9), and the ones in force also in memory, so that a decision
 * checks its customer, device and account without asking the database. The memory is loaded from the table when the
 * bean starts, follows every change made through it at once, and every poll interval the changes other nodes made
 * (tailing {@code risk_hold_changes}, V12, as {@link RiskEventTail} tails the events).
 *
 * @see RiskHoldsIntegrationTests
 * @see RiskTailIntegrationTests
 */
@Component
class RiskHolds implements AutoCloseable {

    static final String CHANGES = "risk_hold_changes";
    /** How long a hold released here is not taken back from a change read before its release committed. */
    private static final Duration RELEASED_KEPT = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(RiskHolds.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final RiskTailProperties settings;
    /** The holds not released, by kind and key; a hold past its end stays until the next change of its key. */
    private final Map<String, List<RiskHold>> inForce = new ConcurrentHashMap<>();
    /** The holds released through this node recently, by id, with when. */
    private final Map<UUID, Long> releasedHere = new ConcurrentHashMap<>();
    private final SeqCursor cursor;
    private final Counter tailed;
    private final Timer lag;
    private final Clock wall = Clock.systemUTC();
    private final SeqPoller<Change> poller;

    RiskHolds(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock, RiskTailProperties settings,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
        this.tailed = meters.counter("branchlink.risk.tail.rows", "table", CHANGES);
        this.lag = meters.timer("branchlink.risk.tail.lag", "table", CHANGES);
        TransactionTemplate snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        Instant now = clock.instant();
        // the holds in force and the change they were read at, in one snapshot: the tail goes on from there
        this.cursor = snapshot.execute(status -> {
            long high = jdbc.sql("select coalesce(max(seq), 0) from risk_hold_changes").query(Long.class).single();
            List<Long> gaps = SeqCursor.recentGaps(jdbc, CHANGES, "changed_at", high, settings.gapTimeout(),
                    settings.batch());
            List<RiskHold> holds = jdbc.sql("""
                    select * from risk_holds where released_at is null and (until is null or until > ?)""")
                    .param(Timestamp.from(now))
                    .query(RiskHolds::hold)
                    .list();
            holds.forEach(this::remember);
            log.info("risk holds loaded: {} in force", holds.size());
            return new SeqCursor(CHANGES, high, gaps, settings.gapTimeout(), wall.millis(), meters);
        });
        this.poller = new SeqPoller<>("risk-hold-tail", cursor, settings.batch(), new SeqPoller.Reader<>() {
            @Override
            public List<Change> numbered(List<Long> seqs) {
                return jdbc.sql(CHANGED + " where c.seq in (:seqs) order by c.seq").param("seqs", seqs)
                        .query(RiskHolds::change).list();
            }

            @Override
            public List<Change> above(long high, int batch) {
                return jdbc.sql(CHANGED + " where c.seq > :high order by c.seq limit :batch")
                        .param("high", high).param("batch", batch).query(RiskHolds::change).list();
            }
        }, this::apply, wall);
        poller.start(settings.interval());
    }

    /** The kinds of the request's keys that are held at {@code now}, in the order of {@link RiskHold.Kind}. */
    List<RiskHold.Kind> held(RiskRequest request, Instant now) {
        List<RiskHold.Kind> held = new ArrayList<>(0);
        for (RiskHold.Kind kind : RiskHold.Kind.values()) {
            String key = key(request, kind);
            List<RiskHold> holds = key == null ? null : inForce.get(index(kind, key));
            if (holds != null && holds.stream().anyMatch(hold -> hold.inForce(now))) {
                held.add(kind);
            }
        }
        return held;
    }

    /** Stores a hold and applies it to every decision from now on. */
    RiskHold place(RiskHold.Kind kind, String key, UUID customerId, String placedBy, String reason, Instant until) {
        return place(kind, key, customerId, placedBy, reason, until, clock.instant());
    }

    private RiskHold place(RiskHold.Kind kind, String key, UUID customerId, String placedBy, String reason,
            Instant until, Instant at) {
        Instant now = at.truncatedTo(ChronoUnit.MICROS);
        RiskHold hold = new RiskHold(UUID.randomUUID(), kind, key,
                kind == RiskHold.Kind.CUSTOMER ? UUID.fromString(key) : customerId, placedBy, reason, now,
                until == null ? null : until.truncatedTo(ChronoUnit.MICROS), null, null);
        jdbc.sql("""
                insert into risk_holds (id, kind, hold_key, customer_id, placed_by, reason, placed_at, until)
                values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(hold.id(), kind.name(), key, hold.customerId(), placedBy, reason, Timestamp.from(now),
                        hold.until() == null ? null : Timestamp.from(hold.until()))
                .update();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // a caller's transaction that rolls back must not leave a hold in memory that the table does not have
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    remember(hold);
                }
            });
        } else {
            remember(hold);
        }
        log.info("risk hold {} placed on a {} by {} until {}", hold.id(), kind, placedBy,
                hold.until() == null ? "released" : hold.until());
        return hold;
    }

    /** The request's keys of a deciding rule's kinds, put on hold by {@code rule:<id>} (keys the request lacks are not). */
    List<RiskHold> placeByRule(String ruleId, String description, CompiledRule.Hold hold, RiskRequest request,
            Instant now) {
        List<RiskHold> placed = new ArrayList<>();
        for (RiskHold.Kind kind : RiskHold.Kind.values()) {
            String key = key(request, kind);
            if (key != null && hold.kinds().contains(kind)) {
                placed.add(place(kind, key, request.customerId(), "rule:" + ruleId, description,
                        now.plus(hold.duration()), now));
            }
        }
        return placed;
    }

    /** Releases a hold; empty when there is no such hold, the hold unchanged when it was already released. */
    Optional<RiskHold> release(UUID id, String by) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int updated = jdbc.sql("""
                update risk_holds set released_by = ?, released_at = ? where id = ? and released_at is null""")
                .params(by, Timestamp.from(now), id)
                .update();
        Optional<RiskHold> hold = find(id);
        if (updated == 1 && hold.isPresent()) {
            releasedHere.put(id, wall.millis());
            forget(hold.get());
            log.info("risk hold {} on a {} released by {}", id, hold.get().kind(), by);
        }
        return hold;
    }

    Optional<RiskHold> find(UUID id) {
        return jdbc.sql("select * from risk_holds where id = ?").param(id).query(RiskHolds::hold).optional();
    }

    /** The holds concerning a customer, released or not, newest first. */
    List<RiskHold> ofCustomer(UUID customerId, int limit) {
        return jdbc.sql("select * from risk_holds where customer_id = ? order by placed_at desc, id limit ?")
                .params(customerId, limit)
                .query(RiskHolds::hold)
                .list();
    }

    /** The holds in force now, newest first. */
    List<RiskHold> inForce(int limit) {
        return jdbc.sql("""
                select * from risk_holds where released_at is null and (until is null or until > ?)
                 order by placed_at desc, id limit ?""")
                .params(Timestamp.from(clock.instant()), limit)
                .query(RiskHolds::hold)
                .list();
    }

    /**
     * Applies changes read by the tail with each hold's current row: a hold in force is remembered, any other
     * forgotten. Applying a change twice, or one this node made itself, changes nothing.
     */
    private void apply(List<Change> changes) {
        long now = wall.millis();
        Instant at = clock.instant();
        for (Change change : changes) {
            if (cursor.take(change.seq(), now)) {
                RiskHold hold = change.hold();
                if (hold.inForce(at) && !releasedHere.containsKey(hold.id())) {
                    remember(hold);
                } else {
                    forget(hold);
                }
                tailed.increment();
                lag.record(Duration.ofMillis(Math.max(0, change.lagMillis())));
            }
        }
    }

    /** Stops following the other nodes' changes. */
    @PreDestroy
    @Override
    public void close() {
        poller.close();
    }

    /** Forgets the holds that ended by themselves, so memory holds only what is in force. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1H")
    void forgetEnded() {
        long kept = wall.millis() - RELEASED_KEPT.toMillis();
        releasedHere.values().removeIf(at -> at < kept);
        Instant now = clock.instant();
        for (String index : inForce.keySet()) {
            inForce.computeIfPresent(index, (k, holds) -> {
                List<RiskHold> next = without(holds, h -> !h.inForce(now));
                return next.isEmpty() ? null : List.copyOf(next);
            });
        }
    }

    static String key(RiskRequest request, RiskHold.Kind kind) {
        return switch (kind) {
            case CUSTOMER -> request.customerId().toString();
            case ACCOUNT -> request.accountId() == null ? null : request.accountId().toString();
            case DEVICE -> request.deviceId() == null || request.deviceId().isBlank() ? null : request.deviceId();
        };
    }

    private void remember(RiskHold hold) {
        Instant now = clock.instant();
        inForce.compute(index(hold.kind(), hold.key()), (k, holds) -> {
            List<RiskHold> next = holds == null ? new ArrayList<>(1)
                    : without(holds, h -> h.id().equals(hold.id()) || !h.inForce(now));
            next.add(hold);
            return List.copyOf(next);
        });
    }

    private void forget(RiskHold hold) {
        Instant now = clock.instant();
        inForce.computeIfPresent(index(hold.kind(), hold.key()), (k, holds) -> {
            List<RiskHold> next = without(holds, h -> h.id().equals(hold.id()) || !h.inForce(now));
            return next.isEmpty() ? null : List.copyOf(next);
        });
    }

    private static List<RiskHold> without(List<RiskHold> holds, Predicate<RiskHold> drop) {
        List<RiskHold> kept = new ArrayList<>(holds.size());
        for (RiskHold hold : holds) {
            if (!drop.test(hold)) {
                kept.add(hold);
            }
        }
        return kept;
    }

    private static String index(RiskHold.Kind kind, String key) {
        return kind.ordinal() + ":" + key;
    }

    /** A change with the hold's current row, and how long ago it was made by the database's clock. */
    private static final String CHANGED = """
            select c.seq, (extract(epoch from clock_timestamp() - c.changed_at) * 1000)::bigint as lag_ms, h.*
              from risk_hold_changes c join risk_holds h on h.id = c.hold_id""";

    private record Change(long seq, long lagMillis, RiskHold hold) {
    }

    private static Change change(ResultSet rs, int row) throws SQLException {
        return new Change(rs.getLong("seq"), rs.getLong("lag_ms"), hold(rs, row));
    }

    private static RiskHold hold(ResultSet rs, int row) throws SQLException {
        return new RiskHold(rs.getObject("id", UUID.class), RiskHold.Kind.valueOf(rs.getString("kind")),
                rs.getString("hold_key"), rs.getObject("customer_id", UUID.class), rs.getString("placed_by"),
                rs.getString("reason"), rs.getTimestamp("placed_at").toInstant(), instant(rs, "until"),
                rs.getString("released_by"), instant(rs, "released_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
