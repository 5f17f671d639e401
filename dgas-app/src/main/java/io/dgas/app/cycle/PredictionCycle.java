package io.dgas.app.cycle;

import io.dgas.app.collect.CollectStage;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.store.Database;
import io.dgas.store.bars.BarColumns;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.collect.CollectReport;
import io.dgas.store.events.EventPublisher;
import io.dgas.store.runs.RunRepository;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * One prediction cycle (system.md §6): the universe in batches on a worker pool, a constant number of queries per
 * batch (trading and higher-timeframe bars, one query each), then the run record and its signals in one
 * transaction, then the alert rules.
 *
 * <p>A symbol that throws is recorded in the run and does not fail the others: the run is SUCCESS when none failed,
 * PARTIAL when some did, FAILED when none succeeded. If storing fails, nothing of the run is kept but a FAILED run row
 * naming the error, so the record never disagrees with what was stored. Stage times: load and analyse are summed over
 * the workers (CPU-side cost); persist, alerts and the total are wall time.
 *
 * <p><b>[C]</b> Before storing, the cycle records the outcomes of earlier entry signals that have become known
 * ({@link CalibrationJob#record}, the resolution {@code dgas signals evaluate} uses), then gives each new signal its win
 * probability from the decided outcomes stored so far (in the storing transaction). A failure to record outcomes is
 * logged and does not stop the run.
 */
public final class PredictionCycle {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PredictionCycle.class);

    private final BarRepository bars;
    private final RunRepository runs;
    private final SymbolAnalysis analyzer;
    private final ExecutorService workers;
    private final int batchSize;
    private final Clock clock;
    private final String instance;
    private final RunStore store;
    private final CollectStage collect;
    private final OwnTimeframes own;
    private volatile AnalyzerPool warm;

    /** A cycle without a collect stage ({@code collect.source: none}). */
    public PredictionCycle(
            Database db,
            SymbolAnalysis analyzer,
            ExecutorService workers,
            int batchSize,
            Clock clock,
            String instance,
            MeterRegistry registry,
            UnaryOperator<CycleResult> afterRun) {
        this(
                db,
                analyzer,
                workers,
                batchSize,
                clock,
                instance,
                registry,
                afterRun,
                SignalParams.defaults().minCalibrated(),
                EventPublisher.NONE,
                CollectStage.none());
    }

    /**
     * @param minCalibrated decided outcomes a score decile needs before its signals get a win probability
     * @param events announces each stored run and its signals ({@code run}, {@code signals}) in the transaction that
     *     stores them
     * @param collect the first stage: fetches new bars of the universe before it is analysed
     */
    public PredictionCycle(
            Database db,
            SymbolAnalysis analyzer,
            ExecutorService workers,
            int batchSize,
            Clock clock,
            String instance,
            MeterRegistry registry,
            UnaryOperator<CycleResult> afterRun,
            int minCalibrated,
            EventPublisher events,
            CollectStage collect) {
        this.collect = collect;
        this.bars = new BarRepository(db);
        this.runs = new RunRepository(db);
        this.own = new OwnTimeframes(new io.dgas.store.bars.SymbolTimeframes(db));
        this.analyzer = analyzer;
        this.workers = workers;
        this.batchSize = batchSize;
        this.clock = clock;
        this.instance = instance;
        this.store = new RunStore(db, clock, instance, registry, afterRun, minCalibrated, events, analyzer.settings());
    }

    /** The parameters this cycle analyses with, as each of its runs records them ({@link SymbolAnalysis#settings}). */
    public Map<String, Object> settings() {
        return analyzer.settings();
    }

    /** Runs batches through {@code pool}'s warm series from now on (null: load and analyse everything each cycle). */
    public PredictionCycle warm(AnalyzerPool pool) {
        this.warm = pool;
        return this;
    }

    /**
     * Drops the warm series of the symbols {@code keep} rejects (no-op without a warm pool); see {@link
     * AnalyzerPool#retain}. Returns how many were dropped.
     */
    public int retain(java.util.function.Predicate<String> keep) {
        AnalyzerPool pool = warm;
        return pool == null ? 0 : pool.retain(keep);
    }

    /** The active universe now (one query). */
    public List<String> activeUniverse() {
        return runs.activeUniverse();
    }

    public CycleResult run(CycleRequest request) {
        long start = System.nanoTime();
        Instant startedAt = clock.instant();
        List<String> universe = universe(request);
        CollectReport collected = collect(universe);
        LongAdder loadNanos = new LongAdder();
        LongAdder analyseNanos = new LongAdder();
        AnalyzerPool pool = warm;
        if (pool != null && request.symbols() == null) {
            // a symbol that left the active universe keeps no warm state (it is rebuilt should it come back)
            pool.retain(new java.util.HashSet<>(universe)::contains);
        }
        CaughtUp done = pool == null ? null : catchUp(pool, universe, request, loadNanos);
        List<Future<List<SymbolOutcome>>> futures = new ArrayList<>();
        for (int from = 0; from < universe.size(); from += batchSize) {
            List<String> batch = universe.subList(from, Math.min(universe.size(), from + batchSize));
            futures.add(workers.submit(() -> batch(batch, request, startedAt, loadNanos, analyseNanos, pool, done)));
        }
        List<SymbolOutcome> outcomes = new ArrayList<>();
        for (Future<List<SymbolOutcome>> f : futures) {
            outcomes.addAll(join(f));
        }
        CycleResult result = persist(
                request,
                0,
                startedAt,
                () -> System.nanoTime() - start,
                universe.size(),
                outcomes,
                loadNanos.sum(),
                analyseNanos.sum());
        recordCollect(result.run().id(), collected);
        return result;
    }

    /** The collect stage over {@code universe}: fetches new bars; a failing symbol is reported, never thrown. */
    public CollectReport collect(List<String> universe) {
        return collect.collect(universe);
    }

    /** Stores the collect stage's figures on run {@code runId}. */
    public void recordCollect(long runId, CollectReport r) {
        collect.record(runId, r);
    }

    /** The symbols a run covers: the request's, or the active universe. */
    public List<String> universe(CycleRequest request) {
        return request.symbols() != null ? request.symbols() : runs.activeUniverse();
    }

    /**
     * Loads and analyses one batch: a constant number of queries whatever its size (two cold, at most four warm), plus,
     * only when some symbols lack bars at the trading timeframe or are stale, one to look them up and two per other
     * timeframe pair they are analysed at.
     */
    public List<SymbolOutcome> batch(
            List<String> symbols, CycleRequest r, Instant asOf, LongAdder load, LongAdder analyse) {
        AnalyzerPool pool = warm;
        return batch(symbols, r, asOf, load, analyse, pool, pool == null ? null : CaughtUp.next());
    }

    /**
     * The warm series of the whole universe caught up before its batches run: one range read per timeframe ({@link
     * AnalyzerPool#catchUp}), the two timeframes at once on the workers. A failure leaves the series to their
     * batches, which catch them up themselves (and record the batch as failed if that fails too).
     */
    private CaughtUp catchUp(AnalyzerPool pool, List<String> universe, CycleRequest r, LongAdder load) {
        CaughtUp done = CaughtUp.next();
        List<Future<?>> reads = new ArrayList<>();
        for (io.dgas.domain.Timeframe tf : List.of(r.trading(), r.htf())) {
            reads.add(workers.submit(() -> {
                long t0 = System.nanoTime();
                try {
                    pool.catchUp(universe, tf, r.lookback(), done);
                } catch (io.dgas.store.UnableToConnectException e) {
                    throw e;
                } catch (RuntimeException e) {
                    LOG.warn("catching up the {} series at once failed; each batch catches up its own", tf, e);
                } finally {
                    load.add(System.nanoTime() - t0);
                }
            }));
        }
        for (Future<?> f : reads) {
            join(f);
        }
        return done;
    }

    /** One batch, its warm series ({@code pool}, null: cold) caught up already when in {@code done}. */
    List<SymbolOutcome> batch(
            List<String> symbols,
            CycleRequest r,
            Instant asOf,
            LongAdder load,
            LongAdder analyse,
            AnalyzerPool pool,
            CaughtUp done) {
        long t0 = System.nanoTime();
        Function<String, SymbolOutcome> step;
        List<SymbolOutcome> out = new ArrayList<>(symbols.size());
        try {
            step = pool != null ? pool.load(symbols, r, asOf, done) : load(symbols, r, asOf);
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
        if (pool != null) {
            // a symbol stale or unusable at the run's timeframes is analysed at its own, from warm series too
            long t2 = System.nanoTime();
            pool.refit(out, r, asOf);
            analyse.add(System.nanoTime() - t2);
        }
        return out;
    }

    /**
     * The cold path: a batch's bars loaded in two queries, each symbol then analysed from them, symbols without bars at
     * the trading timeframe (or stale) at their own timeframes.
     */
    private Function<String, SymbolOutcome> load(List<String> symbols, CycleRequest r, Instant asOf) {
        Map<String, BarColumns> trading = bars.lastForSymbols(symbols, r.trading(), r.lookback());
        Map<String, BarColumns> higher = bars.lastForSymbols(symbols, r.htf(), r.lookback());
        Map<String, OwnTimeframes.Plan> plans = own.plans(symbols, trading, r, asOf);
        loadOwn(plans, r, trading, higher);
        return s -> {
            OwnTimeframes.Plan p = plans.get(s);
            return p == null
                    ? analyzer.analyze(s, trading.get(s), higher.get(s), r.htf(), asOf, r.staleAfter())
                    : analyzer.analyze(s, trading.get(s), higher.get(s), p.htf(), p.asOf(), p.staleAfter())
                            .at(p.trading() == r.trading() ? null : p.trading());
        };
    }

    /** Replaces the bars of planned symbols analysed at other timeframes: two queries per timeframe pair. */
    private void loadOwn(
            Map<String, OwnTimeframes.Plan> plans,
            CycleRequest r,
            Map<String, BarColumns> trading,
            Map<String, BarColumns> higher) {
        Map<OwnTimeframes.Plan, List<String>> byPair = new LinkedHashMap<>();
        plans.forEach((s, p) -> {
            if (p.trading() != r.trading()) {
                byPair.computeIfAbsent(new OwnTimeframes.Plan(p.trading(), p.htf(), null, null), k -> new ArrayList<>())
                        .add(s);
            }
        });
        byPair.forEach((pair, group) -> {
            trading.putAll(bars.lastForSymbols(group, pair.trading(), r.lookback()));
            higher.putAll(bars.lastForSymbols(group, pair.htf(), r.lookback()));
        });
    }

    /** Stores a run, its signals and their alerts: see {@link RunStore#persist}. */
    public CycleResult persist(
            CycleRequest r,
            long runId,
            Instant startedAt,
            LongSupplier elapsed,
            int requested,
            List<SymbolOutcome> outcomes,
            long loadNanos,
            long analyseNanos) {
        return store.persist(r, runId, startedAt, elapsed, requested, outcomes, loadNanos, analyseNanos);
    }

    private static <T> T join(Future<T> f) {
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
