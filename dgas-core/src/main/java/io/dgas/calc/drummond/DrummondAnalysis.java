package io.dgas.calc.drummond;

import io.dgas.domain.BarSeries;

/**
 * Single-timeframe Drummond results for one series (drummond.md §1–5): primitive arrays indexed by bar, NaN (or -1)
 * before each output's warm-up. A live view of its engine: an {@link IncrementalAnalyzer}'s analysis reflects every
 * update; arrays must not be modified by callers and are meaningful for the first {@link #size()} bars only.
 */
public final class DrummondAnalysis {
    private final DrummondEngine engine;

    DrummondAnalysis(DrummondEngine engine) {
        this.engine = engine;
    }

    public BarSeries series() {
        return engine.series();
    }

    public DrummondParams params() {
        return engine.params();
    }

    /** Bars analysed. */
    public int size() {
        return engine.processed();
    }

    /** PLdot value per bar (NaN before bar 2); plotted at ts + displacement × timeframe. */
    public double[] pldot() {
        return engine.pldot;
    }

    public double[] slope() {
        return engine.slope;
    }

    /** Projected timestamp of bar {@code i}'s PLdot. */
    public long projectedTs(int i) {
        return series().ts()[i] + params().displacement() * series().timeframe().seconds();
    }

    /** Envelope of {@link DrummondParams#envelope()}: centre is {@link #pldot()}. */
    public double[] upper() {
        return engine.upper;
    }

    public double[] lower() {
        return engine.lower;
    }

    public double[] width() {
        return engine.width;
    }

    public double[] position() {
        return engine.position;
    }

    public StateSeries states() {
        return engine.states;
    }

    /** All pattern events, in detection order. */
    public PatternEvents patterns() {
        return engine.events;
    }

    public DrummondLines lines() {
        return new DrummondLines(series(), params().lineGap(), size());
    }

    /** Projected line prices indexed by line id (live; do not modify). */
    double[] linePrices() {
        return engine.linePrice;
    }

    /** Mean bar range (high − low) over bars 0..i. */
    public double avgRange(int i) {
        return engine.avgRange(i);
    }

    /** Mean bar range (high − low) over every analysed bar. */
    public double lastAvgRange() {
        return engine.avgRange(size() - 1);
    }

    /** Zone chaining tolerance as of bar {@code i}. */
    public double tolerance(int i) {
        return engine.tolerance(i);
    }

    /** Zones of all lines at the latest bar. */
    public ZoneSet zones() {
        return zonesAt(size() - 1);
    }

    /** Zones as known at bar {@code i}: lines ending at or before i, tolerance of bar i. O(L) (radix sort). */
    public ZoneSet zonesAt(int i) {
        return zonesAt(i, 0);
    }

    /**
     * <b>[C]</b> Zones as known at bar {@code i} built only from the lines ending in its last {@code lookbackBars}
     * bars (after bar {@code i − lookbackBars}; 0: every line, {@link #zonesAt(int)}), tolerance of bar i: the
     * Drummond zones that enter §6 confluence ({@link MtfParams#zoneLookbackBars()}).
     */
    public ZoneSet zonesAt(int i, int lookbackBars) {
        return DrummondZones.fromLines(
                engine.linePrice,
                DrummondLines.firstInWindow(i, lookbackBars),
                DrummondLines.countEndingBy(i),
                engine.tolerance(i),
                engine.avgRange(i),
                engine.width[i]);
    }

    /** Another envelope method over the same PLdots. */
    public EnvelopeSeries envelope(EnvelopeParams params) {
        return EnvelopeSeries.compute(series(), pldot(), params, size());
    }
}
