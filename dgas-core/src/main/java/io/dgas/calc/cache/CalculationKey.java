package io.dgas.calc.cache;

import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import java.util.Objects;

/**
 * Identity of one cached calculation result. {@code seriesVersion} is {@link BarSeries#version()}, a fingerprint of
 * every bar, so any changed bar — including a correction in the middle of the history — yields a different key and a
 * stale entry can never be returned. {@code parameters} must be an immutable value with {@code equals}/{@code
 * hashCode} (the parameter records are).
 */
public record CalculationKey(
        String symbol, Timeframe timeframe, String calculation, Object parameters, long seriesVersion) {

    public CalculationKey {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(timeframe, "timeframe");
        Objects.requireNonNull(calculation, "calculation");
        Objects.requireNonNull(parameters, "parameters");
    }

    public static CalculationKey of(BarSeries series, String calculation, Object parameters) {
        return new CalculationKey(series.symbol(), series.timeframe(), calculation, parameters, series.version());
    }

    public boolean isFor(String s, Timeframe tf) {
        return symbol.equals(s) && timeframe == tf;
    }
}
