package io.dgas.app.cycle;

import io.dgas.calc.drummond.Signal;
import io.dgas.store.Database;
import io.dgas.store.bars.BarColumns;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.runs.RunRecord;
import io.dgas.store.runs.RunRepository;
import io.dgas.store.runs.RunStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * One prediction cycle (system.md §6): the universe in batches on a worker pool, a constant number of queries per
 * batch (trading and higher-timeframe bars, one query each), then the run record and its signals in one
 * transaction, then the alert rules.
 *
 * <p>A symbol that throws is recorded in the run and does not fail the others: the run is SUCCESS when none failed,
 * PARTIAL when some did, FAILED when none succeeded. If storing fails, nothing of the run is kept but a FAILED run row
 * naming the error, so the record never disagrees with what was stored. Stage times: load and analyse are summed over
 * the workers (CPU-side cost); persist, alerts and the total are wall time.
 */
public final class PredictionCycle {
    /** Signals of one (symbol, type) within this window are aggregated (drummond.md §7). */
    public static final Duration AGGREGATION_WINDOW = Duration.ofMinutes(60);

    private final Database db;
    private final BarRepository bars;
    private final RunRepository runs;
    private final SymbolAnalysis analyzer;
    private final ExecutorService workers;
    private final int batchSize;
    private final Clock clock;
    private final String instance;
    private final Consumer<CycleResult> afterRun;
    private final Timer duration;
    private final MeterRegistry registry;
    private volatile AnalyzerPool warm;

    public PredictionCycle(
            Database db,
            SymbolAnalysis analyzer,
            ExecutorService workers,
            int batchSize,
            Clock clock,
            String instance,
            MeterRegistry registry,
            Consumer<CycleResult> afterRun) {
        this.db = db;
        this.bars = new BarRepository(db);
        this.runs = new RunRepository(db);
        this.analyzer = analyzer;
        this.workers = workers;
        this.batchSize = batchSize;
        this.clock = clock;
        this.instance = instance;
        this.registry = registry;
        this.afterRun = afterRun;
        this.duration = Timer.builder("dgas.cycle.duration")
                .description("Prediction cycle wall time")
                .register(registry);
    }

    /** Runs batches through {@code pool}'s warm series from now on (null: load and analyse everything each cycle). */
    public PredictionCycle warm(AnalyzerPool pool) {
        this.warm = pool;
        return this;
    }

    public CycleResult run(CycleRequest request) {
        long start = System.nanoTime();
        Instant startedAt = clock.instant();
        List<String> universe = universe(request);
        LongAdder loadNanos = new LongAdder();
        LongAdder analyseNanos = new LongAdder();
        List<Future<List<SymbolOutcome>>> futures = new ArrayList<>();
        for (int from = 0; from < universe.size(); from += batchSize) {
            List<String> batch = universe.subList(from, Math.min(universe.size(), from + batchSize));
            futures.add(workers.submit(() -> batch(batch, request, startedAt, loadNanos, analyseNanos)));
        }
        List<SymbolOutcome> outcomes = new ArrayList<>();
        for (Future<List<SymbolOutcome>> f : futures) {
            outcomes.addAll(join(f));
        }
        return persist(
                request,
                0,
                startedAt,
                () -> System.nanoTime() - start,
                universe.size(),
                outcomes,
                loadNanos.sum(),
                analyseNanos.sum());
    }

    /** The symbols a run covers: the request's, or the active universe. */
    public List<String> universe(CycleRequest request) {
        return request.symbols() != null ? request.symbols() : runs.activeUniverse();
    }

