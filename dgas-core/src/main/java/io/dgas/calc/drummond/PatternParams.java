package io.dgas.calc.drummond;

/**
 * Pattern detector settings (drummond.md §4), defaults in {@link #defaults()}.
 *
 * @param pushMinBars minimum pushing streak (3)
 * @param refreshBaseTolerance refresh base tolerance (0.1)
 * @param refreshVolatilityLookback PLdots in the population std (5)
 * @param refreshVolatilityMultiplier multiplier on that std (1.0)
 * @param refreshMinFarBars minimum far run (2)
 * @param refreshMaxReturnBars maximum far run (4)
 * @param refreshMinExtension minimum largest distance (0.05)
 * @param exhaustExtension extension beyond the band, in widths (2.0)
 * @param exhaustMinBars minimum extended run (2)
 * @param exhaustMaxRecovery maximum bars to re-enter (3)
 * @param exhaustMinReversion minimum reversion in widths (0.4)
 * @param cwaveMinBars minimum band-riding streak (3)
 * @param cwaveUpper position at or above which a row rides the upper band (0.9)
 * @param cwaveLower position at or below which a row rides the lower band (0.1)
 * @param cwaveVolumeConfirmation require mean streak volume ≥ factor × mean of the 3 bars before (off)
 * @param cwaveVolumeFactor that factor (1.2)
 * @param oscillationMinRows minimum oscillating rows (4)
 * @param oscillationLower lower position bound (0.2)
 * @param oscillationUpper upper position bound (0.8)
 * @param terminationApproachPct approach distance fraction of the zone centre (0.005)
 * @param terminationTouchPct touch distance fraction of the zone centre (0.0015)
 * @param terminationMinZoneStrength minimum zone strength (2)
 * @param terminationLookbackBars only lines ending in the last this many bars form termination zones; 0 = every
 *     line (the literal §4.6 rule, O(lines) per bar); default 100 bounds the per-bar cost (see TerminationDetector)
 */
public record PatternParams(
        int pushMinBars,
        double refreshBaseTolerance,
        int refreshVolatilityLookback,
        double refreshVolatilityMultiplier,
        int refreshMinFarBars,
        int refreshMaxReturnBars,
        double refreshMinExtension,
        double exhaustExtension,
        int exhaustMinBars,
        int exhaustMaxRecovery,
        double exhaustMinReversion,
        int cwaveMinBars,
        double cwaveUpper,
        double cwaveLower,
        boolean cwaveVolumeConfirmation,
        double cwaveVolumeFactor,
        int oscillationMinRows,
        double oscillationLower,
        double oscillationUpper,
        double terminationApproachPct,
        double terminationTouchPct,
        int terminationMinZoneStrength,
        int terminationLookbackBars) {

    public PatternParams {
        Check.range("pushMinBars", pushMinBars, 1, 10_000);
        Check.range("refreshBaseTolerance", refreshBaseTolerance, 0, Double.MAX_VALUE);
        Check.range("refreshVolatilityLookback", refreshVolatilityLookback, 1, 10_000);
        Check.range("refreshVolatilityMultiplier", refreshVolatilityMultiplier, 0, 1000);
        Check.range("refreshMinFarBars", refreshMinFarBars, 1, 10_000);
        Check.range("refreshMaxReturnBars", refreshMaxReturnBars, 1, 10_000);
        Check.range("refreshMinExtension", refreshMinExtension, 0, Double.MAX_VALUE);
        Check.range("exhaustExtension", exhaustExtension, 0, 1000);
        Check.range("exhaustMinBars", exhaustMinBars, 1, 10_000);
        Check.range("exhaustMaxRecovery", exhaustMaxRecovery, 0, 10_000);
        Check.range("exhaustMinReversion", exhaustMinReversion, 0, 1000);
        Check.range("cwaveMinBars", cwaveMinBars, 1, 10_000);
        Check.range("cwaveUpper", cwaveUpper, 0, 1);
        Check.range("cwaveLower", cwaveLower, 0, cwaveUpper);
        Check.range("cwaveVolumeFactor", cwaveVolumeFactor, 0, 1000);
        Check.range("oscillationMinRows", oscillationMinRows, 1, 10_000);
        Check.range("oscillationLower", oscillationLower, 0, 1);
        Check.range("oscillationUpper", oscillationUpper, oscillationLower, 1);
        Check.range("terminationApproachPct", terminationApproachPct, 0, 1);
        Check.range("terminationTouchPct", terminationTouchPct, 0, 1);
        Check.range("terminationMinZoneStrength", terminationMinZoneStrength, 1, 10_000);
        Check.range("terminationLookbackBars", terminationLookbackBars, 0, 1_000_000);
    }

    /** The same settings with another termination look-back (0 = every line). */
    public PatternParams withTerminationLookbackBars(int bars) {
        return new PatternParams(
                pushMinBars,
                refreshBaseTolerance,
                refreshVolatilityLookback,
                refreshVolatilityMultiplier,
                refreshMinFarBars,
                refreshMaxReturnBars,
                refreshMinExtension,
                exhaustExtension,
                exhaustMinBars,
                exhaustMaxRecovery,
                exhaustMinReversion,
                cwaveMinBars,
                cwaveUpper,
                cwaveLower,
                cwaveVolumeConfirmation,
                cwaveVolumeFactor,
                oscillationMinRows,
                oscillationLower,
                oscillationUpper,
                terminationApproachPct,
                terminationTouchPct,
                terminationMinZoneStrength,
                bars);
    }

    public static PatternParams defaults() {
        return new PatternParams(
                3, 0.1, 5, 1.0, 2, 4, 0.05, 2.0, 2, 3, 0.4, 3, 0.9, 0.1, false, 1.2, 4, 0.2, 0.8, 0.005, 0.0015, 2,
                100);
    }
}
