package io.dgas.calc.drummond;

/**
 * Every single-timeframe parameter of drummond.md §1–5, with the spec's defaults in {@link #defaults()}.
 *
 * @param displacement PLdot displacement d ≥ 1 (§1)
 * @param envelope envelope used by patterns and zones (§2)
 * @param slopeThreshold market-state horizontal-slope threshold (§3)
 * @param patterns pattern detector settings (§4)
 * @param lineGap Drummond line projection gap ≥ 1 (§5)
 * @param zoneRangeFactor zone tolerance factor on the mean bar range (§5, 0.3)
 * @param zoneWidthFactor zone tolerance factor on the last envelope width (§5, 0.25)
 * @param zoneMinTolerance zone tolerance floor (§5, 0.05)
 */
public record DrummondParams(
        int displacement,
        EnvelopeParams envelope,
        double slopeThreshold,
        PatternParams patterns,
        int lineGap,
        double zoneRangeFactor,
        double zoneWidthFactor,
        double zoneMinTolerance) {

    public DrummondParams {
        Check.range("displacement", displacement, 1, 10_000);
        Check.notNull("envelope", envelope);
        Check.range("slopeThreshold", slopeThreshold, 0, Double.MAX_VALUE);
        Check.notNull("patterns", patterns);
        Check.range("lineGap", lineGap, 1, 10_000);
        Check.range("zoneRangeFactor", zoneRangeFactor, 0, 100);
        Check.range("zoneWidthFactor", zoneWidthFactor, 0, 100);
        Check.range("zoneMinTolerance", zoneMinTolerance, 0, Double.MAX_VALUE);
    }

    public static DrummondParams defaults() {
        return new DrummondParams(1, EnvelopeParams.defaults(), 0.0001, PatternParams.defaults(), 1, 0.3, 0.25, 0.05);
    }

    public DrummondParams withDisplacement(int d) {
        return new DrummondParams(
                d, envelope, slopeThreshold, patterns, lineGap, zoneRangeFactor, zoneWidthFactor, zoneMinTolerance);
    }

    public DrummondParams withEnvelope(EnvelopeParams e) {
        return new DrummondParams(
                displacement, e, slopeThreshold, patterns, lineGap, zoneRangeFactor, zoneWidthFactor, zoneMinTolerance);
    }

    public DrummondParams withLineGap(int gap) {
        return new DrummondParams(
                displacement,
                envelope,
                slopeThreshold,
                patterns,
                gap,
                zoneRangeFactor,
                zoneWidthFactor,
                zoneMinTolerance);
    }
}
