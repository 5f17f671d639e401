package io.dgas.app.web;

import io.dgas.app.AppContext;
import io.dgas.app.cycle.CycleResult;
import io.dgas.app.cycle.CycleRunningException;
import io.dgas.app.cycle.CycleSummary;
import io.dgas.app.cycle.SignalOverrides;
import io.dgas.app.ingest.IngestService;
import io.dgas.app.ingest.IngestSummary;
import io.dgas.app.service.ErrorBody;
import io.dgas.app.web.Param.Type;
import io.dgas.domain.Timeframe;
import io.dgas.store.bars.AssetClasses;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.store.ingest.IngestReport;
import io.dgas.store.ingest.InvalidInputException;
import io.dgas.store.ingest.OptionNames;
import io.dgas.store.ingest.Reject;
import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The write routes of {@code /api/v1} (admin token required): CSV uploads through the {@link IngestService} that
 * {@code dgas ingest} uses, and a cycle now through the same {@link io.dgas.app.cycle.CycleService} as
 * {@code dgas cycle}, and the gap fill of {@code dgas ingest api --fill-gaps}. A bad row is a 422 naming line, field and
 * value, an unknown ticker given as {@code symbol} a 404; a cycle already running a 409.
 */
final class WriteRoutes {
    private static final String CSV = "a CSV as the request body (text/csv) or as multipart/form-data file parts";

    /** The upload routes' query parameters, as the loads' messages name them. */
    static final OptionNames QUERY = new OptionNames("symbol", "interval", "create_symbols=true", "=");

    private WriteRoutes() {}

    /** The symbols a cycle or replay runs over (default: the active universe). */
    static final Param UNIVERSE =
            Param.query("symbols", Type.TICKER, "comma-separated tickers (default: the universe)");

    /** A cycle's or replay's higher timeframe (default: the trading timeframe's pair, else cycle.htf). */
    static final Param HTF = Param.query("htf", Type.ENUM, "higher timeframe (default cycle.htf)")
            .oneOf(ApiV1.TIMEFRAMES);

    /** A cycle's or replay's trading timeframe. */
    static final Param TRADING = Param.query("trading", Type.ENUM, "trading timeframe (default cycle.trading)")
            .oneOf(ApiV1.TIMEFRAMES);

