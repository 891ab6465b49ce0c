package io.branchlink.channel.system;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Wake-ups for the long polls of a branch's hubs on one feed (the staging feed, the ITM session feed). Each branch
 * has a generation counter: a poll reads it before it queries its feed and then waits only while it is unchanged, so
 * an event committed between the query and the wait is never missed. Waiting holds no database connection. After
 * {@link #close} every waiting poll is answered at once (with what it has) and later ones do not wait, so a graceful
 * shutdown does not wait out the hubs' long polls.
 */
public final class BranchSignals {

    private final Map<String, Generation> branches = new ConcurrentHashMap<>();
    private volatile boolean closing;

    /** Something for {@code branchId} committed: wake its polls. */
    public void signal(String branchId) {
        generation(branchId).bump();
    }

    /** Answers every waiting poll now, and every later one at once. */
    public void close() {
        closing = true;
        branches.values().forEach(Generation::wake);
    }

    public long current(String branchId) {
        return generation(branchId).value();
    }

    /** @return true when the generation moved past {@code seen} before {@code deadlineNanos} ({@link System#nanoTime}) */
    public boolean awaitChange(String branchId, long seen, long deadlineNanos) throws InterruptedException {
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
