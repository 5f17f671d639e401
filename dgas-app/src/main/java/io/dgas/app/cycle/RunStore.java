package io.dgas.app.cycle;

import io.dgas.app.events.Events;
import io.dgas.calc.drummond.CalibrationTable;
import io.dgas.calc.drummond.Signal;
import io.dgas.store.Database;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.events.EventPublisher;
import io.dgas.store.runs.RunRecord;
import io.dgas.store.runs.RunRepository;
import io.dgas.store.runs.RunStatus;
import io.dgas.store.runs.SignalOutcomes;
import io.dgas.store.runs.SignalReads;
import io.dgas.store.runs.SignalWrites;
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
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * The storing end of a prediction cycle ({@link PredictionCycle#persist}): the outcomes of earlier signals recorded,
 * then the run record and its signals (with their win probabilities) in one transaction announced as events, then
 * the signal meters and the alert stage. If storing fails, nothing of the run is kept but a FAILED run row naming the
 * error.
 */
final class RunStore {
    /** Signals of one (symbol, type) within this window are aggregated (drummond.md §7). */
    static final Duration AGGREGATION_WINDOW = Duration.ofMinutes(60);

    /** Entry signals older than this are no longer resolved (a pending one stays pending). */
    static final Duration OUTCOME_LOOKBACK = Duration.ofDays(60);

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RunStore.class);

    private final Database db;
    private final RunRepository runs;
    private final Clock clock;
    private final String instance;
    private final UnaryOperator<CycleResult> afterRun;
    private final EventPublisher events;
    private final Timer duration;
    private final MeterRegistry registry;
    private final SignalOutcomes outcomeStore;
    private final CalibrationJob calibration;
    private final int minCalibrated;
    private final Map<String, Object> settings;
    /** {@link #settings} as the calibration read takes them, made once. */
    private final String settingsJson;

    RunStore(
            Database db,
            Clock clock,
            String instance,
            MeterRegistry registry,
            UnaryOperator<CycleResult> afterRun,
            int minCalibrated,
            EventPublisher events,
            Map<String, Object> settings) {
        this.settings = settings;
        this.settingsJson = SignalOutcomes.settingsJson(settings);
        this.db = db;
        this.runs = new RunRepository(db);
        this.clock = clock;
        this.instance = instance;
        this.registry = registry;
        this.afterRun = afterRun;
        this.minCalibrated = minCalibrated;
        this.events = events;
        this.outcomeStore = new SignalOutcomes(db);
        this.calibration = new CalibrationJob(new SignalReads(db), new BarRepository(db), runs);
        this.duration = Timer.builder("dgas.cycle.duration")
                .description("Prediction cycle wall time")
                .register(registry);
    }

    /**
     * Stores a run and its signals in one transaction, then runs the alert stage.
     *
     * @param runId the run's row when it was created earlier (a distributed run), or 0 to insert it now
     * @param elapsed nanoseconds since the run started, read at each stage
     */
    CycleResult persist(
            CycleRequest r,
            long runId,
            Instant startedAt,
            LongSupplier elapsed,
            int requested,
            List<SymbolOutcome> outcomes,
            long loadNanos,
            long analyseNanos) {
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, String> shortHistory = new LinkedHashMap<>();
        List<String> stale = new ArrayList<>();
        Map<io.dgas.domain.Timeframe, List<Signal>> byTimeframe = new LinkedHashMap<>();
        for (SymbolOutcome o : outcomes) {
            if (o.failed()) {
                errors.put(o.symbol(), o.error());
            } else if (o.shortHistory()) {
                shortHistory.put(o.symbol(), o.error());
            } else if (o.stale()) {
                stale.add(o.symbol());
            } else if (o.signal() != null) {
                byTimeframe
                        .computeIfAbsent(o.timeframe() == null ? r.trading() : o.timeframe(), k -> new ArrayList<>())
                        .add(o.signal());
            }
        }
        int processed = outcomes.size() - errors.size();
        RunStatus status = requested == 0 ? RunStatus.SUCCESS : RunStatus.of(processed, errors.size());
        Figures f =
                new Figures(r, startedAt, requested, processed, stale, shortHistory, loadNanos, analyseNanos, elapsed);
        long persistStart = System.nanoTime();
        try {
            calibration.record(outcomeStore, clock.instant(), OUTCOME_LOOKBACK);
        } catch (io.dgas.store.UnableToConnectException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("recording the outcomes of earlier signals failed; probabilities use those already stored", e);
        }
        CycleResult result;
        try {
            result = db.inTransaction(s -> {
                CalibrationTable table = outcomeStore.counts(s, settingsJson).table(minCalibrated);
                byTimeframe.values().forEach(list -> list.replaceAll(table::apply));
                Map<String, Long> ids = runs.symbolIds(
                        s,
                        byTimeframe.values().stream()
                                .flatMap(List::stream)
                                .map(Signal::symbol)
                                .toList());
                RunRecord draft = recordOf(f, runId, status, errors, 0, 0, 0);
                long id = runId == 0 ? runs.insertRun(s, draft) : runs.updateRun(s, draft);
                List<Signal> stored = new ArrayList<>();
                for (Map.Entry<io.dgas.domain.Timeframe, List<Signal>> e : byTimeframe.entrySet()) {
                    stored.addAll(SignalWrites.insertSignals(s, id, e.getKey(), e.getValue(), ids, AGGREGATION_WINDOW));
                }
                RunRecord done = recordOf(f, id, status, errors, stored.size(), System.nanoTime() - persistStart, 0);
                runs.updateRun(s, done);
                events.publish(s, Events.run(done, stored));
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
                    .tag("type", SignalWrites.code(s.type()))
                    .register(registry)
                    .increment();
        }
        long alertsStart = System.nanoTime();
        List<? extends PaperActivity> paper = afterRun.apply(result).paper();
        long alertsNanos = System.nanoTime() - alertsStart;
        RunRecord rr = result.run();
        RunRecord finished = recordOf(
                f, rr.id(), rr.status(), rr.errors(), rr.signals(), (long) (rr.persistMs() * 1e6), alertsNanos);
        // the stored row and the caller's record give the same total, alerts included
        runs.finishAlerts(finished.id(), finished.alertsMs(), finished.durationMs(), finished.finishedAt());
        duration.record(Duration.ofNanos((long) (finished.durationMs() * 1e6)));
        return new CycleResult(finished, result.signals(), paper);
    }

    /** The figures of one run that do not change while it is stored. */
    private record Figures(
            CycleRequest r,
            Instant startedAt,
            int requested,
            int processed,
            List<String> stale,
            Map<String, String> shortHistory,
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
                instance,
                f.shortHistory(),
                settings);
    }
}
