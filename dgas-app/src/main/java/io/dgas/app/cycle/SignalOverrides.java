package io.dgas.app.cycle;

import io.dgas.app.config.ConfigKeys;
import io.dgas.app.config.DgasConfig;
import io.dgas.calc.drummond.SignalParams;

/**
 * <b>[C]</b> The drummond.md §7 signal parameters a caller may set for one cycle or replay, each null to keep its
 * configured {@code signals.*} key; the command line's options and the API's parameters both come here, each having
 * checked its values against the key's range.
 */
public record SignalOverrides(Double entryReachAtr, Double minRewardRisk, Integer expiryBars, Integer minCalibrated) {
    /** Every parameter as configured. */
    public static final SignalOverrides NONE = new SignalOverrides(null, null, null, null);

    /** The configured parameters with these overrides. */
    public SignalParams apply(DgasConfig config) {
        SignalParams d = SignalParams.defaults();
        return new SignalParams(
                d.minAlignment(),
                d.minStrength(),
                d.stopMultiplier(),
                d.rewardRisk(),
                d.minZoneWeight(),
                d.patternStrength(),
                d.atrPeriod(),
                d.aggregationSeconds(),
                d.calibrationSeconds(),
                entryReachAtr != null ? entryReachAtr : config.positive(ConfigKeys.ENTRY_REACH_ATR),
                minRewardRisk != null ? minRewardRisk : config.positive(ConfigKeys.MIN_REWARD_RISK),
                expiryBars != null ? expiryBars : config.intValue(ConfigKeys.EXPIRY_BARS),
                minCalibrated != null ? minCalibrated : config.intValue(ConfigKeys.MIN_CALIBRATED));
    }
}
