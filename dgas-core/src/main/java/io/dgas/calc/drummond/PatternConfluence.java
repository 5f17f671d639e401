package io.dgas.calc.drummond;

/** The §6 pattern confluence of the recent events of two timeframes ({@link MultiTimeframe}, {@link SignalGate}). */
final class PatternConfluence {
    private PatternConfluence() {}

    /**
     * Whether a recent HTF event and a recent trading event have the same type and direction and intersecting
     * [start ts, end ts + duration) spans.
     *
     * <p>Design note: a replay's gate asks this at most bars, and comparing every pair (ten by ten) cost more than the
     * rest of the gate, the pairs' outcomes being unpredictable branches. So the trading events' indices are first
     * put in buckets by (type, direction) ({@link #bucket}: equal pairs share a bucket), and each HTF event is
     * compared, field by field, only with the trading events of its bucket. Beyond 64 trading events every pair is
     * compared.
     */
    static boolean of(DrummondAnalysis htf, int[] recentH, DrummondAnalysis trading, int[] recentT) {
        PatternEvents he = htf.patterns();
        PatternEvents te = trading.patterns();
        long[] hTs = htf.series().ts();
        long[] tTs = trading.series().ts();
        long hDur = htf.series().timeframe().seconds();
        long tDur = trading.series().timeframe().seconds();
        int n = recentT.length;
        int[] tType = new int[n];
        int[] tDir = new int[n];
        long[] tStart = new long[n];
        long[] tEnd = new long[n];
        long[] buckets = new long[BUCKETS];
        for (int i = 0; i < n; i++) {
            int b = recentT[i];
            tType[i] = te.type(b).ordinal();
            tDir[i] = te.direction(b);
            tStart[i] = tTs[te.start(b)];
            tEnd[i] = tTs[te.end(b)] + tDur;
            if (i < 64) {
                buckets[bucket(tType[i], tDir[i])] |= 1L << i;
            }
        }
        for (int a : recentH) {
            int type = he.type(a).ordinal();
            int dir = he.direction(a);
            long hs = hTs[he.start(a)];
            long hend = hTs[he.end(a)] + hDur;
            if (n > 64) {
                for (int i = 0; i < n; i++) {
                    if (type == tType[i] && dir == tDir[i] && hs < tEnd[i] && tStart[i] < hend) {
                        return true;
                    }
                }
                continue;
            }
            for (long m = buckets[bucket(type, dir)]; m != 0; m &= m - 1) {
                int i = Long.numberOfTrailingZeros(m);
                if (type == tType[i] && dir == tDir[i] && hs < tEnd[i] && tStart[i] < hend) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Buckets of (type, direction) pairs: one per type and direction −1, 0, +1, and one for any other direction. */
    private static final int TYPES = PatternType.values().length;

    private static final int BUCKETS = 3 * TYPES + 1;

    /** The bucket of an event of type ordinal {@code type} and direction {@code dir}: equal pairs, equal buckets. */
    private static int bucket(int type, int dir) {
        return dir >= -1 && dir <= 1 && type < TYPES ? 3 * type + dir + 1 : BUCKETS - 1;
    }
}