    static List<Route> routes(AppContext ctx, Supplier<IngestService> ingest) {
        List<Param> common = List.of(
                Param.query("timezone", Type.STRING, "zone of date-times without a UTC offset (America/New_York)"),
                Param.query("skip_invalid", Type.BOOL, "load the good rows; count the bad ones")
                        .withDefault("false"),
                Param.query("create_symbols", Type.BOOL, "add unknown tickers instead of rejecting their rows")
                        .withDefault("false"),
                Param.query("asset_class", Type.ENUM, "asset class of the symbols it creates (default stock)")
                        .oneOf(AssetClasses.ALL));
        return List.of(
                Route.admin(
                        "POST",
                        "/api/v1/ingest/bars",
                        "Load bars: " + CSV + " (timestamp,symbol,interval,open,high,low,close,volume, or"
                                + " date,open,high,low,close,volume with symbol and interval); each file all-or-nothing",
                        concat(
                                List.of(
                                        Param.query("symbol", Type.TICKER, "ticker for files without a symbol column"),
                                        Param.query("interval", Type.ENUM, "timeframe for files without an interval")
                                                .oneOf(ApiV1.TIMEFRAMES),
                                        Param.query("atomic", Type.BOOL, "several files in one transaction")
                                                .withDefault("true"),
                                        Param.query(
                                                        "adjusted",
                                                        Type.BOOL,
                                                        "store prices adjusted by the file's adjusted close column"
                                                                + " (Adj Close, adjusted_close)")
                                                .withDefault("false")),
                                common),
                        "{reports: [{source, kind, rows_read, inserted, updated, unchanged, rejected, series_changed,"
                                + " millis, rows_per_s, warnings}]} (warnings: intraday series whose newest bars mostly"
                                + " fall outside their market's hours, as if read in the wrong zone); 422 {error,"
                                + " parameter, value, accepted, line, field, reason} for a bad row;"
                                + " 413 over web.max_upload_mb",
                        (c, a) -> ingested(c, ctx, () -> {
                            IngestOptions opts = options(ingest.get(), a)
                                    .withSymbol(
                                            a.get("symbol"),
                                            a.has("interval") ? Timeframe.parse(a.get("interval")) : null)
                                    .withAdjusted(a.get("adjusted"));
                            return ingest.get().bars(Uploads.read(c, maxBytes(ctx)), opts, a.get("atomic"));
                        })),
                Route.admin(
                        "POST",
                        "/api/v1/ingest/ticks",
                        "Load the ticks of one symbol: " + CSV + " (timestamp,price,amount or"
                                + " timestamp,price,size,bid,ask,bid_size,ask_size); all-or-nothing",
                        concat(
                                List.of(Param.query("symbol", Type.TICKER, "ticker the ticks belong to")
                                        .mandatory()),
                                common),
                        "{reports: [ingest report]}; 422 for a bad row; 413 over web.max_upload_mb",
                        (c, a) -> ingested(c, ctx, () -> {
                            IngestOptions opts = options(ingest.get(), a).withSymbol(a.get("symbol"), null);
                            return Uploads.read(c, maxBytes(ctx)).stream()
                                    .map(u -> ingest.get().ticks(u.name(), u.csv(), opts))
                                    .toList();
                        })),
                Route.admin(
                        "POST",
                        "/api/v1/ingest/fill-gaps",
                        "Fetch from the market-data API the bars missing between the stored ones (as GET"
                                + " /api/v1/bars/{symbol}/gaps finds them), gaps close together in one request, and"
                                + " judge the gaps again",
                        List.of(
                                Param.query("symbols", Type.TICKER, "comma-separated stored tickers")
                                        .mandatory(),
                                Param.query("interval", Type.ENUM, "the series' timeframe (the API serves 1m 5m 1h 1d)")
                                        .oneOf(ApiV1.TIMEFRAMES)
                                        .mandatory(),
                                Param.query("from", Type.INSTANT, "range start, inclusive"),
                                Param.query("to", Type.INSTANT, "range end, exclusive"),
                                Param.query("max_requests", Type.INT, "requests at most")
                                        .withDefault("100")
                                        .range(1, 10_000)),
                        "{fills: [{symbol, gaps_before, missing_before, requests, rows, gaps_after, missing_after,"
                                + " requests_exhausted}]}",
                        (c, a) -> {
                            ApiV1.requireAfter(a.get("from"), a.get("to"));
                            return Map.of(
                                    "fills",
                                    ingest.get()
                                            .fillGaps(
                                                    ctx.gaps(),
                                                    tickers(a.get("symbols")),
                                                    Timeframe.parse(a.get("interval")),
                                                    a.get("from"),
                                                    a.get("to"),
                                                    a.<Integer>get("max_requests"),
                                                    line -> {}));
                        }),
                Route.admin(
                        "POST",
                        "/api/v1/cycle",
                        "Run one prediction cycle now (409 while one runs); defaults from cycle.*",
                        ApiV1.concat(
                                List.of(
                                        UNIVERSE,
                                        HTF,
                                        TRADING,
                                        Param.query(
                                                        "lookback",
                                                        Type.INT,
                                                        "trading bars per symbol (default cycle.lookback_bars)")
                                                .range(3, 100_000)),
                                SignalOverrideParams.params(false)),
                        "{run: run as in /api/v1/runs/{id}, signals: [{symbol, timestamp, type, entry, stop, target,"
                                + " confidence, strength, alignment, tier}], paper: [{session_id, portfolio_id, placed,"
                                + " rejected, fills, exits, equity}] (each active paper session's part)}; 409 {error}"
                                + " while a cycle runs",
                        (c, a) -> cycle(ctx, c, a)));
    }

