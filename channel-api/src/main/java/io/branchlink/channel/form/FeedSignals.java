package io.branchlink.channel.form;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Wakes the long polls of a branch's hubs once a staging event for that branch has committed. Each branch has a
 * generation counter: a poll reads it before it queries the outbox and then waits only while it is unchanged, so an
 * event committed between the query and the wait is never missed. Waiting holds no database connection. When the
 * application closes, every waiting poll is answered at once (with what it has), so a graceful shutdown does not wait
 * out the hubs' long polls.
 */
@Component
class FeedSignals {

    private final Map<String, Generation> branches = new ConcurrentHashMap<>();
    private volatile boolean closing;

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(FormFeedChanged changed) {
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
