package io.dgas.app.web;

import io.dgas.app.AppContext;
import io.dgas.app.web.Param.Type;
import io.dgas.domain.Timeframe;
import java.time.Instant;
import java.util.List;

/** {@code GET /api/v1/bars/{symbol}/gaps}: the bars missing from a series, as {@code dgas data gaps} (same service). */
final class GapRoutes {
    private GapRoutes() {}

    static List<Route> routes(AppContext ctx) {
        return List.of(Route.get(
                "/api/v1/bars/{symbol}/gaps",
                "Bars missing from a series between its stored bars: the bar intervals in which the symbol's market"
                        + " was open (crypto around the clock, other asset classes the US equities session and"
                        + " holidays), oldest first",
                ApiV1.concat(
                        List.of(
                                Param.path("symbol", Type.TICKER, "ticker, any case (AAPL)"),
                                Param.query("interval", Type.ENUM, "the series' timeframe")
                                        .oneOf(ApiV1.TIMEFRAMES)
                                        .mandatory(),
                                Param.query("from", Type.INSTANT, "range start, inclusive"),
                                Param.query("to", Type.INSTANT, "range end, exclusive")),
                        Param.paging(100, 10_000)),
                "{symbol, interval, market, bars, first, last, missing, coverage, gaps: {items: [{from, to, missing}],"
                        + " limit, offset, next_offset, total}}",
                (c, a) -> {
                    Instant from = a.get("from");
                    Instant to = a.get("to");
                    ApiV1.requireAfter(from, to);
                    return ctx.gaps()
                            .find(
                                    a.get("symbol"),
                                    Timeframe.parse(a.get("interval")),
                                    from,
                                    to,
                                    a.<Integer>get("limit"),
                                    a.<Integer>get("offset"));
                }));
    }
}
