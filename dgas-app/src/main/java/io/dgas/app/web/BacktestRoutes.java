package io.dgas.app.web;

import io.dgas.app.trading.LedgerApiService;
import io.dgas.app.web.Param.Type;
import java.util.List;
import java.util.function.Supplier;

/**
 * Stored backtests under {@code /api/v1/backtests} (they are run by {@code dgas backtest}): the list, and one with its
 * equity curve, drawdown and trades. Each route parses, calls {@link LedgerApiService}, renders.
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

    private BacktestRoutes() {}

    static List<Route> routes(Supplier<LedgerApiService> ledger) {
        return List.of(
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