    /** Loads and analyses one batch: a constant number of queries whatever its size (two cold, at most four warm). */
    public List<SymbolOutcome> batch(
            List<String> symbols, CycleRequest r, Instant asOf, LongAdder load, LongAdder analyse) {
        AnalyzerPool pool = warm;
        long t0 = System.nanoTime();
        Function<String, SymbolOutcome> step;
        List<SymbolOutcome> out = new ArrayList<>(symbols.size());
        try {
            step = pool != null ? pool.load(symbols, r, asOf) : load(symbols, r, asOf);
        } catch (io.dgas.store.UnableToConnectException e) {
            throw e;
        } catch (RuntimeException e) {
            for (String s : symbols) {
                out.add(new SymbolOutcome(s, null, false, "loading bars failed: " + e.getMessage()));
            }
            return out;
        } finally {
            load.add(System.nanoTime() - t0);
        }
        long t1 = System.nanoTime();
        for (String s : symbols) {
            try {
                out.add(step.apply(s));
            } catch (RuntimeException e) {
                out.add(new SymbolOutcome(s, null, false, e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
        analyse.add(System.nanoTime() - t1);
        return out;
    }

    /** The cold path: a batch's bars loaded in two queries, each symbol then analysed from them. */
    private Function<String, SymbolOutcome> load(List<String> symbols, CycleRequest r, Instant asOf) {
        Map<String, BarColumns> trading = bars.lastForSymbols(symbols, r.trading(), r.lookback());
        Map<String, BarColumns> higher = bars.lastForSymbols(symbols, r.htf(), r.lookback());
        return s -> analyzer.analyze(s, trading.get(s), higher.get(s), r.htf(), asOf, r.staleAfter());
    }

    /**
     * Stores a run and its signals in one transaction, then runs the alert stage.
     *
     * @param runId the run's row when it was created earlier (a distributed run), or 0 to insert it now
     * @param elapsed nanoseconds since the run started, read at each stage
     */
    public CycleResult persist(
            CycleRequest r,
            long runId,
            Instant startedAt,
            LongSupplier elapsed,
            int requested,
            List<SymbolOutcome> outcomes,
            long loadNanos,
            long analyseNanos) {
        Map<String, String> errors = new LinkedHashMap<>();
        List<String> stale = new ArrayList<>();
        List<Signal> signals = new ArrayList<>();
        for (SymbolOutcome o : outcomes) {
            if (o.failed()) {
                errors.put(o.symbol(), o.error());
            } else if (o.stale()) {
                stale.add(o.symbol());
            } else if (o.signal() != null) {
                signals.add(o.signal());
            }
        }
        int processed = outcomes.size() - errors.size();
        RunStatus status = requested == 0 ? RunStatus.SUCCESS : RunStatus.of(processed, errors.size());
        Figures f = new Figures(r, startedAt, requested, processed, stale, loadNanos, analyseNanos, elapsed);
        long persistStart = System.nanoTime();
        CycleResult result;
        try {
            result = db.inTransaction(s -> {
                Map<String, Long> ids =
                        runs.symbolIds(s, signals.stream().map(Signal::symbol).toList());
                RunRecord draft = recordOf(f, runId, status, errors, 0, 0, 0);
                long id = runId == 0 ? runs.insertRun(s, draft) : runs.updateRun(s, draft);
                List<Signal> stored = runs.insertSignals(s, id, r.trading(), signals, ids, AGGREGATION_WINDOW);
                RunRecord done = recordOf(f, id, status, errors, stored.size(), System.nanoTime() - persistStart, 0);
                runs.updateRun(s, done);
                return new CycleResult(done, stored);
            });
        } catch (RuntimeException e) {
            Map<String, String> all = new LinkedHashMap<>(errors);
            all.put("*", "storing the run failed: " + e.getMessage());
            RunRecord failed = recordOf(f, runId, RunStatus.FAILED, all, 0, System.nanoTime() - persistStart, 0);
            long id = db.inTransaction(s -> runId == 0 ? runs.insertRun(s, failed) : runs.updateRun(s, failed));
            throw new UnableToRunCycleException(
                    "run " + id + " failed while storing its signals: " + e.getMessage(), e);
        }
        for (Signal s : result.signals()) {
            Counter.builder("dgas.signals")
                    .tag("type", RunRepository.code(s.type()))
                    .register(registry)
                    .increment();
        }
        long alertsStart = System.nanoTime();
        afterRun.accept(result);
        long alertsNanos = System.nanoTime() - alertsStart;
        runs.setAlertsMs(result.run().id(), alertsNanos / 1e6);
        duration.record(Duration.ofNanos(elapsed.getAsLong()));
        RunRecord rr = result.run();
        return new CycleResult(
                recordOf(
                        f, rr.id(), rr.status(), rr.errors(), rr.signals(), (long) (rr.persistMs() * 1e6), alertsNanos),
                result.signals());
    }

    /** The figures of one run that do not change while it is stored. */
    private record Figures(
            CycleRequest r,
            Instant startedAt,
            int requested,
            int processed,
            List<String> stale,
            long loadNanos,
            long analyseNanos,
            LongSupplier elapsed) {}

    private RunRecord recordOf(
            Figures f,
            long id,
            RunStatus status,
            Map<String, String> errors,
            int signals,
            long persistNanos,
            long alertsNanos) {
        return new RunRecord(
                id,
                f.startedAt(),
                clock.instant(),
                f.r().htf(),
                f.r().trading(),
                status,
                f.requested(),
                f.processed(),
                errors.size(),
                signals,
                f.loadNanos() / 1e6,
                f.analyseNanos() / 1e6,
                persistNanos / 1e6,
                alertsNanos / 1e6,
                f.elapsed().getAsLong() / 1e6,
                errors,
                f.stale(),
                instance);
    }

    private static List<SymbolOutcome> join(Future<List<SymbolOutcome>> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnableToRunCycleException("interrupted while waiting for a batch", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new UnableToRunCycleException("a batch failed: " + c.getMessage(), c);
        }
    }
}
