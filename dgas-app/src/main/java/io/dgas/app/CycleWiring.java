package io.dgas.app;

import io.dgas.app.collect.CollectSettings;
import io.dgas.app.collect.CollectStage;
import io.dgas.app.config.ConfigKeys;
import io.dgas.app.config.DgasConfig;
import io.dgas.app.cycle.AnalyzerPool;
import io.dgas.app.cycle.CycleResult;
import io.dgas.app.cycle.CycleService;
import io.dgas.app.cycle.CycleSummary;
import io.dgas.app.cycle.PredictionCycle;
import io.dgas.app.cycle.SymbolAnalyzer;
import io.dgas.app.ingest.IngestSettings;
import io.dgas.app.schedule.ClusterCycle;
import io.dgas.app.schedule.SchedulerService;
import io.dgas.app.stream.StreamSupervisor;
import io.dgas.app.stream.TradeStreams;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.store.api.Sleeper;
import io.dgas.store.bars.BarRollup;
import io.dgas.store.collect.CollectRepository;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.store.runs.CycleLock;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The prediction cycle's part of {@link AppContext}: its worker pool, collect stage, warm analyzers, cycle service and
 * trade stream, built lazily from the context's configuration, database and caches, and what a stored run sets off.
 *
 * <p>Not thread-safe by itself: the context calls it under its own lock (as it built these itself before), and what
 * this wiring needs of the context it asks through the context's accessors, so the lock order stays the context's.
 */
final class CycleWiring {
    /** What the paper sessions did after each run, and their failures. */
    private static final Logger PAPER = LoggerFactory.getLogger("io.dgas.paper");

    private final AppContext ctx;
    private final DgasConfig config;
    private final Clock clock;
    private ExecutorService workers;
    private CollectStage collect;
    private AnalyzerPool analyzers;
    private CycleService cycles;

    CycleWiring(AppContext ctx) {
        this.ctx = ctx;
        this.config = ctx.config();
        this.clock = ctx.clock();
    }

    /** See {@link AppContext#cycle(UnaryOperator, SignalParams)}. */
    PredictionCycle cycle(UnaryOperator<CycleResult> afterRun, SignalParams signals) {
        if (workers == null) {
            int n = config.intValue(ConfigKeys.WORKERS);
            AtomicInteger seq = new AtomicInteger();
            workers = Executors.newFixedThreadPool(n, r -> {
                Thread t = new Thread(r, "dgas-worker-" + seq.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
        return new PredictionCycle(
                        ctx.database(),
                        new SymbolAnalyzer(ctx.mtfParams(), signals, ctx.calculations()),
                        workers,
                        config.intValue(ConfigKeys.BATCH_SIZE),
                        clock,
                        AppContext.instanceName(),
                        ctx.meters(),
                        afterRun,
                        signals.minCalibrated(),
                        ctx.events(),
                        ctx.collectStage())
                .warm(
                        config.bool(ConfigKeys.CYCLE_WARM) && signals.equals(ctx.signalParams())
                                ? ctx.analyzers()
                                : null);
    }

    /** See {@link AppContext#collectStage()}. */
    CollectStage collectStage() {
        if (collect == null) {
            CollectSettings s = CollectSettings.from(config);
            collect = new CollectStage(
                    s.source(clock, Sleeper.SYSTEM),
                    new CollectRepository(ctx.database()),
                    new BarIngestor(ctx.database(), ctx.ingestListener()),
                    new BarRollup(ctx.database(), ctx.ingestListener()),
                    ingestOptions(),
                    clock,
                    s);
        }
        return collect;
    }

    /** See {@link AppContext#analyzers()}. */
    AnalyzerPool analyzers() {
        if (analyzers == null) {
            analyzers = new AnalyzerPool(
                    ctx.database(), new SymbolAnalyzer(ctx.mtfParams(), ctx.signalParams(), ctx.calculations()));
        }
        return analyzers;
    }

    /** See {@link AppContext#tradeStream()}. */
    Optional<StreamSupervisor> tradeStream() {
        if (!config.bool(ConfigKeys.COLLECT_STREAM)) {
            return Optional.empty();
        }
        return TradeStreams.start(
                config, ctx.database(), ctx.ingestListener(), ingestOptions(), ctx.marketHours(), clock);
    }

    /** See {@link AppContext#cycles()}. */
    CycleService cycles() {
        if (cycles == null) {
            cycles = new CycleService(
                    config,
                    ctx::database,
                    p -> ctx.cycle(ctx::afterRun, p),
                    ctx::signalParams,
                    () -> new CycleLock(
                            ctx.database(),
                            ClusterCycle.BATCH_TASK,
                            SchedulerService.Timing.defaults().liveWithin()));
        }
        return cycles;
    }

    /** See {@link AppContext#afterRun(CycleResult)}: not under the context's lock, as every accessor it calls. */
    CycleResult afterRun(CycleResult result) {
        ctx.invalidation().runStored();
        ctx.alerts().evaluate(result.signals(), null);
        try {
            var reports =
                    ctx.paperTrading().onRun(result.run().id(), result.run().trading(), result.signals());
            // what the sessions did, where dgas cycle, the scheduler and serve all show it (stderr, the log)
            for (var r : reports) {
                PAPER.info(
                        "paper session {} (portfolio {}) after run {}: {} orders placed, {} refused, {} fills,"
                                + " {} exits; equity {}",
                        r.sessionId(),
                        r.portfolioId(),
                        result.run().id(),
                        r.placed(),
                        r.rejected(),
                        r.fills(),
                        r.exits(),
                        CycleSummary.equity(r));
            }
            ctx.alerts()
                    .evaluateTrading(
                            reports.stream().flatMap(r -> r.events().stream()).toList());
            return result.withPaper(reports);
        } catch (RuntimeException e) {
            PAPER.warn("paper trading after run {} failed", result.run().id(), e);
            return result;
        }
    }

    private IngestOptions ingestOptions() {
        return IngestOptions.defaults().withLimits(IngestSettings.limits(config, clock));
    }

    /** Stops the cycle's workers (the running analyses are interrupted). */
    void close() {
        if (workers != null) {
            workers.shutdownNow();
            workers = null;
        }
    }
}
