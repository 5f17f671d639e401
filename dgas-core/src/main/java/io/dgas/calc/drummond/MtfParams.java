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
 */
public record MtfParams(
        double confluencePct,
        double alignmentThreshold,
        double htfWeight,
        double tradingWeight,
        int envelopeRows,
        int recentPatterns,
        double overlayThresholdPct) {

    public MtfParams {
        Check.range("confluencePct", confluencePct, 0, 1);
        Check.range("alignmentThreshold", alignmentThreshold, 0, 1);
        Check.range("htfWeight", htfWeight, 0, 100);
        Check.range("tradingWeight", tradingWeight, 0, 100);
        Check.range("envelopeRows", envelopeRows, 1, 10_000);
        Check.range("recentPatterns", recentPatterns, 1, 10_000);
        Check.range("overlayThresholdPct", overlayThresholdPct, 0, 100);
    }

    public static MtfParams defaults() {
        return new MtfParams(0.005, 0.6, 1.5, 1.0, 20, 10, 0.1);
    }
}
