package io.branchlink.channel.form;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Wakes the long polls of a branch's hubs once a staging event for that branch has committed. Each branch has a
 * generation counter: a poll reads it before it queries the outbox and then waits only while it is unchanged, so an
 * event committed between the query and the wait is never missed. Waiting holds no database connection.
 */
@Component
class FeedSignals {

    private final Map<String, Generation> branches = new ConcurrentHashMap<>();

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(FormFeedChanged changed) {
        generation(changed.branchId()).bump();
    }

    long current(String branchId) {
        return generation(branchId).value();
    }

    /** @return true when the generation moved past {@code seen} before {@code deadlineNanos} ({@link System#nanoTime}) */
    boolean awaitChange(String branchId, long seen, long deadlineNanos) throws InterruptedException {
        return generation(branchId).awaitPast(seen, deadlineNanos);
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

        synchronized boolean awaitPast(long seen, long deadlineNanos) throws InterruptedException {
            while (value == seen) {
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
