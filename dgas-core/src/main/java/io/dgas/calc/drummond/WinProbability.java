package io.dgas.calc.drummond;

/**
 * <b>[C]</b> A signal's win probability from calibration (drummond.md §7): the observed win rate of past signals of
 * its type in its score decile, wins / (wins + losses), with the Wilson score lower bound at 95 %.
 *
 * @param rate observed win rate, NaN when uncalibrated
 * @param lowerBound Wilson lower bound of {@code rate}, NaN when uncalibrated
 * @param decided wins + losses the rate rests on (also given when too few to calibrate)
 */
public record WinProbability(double rate, double lowerBound, int decided) {
    /** z of a two-sided 95 % interval. */
    public static final double Z95 = 1.959963984540054;

    /** No probability: the decile held fewer decided outcomes than the minimum (or none is known). */
    public static WinProbability uncalibrated(int decided) {
        return new WinProbability(Double.NaN, Double.NaN, decided);
    }

    /** The rate of {@code wins} out of {@code decided} with its Wilson lower bound. */
    public static WinProbability of(int wins, int decided) {
        return new WinProbability((double) wins / decided, wilsonLower(wins, decided, Z95), decided);
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
