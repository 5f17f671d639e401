package io.dgas.app.trading;

import io.dgas.store.ledger.BacktestRecord;
import java.util.List;

/** A finished backtest: what was stored, its metrics and its equity curve. */
public record BacktestReport(BacktestRecord record, BacktestMetrics metrics, List<Backtester.EquityPoint> curve) {}
