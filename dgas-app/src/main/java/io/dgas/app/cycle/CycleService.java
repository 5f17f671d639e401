package io.dgas.app.cycle;

import io.dgas.app.config.ConfigKeys;
import io.dgas.app.config.DgasConfig;
import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.bars.KnownSymbols;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One prediction cycle now: the service under {@code dgas cycle}, {@code dgas demo} and {@code POST /api/v1/cycle}.
 * What a caller leaves out comes from the configuration ({@code cycle.htf}, {@code cycle.trading},
 * {@code cycle.lookback_bars}, {@code cycle.stale_after}). One cycle at a time per service: a second caller while one
 * runs gets {@link CycleRunningException} at once instead of queueing behind it.
 */
public final class CycleService {
    private final DgasConfig config;
    private final Supplier<Database> db;
    private final Supplier<PredictionCycle> cycle;
    private final ReentrantLock running = new ReentrantLock();

    /**
     * @param cycle builds the cycle to run (its after-run hook drops cached signals and runs and evaluates alerts)
     */
    public CycleService(DgasConfig config, Supplier<Database> db, Supplier<PredictionCycle> cycle) {
        this.config = config;
        this.db = db;
        this.cycle = cycle;
    }

    /**
     * Runs a cycle over {@code symbols} (null: the active universe); null timeframes and lookback take the configured
     * defaults.
     *
     * @throws InvalidCycleRequestException timeframes that do not nest, a lookback too short
     * @throws io.dgas.store.bars.UnknownSymbolException a symbol that is not stored
     * @throws CycleRunningException a cycle of this service is running
     */
    public CycleResult run(List<String> symbols, Timeframe htf, Timeframe trading, Integer lookback) {
        CycleRequest request = request(symbols, htf, trading, lookback);
        if (request.symbols() != null) {
            KnownSymbols.require(db.get(), request.symbols());
        }
        if (!running.tryLock()) {
            throw new CycleRunningException();
        }
        try {
            return cycle.get().run(request);
        } finally {
            running.unlock();
        }
    }

    /** Whether a cycle of this service is running now. */
    public boolean isRunning() {
        return running.isLocked();
    }

    private CycleRequest request(List<String> symbols, Timeframe htf, Timeframe trading, Integer lookback) {
        Timeframe h = htf != null ? htf : config.timeframe(ConfigKeys.HTF);
        Timeframe t = trading != null ? trading : config.timeframe(ConfigKeys.TRADING);
        int n = lookback != null ? lookback : config.intValue(ConfigKeys.LOOKBACK);
        long staleSeconds = config.seconds(ConfigKeys.STALE_AFTER);
        Duration stale = staleSeconds > 0 ? Duration.ofSeconds(staleSeconds) : CycleRequest.defaultStaleAfter(t);
        try {
            return new CycleRequest(
                    symbols == null ? null : symbols.stream().map(String::trim).toList(), h, t, n, stale);
        } catch (IllegalArgumentException e) {
            String parameter = n < 3 ? "lookback" : "htf";
            throw new InvalidCycleRequestException(parameter, n < 3 ? Integer.toString(n) : h.code(), e.getMessage());
        }
    }
}
