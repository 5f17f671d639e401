package io.dgas.app.web;

import io.dgas.app.AppContext;
import io.dgas.app.config.EffectiveConfig;
import io.dgas.app.service.AnalysisService;
import io.dgas.app.service.Lazy;
import io.dgas.app.service.MarketDataService;
import io.dgas.app.service.Page;
import io.dgas.app.service.RunsService;
import io.dgas.app.service.SignalsService;
import io.dgas.app.web.Param.Type;
import io.dgas.domain.Timeframe;
import io.dgas.store.bars.BarColumns;
import io.dgas.store.runs.SignalQuery;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The read routes of {@code /api/v1}: each parses (by its {@link Param}s), calls one service method, renders. No SQL
 * and no rule lives here.
 */
final class ApiV1 {
    static final int MAX_BARS = 5000;
    static final List<String> TIMEFRAMES =
            Arrays.stream(Timeframe.values()).map(Timeframe::code).toList();

    private static final Param SYMBOL = Param.path("symbol", Type.TICKER, "ticker, any case (AAPL)");

    private ApiV1() {}

    /** The routes, with {@code health} answering both {@code /health} and {@code /api/v1/health}. */
    static List<Route> routes(AppContext ctx, Function<Context, Object> health) {
        // built on first request: the server starts (and /health answers 503) while the database is down
        Supplier<MarketDataService> market = Lazy.of(() -> new MarketDataService(ctx.database(), ctx.cache()));
        Supplier<SignalsService> signals = Lazy.of(() -> new SignalsService(ctx.database(), ctx.cache()));
        Supplier<RunsService> runs = Lazy.of(() -> new RunsService(ctx.database(), ctx.cache()));
        Supplier<AnalysisService> analysis = Lazy.of(() -> new AnalysisService(
                market.get(), signals.get(), ctx.calculations(), ctx.mtfParams(), ctx.signalParams(), ctx.cache()));
        List<Route> writes = concat(WriteRoutes.routes(ctx, Lazy.of(ctx::ingest)), DataChangeRoutes.routes(ctx));
        return concat(
                concat(
                        concat(
                                concat(
                                        concat(
                                                OpsRoutes.routes(ctx),
                                                concat(
                                                        concat(
                                                                ReportRoutes.routes(ctx),
                                                                concat(
                                                                        EvaluationRoutes.routes(ctx),
                                                                        JobRoutes.routes(ctx::jobs))),
                                                        concat(
                                                                DatabaseRoutes.routes(ctx),
                                                                concat(
                                                                        ExportRoutes.routes(ctx),
                                                                        concat(
                                                                                GapRoutes.routes(ctx),
                                                                                CalendarRoutes.routes(ctx)))))),
                                        AlertRoutes.routes(ctx::alertsService)),
                                writes),
                        TradingRoutes.routes(ctx)),
                List.of(
                        Route.get(
                                        "/api/v1/symbols",
                                        "List or search the active symbols, by ticker",
                                        concat(
                                                List.of(Param.query(
                                                        "q", Type.STRING, "part of the ticker or name, any case")),
                                                Param.paging(100, 1000)),
                                        "{items: [{ticker, name, exchange, asset_class, status, last_price, last_tick_at}], limit,"
                                                + " offset, next_offset}",
                                        (c, a) -> market.get().symbols(a.get("q"), a.get("limit"), a.get("offset")))
                                .renderedOnce(),
                        Route.get(
                                        "/api/v1/symbols/{symbol}",
                                        "One symbol with its stored bar series",
                                        List.of(SYMBOL),
                                        "{symbol: {ticker, …}, series: [{timeframe, rows, first, last}]}",
                                        (c, a) -> market.get().symbol(a.get("symbol")))
                                .renderedOnce(),
                        Route.get(
                                        "/api/v1/bars/{symbol}",
                                        "Bars of one series, oldest first: the newest `last`, or the range [from, to)",
                                        List.of(
                                                SYMBOL,
                                                interval("timeframe"),
                                                Param.query("last", Type.INT, "newest bars (without from)")
                                                        .withDefault("200")
                                                        .range(1, MAX_BARS),
                                                Param.query("from", Type.INSTANT, "range start, inclusive"),
                                                Param.query(
                                                        "to",
                                                        Type.INSTANT,
                                                        "range end, exclusive (default now; needs from)"),
                                                Param.query("include_deleted", Type.BOOL, "soft-deleted bars too")
                                                        .withDefault("false")),
                                        "{symbol, interval, bars: [{ts, open, high, low, close, volume}]}",
                                        (c, a) -> Bodies.bars(bars(ctx, market.get(), a)))
                                .renderedOnce(),
                        Route.get(
                                        "/api/v1/analysis/{symbol}",
                                        "Drummond analysis of the newest bars: PLdot, envelope, state per bar, the strongest zones"
                                                + " and multi-timeframe confluence zones in their price range, the latest"
                                                + " signal",
                                        List.of(
                                                SYMBOL,
                                                interval("trading timeframe (default 1h, else the symbol's own"
                                                        + " nearest: AAPL's daily bars, 1d)"),
                                                Param.query("last", Type.INT, "newest bars analysed")
                                                        .withDefault("300")
                                                        .range(1, MAX_BARS),
                                                Param.query(
                                                                "htf",
                                                                Type.ENUM,
                                                                "higher timeframe (default: the interval's pair, 1h: 4h, 1d: 1w; 1w: none, its"
                                                                        + " bars analysed alone, no signal computed)")
                                                        .oneOf(TIMEFRAMES)),
                                        "{symbol, interval, htf, displacement (each bar's PLdot and envelope belong that many bars"
                                                + " ahead, drummond.md §1), bars: [{ts, o, h, l, c, pldot, upper, lower, state}], patterns: [{type,"
                                                + " direction, start, end, strength}] (§4, not termination), zones:"
                                                + " [{lower, upper, center, type, strength}], confluence: [{lower, upper, level, type, kind,"
                                                + " timeframes, weight}], latest: {state, trend, confidence,"
                                                + " note}, signal: {source: computed|stored, ts, type, entry, stop, target, confidence, tier,"
                                                + " reason} | null}",
                                        (c, a) -> {
                                            Timeframe asked = Timeframe.parse(a.get("interval"));
                                            // without an interval a symbol with no 1h bars got an empty analysis
                                            Timeframe tf = a.given("interval")
                                                    ? asked
                                                    : analysis.get().intervalFor(a.get("symbol"), asked);
                                            // weekly bars have no pair: analysed alone (htf null)
                                            Timeframe htf = a.has("htf")
                                                    ? Timeframe.parse(a.get("htf"))
                                                    : tf.defaultHigher().orElse(null);
                                            return new AnalysisBody(
                                                    analysis.get().analyze(a.get("symbol"), tf, a.get("last"), htf));
                                        })
                                .renderedOnce(),
                        Route.get(
                                        "/api/v1/signals",
                                        "Stored signals, newest first (superseded ones never)",
                                        concat(
                                                List.of(
                                                        Param.query("symbol", Type.TICKER, "ticker, any case"),
                                                        Param.query("timeframe", Type.ENUM, "trading timeframe")
                                                                .oneOf(TIMEFRAMES),
                                                        Param.query("since", Type.INSTANT, "bar time at or after"),
                                                        Param.query("min_confidence", Type.NUMBER, "lowest confidence")
                                                                .range(0, 1),
                                                        Param.query(
                                                                        "direction",
                                                                        Type.ENUM,
                                                                        "long: long entries and exits; short: …")
                                                                .oneOf(List.of("long", "short")),
                                                        Param.query("run", Type.INT, "only this run's signals")
                                                                .range(1, Integer.MAX_VALUE)),
                                                Param.paging(100, 1000)),
                                        "{items: [{id, run_id, symbol, timeframe, ts, type, entry, stop, target, confidence, strength,"
                                                + " alignment, tier}], limit, offset, next_offset}",
                                        (c, a) -> signals.get()
                                                .signals(new SignalQuery(
                                                        a.get("symbol"),
                                                        a.get("timeframe"),
                                                        a.get("since"),
                                                        a.get("min_confidence"),
                                                        a.get("direction"),
                                                        a.get("limit"),
                                                        a.get("offset"),
                                                        a.get("run") == null
                                                                ? null
                                                                : a.<Integer>get("run")
                                                                        .longValue())))
                                .renderedOnce(),
                        Route.get(
                                "/api/v1/signals/calibration",
                                "Outcomes of the entry signals of the last days (win, loss, neutral, pending, not filled),"
                                        + " overall and by confidence bucket",
                                List.of(Param.query("days", Type.INT, "days looked back")
                                        .withDefault("7")
                                        .range(1, 90)),
                                "{days, signals, outcomes: {win, loss, …}, win_rate, buckets: [{from, to, signals,"
                                        + " outcomes, win_rate}], by_settings: [{settings, signals, outcomes,"
                                        + " win_rate}]}; win_rate null when no signal is decided",
                                (c, a) -> Bodies.calibration(
                                        a.get("days"),
                                        signals.get().calibration(ctx.clock().instant(), a.<Integer>get("days")))),
                        Route.get(
                                "/api/v1/scheduler",
                                "The cluster scheduler: the schedule, the next cycle, the live instances and the last"
                                        + " runs of the past 24 h, as dgas scheduler status",
                                List.of(),
                                "{next_run (null: no scheduler running), schedule, instances: [{name, started_at,"
                                        + " last_seen}], recent_runs: [run as in /api/v1/runs/{id}]}",
                                (c, a) -> ctx.scheduling().status().body(Bodies::run)),
                        Route.get(
                                "/api/v1/runs",
                                "Prediction runs, newest first",
                                Param.paging(50, 500),
                                "{items: [run], limit, offset, next_offset}; run as in /api/v1/runs/{id}",
                                (c, a) -> {
                                    Page<io.dgas.store.runs.RunRecord> p =
                                            runs.get().runs(a.get("limit"), a.get("offset"));
                                    return new Page<>(
                                            p.items().stream().map(Bodies::run).toList(),
                                            p.limit(),
                                            p.offset(),
                                            p.nextOffset());
                                }),
                        Route.get(
                                "/api/v1/runs/{id}",
                                "One run with its stage times (ms) and per-symbol errors",
                                List.of(Param.path("id", Type.INT, "run id").range(1, Integer.MAX_VALUE)),
                                "{id, started_at, finished_at, status, htf, trading, symbols_requested, symbols_processed,"
                                        + " symbols_failed, signals, stage_ms: {load, analyse, persist, alerts, total,"
                                        + " collect}, errors: [{symbol, error}], stale_symbols, short_history: [{symbol, reason}], instance, collect: {rows:"
                                        + " {symbol: n}, failures: [{symbol, error}]}}",
                                (c, a) -> Bodies.run(
                                        runs.get().run(a.<Integer>get("id")),
                                        runs.get().collect(a.<Integer>get("id")))),
                        Route.get(
                                "/api/v1/config",
                                "The effective configuration and where each value came from, secrets masked",
                                List.of(),
                                "{home, file, settings: [{key, value, source}], warnings}",
                                (c, a) -> EffectiveConfig.of(ctx.config())),
                        Route.get(
                                "/api/v1/health",
                                "Health of the database, the Redis level and the pool (as /health)",
                                List.of(),
                                "{status: healthy|degraded|critical, database_ms, pool, cache_l2, latest}; 503 when critical",
                                (c, a) -> health.apply(c))));
    }

