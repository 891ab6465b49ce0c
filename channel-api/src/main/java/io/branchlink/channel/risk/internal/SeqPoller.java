package io.branchlink.channel.risk.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows a numbered table on a daemon thread through its {@link SeqCursor}: each time it reads the gaps the cursor
 * looks for, then the rows above the highest applied number, a batch at a time, and hands every batch over. A failed
 * read is logged once, and once more when reading works again. The event tail and the hold tail both use it.
 *
 * @param <R> a row as the table's reader maps it
 */
final class SeqPoller<R> implements AutoCloseable {

    /** Reads rows of the followed table, in number order. */
    interface Reader<R> {

        /** The rows with these numbers. */
        List<R> numbered(List<Long> seqs);

        /** At most {@code batch} rows numbered above {@code high}. */
        List<R> above(long high, int batch);
    }

    private static final Logger log = LoggerFactory.getLogger(SeqPoller.class);

    private final String name;
    private final SeqCursor cursor;
    private final int batch;
    private final Reader<R> reader;
    private final Consumer<List<R>> apply;
    private final Clock wall;
    private final ScheduledExecutorService poller;
    private boolean failing;

    /**
     * @param name what is followed, for the thread and the log (e.g. {@code risk-event-tail})
     * @param apply takes each batch read; it asks the cursor which rows are new
     */
    SeqPoller(String name, SeqCursor cursor, int batch, Reader<R> reader, Consumer<List<R>> apply, Clock wall) {
        this.name = name;
        this.cursor = cursor;
        this.batch = batch;
        this.reader = reader;
        this.apply = apply;
        this.wall = wall;
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    void start(Duration interval) {
        long every = interval.toMillis();
        poller.scheduleWithFixedDelay(this::pollQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /** Reads the gaps and then the rows above the highest applied number, and hands them over. */
    void poll() {
        List<Long> gaps = cursor.gaps(batch);
        if (!gaps.isEmpty()) {
            apply.accept(reader.numbered(gaps));
        }
        List<R> rows;
        do {
            rows = reader.above(cursor.high(), batch);
            apply.accept(rows);
        } while (rows.size() == batch && !poller.isShutdown());
        cursor.expire(wall.millis());
    }

    private void pollQuietly() {
        try {
            poll();
            if (failing) {
                log.info("{} reads again at {}", name, cursor.high());
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("{} failed at {}: {}", name, cursor.high(), e.toString());
                failing = true;
            }
        }
    }

    /** Stops polling. */
    @Override
    public void close() {
        poller.shutdownNow();
        try {
            poller.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
