package io.dgas.app.cycle;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The series of one cycle already caught up by {@link AnalyzerPool#catchUp}: their batches ({@link
 * AnalyzerPool#load}) skip the catch-up query and only rebuild what needs it. A stamp per cycle, recorded on each
 * series caught up ({@link HeldSymbol#caughtUp}).
 */
public final class CaughtUp {
    private static final AtomicLong STAMPS = new AtomicLong();

    /** No series caught up: every batch catches its own series up. */
    static final CaughtUp NONE = new CaughtUp(-1);

    final long stamp;

    private CaughtUp(long stamp) {
        this.stamp = stamp;
    }

    /** A new, empty record of caught-up series for one cycle. */
    public static CaughtUp next() {
        return new CaughtUp(STAMPS.incrementAndGet());
    }
}
