package io.dgas.store;

/**
 * A consistent reading of the pool.
 *
 * @param total open connections
 * @param active connections lent out
 * @param idle open connections not lent out
 * @param waiting threads waiting for a connection
 * @param max configured maximum pool size
 * @param acquireP95Ms 95th percentile of the time to borrow a connection over the last 5 minutes
 * @param timeouts borrows that failed (acquire timeout or database down) since start
 * @param acquires the borrows {@code acquireP95Ms} is over (those of the last 5 minutes, at most the window's 2,048)
 */
public record PoolStats(
        int total, int active, int idle, int waiting, int max, double acquireP95Ms, long timeouts, int acquires) {

    /** Share of the maximum that is in use, 0..1. */
    public double utilisation() {
        return max <= 0 ? 0 : Math.max(0, Math.min(1, (double) active / max));
    }

    /** The reading for people: "total 5, active 1, idle 4, waiting 0, max 20, timeouts 0". */
    public String describe() {
        return "total " + total + ", active " + active + ", idle " + idle + ", waiting " + waiting + ", max " + max
                + ", timeouts " + timeouts;
    }
}
