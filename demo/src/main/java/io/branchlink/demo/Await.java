package io.branchlink.demo;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waiting for something a person would watch for (a screen, a printer), checking every tenth of a millisecond. */
public final class Await {

    private static final long PAUSE_NANOS = 100_000;

    private Await() {
    }

    /** Whether {@code condition} became true within {@code timeout}. */
    public static boolean until(BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            LockSupport.parkNanos(PAUSE_NANOS);
        }
        return true;
    }
}