    /** A range [from, to) of a request: {@code to} after {@code from} (either may be null: nothing to check). */
    static void requireAfter(Instant from, Instant to) {
        if (from != null && to != null && !to.isAfter(from)) {
            throw new BadParameterException("to", to.toString(), "to must be after from", List.of("after " + from));
        }
    }

    private static BarColumns bars(AppContext ctx, MarketDataService market, Args a) {
        Timeframe tf = Timeframe.parse(a.get("interval"));
        String symbol = a.get("symbol");
        boolean deleted = a.get("include_deleted");
        Instant from = a.get("from");
        if (from != null && a.given("last")) {
            // last was ignored when a range was given too: the answer did not hold the bars asked for
            throw new BadParameterException(
                    "last",
                    a.raw("last"),
                    "last and from exclude each other",
                    List.of("last alone (the newest bars)", "from [and to] alone (a range)"));
        }
        if (from == null) {
            if (a.get("to") != null) {
                throw new BadParameterException(
                        "to", a.get("to").toString(), "to needs from", List.of("to together with from"));
            }
            return market.lastBars(symbol, tf, a.get("last"), deleted);
        }
        Instant to = a.has("to") ? a.get("to") : ctx.clock().instant();
        requireAfter(from, to);
        long span = to.getEpochSecond() - from.getEpochSecond();
        if (span / tf.seconds() > MAX_BARS) {
            throw new BadParameterException(
                    "from",
                    from.toString(),
                    "the range covers more than " + MAX_BARS + " " + tf.code() + " bars; narrow from/to or use last",
                    List.of("from at most " + MAX_BARS + " bars before to"));
        }
        return market.range(symbol, tf, from, to, deleted);
    }

    static <T> List<T> concat(List<T> a, List<T> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    static <T> List<T> concat(List<T> a, List<T> b, List<T> c) {
        return concat(concat(a, b), c);
    }

    /** The {@code interval} query parameter: a timeframe code, 1h unless given. */
    private static Param interval(String description) {
        return Param.query("interval", Type.ENUM, description).oneOf(TIMEFRAMES).withDefault("1h");
    }
}
