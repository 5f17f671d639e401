package io.dgas.store.monitor;

import java.util.Arrays;

/**
 * The most recent {@code capacity} durations of one statement, with their times, for percentiles over a sliding
 * window.
 *
 * <p>Design notes: a fixed ring of primitive longs, written under a lock held for two array stores, so recording
 * allocates nothing and costs tens of nanoseconds. Percentiles are computed on demand (copy, filter by age, sort) —
 * reports are rare, statements are not. Percentiles use the nearest-rank method: the p-th percentile of n sorted
 * values is the value at rank ⌈p/100 × n⌉.
 */
public final class LatencyWindow {
    private final long[] nanos;
    private final long[] atMillis;
    private int next;
    private int size;

    public LatencyWindow(int capacity) {
        this.nanos = new long[capacity];
        this.atMillis = new long[capacity];
    }

    public synchronized void record(long durationNanos, long nowMillis) {
        nanos[next] = durationNanos;
        atMillis[next] = nowMillis;
        next = (next + 1) % nanos.length;
        if (size < nanos.length) {
            size++;
        }
    }

    /** Durations recorded at or after {@code sinceMillis}, sorted ascending. */
    public synchronized long[] sortedSince(long sinceMillis) {
        long[] out = new long[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (atMillis[i] >= sinceMillis) {
                out[n++] = nanos[i];
            }
        }
        long[] result = Arrays.copyOf(out, n);
        Arrays.sort(result);
        return result;
    }

    /** Nearest-rank percentile of sorted values; NaN when empty. */
    public static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }
}
