package io.dgas.app.trading;

import io.dgas.store.ledger.BacktestRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A finished backtest: what was stored, its metrics and its equity curve.
 *
 * @param withoutBars the symbols asked for that have no trading bar in the range (none replayed: a daily-only symbol in
 *     an hourly {@code --all}), in the order asked
 */
public record BacktestReport(
        BacktestRecord record, BacktestMetrics metrics, List<Backtester.EquityPoint> curve, List<String> withoutBars) {
    /**
     * What {@code dgas backtest --json} and {@code POST /api/v1/backtests} answer: {@code {backtest, portfolio,
     * metrics, bar_steps, duration_ms, without_bars, settings_line}} (the curve and trades are the stored backtest's
     * detail); the report renders as it in JSON (a background job's answer).
     */
    @com.fasterxml.jackson.annotation.JsonValue
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backtest", record.id());
        m.put("portfolio", record.portfolioId());
        m.put("metrics", metrics);
        m.put("bar_steps", record.barSteps());
        m.put("duration_ms", record.durationMs());
        m.put("without_bars", withoutBars);
        m.put("settings_line", BacktestSettings.line(record.settings()));
        return m;
    }
}
