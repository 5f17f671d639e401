package io.dgas.calc.drummond;

/**
 * The signal at successive trading bars of two live analyses (an {@link IncrementalAnalyzer} each), for bar-by-bar
 * replays ({@link Signals#raw} is one): the same result as {@link Signals#evaluate} of {@link MultiTimeframe#analyze}
 * at that bar with each timeframe's zones built from the lines of its window ({@link MtfParams#zoneLookbackBars()}),
 * but the zones of both timeframes are kept by {@link ZoneIndex}es that slide: they insert only the lines of the bars
 * added since the previous step and remove those that left the window, instead of re-sorting the window at every
 * bar; the higher timeframe's candidates are kept while its bar stays the same ({@link HtfCandidates}); a bar
 * where {@link SignalGate} sees that no signal can exist whatever the zones builds no zones at all, and at the other
 * bars the analysis takes the recent events and their confluence the gate found. Indices should not decrease between calls (a lower one restarts the
 * index). Not thread-safe.
 */
public final class SignalStepper {
    private final MtfParams mtf;
    private final SignalParams signals;
    private final ZoneIndex htfZones = new ZoneIndex();
    private final ZoneIndex tradingZones = new ZoneIndex();
    private final HtfCandidates htfCandidates = new HtfCandidates();
    private final SignalGate.Known known = new SignalGate.Known();

    public SignalStepper(MtfParams mtf, SignalParams signals) {
        this.mtf = mtf;
        this.signals = signals;
    }

    /**
     * The signal at trading bar {@code k}, or null (none, or no complete higher-timeframe bar with a state yet).
     *
     * @param atr the trading ATR at bar {@code k}
     */
    public Signal at(DrummondAnalysis htf, DrummondAnalysis trading, int k, double atr) {
        if (!SignalGate.mayFire(htf, trading, k, mtf, signals, atr, known)) {
            return null;
        }
        MtfAnalysis m = MultiTimeframe.tryAnalyze(htf, trading, k, mtf, htfZones, tradingZones, htfCandidates, known);
        return m == null ? null : Signals.evaluate(m, htf, trading, atr, signals);
    }
}
