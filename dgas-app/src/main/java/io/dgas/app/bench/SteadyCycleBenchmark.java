package io.dgas.app.bench;

import io.dgas.app.cycle.AnalyzerPool;
import io.dgas.app.cycle.CycleRequest;
import io.dgas.app.cycle.CycleResult;
import io.dgas.app.cycle.PredictionCycle;
import io.dgas.app.cycle.SymbolAnalyzer;
import io.dgas.app.demo.SyntheticBars;
import io.dgas.calc.drummond.MtfParams;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.bars.LatestBar;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestLimits;
import io.dgas.store.ingest.IngestOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.StringReader;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;

/**
 * {@code dgas benchmark cycle --steady}: the warm cycle's steady state. Per universe size, on a fresh database of
 * synthetic 1h bars (4h aggregated) ending at the fixed {@link CycleBenchmark#SEED_END}: a full-recompute cycle (the
 * cold path, measured after {@value #FULL_WARMUP} unmeasured runs), then a warm cycle to fill the warm state, then rounds of one new bar
 * per series (1h and 4h, ingested outside the clock and reported to the warm state) each followed by a warm cycle
 * (load new bars, analyse, persist signals, run record): {@code warmup} rounds unmeasured, then the measured ones.
 * The warm-up is long because a warm cycle runs its per-series code once per series (a full recompute runs it once per
 * bar), so that code reaches C2 only after some 25 cycles: at 5,000 symbols the workers' CPU per cycle was 121–144 ms
 * after 10 to 20 warm-up cycles (the JIT still taking 11–31 ms a cycle) and 64–87 ms after 27 to 30 (1–7 ms). A scheduler
 * that runs for days runs compiled code; {@code warmup_rounds} is in the figures.
 * Before each measured cycle the harness waits for the JIT to go idle, so the ingest it ran outside the clock is not
 * compiled inside it (an hourly cycle leaves the compilers that time too). Beside each cycle's wall time,
 * the JVM's CPU time over it (all threads, the collector's too; not the database server's) and the collection time:
 * on a busy machine the wall time mostly measures the neighbours. The warm cycle's CPU is also split by who spent it
 * ({@link CpuBreakdown}: the workers, the main thread, the collector, the JIT, other JVM threads, and the database
 * server's processes), medians over the rounds, and the speedup is also given on the JVM's and the server's CPU
 * together, with and without the JIT's share (a long-running scheduler has long compiled its cycle's code; both sides
 * of this short run still compile some). The heap held by the warm state is the used heap after
 * a collection with it minus without it.
 */
public final class SteadyCycleBenchmark {
    private static final int LOOKBACK = 200;

    /**
     * Unmeasured full recomputes before the measured one: the first compiles the cold path's per-series code at C1,
     * the largest methods reach C2 only during the second.
     */
    private static final int FULL_WARMUP = 2;

    /** {@link #quiesce}: the JIT counts as idle below {@code QUIET_JIT_MS} of its CPU per {@code QUIET_MS}. */
    private static final int QUIET_MS = 100;

    private static final int QUIET_JIT_MS = 1;
    private static final int QUIESCE_MAX_MS = 5_000;

    private final Database main;
    private final int workers;
    private final Consumer<String> info;
    private final int rounds;
    private final int warmup;

    /**
     * @param rounds measured warm cycles per size (the median is reported)
     * @param warmup warm cycles of one new bar per series run before them, unmeasured: the full recompute is measured
     *     after {@value #FULL_WARMUP} unmeasured runs too, so both sides are measured with their code compiled
     */
    public SteadyCycleBenchmark(Database main, int workers, int rounds, int warmup, Consumer<String> info) {
        this.main = main;
        this.workers = workers;
        this.rounds = rounds;
        this.warmup = warmup;
        this.info = info;
    }

    /** One row of figures per universe size, each seeded with {@code bars} 1h bars per symbol. */
    public List<Map<String, Object>> run(List<Integer> sizes, int bars) {
        return CycleBenchmark.perFreshDatabase(main, "dgas_sbench_", sizes, (db, n) -> measure(db, n, bars));
    }

