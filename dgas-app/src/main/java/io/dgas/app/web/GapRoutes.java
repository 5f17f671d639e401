package io.dgas.app.web;

import io.dgas.app.AppContext;
import io.dgas.app.quality.DataChecks;
import io.dgas.app.web.Param.Type;
import io.dgas.domain.Timeframe;
import java.util.List;

/**
 * {@code GET /api/v1/bars/{symbol}/gaps} and {@code GET /api/v1/gaps}: the bars missing from a series, and the overview
 * of every symbol's series at a timeframe, as {@code dgas data gaps} (same service); {@code GET
 * /api/v1/bars/{symbol}/check} and {@code GET /api/v1/bar-checks}: a series' quality checks, and how many findings every
 * symbol's series at a timeframe has, as {@code dgas data check} (same service).
 */
final class GapRoutes {
    private GapRoutes() {}

    static List<Route> routes(AppContext ctx) {
        Param interval = Param.query("interval", Type.ENUM, "the series' timeframe")
                .oneOf(ApiV1.TIMEFRAMES)
                .mandatory();
        Param symbol = Param.path("symbol", Type.TICKER, "ticker, any case (AAPL)");
        Param from = Param.query("from", Type.INSTANT, "range start, inclusive");
        Param to = Param.query("to", Type.INSTANT, "range end, exclusive");
        Param spikeSigma = Param.query("spike_sigma", Type.NUMBER, "a spike's return in robust standard deviations")
                .withDefault("" + DataChecks.DEFAULT_SPIKE_SIGMA)
                .range(DataChecks.MIN_SPIKE_SIGMA, DataChecks.MAX_SPIKE_SIGMA);
        Param flatBars = Param.query("flat_bars", Type.INT, "the shortest run of bars that did not trade counted")
                .withDefault("" + DataChecks.DEFAULT_FLAT_BARS)
                .range(DataChecks.MIN_FLAT_BARS, DataChecks.MAX_FLAT_BARS);
        return List.of(
                Route.get(
                        "/api/v1/gaps",
                        "Every active symbol's series at a timeframe with its missing bars, the most missing first",
                        ApiV1.concat(List.of(interval, from, to), Param.paging(100, 10_000)),
                        "{items: [{symbol, market, bars, first, last, missing, gaps, coverage}], limit, offset,"
                                + " next_offset, total} (missing, gaps and coverage null for a ticker of an exchange"
                                + " without a calendar here, listed last)",
                        (c, a) -> {
                            ApiV1.requireAfter(a.get("from"), a.get("to"));
                            return ctx.gaps()
                                    .universe(
                                            Timeframe.parse(a.get("interval")),
                                            a.get("from"),
                                            a.get("to"),
                                            a.<Integer>get("limit"),
                                            a.<Integer>get("offset"));
                        }),
                Route.get(
                        "/api/v1/bar-checks",
                        "Every active symbol's series at a timeframe checked as /api/v1/bars/{symbol}/check does: how"
                                + " many bars outside the market's hours, spikes and flat runs, the most findings first",
                        ApiV1.concat(List.of(interval, from, to, spikeSigma, flatBars), Param.paging(100, 10_000)),
                        "{items: [{symbol, market, bars, first, last, outside_hours, shift_hours, spikes, flat_runs,"
                                + " findings}], limit, offset, next_offset, total} (outside_hours null for a ticker of"
                                + " an exchange without a calendar here; shift_hours null unless a whole-hour shift"
                                + " would put nine in ten bars in the market's hours)",
                        (c, a) -> {
                            ApiV1.requireAfter(a.get("from"), a.get("to"));
                            return ctx.checks()
                                    .universe(
                                            Timeframe.parse(a.get("interval")),
                                            a.get("from"),
                                            a.get("to"),
                                            a.<Double>get("spike_sigma"),
                                            a.<Integer>get("flat_bars"),
                                            a.<Integer>get("limit"),
                                            a.<Integer>get("offset"));
                        }),
                Route.get(
                        "/api/v1/bars/{symbol}/gaps",
                        "Bars missing from a series between its stored bars: the bar intervals in which the symbol's market"
                                + " was open (crypto around the clock, forex the foreign-exchange week, tickers of London,"
                                + " Xetra, Euronext, SIX, Toronto, the ASX and Hong Kong their exchanges' sessions,"
                                + " others the US equities session; each with its holidays), oldest first; a ticker of an"
                                + " exchange without a calendar here (.KO, .NSE, ...) is a 400",
                        ApiV1.concat(List.of(symbol, interval, from, to), Param.paging(100, 10_000)),
                        "{symbol, interval, market, bars, first, last, missing, coverage, gaps: {items: [{from, to, missing}],"
                                + " limit, offset, next_offset, total}}",
                        (c, a) -> {
                            ApiV1.requireAfter(a.get("from"), a.get("to"));
                            return ctx.gaps()
                                    .find(
                                            a.get("symbol"),
                                            Timeframe.parse(a.get("interval")),
                                            a.get("from"),
                                            a.get("to"),
                                            a.<Integer>get("limit"),
                                            a.<Integer>get("offset"));
                        }),
                Route.get(
                        "/api/v1/bars/{symbol}/check",
                        "A series' bars stored while its market was closed (with the shift by whole hours that would"
                                + " put nine in ten in its hours), close-to-close returns beyond spike_sigma robust"
                                + " standard deviations, and runs of flat_bars bars or more that did not trade, as dgas"
                                + " data check",
                        List.of(
                                symbol,
                                interval,
                                from,
                                to,
                                spikeSigma,
                                flatBars,
                                Param.query("limit", Type.INT, "findings listed of each kind")
                                        .withDefault("20")
                                        .range(1, 10_000)),
                        "{symbol, interval, market, bars, first, last, outside_hours: {count, first, shift_hours,"
                                + " outside_after_shift} (null without a calendar), spikes: {count, sigma, threshold,"
                                + " items: [{ts, close, sigmas, reverted}]}, flat_runs: {count, min_bars, items:"
                                + " [{from, to, bars}]}}",
                        (c, a) -> {
                            ApiV1.requireAfter(a.get("from"), a.get("to"));
                            return ctx.checks()
                                    .check(
                                            a.get("symbol"),
                                            Timeframe.parse(a.get("interval")),
                                            a.get("from"),
                                            a.get("to"),
                                            a.<Double>get("spike_sigma"),
                                            a.<Integer>get("flat_bars"),
                                            a.<Integer>get("limit"));
                        }));
    }
}
