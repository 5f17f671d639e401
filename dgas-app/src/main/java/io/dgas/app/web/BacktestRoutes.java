package io.dgas.app.web;

import io.dgas.app.cycle.SignalOverrides;
import io.dgas.app.jobs.JobBody;
import io.dgas.app.jobs.JobKinds;
import io.dgas.app.jobs.JobService;
import io.dgas.app.service.AnalysisService;
import io.dgas.app.service.BadInputException;
import io.dgas.app.trading.BacktestRequest;
import io.dgas.app.trading.BacktestService;
import io.dgas.app.trading.LedgerApiService;
import io.dgas.app.web.Param.Type;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.domain.Timeframe;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Backtests under {@code /api/v1/backtests}: run one (as {@code dgas backtest}, through {@link BacktestService#run}),
 * the list, and one with its equity curve, drawdown and trades. Each route parses, calls the service, renders.
 */
final class BacktestRoutes {
    static final String BACKTEST_JSON =
            "{id, portfolio_id, symbols, from, to, htf, trading, settings: {capital, expiry_bars, limits: {…},"
                    + " rules: {sizing, sizing_value, slippage_bps, …}, signals: {entry_reach_atr, min_reward_risk, …}"
                    + " and mtf: {zone_lookback_bars, …} (every parameter of the replay; not in backtests stored"
                    + " before they were kept)}, metrics: {total_return, buy_and_hold_return,"
                    + " excess_return, cagr, volatility, sharpe,"
                    + " sortino, max_drawdown, …, fill_limits: {limit: {cut, refused}} for the fills a risk limit cut or"
                    + " refused}, bar_steps,"
                    + " duration_ms, created_at}";

    /** A backtest's universe, range, timeframes, capital and limits, with the command's defaults. */
    private static final List<Param> RUN = List.of(
            Param.body("symbols", Type.TICKER, "stored tickers, an array or a comma-separated string (or all)"),
            Param.body("all", Type.BOOL, "the whole active universe").withDefault("false"),
            Param.body("from", Type.INSTANT, "first bar time included").withRequired(),
            Param.body("to", Type.INSTANT, "bars before it are included").withRequired(),
            Param.body("trading", Type.ENUM, "trading timeframe")
                    .oneOf(ApiV1.TIMEFRAMES)
                    .withDefault("1h"),
            Param.body("htf", Type.ENUM, "higher timeframe (default: the trading timeframe's pair, 1h: 4h)")
                    .oneOf(ApiV1.TIMEFRAMES),
            PortfolioRoutes.optionalMoney("capital", "starting capital").withDefault("100000"),
            PortfolioRoutes.optionalMoney("max_position", "max position value (default: the capital)"),
            PortfolioRoutes.optionalMoney("max_gross", "max gross exposure (default: the capital)"),
            PortfolioRoutes.optionalMoney("max_daily_loss", "max loss per day (default: a tenth of the capital)"),
            Param.body(
                            "async",
                            Type.BOOL,
                            "run it in the background: answer 202 at once with the job (GET /api/v1/jobs/{id} follows"
                                    + " it and then holds this answer)")
                    .withDefault("false"));

    private BacktestRoutes() {}

    private static BacktestRequest request(Args a, Function<SignalOverrides, SignalParams> signals) {
        List<String> symbols = WriteRoutes.tickers(a.get("symbols"));
        boolean all = a.get("all");
        if (all == (symbols != null && !symbols.isEmpty())) {
            throw new BadInputException(
                    "symbols",
                    a.raw("symbols"),
                    "give symbols or all=true, one of them",
                    List.of("stored tickers, an array or a comma-separated string", "all=true without symbols"));
        }
        Instant from = a.get("from");
        Instant to = a.get("to");
        ApiV1.requireAfter(from, to);
        Timeframe trading = Timeframe.parse(a.get("trading"));
        String htf = a.get("htf");
        BigDecimal capital = amount(a, "capital");
        return new BacktestRequest(
                all ? null : symbols,
                from,
                to,
                AnalysisService.higherFor(htf == null ? null : Timeframe.parse(htf), trading, null),
                trading,
                capital,
                BacktestRequest.limits(
                        capital, amount(a, "max_position"), amount(a, "max_gross"), amount(a, "max_daily_loss")),
                PaperRuleParams.rules(a),
                signals.apply(SignalOverrideParams.overrides(a)));
    }

    /** The amount given for {@code name} at the ledger's scale (as the command takes it), or null. */
    private static BigDecimal amount(Args a, String name) {
        String raw = a.raw(name);
        return raw == null ? null : io.dgas.ledger.Money.of(raw.trim());
    }

    /**
     * @param backtests runs a backtest ({@code POST /api/v1/backtests}, as {@code dgas backtest})
     * @param signals the configured signal parameters with a request's overrides
     */
    static List<Route> routes(
            Supplier<LedgerApiService> ledger,
            Supplier<BacktestService> backtests,
            Supplier<JobService> jobs,
            Function<SignalOverrides, SignalParams> signals) {
        return List.of(
                Route.admin(
                        "POST",
                        "/api/v1/backtests",
                        "Run a backtest over stored bars into a portfolio of its own, as dgas backtest, and store it:"
                                + " synchronously (a replay of years of daily bars takes seconds), or with async=true"
                                + " as a background job (a large universe)",
                        ApiV1.concat(RUN, PaperRuleParams.params(), SignalOverrideParams.params(true)),
                        "{backtest (its id: GET /api/v1/backtests/{id} has its curve and trades), portfolio, metrics,"
                                + " bar_steps, duration_ms, without_bars (symbols with no trading bar in the range),"
                                + " settings_line}; with async=true 202 and the job, " + JobBody.SHAPE,
                        (c, a) -> {
                            BacktestRequest r = request(a, signals);
                            if (!a.<Boolean>get("async")) {
                                return backtests.get().run(r).summary();
                            }
                            return JobRoutes.start(c, jobs, JobKinds.BACKTEST, r);
                        }),
                Route.get(
                        "/api/v1/backtests",
                        "Stored backtests with their metrics, newest first",
                        PortfolioRoutes.paging(),
                        "{items: [" + BACKTEST_JSON + " with settings_line (the settings in one line: sizing,"
                                + " slippage, commission, then the signal and multi-timeframe parameters that differ"
                                + " from the defaults)], limit, offset, next_offset}",
                        (c, a) -> ledger.get().backtests(a.get("limit"), a.get("offset"))),
                Route.get(
                        "/api/v1/backtests/{id}",
                        "One backtest with its equity curve (drawdown from the running peak) and its latest trades",
                        List.of(
                                Param.path("id", Type.INT, "backtest id").range(1, Integer.MAX_VALUE),
                                Param.query("trades", Type.INT, "latest trades")
                                        .withDefault("200")
                                        .range(0, 5000)),
                        "{backtest: " + BACKTEST_JSON + ", curve: [{ts, cash, equity, drawdown}], buy_and_hold: [{ts,"
                                + " value}] (the benchmark at each curve point, from the same start), trades: [{order,"
                                + " executions}], settings_line}",
                        (c, a) -> ledger.get().backtest(PortfolioRoutes.id(a), a.get("trades"))));
    }
}
