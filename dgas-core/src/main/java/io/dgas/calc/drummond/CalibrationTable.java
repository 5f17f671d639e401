package io.dgas.calc.drummond;

/**
 * <b>[C]</b> Win rates of past entry signals by type and score decile (drummond.md §7), the source of every signal's
 * {@link WinProbability}. Pure and mutable: {@link #add} an outcome as it becomes known, then {@link #probability}.
 *
 * <p>Design notes: decile = min(9, floor(score × 10)) of the score clamped to [0, 1]; only {@link
 * Calibration.Outcome#WIN} and {@link Calibration.Outcome#LOSS} are decided and counted, every other outcome is ignored,
 * and so are exit signals. A decile gives a probability only once it holds at least {@code minDecided} decided
 * outcomes; below that the signal is uncalibrated. Whoever fills the table decides what is known when: for a
 * look-ahead-free probability add only outcomes resolved before the bar being scored.
 */
public final class CalibrationTable {
    private static final int DECILES = 10;
    private final int[] wins = new int[2 * DECILES];
    private final int[] losses = new int[2 * DECILES];
    private final int minDecided;
    /** The table a decile too thin here is answered from, or null. */
    private final CalibrationTable fallback;

    /** @param minDecided decided outcomes a decile needs to be calibrated ({@link SignalParams#minCalibrated()}) */
    public CalibrationTable(int minDecided) {
        this(minDecided, null);
    }

    private CalibrationTable(int minDecided, CalibrationTable fallback) {
        this.minDecided = Check.range("minDecided", minDecided, 1, Integer.MAX_VALUE);
        this.fallback = fallback;
    }

    /**
     * <b>[C]</b> A table of the outcomes of signals made with one set of settings, answering a decile with fewer
     * than the minimum decided from {@code all} (the outcomes of every setting) instead, its probability marked
     * {@link WinProbability#pooled}: a signal is calibrated on its own settings' record once that record is long
     * enough, and on the pooled one until then. This table's counts are copied; {@code all} is kept.
     */
    public CalibrationTable withFallback(CalibrationTable all) {
        CalibrationTable t = new CalibrationTable(minDecided, all);
        System.arraycopy(wins, 0, t.wins, 0, wins.length);
        System.arraycopy(losses, 0, t.losses, 0, losses.length);
        return t;
    }

    /** Decile 0..9 of a score; NaN scores fall in decile 0. */
    public static int decile(double score) {
        double s = score >= 0 ? Math.min(score, 1.0) : 0.0;
        return Math.min(DECILES - 1, (int) Math.floor(s * DECILES));
    }

    /** Counts one resolved signal; ignores exit signals and undecided outcomes. */
    public void add(Signal.Type type, double score, Calibration.Outcome outcome) {
        if (!type.isEntry()) {
            return;
        }
        int cell = cell(type, score);
        if (outcome == Calibration.Outcome.WIN) {
            wins[cell]++;
        } else if (outcome == Calibration.Outcome.LOSS) {
            losses[cell]++;
        }
    }

    /** Counts {@code wins} and {@code losses} of entry signals of {@code type} in score decile {@code decile} (0..9). */
    public void add(Signal.Type type, int decile, int wins, int losses) {
        if (!type.isEntry()) {
            return;
        }
        Check.range("decile", decile, 0, DECILES - 1);
        int cell = (type == Signal.Type.LONG ? 0 : DECILES) + decile;
        this.wins[cell] += wins;
        this.losses[cell] += losses;
    }

    /** Win probability of an entry signal of this type and score; uncalibrated below the minimum or for exits. */
    public WinProbability probability(Signal.Type type, double score) {
        if (!type.isEntry()) {
            return WinProbability.uncalibrated(0);
        }
        int cell = cell(type, score);
        int decided = wins[cell] + losses[cell];
        if (decided >= minDecided) {
            return WinProbability.of(wins[cell], decided);
        }
        if (fallback != null) {
            WinProbability pooled = fallback.probability(type, score);
            if (pooled.calibrated()) {
                return pooled.asPooled();
            }
        }
        return WinProbability.uncalibrated(decided);
    }

    /** {@code s} with the probability of its type and score ({@link Signal#confidence()}). */
    public Signal apply(Signal s) {
        return s.withProbability(probability(s.type(), s.confidence()));
    }

    private static int cell(Signal.Type type, double score) {
        return (type == Signal.Type.LONG ? 0 : DECILES) + decile(score);
    }
}
