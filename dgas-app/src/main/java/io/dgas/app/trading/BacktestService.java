package io.dgas.app.trading;

import io.dgas.app.Json;
import io.dgas.app.cycle.SymbolAnalyzer;
import io.dgas.app.service.AnalysisService;
import io.dgas.calc.drummond.MtfParams;
import io.dgas.domain.BarAggregator;
import io.dgas.domain.BarSeries;
import io.dgas.ledger.FifoLots;
import io.dgas.store.Database;
import io.dgas.store.bars.BarColumns;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.bars.KnownSymbols;
import io.dgas.store.ledger.BacktestRecord;
import io.dgas.store.ledger.BacktestRepository;
import io.dgas.store.ledger.EquityRepository;
import io.dgas.store.ledger.OrderRepository;
import io.dgas.store.ledger.Portfolio;
import io.dgas.store.ledger.PortfolioRepository;
import io.dgas.store.ledger.PositionRepository;
import io.dgas.store.ledger.StoredPosition;
import io.dgas.store.runs.RunRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code dgas backtest}: loads stored bars, replays them ({@link Backtester}) and stores the result in a portfolio of
 * its own (kind {@code backtest}: its orders, executions, positions and equity snapshots) plus a {@code backtests}
 * row with the request and the metrics, in one transaction.
 */
public final class BacktestService {
    private final Database db;
    private final Clock clock;
    private final BarRepository bars;
    private final PortfolioRepository portfolios;
    private final OrderRepository orders;
    private final BacktestRepository backtests;
    private final PositionRepository positions = new PositionRepository();
    private final EquityRepository equity = new EquityRepository();

    private final LedgerCache cache;
    private final MtfParams mtf;

    /** @param mtf the multi-timeframe parameters the replays analyse with (the configured ones) */
    public BacktestService(Database db, Clock clock, io.dgas.store.cache.QueryCache cache, MtfParams mtf) {
        this.db = db;
        this.mtf = mtf;
        this.cache = new LedgerCache(cache);
        this.clock = clock;
        this.bars = new BarRepository(db);
        this.portfolios = new PortfolioRepository(db);
        this.orders = new OrderRepository(db);
        this.backtests = new BacktestRepository(db);
    }

    /** The trading and higher-timeframe bars of a backtest, by symbol. */
    private record Bars(Map<String, BarSeries> trading, Map<String, BarSeries> higher) {}

    private Bars load(BacktestRequest r) {
        List<String> symbols = r.symbols() != null ? r.symbols() : new RunRepository(db).activeUniverse();
        KnownSymbols.require(db, symbols);
        Map<String, BarSeries> trading = new LinkedHashMap<>();
        Map<String, BarSeries> higher = new LinkedHashMap<>();
        // two statements whatever the universe (they were two a symbol)
        Map<String, BarColumns> tradingBars = bars.rangeForSymbols(symbols, r.trading(), r.from(), r.to());
        Map<String, BarColumns> higherBars = bars.rangeForSymbols(symbols, r.htf(), r.from(), r.to());
        for (String s : symbols) {
            BarSeries t = SymbolAnalyzer.series(tradingBars.get(s));
            BarSeries h = SymbolAnalyzer.series(higherBars.get(s));
            trading.put(s, t);
            // without stored higher-timeframe bars, the trading bars' complete buckets stand in (as in the cycle)
            higher.put(
                    s, h.size() > 0 || t.size() == 0 ? h : BarAggregator.complete(t, r.htf(), r.to().getEpochSecond()));
        }
        return new Bars(trading, higher);
    }

    /**
     * Refuses a backtest with no trading bar at all in its range (a stored backtest of nothing, every figure NaN, said
     * nothing of why): names the timeframe asked for and those the symbols have.
     */
    private void requireBars(BacktestRequest r, Map<String, BarSeries> trading) {
        if (trading.values().stream().anyMatch(s -> s.size() > 0)) {
            return;
        }
        // finest first: the enum's order
        java.util.SortedSet<io.dgas.domain.Timeframe> stored = new java.util.TreeSet<>();
        new io.dgas.store.bars.SymbolTimeframes(db)
                .of(trading.keySet())
                .values()
                .forEach(i -> stored.addAll(i.timeframes()));
        List<String> have = stored.stream().map(io.dgas.domain.Timeframe::code).toList();
        String who = trading.size() == 1 ? trading.keySet().iterator().next() : "the " + trading.size() + " symbols";
        throw new io.dgas.app.service.BadInputException(
                "trading",
                r.trading().code(),
                "no " + r.trading().code() + " bars of " + who + " from " + r.from() + " to " + r.to()
                        + (have.isEmpty()
                                ? ""
                                : " (" + (trading.size() == 1 ? "it has" : "they have") + " bars at "
                                        + String.join(", ", have) + ")"),
                have);
    }

