package io.dgas.store.monitor;

import io.dgas.store.StatementObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times every named statement: count, rows, failures, mean, P50/P95/P99 and max over a sliding window, a Micrometer
 * timer {@code db_query_duration_seconds{operation=<name>}} with a percentile histogram, and a slow-query log.
 *
 * <p>The slow log and the slow list carry the statement's name, duration and row count — never SQL text or bound
 * values, which may hold secrets or personal data.
 *
 * <p>Bulk statements ({@link #isBulk}: the loads of ingest and aggregation, the demo's and benchmarks' set-up, and
 * maintenance such as view refreshes, partition work, VACUUM and ANALYZE) take seconds by design, in proportion to the
 * rows they move; judged against the interactive threshold they would bury a slow read under expected warnings. They
 * are judged against their own threshold instead, and are timed and counted like every other statement.
 */
public final class QueryMonitor implements StatementObserver {
    private static final Logger SLOW_LOG = LoggerFactory.getLogger("io.dgas.slow-queries");
    private static final int WINDOW_SAMPLES = 4096;
    private static final int SLOW_KEPT = 200;

    private final MeterRegistry registry;
    private final Clock clock;
    private final long slowNanos;
    private final long bulkSlowNanos;
    private final Duration window;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final ArrayDeque<SlowQuery> slow = new ArrayDeque<>();

    /**
     * The statement-name families of bulk statements (a name starting with one is bulk): data loads, rollups, the set-up
     * of the demo and the benchmarks, maintenance, and the check of every series at a timeframe (a scan of its bars).
     */
    public static final List<String> BULK_FAMILIES = List.of(
            "ingest.bars.",
            "ingest.ticks.",
            "aggregate.",
            "sample.",
            "demo.",
            "bench.",
            "views.",
            "partition.",
            "data.purge.",
            "data.check-universe",
            "optimizer.vacuum",
            "optimizer.analyze",
            "optimizer.refresh-view",
            "optimizer.add-index");

    /** A monitor judging every statement against {@code slowThreshold}, bulk ones included. */
    public QueryMonitor(MeterRegistry registry, Clock clock, Duration slowThreshold, Duration window) {
        this(registry, clock, slowThreshold, slowThreshold, window);
    }

    /**
     * @param slowThreshold the time from which a statement is slow (logged and listed)
     * @param bulkSlowThreshold the same for {@link #isBulk bulk} statements
     */
    public QueryMonitor(
            MeterRegistry registry, Clock clock, Duration slowThreshold, Duration bulkSlowThreshold, Duration window) {
        this.registry = registry;
        this.clock = clock;
        this.slowNanos = slowThreshold.toNanos();
        this.bulkSlowNanos = bulkSlowThreshold.toNanos();
        this.window = window;
    }

    /** Whether statement {@code name} is bulk work, judged against the bulk threshold ({@link #BULK_FAMILIES}). */
    public static boolean isBulk(String name) {
        for (String f : BULK_FAMILIES) {
            if (name.startsWith(f)) {
                return true;
            }
        }
        return false;
    }

    private final class Entry {
        final LongAdder count = new LongAdder();
        final LongAdder failures = new LongAdder();
        final LongAdder rows = new LongAdder();
        final LongAdder totalNanos = new LongAdder();
        final LatencyWindow latencies = new LatencyWindow(WINDOW_SAMPLES);
        final Timer timer;
        final Counter slowCounter;
        final long slowAt;

        Entry(String name) {
            slowAt = isBulk(name) ? bulkSlowNanos : slowNanos;
            timer = Timer.builder("db.query.duration")
                    .description("Duration of named SQL statements")
                    .tag("operation", name)
                    .publishPercentileHistogram()
                    .register(registry);
            slowCounter = Counter.builder("slow.queries")
                    .description("Statements at or above the slow-query threshold")
                    .tag("operation", name)
                    .register(registry);
        }
    }

    @Override
    public void onStatement(String name, long nanos, long rows, boolean failed) {
        Entry e = entries.computeIfAbsent(name, Entry::new);
        long now = clock.millis();
        e.count.increment();
        e.rows.add(rows);
        e.totalNanos.add(nanos);
        if (failed) {
            e.failures.increment();
        }
        e.latencies.record(nanos, now);
        e.timer.record(nanos, TimeUnit.NANOSECONDS);
        if (nanos >= e.slowAt) {
            e.slowCounter.increment();
            double ms = nanos / 1e6;
            SLOW_LOG.warn(
                    "slow query name={} duration_ms={} rows={} failed={}",
                    name,
                    String.format(java.util.Locale.ROOT, "%.1f", ms),
                    rows,
                    failed);
            synchronized (slow) {
                if (slow.size() == SLOW_KEPT) {
                    slow.removeFirst();
                }
                slow.addLast(new SlowQuery(clock.instant(), name, ms, rows, failed));
            }
        }
    }

    /** Figures per statement over the window, most total time first. */
    public List<QueryStats> stats() {
        long since = clock.millis() - window.toMillis();
        List<QueryStats> out = new ArrayList<>();
        entries.forEach((name, e) -> {
            long[] sorted = e.latencies.sortedSince(since);
            double sum = 0;
            for (long v : sorted) {
                sum += v;
            }
            out.add(new QueryStats(
                    name,
                    e.count.sum(),
                    e.failures.sum(),
                    e.rows.sum(),
                    sorted.length,
                    sorted.length == 0 ? Double.NaN : sum / sorted.length / 1e6,
                    LatencyWindow.percentile(sorted, 50) / 1e6,
                    LatencyWindow.percentile(sorted, 95) / 1e6,
                    LatencyWindow.percentile(sorted, 99) / 1e6,
                    sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6,
                    e.totalNanos.sum() / 1e6));
        });
        out.sort(Comparator.comparingDouble(QueryStats::totalMs).reversed());
        return out;
    }

    /** The most recent slow statements, newest last. */
    public List<SlowQuery> slowQueries() {
        synchronized (slow) {
            return List.copyOf(slow);
        }
    }

    public Duration slowThreshold() {
        return Duration.ofNanos(slowNanos);
    }

    /** The slow threshold of {@link #isBulk bulk} statements. */
    public Duration bulkSlowThreshold() {
        return Duration.ofNanos(bulkSlowNanos);
    }
}
