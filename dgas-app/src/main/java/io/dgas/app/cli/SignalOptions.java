package io.dgas.app.cli;

import io.dgas.app.config.DgasConfig;
import io.dgas.app.cycle.SignalOverrides;
import io.dgas.calc.drummond.SignalParams;
import picocli.CommandLine.Option;

/**
 * <b>[C]</b> The signal parameters of drummond.md §7 on the command line (a picocli mixin): each option overrides its
 * {@code signals.*} configuration key for this command, checked against the same range.
 */
public final class SignalOptions {
    @Option(
            names = "--entry-reach-atr",
            description = "farthest entry zone level from the close, in ATR (default signals.entry_reach_atr, 2)")
    Double entryReachAtr;

    @Option(
            names = "--min-reward-risk",
            description = "smallest reward:risk after the target cap (default signals.min_reward_risk, 1.5)")
    Double minRewardRisk;

    @Option(
            names = "--expiry-bars",
            description = "trading bars in which an entry may fill (default signals.expiry_bars, 5)")
    Integer expiryBars;

    @Option(
            names = "--min-calibrated",
            description =
                    "decided outcomes a score decile needs for a probability (default signals.min_calibrated, 30)")
    Integer minCalibrated;

    /** The configured parameters with this command's overrides. */
    public SignalParams params(DgasConfig config) {
        return new SignalOverrides(
                        entryReachAtr != null ? range("--entry-reach-atr", entryReachAtr, 100) : null,
                        minRewardRisk != null ? range("--min-reward-risk", minRewardRisk, 100) : null,
                        expiryBars != null ? (int) range("--expiry-bars", expiryBars, 10_000) : null,
                        minCalibrated != null ? (int) range("--min-calibrated", minCalibrated, 1_000_000) : null)
                .apply(config);
    }

    private static double range(String option, double v, double max) {
        boolean integral = !option.equals("--entry-reach-atr") && !option.equals("--min-reward-risk");
        double min = integral ? 1 : Double.MIN_VALUE;
        if (!(v >= min && v <= max)) {
            throw new BadArgumentException(
                    option,
                    String.valueOf(v),
                    option + " must be " + (integral ? "an integer from 1 to " : "a number > 0 and at most ")
                            + (long) max);
        }
        return v;
    }
}