    private Map<String, Object> measure(Database db, int n, int bars) {
        CycleBenchmark.seed(db, n, bars, info);
        ExecutorService threads = Executors.newFixedThreadPool(workers);
        try {
            SymbolAnalyzer analyzer = new SymbolAnalyzer(MtfParams.defaults(), SignalParams.defaults());
            CycleRequest request = new CycleRequest(null, Timeframe.H4, Timeframe.H1, LOOKBACK, Duration.ofDays(3650));
            PredictionCycle cold = cycle(db, analyzer, threads);
            for (int i = 0; i < FULL_WARMUP; i++) {
                cold.run(request); // warm-up: JIT and the server's caches
            }
            CpuBreakdown breakdown = new CpuBreakdown(db);
            quiesce(breakdown);
            Map<String, Long> fullKinds0 = breakdown.sample();
            long fullCpu0 = LoadRun.processCpuNanos();
            double full = cold.run(request).run().durationMs();
            double fullCpu = (LoadRun.processCpuNanos() - fullCpu0) / 1e6;
            Map<String, Double> fullKinds = CpuBreakdown.millis(fullKinds0, breakdown.sample());
            long before = usedHeap();
            AnalyzerPool pool = new AnalyzerPool(db, analyzer);
            PredictionCycle warm = cycle(db, analyzer, threads).warm(pool);
            info.accept("filling the warm state ...");
            double fill = warm.run(request).run().durationMs();
            long heap = usedHeap() - before;
            List<String> symbols =
                    IntStream.range(0, n).mapToObj(SyntheticBars::ticker).toList();
            for (int round = 0; round < warmup; round++) {
                appendOneBar(db, pool, symbols);
                warm.run(request);
            }
            double[] steady = new double[rounds];
            double[] cpu = new double[rounds];
            double[] gc = new double[rounds];
            Map<String, double[]> byKind = new LinkedHashMap<>();
            CycleResult last = null;
            for (int round = 0; round < rounds; round++) {
                appendOneBar(db, pool, symbols);
                quiesce(breakdown);
                // the breakdown's samples (/proc reads and a server query) outside the JVM CPU window, as for the
                // full recompute
                Map<String, Long> kinds0 = breakdown.sample();
                long cpu0 = LoadRun.processCpuNanos();
                long gc0 = gcMillis();
                last = warm.run(request);
                cpu[round] = (LoadRun.processCpuNanos() - cpu0) / 1e6;
                gc[round] = gcMillis() - gc0;
                Map<String, Long> kinds1 = breakdown.sample();
                steady[round] = last.run().durationMs();
                int at = round;
                Map<String, Double> spent = CpuBreakdown.millis(kinds0, kinds1);
                info.accept(String.format(
                        Locale.ROOT, "round %d: %.0f ms, cpu ms by kind %s", round + 1, steady[round], spent));
                spent.forEach((k, ms) -> byKind.computeIfAbsent(k, x -> new double[rounds])[at] = ms);
            }
            // JVM and server CPU together, and without the JIT's: what a long-running scheduler's cycle costs
            double[] total = new double[rounds];
            double[] compiled = new double[rounds];
            double[] server = byKind.getOrDefault("db_server", new double[rounds]);
            double[] jit = byKind.getOrDefault("jit", new double[rounds]);
            for (int i = 0; i < rounds; i++) {
                total[i] = cpu[i] + server[i];
                compiled[i] = total[i] - jit[i];
            }
            double fullTotal = fullCpu + fullKinds.getOrDefault("db_server", 0.0);
            double fullCompiled = fullTotal - fullKinds.getOrDefault("jit", 0.0);
            Arrays.sort(total);
            Arrays.sort(compiled);
            Arrays.sort(steady);
            Arrays.sort(cpu);
            Arrays.sort(gc);
            double median = steady[rounds / 2];
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("symbols", n);
            m.put("timeframes", "1h+4h");
            m.put("workers", workers);
            m.put("full_recompute_ms", Math.round(full));
            m.put("warm_fill_ms", Math.round(fill));
            m.put("warmup_rounds", warmup);
            m.put("steady_ms_median", Math.round(median));
            m.put("steady_ms_min", Math.round(steady[0]));
            m.put("full_recompute_jvm_cpu_ms", Math.round(fullCpu));
            fullKinds.forEach((k, ms) -> m.put("full_recompute_cpu_ms_" + k, Math.round(ms)));
            m.put("steady_jvm_cpu_ms_median", Math.round(cpu[rounds / 2]));
            m.put("steady_gc_ms_median", Math.round(gc[rounds / 2]));
            byKind.forEach((k, v) -> {
                Arrays.sort(v);
                m.put("steady_cpu_ms_median_" + k, Math.round(v[rounds / 2]));
            });
            m.put("steady_load_ms_summed", Math.round(last.run().loadMs()));
            m.put("steady_analyse_ms_summed", Math.round(last.run().analyseMs()));
            m.put("steady_persist_ms", Math.round(last.run().persistMs()));
            m.put("speedup", String.format(Locale.ROOT, "%.1f", full / median));
            m.put("speedup_jvm_cpu", String.format(Locale.ROOT, "%.1f", fullCpu / cpu[rounds / 2]));
            m.put("full_recompute_cpu_total_ms", Math.round(fullTotal));
            m.put("steady_cpu_total_ms_median", Math.round(total[rounds / 2]));
            m.put("speedup_cpu_total", String.format(Locale.ROOT, "%.1f", fullTotal / total[rounds / 2]));
            m.put(
                    "speedup_cpu_total_without_jit",
                    String.format(Locale.ROOT, "%.1f", fullCompiled / compiled[rounds / 2]));
            m.put("warm_series", pool.size());
            m.put("warm_bars", pool.bars());
            m.put("warm_heap_mb", heap / (1024 * 1024));
            m.put("signals_last_round", last.signals().size());
            return m;
        } finally {
            threads.shutdownNow();
        }
    }

