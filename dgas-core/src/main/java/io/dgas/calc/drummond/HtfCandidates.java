package io.dgas.calc.drummond;

/**
 * One replay's confluence zones with its higher timeframe's candidates (drummond.md §6: the envelope rows and the
 * window's Drummond zones at HTF bar j) kept while they cannot have changed: a higher-timeframe bar spans several
 * trading bars (5 daily bars a week, 15 one-minute bars a quarter hour), and at each of them the candidates are the
 * same. They are kept merged per type in a {@link ConfluenceSweep}, which clusters each trading bar's candidates
 * against them as they are swept.
 *
 * <p>Design note: the candidates are a function of the envelope rows j − rows + 1..j, the lines of the zone window
 * with their prices, the tolerance at j and the settings. So they are reused exactly when the rows kept by the sweep's
 * higher-timeframe {@link EnvelopeRuns} are the same rows of the same analysis holding the same values (compared bit
 * for bit, 4 × rows doubles), the {@link ZoneIndex} reports the same version (the same lines
 * at the same prices), and the tolerance and settings are equal: a replaced forming bar, a rebuilt analysis or
 * another series all fail one of these and rebuild them. Where the sweep cannot be used (a NaN line price in a
 * window, zones out of price order) the zones are built the general way ({@link MultiTimeframe}). Not thread-safe;
 * one per replay.
 */
final class HtfCandidates {
    private final ConfluenceSweep sweep = new ConfluenceSweep();
    private boolean valid;
    private long version;
    private long toleranceBits;
    private MtfParams params;

    /**
     * The confluence zones at trading bar {@code k} with HTF bar {@code j}: {@link ConfluenceZones#build} of both
     * timeframes' candidates as {@link MultiTimeframe} adds them (each window's zones from its index).
     */
    ZoneTable zones(
            DrummondAnalysis htf,
            int j,
            DrummondAnalysis trading,
            int k,
            MtfParams p,
            ZoneIndex htfIndex,
            ZoneIndex tradingIndex) {
        int window = p.zoneLookbackBars();
        long v = htfIndex.sync(htf, j, window);
        double tolerance = htf.tolerance(j);
        int from = Math.max(j - p.envelopeRows() + 1, 0);
        if (!valid
                || v < 0
                || v != version
                || Double.doubleToRawLongBits(tolerance) != toleranceBits
                || !p.equals(params)
                || !sweep.keepsHigherRows(htf, from, j)) {
            valid = v >= 0 && sweep.keepHigher(htf, 0, p.htfWeight(), p.confluencePct(), from, j, htfIndex, tolerance);
            if (!valid) {
                return MultiTimeframe.zones(htf, j, trading, k, p, htfIndex, tradingIndex, null);
            }
            version = v;
            toleranceBits = Double.doubleToRawLongBits(tolerance);
            params = p;
        }
        double w = p.tradingWeight();
        sweep.begin(1, w, trading, k - p.envelopeRows() + 1, k);
        tradingIndex.addTo(sweep, 1, w, trading, k, window);
        ZoneTable zones = sweep.finish();
        return zones != null ? zones : MultiTimeframe.zones(htf, j, trading, k, p, htfIndex, tradingIndex, null);
    }
}
