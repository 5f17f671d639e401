package io.dgas.calc.drummond;

/**
 * <b>[C]</b> A signal's win probability from calibration (drummond.md §7): the observed win rate of past signals of
 * its type in its score decile, wins / (wins + losses), with the Wilson score lower bound at 95 %.
 *
 * @param rate observed win rate, NaN when uncalibrated
 * @param lowerBound Wilson lower bound of {@code rate}, NaN when uncalibrated
 * @param decided wins + losses the rate rests on (also given when too few to calibrate)
 * @param pooled whether the rate rests on past signals made with any settings, not only with the signal's own (too
 *     few of those were decided: {@link CalibrationTable#withFallback})
 */
public record WinProbability(double rate, double lowerBound, int decided, boolean pooled) {
    /** z of a two-sided 95 % interval. */
    public static final double Z95 = 1.959963984540054;

    /** No probability: the decile held fewer decided outcomes than the minimum (or none is known). */
    public static WinProbability uncalibrated(int decided) {
        return new WinProbability(Double.NaN, Double.NaN, decided, false);
    }

    /** The rate of {@code wins} out of {@code decided} with its Wilson lower bound. */
    public static WinProbability of(int wins, int decided) {
        return new WinProbability((double) wins / decided, wilsonLower(wins, decided, Z95), decided, false);
    }

    /** This probability, marked as resting on signals made with any settings. */
    public WinProbability asPooled() {
        return new WinProbability(rate, lowerBound, decided, true);
    }

    /**
     * {@code settings} or {@code all}: the past signals the rate rests on, those made with the signal's own settings
     * or with any ({@link #pooled}), as stored and shown; null when uncalibrated.
     */
    public String scope() {
        return !calibrated() ? null : pooled ? "all" : "settings";
    }

    public boolean calibrated() {
        return !Double.isNaN(rate);
    }

    /**
     * Wilson score interval lower bound of {@code wins} successes in {@code n} trials: (p + z²/2n − z √(p(1−p)/n +
     * z²/4n²)) / (1 + z²/n) with p = wins/n; NaN for n = 0.
     */
    public static double wilsonLower(int wins, int n, double z) {
        if (n <= 0) {
            return Double.NaN;
        }
        double p = (double) wins / n;
        double z2 = z * z;
        double centre = p + z2 / (2.0 * n);
        double margin = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return Math.max(0.0, (centre - margin) / (1 + z2 / n));
    }
}
