package io.dgas.calc.drummond;

import io.dgas.calc.UnableToCalculateException;
import io.dgas.domain.Bar;
import io.dgas.domain.BarSeries;
import io.dgas.domain.FormingBar;

/**
 * Keeps a single-timeframe analysis current as bars arrive: {@link #append} processes only the new bar and
 * {@link #replaceLast} undoes and re-runs only the last bar, so every output (PLdot, envelope, states, patterns,
 * lines; zones are rebuilt from the line index on demand) equals a batch run over the same bars without recomputing
 * history. Not thread-safe.
 */
public final class IncrementalAnalyzer {
    private final BarSeries series;
    private final DrummondEngine engine;

    public IncrementalAnalyzer(String symbol, io.dgas.domain.Timeframe timeframe, DrummondParams params) {
        this.series = new BarSeries(symbol, timeframe);
        this.engine = new DrummondEngine(series, params);
    }

    /** Starts from an existing series (copied) and analyses it. */
    public static IncrementalAnalyzer of(BarSeries initial, DrummondParams params) {
        IncrementalAnalyzer a = new IncrementalAnalyzer(initial.symbol(), initial.timeframe(), params);
        for (int i = 0; i < initial.size(); i++) {
            a.series.append(
                    initial.ts()[i],
                    initial.open()[i],
                    initial.high()[i],
                    initial.low()[i],
                    initial.close()[i],
                    initial.volume()[i]);
        }
        a.engine.advance();
        return a;
    }

    public void append(long ts, double open, double high, double low, double close, double volume) {
        series.append(ts, open, high, low, close, volume);
        engine.advance();
    }

    public void append(Bar bar) {
        append(bar.ts(), bar.open(), bar.high(), bar.low(), bar.close(), bar.volume());
    }

    /** Replaces the still-forming last bar and re-runs it. */
    public void replaceLast(long ts, double open, double high, double low, double close, double volume) {
        series.replaceLast(ts, open, high, low, close, volume);
        engine.reprocessLast();
    }

    /** Applies a forming bar: replaces the last bar when it has the same timestamp, appends it otherwise. */
    public void update(FormingBar bar) {
        int n = series.size();
        if (n > 0 && series.ts()[n - 1] == bar.ts()) {
            replaceLast(bar.ts(), bar.open(), bar.high(), bar.low(), bar.close(), bar.volume());
        } else {
            append(bar.ts(), bar.open(), bar.high(), bar.low(), bar.close(), bar.volume());
        }
    }

    /** The series as analysed (live; do not modify). */
    public BarSeries series() {
        return series;
    }

    /**
     * The live analysis.
     *
     * @throws UnableToCalculateException with fewer than 3 bars
     */
    public DrummondAnalysis analysis() {
        DrummondAnalyzer.requireBars(series);
        return new DrummondAnalysis(engine);
    }
}