    /** A comma-separated ticker list, upper-cased, empty entries dropped; null for null. */
    static List<String> tickers(String symbols) {
        return symbols == null
                ? null
                : Arrays.stream(symbols.split(","))
                        .map(s -> s.trim().toUpperCase(Locale.ROOT))
                        .filter(s -> !s.isEmpty())
                        .toList();
    }

    private static Object cycle(AppContext ctx, Context c, Args a) {
        List<String> tickers = tickers(a.get("symbols"));
        try {
            SignalOverrides overrides = SignalOverrideParams.overrides(a);
            CycleResult r = ctx.cycles()
                    .run(
                            tickers,
                            timeframe(a, "htf"),
                            timeframe(a, "trading"),
                            a.get("lookback"),
                            ctx.signalParams(overrides));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("run", Bodies.run(r.run()));
            body.put("signals", CycleSummary.signals(r));
            body.put("paper", CycleSummary.paper(r));
            return body;
        } catch (CycleRunningException e) {
            c.status(409);
            return Map.of("error", e.getMessage());
        }
    }

    private static Timeframe timeframe(Args a, String name) {
        return a.has(name) ? Timeframe.parse(a.get(name)) : null;
    }

    private static IngestOptions options(IngestService ingest, Args a) {
        String zone = a.get("timezone");
        ZoneId tz = null;
        if (zone != null) {
            try {
                tz = ZoneId.of(zone.trim());
            } catch (DateTimeException e) {
                throw new BadParameterException(
                        "timezone",
                        zone,
                        "unknown zone '" + zone + "'",
                        List.of("a region such as America/New_York", "an offset such as +02:00"));
            }
        }
        return ingest.options(tz)
                .withNames(QUERY)
                .withSkipInvalid(a.get("skip_invalid"))
                .withCreateSymbols(a.get("create_symbols"))
                .withAssetClass(a.get("asset_class"));
    }

    /**
     * The reports of a load, or its failure in the API's error form ({@code error, parameter, value, accepted}): a bad
     * row is a 422 whose parameter is the row's field (with its line and reason besides), a file that cannot be read
     * as a whole a 400 naming the body, an upload over the limit a 413.
     */
    private static Object ingested(Context c, AppContext ctx, Supplier<List<IngestReport>> load) {
        try {
            List<IngestReport> reports = load.get();
            return Map.of(
                    "reports",
                    reports.stream()
                            .map(r -> IngestSummary.model(r, IngestSummary.warnings(r, ctx.checks())))
                            .toList());
        } catch (Uploads.TooLargeException e) {
            c.status(413);
            return ErrorBody.of(
                    e.getMessage(), "body", "" + c.contentLength(), List.of("an upload within web.max_upload_mb"));
        } catch (InvalidInputException e) {
            Reject r = e.reject();
            if (r == null) {
                c.status(400);
                // a query parameter the file does not fit (symbol, interval) is named; else the file as a whole
                return e.parameter() != null
                        ? ErrorBody.of(e.getMessage(), e.parameter(), e.value(), e.accepted())
                        : ErrorBody.of(
                                e.getMessage(),
                                "body",
                                "",
                                List.of("CSV with the header and columns the endpoint describes"));
            }
            c.status(422);
            Map<String, Object> body =
                    new LinkedHashMap<>(ErrorBody.of(e.getMessage(), r.field(), r.value(), List.of(r.reason())));
            body.put("line", r.line());
            body.put("field", r.field());
            body.put("reason", r.reason());
            return body;
        }
    }

    static long maxBytes(AppContext ctx) {
        return ctx.config().intValue(io.dgas.app.config.ConfigKeys.WEB_MAX_UPLOAD_MB) * 1024L * 1024L;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
