package io.dgas.calc.drummond;

/**
 * A trading signal (drummond.md §7). Exit signals carry the last trading PLdot as entry and NaN stop/target.
 *
 * <p><b>[C]</b> An entry signal built by {@link Signals} is valid when issued: with c the close of its bar, LONG stop <
 * entry ≤ c < target and SHORT stop > entry ≥ c > target. Not filled within {@code expiryBars} bars, it lapses.
 *
 * @param symbol symbol
 * @param bar trading bar index at which it was generated
 * @param ts that bar's timestamp
 * @param type signal type
 * @param entry entry level
 * @param stop stop level
 * @param target target level
 * @param confidence §7 score (stored as confidence), 0..1: a ranking, not a probability
 * @param strength §6 signal strength
 * @param alignment §6 alignment
 * @param tier first tier that passes, or {@link Tier#NONE}
 * @param patternConfluence whether HTF and trading events agree
 * @param expiryBars trading bars after {@code bar} in which the entry may fill; {@link #NO_EXPIRY} for none
 * @param probability win probability from calibration, {@link WinProbability#uncalibrated uncalibrated} by default
 * @param reasons why the signal exists; null only for a signal rebuilt from storage that does not keep them
 */
public record Signal(
        String symbol,
        int bar,
        long ts,
        Type type,
        double entry,
        double stop,
        double target,
        double confidence,
        double strength,
        double alignment,
        Tier tier,
        boolean patternConfluence,
        int expiryBars,
        WinProbability probability,
        SignalReasons reasons) {

    /** Expiry of a signal rebuilt from storage that does not keep one: it may fill at any bar of its window. */
    public static final int NO_EXPIRY = Integer.MAX_VALUE;

    /** A signal without expiry, probability or reasons (rebuilt from storage that does not keep them yet). */
    public Signal(
            String symbol,
            int bar,
            long ts,
            Type type,
            double entry,
            double stop,
            double target,
            double confidence,
            double strength,
            double alignment,
            Tier tier,
            boolean patternConfluence) {
        this(
                symbol,
                bar,
                ts,
                type,
                entry,
                stop,
                target,
                confidence,
                strength,
                alignment,
                tier,
                patternConfluence,
                NO_EXPIRY,
                WinProbability.uncalibrated(0),
                null);
    }

    /** This signal with {@code p} as its win probability. */
    public Signal withProbability(WinProbability p) {
        return copy(expiryBars, p);
    }

    /** This signal with an expiry of {@code bars} trading bars. */
    public Signal withExpiry(int bars) {
        return copy(bars, probability);
    }

    private Signal copy(int expiry, WinProbability p) {
        return new Signal(
                symbol,
                bar,
                ts,
                type,
                entry,
                stop,
                target,
                confidence,
                strength,
                alignment,
                tier,
                patternConfluence,
                expiry,
                p,
                reasons);
    }

    public enum Type {
        LONG,
        SHORT,
        EXIT_LONG,
        EXIT_SHORT;

        public boolean isEntry() {
            return this == LONG || this == SHORT;
        }
    }

    /** Tiers of §7 with their thresholds and position size; evaluated HIGH → MEDIUM → LOW. */
    public enum Tier {
        HIGH(0.7, 0.65, 3.0, true, 1.0),
        MEDIUM(0.6, 0.5, 2.5, false, 0.75),
        LOW(0.5, 0.4, 3.5, false, 0.5),
        NONE(0, 0, 0, false, 0);

        final double alignment;
        final double strength;
        final double zone;
        final boolean patternRequired;
        private final double size;

        Tier(double alignment, double strength, double zone, boolean patternRequired, double size) {
            this.alignment = alignment;
            this.strength = strength;
            this.zone = zone;
            this.patternRequired = patternRequired;
            this.size = size;
        }

        public double size() {
            return size;
        }

        static Tier of(double alignment, double strength, double topZoneWeight, boolean pattern) {
            for (Tier t : new Tier[] {HIGH, MEDIUM, LOW}) {
                if (alignment >= t.alignment
                        && strength >= t.strength
                        && topZoneWeight >= t.zone
                        && (pattern || !t.patternRequired)) {
                    return t;
                }
            }
            return NONE;
        }
    }

    /** Aggregation rank: confidence × strength × alignment. */
    public double rank() {
        return confidence * strength * alignment;
    }
}
