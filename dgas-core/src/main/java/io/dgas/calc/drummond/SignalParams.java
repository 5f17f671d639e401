package io.dgas.calc.drummond;

/**
 * Signal settings (drummond.md §7).
 *
 * @param minAlignment gate: minimum alignment (0.6)
 * @param minStrength gate: minimum signal strength (0.5)
 * @param stopMultiplier stop buffer in ATRs (1.5)
 * @param rewardRisk target distance over stop distance before any cap (2.0)
 * @param minZoneWeight minimum weighted strength of a confluence zone to gate, enter at or cap a target (2.5)
 * @param patternStrength minimum strength of a supporting event (2)
 * @param atrPeriod Wilder ATR period of the trading timeframe (14)
 * @param aggregationSeconds window in which a later signal of one (symbol, type) competes with the kept one (3600)
 * @param calibrationSeconds window after a signal used to judge it; its end is the time exit (86400)
 * @param entryReachAtr <b>[C]</b> farthest entry zone level from the close, in ATRs ({@code entry_reach_atr}, 2)
 * @param minRewardRisk <b>[C]</b> smallest reward:risk left after the target cap ({@code min_reward_risk}, 1.5)
 * @param expiryBars <b>[C]</b> trading bars after the signal bar in which the entry may fill ({@code expiry_bars}, 5)
 * @param minCalibrated <b>[C]</b> decided outcomes a score decile needs before it gives a win probability (30)
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
        long calibrationSeconds,
        double entryReachAtr,
        double minRewardRisk,
        int expiryBars,
        int minCalibrated) {

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
        Check.range("entryReachAtr", entryReachAtr, 0, 100);
        Check.range("minRewardRisk", minRewardRisk, 0, 100);
        Check.range("expiryBars", expiryBars, 1, 10_000);
        Check.range("minCalibrated", minCalibrated, 1, 1_000_000);
    }

    public static SignalParams defaults() {
        return new SignalParams(0.6, 0.5, 1.5, 2.0, 2.5, 2, 14, 3600, 86_400, 2.0, 1.5, 5, 30);
    }
}
