package io.dgas.calc.drummond;

import io.dgas.calc.UnableToCalculateException;
import io.dgas.domain.BarSeries;

/** Batch entry point for single-timeframe analysis (drummond.md §1–5). */
public final class DrummondAnalyzer {
    /** Fewer bars than this cannot be analysed (§ contract). */
    public static final int MIN_BARS = 3;

    private DrummondAnalyzer() {}

    /**
     * Analyses every bar of {@code series}. The result is computed once and does not follow later changes to the
     * series.
     *
     * @throws UnableToCalculateException with fewer than 3 bars
     */
    public static DrummondAnalysis analyze(BarSeries series, DrummondParams params) {
        requireBars(series);
        DrummondEngine engine = new DrummondEngine(series.head(series.size()), params);
        engine.advance();
        return new DrummondAnalysis(engine);
    }

    public static DrummondAnalysis analyze(BarSeries series) {
        return analyze(series, DrummondParams.defaults());
    }

    static void requireBars(BarSeries series) {
        if (series.size() < MIN_BARS) {
            throw new UnableToCalculateException(
                    series.symbol(),
                    series.timeframe(),
                    "Drummond analysis needs at least " + MIN_BARS + " bars, got " + series.size());
        }
    }
}
