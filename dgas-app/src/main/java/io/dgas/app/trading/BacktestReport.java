package io.dgas.app.trading;

import io.dgas.store.ledger.BacktestRecord;
import java.util.List;

/**
 * A finished backtest: what was stored, its metrics and its equity curve.
 *
 * @param withoutBars the symbols asked for that have no trading bar in the range (none replayed: a daily-only symbol in
 *     an hourly {@code --all}), in the order asked
 */
public record BacktestReport(
        BacktestRecord record, BacktestMetrics metrics, List<Backtester.EquityPoint> curve, List<String> withoutBars) {}
