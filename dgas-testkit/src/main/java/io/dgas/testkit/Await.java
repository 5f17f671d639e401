package io.dgas.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting in tests for what another thread or process does: polling with a deadline, never a fixed sleep. */
public final class Await {
    private static final long POLL_MS = 20;

    private Await() {}

    /** How long {@link #until(BooleanSupplier, String)} waits: long enough for a loaded CI machine. */
    public static final Duration DEFAULT = Duration.ofSeconds(30);

    /** {@link #until(BooleanSupplier, Duration, String)} for up to {@link #DEFAULT}. */
    public static void until(BooleanSupplier condition, String what) {
        until(condition, DEFAULT, what);
    }

    /**
     * Returns once {@code condition} holds, looking every 20 ms.
     *
     * @throws AssertionError naming {@code what} when it still does not hold after {@code timeout}
     */
    public static void until(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting for " + what + " after " + timeout);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(POLL_MS * 1_000_000L);
        }
    }
}
