package io.dgas.calc.drummond;

/**
 * Multi-timeframe settings (drummond.md §6).
 *
 * @param confluencePct confluence tolerance fraction of the price (0.005)
 * @param alignmentThreshold minimum alignment for a permitted trade (0.6)
 * @param htfWeight confluence weight of the higher timeframe (1.5)
 * @param tradingWeight confluence weight of the trading timeframe (1.0)
 * @param envelopeRows envelope rows per timeframe feeding confluence (20)
 * @param recentPatterns events kept as "recent", by end time (10)
 * @param overlayThresholdPct PLdot overlay at/above/below threshold in percent (0.1)
 * @param zoneLookbackBars <b>[C]</b> each timeframe's Drummond zones enter confluence built only from the lines ending
 *     in its last this many bars up to the analysed bar; 0 = every line (the literal §6 rule, O(lines) per analysis);
 *     default 100, the window of the §4.6 termination zones ({@link PatternParams#terminationLookbackBars()}). The
 *     single-timeframe zones ({@link DrummondAnalysis#zonesAt(int)}) are not windowed.
 */
public record MtfParams(
        double confluencePct,
        double alignmentThreshold,
        double htfWeight,
        double tradingWeight,
        int envelopeRows,
        int recentPatterns,
        double overlayThresholdPct,
        int zoneLookbackBars) {

    public MtfParams {
        Check.range("confluencePct", confluencePct, 0, 1);
        Check.range("alignmentThreshold", alignmentThreshold, 0, 1);
        Check.range("htfWeight", htfWeight, 0, 100);
        Check.range("tradingWeight", tradingWeight, 0, 100);
        Check.range("envelopeRows", envelopeRows, 1, 10_000);
        Check.range("recentPatterns", recentPatterns, 1, 10_000);
        Check.range("overlayThresholdPct", overlayThresholdPct, 0, 100);
        Check.range("zoneLookbackBars", zoneLookbackBars, 0, 1_000_000);
    }

    public static MtfParams defaults() {
        return new MtfParams(0.005, 0.6, 1.5, 1.0, 20, 10, 0.1, 100);
    }

    /** These settings with {@link #zoneLookbackBars()} {@code bars}. */
    public MtfParams withZoneLookbackBars(int bars) {
        return new MtfParams(
                confluencePct,
                alignmentThreshold,
                htfWeight,
                tradingWeight,
                envelopeRows,
                recentPatterns,
                overlayThresholdPct,
                bars);
    }
}
