package io.branchlink.channel.itmsession.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Wakes the ITM session feed's long polls of a branch's hubs once a claim for that branch has committed, as
 * {@code form.FeedSignals} does for the staging feed. Each branch has a generation counter: a poll reads it before it
 * queries the feed and then waits only while it is unchanged, so a claim committed between the query and the wait is
 * never missed. Waiting holds no database connection. When the application closes, every waiting poll is answered
 * at once.
 */
@Component
class ItmSessionSignals {

    private final Map<String, Generation> branches = new ConcurrentHashMap<>();
    private volatile boolean closing;

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(ItmSessionFeedChanged changed) {
        generation(changed.branchId()).bump();
    }

    @EventListener(ContextClosedEvent.class)
    void closing() {
        closing = true;
        branches.values().forEach(Generation::wake);
    }

    long current(String branchId) {
        return generation(branchId).value();
    }

    /** @return true when the generation moved past {@code seen} before {@code deadlineNanos} ({@link System#nanoTime}) */
    boolean awaitChange(String branchId, long seen, long deadlineNanos) throws InterruptedException {
        return !closing && generation(branchId).awaitPast(seen, deadlineNanos, () -> closing);
    }

    private Generation generation(String branchId) {
        return branches.computeIfAbsent(branchId, id -> new Generation());
    }

    private static final class Generation {

        private long value;

        synchronized long value() {
            return value;
        }

        synchronized void bump() {
            value++;
            notifyAll();
        }

        synchronized void wake() {
            notifyAll();
        }

        /** @return false at the deadline, or at once when {@code closing} */
        synchronized boolean awaitPast(long seen, long deadlineNanos, BooleanSupplier closing)
                throws InterruptedException {
            while (value == seen) {
                if (closing.getAsBoolean()) {
                    return false;
                }
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000), 0);
            }
            return true;
        }
    }
}
