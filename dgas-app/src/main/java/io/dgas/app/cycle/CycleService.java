package io.dgas.app.cycle;

import io.dgas.app.config.ConfigKeys;
import io.dgas.app.config.DgasConfig;
import io.dgas.app.service.AnalysisService;
import io.dgas.app.service.BadInputException;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.bars.KnownSymbols;
import io.dgas.store.runs.CycleLock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One prediction cycle now: the service under {@code dgas cycle}, {@code dgas demo}, {@code POST /api/v1/cycle} and the
 * scheduler's cycle task. What a caller leaves out comes from the configuration ({@code cycle.htf},
 * {@code cycle.trading}, {@code cycle.lookback_bars}, {@code cycle.stale_after}).
 *
 * <p>One cycle at a time on the database, across processes: a caller while one runs (in this process, in another
 * {@code dgas} on the same database, or a scheduled run whose batches are still out) gets {@link CycleRunningException}
 * at once instead of queueing behind it ({@link CycleLock}).
 */
public final class CycleService {
    private final DgasConfig config;
    private final Supplier<Database> db;
    private final Function<SignalParams, PredictionCycle> cycle;
    private final Supplier<SignalParams> defaults;
    private final Supplier<CycleLock> lock;
    private final ReentrantLock running = new ReentrantLock();

    /** How a request is carried out once the service holds the cycle lock. */
    @FunctionalInterface
    public interface Engine {
        /** Runs (or, distributed, starts) the cycle {@code request} with signal parameters {@code signals}. */
        CycleResult run(CycleRequest request, SignalParams signals);
    }

    /**
     * @param cycle builds the cycle to run with the given signal parameters (its after-run hook drops cached signals
     *     and runs and evaluates alerts)
     * @param defaults the configured signal parameters ({@code signals.*})
     * @param lock the database-wide cycle lock
     */
    public CycleService(
            DgasConfig config,
            Supplier<Database> db,
            Function<SignalParams, PredictionCycle> cycle,
            Supplier<SignalParams> defaults,
            Supplier<CycleLock> lock) {
        this.config = config;
        this.db = db;
        this.cycle = cycle;
        this.defaults = defaults;
        this.lock = lock;
    }

    /**
     * Runs a cycle in this process over {@code symbols} (null: the active universe); null timeframes and lookback take
     * the configured defaults, null {@code signals} the configured signal parameters.
     *
     * @throws BadInputException timeframes that do not nest, a lookback too short
     * @throws io.dgas.store.bars.UnknownSymbolException a symbol that is not stored
     * @throws CycleRunningException a cycle is running on this database
     */
    public CycleResult run(
            List<String> symbols, Timeframe htf, Timeframe trading, Integer lookback, SignalParams signals) {
        CycleRequest request = request(symbols, htf, trading, lookback);
        if (request.symbols() != null) {
            KnownSymbols.require(db.get(), request.symbols());
        }
        return run(request, signals, (r, p) -> cycle.apply(p).run(r));
    }

    /**
     * Carries out {@code request} through {@code engine} while holding the cycle lock: the one guarded path of every
     * cycle, whether run here ({@link #run(List, Timeframe, Timeframe, Integer, SignalParams)}) or spread over the
     * cluster by the scheduler ({@link io.dgas.app.schedule.ClusterCycle#tick}).
     *
     * @throws CycleRunningException a cycle is running on this database
     */
    public CycleResult run(CycleRequest request, SignalParams signals, Engine engine) {
        if (!running.tryLock()) {
            throw new CycleRunningException();
        }
        try {
            SignalParams p = signals != null ? signals : defaults.get();
            return lock.get().tryExclusively(() -> engine.run(request, p)).orElseThrow(CycleRunningException::new);
        } finally {
            running.unlock();
        }
    }

    /** Whether a cycle of this process is running now (or waiting for the cycle lock). */
    public boolean isRunning() {
        return running.isLocked();
    }

    private CycleRequest request(List<String> symbols, Timeframe htf, Timeframe trading, Integer lookback) {
        Timeframe t = trading != null ? trading : config.timeframe(ConfigKeys.TRADING);
        // a trading timeframe given without a higher one takes its default pair, as the commands do; 1w, which has
        // none, is refused naming trading (the caller gave no htf to blame)
        Timeframe h = AnalysisService.higherFor(htf, trading, config.timeframe(ConfigKeys.HTF));
        int n = lookback != null ? lookback : config.intValue(ConfigKeys.LOOKBACK);
        long staleSeconds = config.seconds(ConfigKeys.STALE_AFTER);
        Duration stale = staleSeconds > 0 ? Duration.ofSeconds(staleSeconds) : CycleRequest.defaultStaleAfter(t);
        try {
            return new CycleRequest(
                    symbols == null ? null : symbols.stream().map(String::trim).toList(), h, t, n, stale);
        } catch (IllegalArgumentException e) {
            if (n < 3) {
                throw new BadInputException(
                        "lookback", Integer.toString(n), e.getMessage(), List.of("an integer of at least 3"));
            }
            throw new BadInputException(
                    "htf",
                    h.code(),
                    e.getMessage(),
                    t.highers().stream().map(Timeframe::code).toList());
        }
    }
}
