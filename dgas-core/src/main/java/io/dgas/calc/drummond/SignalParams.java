package io.dgas.calc.drummond;

/**
 * Signal settings (drummond.md §7).
 *
 * @param minAlignment gate: minimum alignment (0.6)
 * @param minStrength gate: minimum signal strength (0.5)
 * @param stopMultiplier stop buffer in ATRs (1.5)
 * @param rewardRisk target distance over stop distance (2.0)
 * @param minZoneWeight minimum weighted strength of a confluence zone (2.5)
 * @param patternStrength minimum strength of a supporting event (2)
 * @param atrPeriod Wilder ATR period of the trading timeframe (14)
 * @param aggregationSeconds window in which a later signal of one (symbol, type) competes with the kept one (3600)
 * @param calibrationSeconds window after a signal used to judge it (86400)
 */
public record SignalParams(
        double minAlignment,
        double minStrength,
        double stopMultiplier,
        double rewardRisk,
        double minZoneWeight,
        int patternStrength,
        int atrPeriod,
        long aggregationSeconds,
        long calibrationSeconds) {

    public SignalParams {
        Check.range("minAlignment", minAlignment, 0, 1);
        Check.range("minStrength", minStrength, 0, 1);
        Check.range("stopMultiplier", stopMultiplier, 0, 100);
        Check.range("rewardRisk", rewardRisk, 0, 100);
        Check.range("minZoneWeight", minZoneWeight, 0, 1000);
        Check.range("patternStrength", patternStrength, 0, 10_000);
        Check.range("atrPeriod", atrPeriod, 1, 10_000);
        Check.range("aggregationSeconds", (double) aggregationSeconds, 0, 1e9);
        Check.range("calibrationSeconds", (double) calibrationSeconds, 1, 1e9);
    }

    public static SignalParams defaults() {
        return new SignalParams(0.6, 0.5, 1.5, 2.0, 2.5, 2, 14, 3600, 86_400);
    }
}
