package io.dgas.calc.cache;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per calculation type: call count, mean and p95 duration, cache hits and misses. Cheap on the hot path: a map look-up
 * (allocation-free once the type exists) and a synchronized write into a fixed ring of the last {@value #RING}
 * durations; percentiles are computed only by {@link #snapshot()}. Thread-safe.
 */
public final class CalculationProfiler {
    static final int RING = 1024;

    private final Map<String, Stats> stats = new ConcurrentHashMap<>();

    /** Figures of one calculation type; durations in nanoseconds over computed (not cache-hit) calls. */
    public record Snapshot(String calculation, long count, double meanNanos, long p95Nanos, long hits, long misses) {
        public double hitRatio() {
            long total = hits + misses;
            return total == 0 ? 0 : (double) hits / total;
        }
    }

    /** Records one computed call of {@code calculation} that took {@code nanos}. */
    public void record(String calculation, long nanos) {
        stats(calculation).record(nanos);
    }

    public void recordHit(String calculation) {
        stats(calculation).hit();
    }

    public void recordMiss(String calculation) {
        stats(calculation).miss();
    }

    private Stats stats(String calculation) {
        Stats s = stats.get(calculation);
        return s != null ? s : stats.computeIfAbsent(calculation, k -> new Stats());
    }

    /** Current figures, sorted by calculation name. */
    public List<Snapshot> snapshot() {
        List<Snapshot> out = new ArrayList<>();
        stats.forEach((name, s) -> out.add(s.snapshot(name)));
        out.sort((a, b) -> a.calculation().compareTo(b.calculation()));
        return out;
    }

    public Snapshot snapshot(String calculation) {
        Stats s = stats.get(calculation);
        return s == null ? new Snapshot(calculation, 0, 0, 0, 0, 0) : s.snapshot(calculation);
    }

    private static final class Stats {
        private final long[] ring = new long[RING];
        private long count;
        private long total;
        private long hits;
        private long misses;

        synchronized void record(long nanos) {
            ring[(int) (count % RING)] = nanos;
            count++;
            total += nanos;
        }

        synchronized void hit() {
            hits++;
        }

        synchronized void miss() {
            misses++;
        }

        synchronized Snapshot snapshot(String name) {
            int n = (int) Math.min(count, RING);
            long p95 = 0;
            if (n > 0) {
                long[] sorted = Arrays.copyOf(ring, n);
                Arrays.sort(sorted);
                p95 = sorted[Math.min(n - 1, (int) Math.ceil(0.95 * n) - 1)];
            }
            return new Snapshot(name, count, count == 0 ? 0 : (double) total / count, p95, hits, misses);
        }
    }
}
