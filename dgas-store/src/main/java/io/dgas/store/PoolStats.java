package io.dgas.store;

/**
 * A consistent reading of the pool.
 *
 * @param total open connections
 * @param active connections lent out
 * @param idle open connections not lent out
 * @param waiting threads waiting for a connection
 * @param max configured maximum pool size
 */
public record PoolStats(int total, int active, int idle, int waiting, int max) {

    /** Share of the maximum that is in use, 0..1. */
    public double utilisation() {
        return max <= 0 ? 0 : Math.max(0, Math.min(1, (double) active / max));
    }

    public String describe() {
        return "total=" + total + ", active=" + active + ", idle=" + idle + ", waiting=" + waiting + ", max=" + max;
    }
}
