package io.branchlink.channel.risk.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Where a node is in a table it tails by a sequence column: the highest sequence number it applied, the numbers
 * below it not seen yet (gaps: PostgreSQL hands out sequence values before commit, so a transaction that commits
 * late fills its gap later, and a rolled-back one never does), and the numbers the node wrote itself and applied at
 * once. A gap is looked for again until {@code gapTimeout} has passed, then given up (counted, one log line).
 *
 * @see SeqCursorTests
 */
final class SeqCursor {

    /** At most this many gaps are remembered; a larger jump of the sequence gives up the lowest numbers at once. */
    static final int MAX_GAPS = 10_000;
    /** At most this many of the node's own numbers wait to be passed by the tail. */
    static final int MAX_OWN = 100_000;
    private static final Logger log = LoggerFactory.getLogger(SeqCursor.class);

    private final String table;
    private final long gapTimeoutMillis;
    private final Counter givenUp;
    private final TreeMap<Long, Long> gaps = new TreeMap<>();
    private final ConcurrentSkipListSet<Long> own = new ConcurrentSkipListSet<>();
    private final AtomicInteger ownCount = new AtomicInteger();
    private long high;

    /**
     * @param high the highest sequence number applied (read in the snapshot the state was loaded from)
     * @param gaps the numbers below {@code high} that snapshot did not hold and that may still commit
     * @param now the time the gaps are looked for from, in milliseconds
     */
    SeqCursor(String table, long high, Collection<Long> gaps, Duration gapTimeout, long now, MeterRegistry meters) {
        this.table = table;
        this.high = high;
        this.gapTimeoutMillis = gapTimeout.toMillis();
        this.givenUp = meters.counter("branchlink.risk.tail.gaps.given_up", "table", table);
        for (Long gap : gaps) {
            if (this.gaps.size() < MAX_GAPS && gap < high) {
                this.gaps.put(gap, now + gapTimeoutMillis);
            }
        }
    }

    synchronized long high() {
        return high;
    }

    /** The gaps to look for again, lowest first. */
    synchronized List<Long> gaps(int max) {
        List<Long> list = new ArrayList<>(Math.min(max, gaps.size()));
        for (Long gap : gaps.keySet()) {
            if (list.size() == max) {
                break;
            }
            list.add(gap);
        }
        return list;
    }

    /** A number this node is about to write and applies itself: the tail passes over it. */
    void own(long seq) {
        own.add(seq);
        if (ownCount.incrementAndGet() > MAX_OWN && own.pollFirst() != null) {
            ownCount.decrementAndGet();
        }
    }

    /** The node's own write of {@code seq} failed: nothing was applied, and its gap will be given up. */
    void failed(long seq) {
        if (own.remove(seq)) {
            ownCount.decrementAndGet();
        }
    }

    /**
     * A row read from the table (above {@link #high()}, in sequence order, or found in a gap): whether to apply it.
     * False for a row applied already, and for the node's own rows.
     */
    synchronized boolean take(long seq, long now) {
        if (seq > high) {
            long first = Math.max(high + 1, seq - MAX_GAPS);
            if (first > high + 1) {
                giveUp(high + 1, first - 1, "the sequence jumped");
            }
            for (long gap = first; gap < seq; gap++) {
                gaps.put(gap, now + gapTimeoutMillis);
            }
            while (gaps.size() > MAX_GAPS) {
                Map.Entry<Long, Long> lowest = gaps.pollFirstEntry();
                giveUp(lowest.getKey(), lowest.getKey(), "too many gaps");
            }
            high = seq;
        } else if (gaps.remove(seq) == null) {
            return false;
        }
        if (own.remove(seq)) {
            ownCount.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Gives up the gaps looked for since longer than the timeout; returns how many. */
    synchronized int expire(long now) {
        int n = 0;
        for (Iterator<Map.Entry<Long, Long>> it = gaps.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Long> gap = it.next();
            if (gap.getValue() <= now) {
                it.remove();
                failed(gap.getKey());
                giveUp(gap.getKey(), gap.getKey(), "not committed after " + Duration.ofMillis(gapTimeoutMillis));
                n++;
            }
        }
        return n;
    }

    /** How many gaps are looked for. */
    synchronized int gapCount() {
        return gaps.size();
    }

    private void giveUp(long from, long to, String why) {
        givenUp.increment(to - from + 1);
        if (from == to) {
            log.info("{} gap at seq {} given up: {}", table, from, why);
        } else {
            log.info("{} gaps at seq {} to {} given up: {}", table, from, to, why);
        }
    }

    /**
     * The gaps below {@code high} among the rows of {@code table} inserted within {@code within} before the current
     * transaction began, read by walking the sequence down from {@code high} (at most {@code limit} rows): a
     * transaction in flight when a node starts holds a number between recent rows.
     */
    static List<Long> recentGaps(JdbcClient jdbc, String table, String insertedAt, long high, Duration within,
            int limit) {
        List<long[]> rows = jdbc.sql("select seq, (" + insertedAt + " > now() - ? * interval '1 millisecond')::int"
                        + " as recent from " + table + " where seq <= ? order by seq desc limit ?")
                .params(within.toMillis(), high, limit)
                .query((rs, row) -> new long[] {rs.getLong("seq"), rs.getInt("recent")})
                .list();
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < rows.size() && rows.get(i - 1)[1] == 1; i++) {
            for (long gap = rows.get(i)[0] + 1; gap < rows.get(i - 1)[0] && gaps.size() < MAX_GAPS; gap++) {
                gaps.add(gap);
            }
        }
        return gaps;
    }
}