    private static PredictionCycle cycle(Database db, SymbolAnalyzer analyzer, ExecutorService threads) {
        return new PredictionCycle(
                db, analyzer, threads, 100, CycleBenchmark.seedClock(), "bench", new SimpleMeterRegistry(), r -> r);
    }

    /** One new bar after the newest of every series (1h and 4h), through the ingest path, reported to the pool. */
    private static void appendOneBar(Database db, AnalyzerPool pool, List<String> symbols) {
        StringBuilder csv = new StringBuilder("timestamp,symbol,interval,open,high,low,close,volume\n");
        BarRepository repo = new BarRepository(db);
        for (Timeframe tf : List.of(Timeframe.H1, Timeframe.H4)) {
            for (LatestBar b : repo.latest(symbols, tf).values()) {
                double c = b.close() * (1 + ((b.ts() / tf.seconds()) % 7 - 3) * 0.001);
                csv.append(String.format(
                        Locale.ROOT,
                        "%s,%s,%s,%.6f,%.6f,%.6f,%.6f,1000%n",
                        Instant.ofEpochSecond(b.ts() + tf.seconds()),
                        b.symbol(),
                        tf.code(),
                        b.close(),
                        Math.max(b.close(), c) * 1.002,
                        Math.min(b.close(), c) * 0.998,
                        c));
            }
        }
        // many rounds of new 4h bars run days past the seed's end (and the cycles' clock): accept them
        IngestLimits future = new IngestLimits(0, 86_400L * 3650, 1e-8, 1e9, 65_536, CycleBenchmark.seedClock());
        new BarIngestor(db, pool)
                .ingest(
                        "steady",
                        new StringReader(csv.toString()),
                        null,
                        IngestOptions.defaults().withLimits(future));
    }

    /**
     * Waits until the JIT compiler threads have spent under {@value #QUIET_JIT_MS} ms of CPU over {@value #QUIET_MS} ms
     * (at most {@value #QUIESCE_MAX_MS} ms), so code the harness ran outside the clock (the ingest of the new bars) is
     * not compiled inside it; compilations the measured cycle itself triggers stay in its figures. The compilers' CPU,
     * not the compilation time the JVM reports, since that moves only when a compilation ends and one C2 compilation
     * of the per-series code takes most of a second here. Without {@code /proc}: the reported compilation time.
     */
    private static void quiesce(CpuBreakdown cpu) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        LongSupplier busy = cpu.jitNanos() >= 0
                ? cpu::jitNanos
                : jit != null && jit.isCompilationTimeMonitoringSupported()
                        ? () -> jit.getTotalCompilationTime() * 1_000_000L
                        : null;
        if (busy == null) {
            return;
        }
        long deadline = System.nanoTime() + QUIESCE_MAX_MS * 1_000_000L;
        long seen = busy.getAsLong();
        while (System.nanoTime() < deadline) {
            try {
                Thread.sleep(QUIET_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long now = busy.getAsLong();
            if (now - seen < QUIET_JIT_MS * 1_000_000L) {
                return;
            }
            seen = now;
        }
    }

    /** Collection time so far, summed over the collectors (pauses and concurrent work as the JVM counts them). */
    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(b -> Math.max(0, b.getCollectionTime()))
                .sum();
    }

    private static long usedHeap() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