    /**
     * Runs and stores {@code r}.
     *
     * @throws io.dgas.app.service.BadInputException when its higher timeframe cannot pair with its trading one, or no
     *     symbol has a trading bar in its range
     */
    public BacktestReport run(BacktestRequest r) {
        return run(r, io.dgas.app.jobs.Progress.NONE);
    }

    /**
     * {@link #run(BacktestRequest)} reporting to {@code progress} (phases {@code loading}, {@code analysing} a step
     * per symbol, {@code replaying}, {@code storing}) and ending it with the report in the storing transaction ({@link
     * io.dgas.app.jobs.Progress#succeedingIn}); a {@link io.dgas.app.jobs.JobStoppedException} from it stores nothing.
     */
    public BacktestReport run(BacktestRequest r, io.dgas.app.jobs.Progress progress) {
        AnalysisService.requireHigher(r.trading(), r.htf());
        progress.phase("loading", 0);
        // the heaviest reads there are (every bar of the range): a replica serves them when one holds every write
        // announced so far (database.replicas); the results are written to the primary below
        Bars loaded = db.routing().reading(() -> load(r));
        requireBars(r, loaded.trading());
        Map<String, BarSeries> trading = loaded.trading();
        Map<String, BarSeries> higher = loaded.higher();
        long start = System.nanoTime();
        Backtester.Result result = Backtester.run(trading, higher, config(r), progress);
        double ms = (System.nanoTime() - start) / 1e6;
        long steps = trading.values().stream().mapToLong(BarSeries::size).sum();
        FifoLots lots = new FifoLots();
        lots.applyAll(result.fills());
        BacktestMetrics metrics = BacktestMetrics.of(result.equity(), lots.closedLots())
                .withFillLimits(result.fillLimits())
                .withBuyAndHold(trading.values());
        progress.phase("storing", 0);
        Instant now = clock.instant();
        List<String> without = trading.entrySet().stream()
                .filter(e -> e.getValue().size() == 0)
                .map(Map.Entry::getKey)
                .toList();
        BacktestReport report = db.inTransaction(s -> {
            Portfolio p = portfolios
                    .create(
                            s,
                            "backtest",
                            // 64 random bits: backtests stored in one millisecond never share a name
                            "bt-" + now.toEpochMilli() + "-"
                                    + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current()
                                            .nextLong()),
                            "USD",
                            r.capital(),
                            "backtest",
                            now)
                    .orElseThrow();
            // the replay names fills per run (bt-1, …): the portfolio id makes them unique across backtests
            orders.insertFilled(s, p.id(), "bt" + p.id() + "-", result.fills());
            for (var pos : result.ledger().positions().values()) {
                positions.upsert(s, p.id(), new StoredPosition(pos, null, null, now, null), now);
            }
            equity.recordAll(
                    s,
                    p.id(),
                    result.equity().stream()
                            .map(pt ->
                                    new EquityRepository.Point(Instant.ofEpochSecond(pt.ts()), pt.cash(), pt.equity()))
                            .toList());
            portfolios.closeIn(s, p.id(), now);
            BacktestRecord stored = backtests.insert(
                    s,
                    new BacktestRecord(
                            0,
                            p.id(),
                            List.copyOf(trading.keySet()),
                            r.from(),
                            r.to(),
                            r.htf().code(),
                            r.trading().code(),
                            // every parameter of the replay, so a stored backtest says how it was run (the signal
                            // and multi-timeframe ones were not kept, only the expiry, which stays for older readers)
                            json(Map.of(
                                    "capital",
                                    r.capital(),
                                    "limits",
                                    r.limits(),
                                    "rules",
                                    r.rules(),
                                    "expiry_bars",
                                    r.signals().expiryBars(),
                                    "signals",
                                    r.signals(),
                                    "mtf",
                                    mtf)),
                            json(metrics),
                            steps,
                            ms,
                            now));
            BacktestReport done = new BacktestReport(stored, metrics, result.equity(), without);
            // a job ends with what it stored, in the same transaction: never stored twice by a run again
            progress.succeedingIn(s, done);
            return done;
        });
        cache.changed(report.record().portfolioId());
        return report;
    }

    /**
     * The replay settings {@link #run} uses for {@code r}: its timeframes, capital, limits, paper rules and signal
     * parameters, with this service's multi-timeframe parameters.
     */
    public Backtester.Config config(BacktestRequest r) {
        return new Backtester.Config(r.trading(), r.htf(), r.capital(), r.limits(), r.rules(), mtf, r.signals());
    }

    public List<BacktestRecord> list(int limit) {
        return backtests.list(limit);
    }

    /** {@code o} as stored in a backtest's row: snake_case, as the API returns it (V100 renamed older rows). */
    private static String json(Object o) {
        try {
            return Json.SNAKE.writeValueAsString(o);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("not serialisable: " + o, e);
        }
    }
}
