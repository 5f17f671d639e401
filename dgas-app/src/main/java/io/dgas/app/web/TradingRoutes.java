package io.dgas.app.web;

import io.dgas.app.AppContext;
import io.dgas.app.service.DailyBarsService;
import io.dgas.app.service.Lazy;
import io.dgas.app.trading.BacktestService;
import io.dgas.app.trading.LedgerApiService;
import io.dgas.app.trading.PortfolioService;
import io.dgas.app.trading.RiskService;
import io.dgas.app.web.Param.Type;
import io.dgas.domain.Timeframe;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;

/**
 * The trading-records routes (issue 14): news, the daily views, portfolios, sessions, orders and backtests, each
 * family in its own class; this one joins them and holds the daily bar rollup read.
 */
final class TradingRoutes {
    private TradingRoutes() {}

    static List<Route> routes(AppContext ctx) {
        Supplier<DailyBarsService> daily = Lazy.of(() -> new DailyBarsService(ctx.database(), ctx.cache()));
        List<Route> own = List.of(Route.get(
                "/api/v1/bars/{symbol}/daily",
                "Daily OHLCV rollups of one source timeframe from the daily_bar_rollups view, oldest first; as"
                        + " fresh as the last view refresh",
                List.of(
                        Param.path("symbol", Type.TICKER, "ticker, any case (AAPL)"),
                        Param.query("interval", Type.ENUM, "source timeframe")
                                .oneOf(ApiV1.TIMEFRAMES)
                                .withDefault("1h"),
                        Param.query("days", Type.INT, "days back from today (UTC), today included")
                                .withDefault("30")
                                .range(1, 3660)),
                "[{day, open, high, low, close, volume, bars}]",
                (c, a) -> {
                    LocalDate to = LocalDate.ofInstant(ctx.clock().instant(), ZoneOffset.UTC);
                    int days = a.get("days");
                    return daily.get()
                            .days(a.get("symbol"), Timeframe.parse(a.get("interval")), to.minusDays(days - 1L), to);
                }));
        Supplier<PortfolioService> portfolios = Lazy.of(ctx::portfolios);
        Supplier<RiskService> risk = Lazy.of(ctx::risk);
        Supplier<LedgerApiService> ledger =
                Lazy.of(() -> new LedgerApiService(ctx.database(), portfolios.get(), risk.get(), ctx.clock()));
        List<Route> all = ApiV1.concat(own, NewsRoutes.routes(Lazy.of(ctx::news), ctx.clock()));
        all = ApiV1.concat(all, PortfolioRoutes.routes(portfolios, risk, ledger, ctx.clock()));
        Supplier<BacktestService> backtests = Lazy.of(ctx::backtests);
        return ApiV1.concat(all, BacktestRoutes.routes(ledger, backtests, ctx::jobs, ctx::signalParams));
    }
}
