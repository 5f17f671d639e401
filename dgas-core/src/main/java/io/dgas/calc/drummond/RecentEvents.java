package io.dgas.calc.drummond;

/** The recent pattern events of drummond.md §6 ({@link MultiTimeframe}, {@link SignalGate}). */
final class RecentEvents {
    private RecentEvents() {}

    /**
     * The last {@code max} events known at bar {@code bar}, ordered by end bar (ties: detection order). Scans back
     * in detection order and stops once an event was detected before the N-th latest end found so far: its end, and
     * that of every earlier event, is no later than its detection bar. The N latest (end, id) pairs are kept as
     * longs in a small ascending array as the scan goes (the N-th latest end is its first): no sort of every event
     * scanned, no boxing.
     */
    static int[] of(PatternEvents e, int bar, int max) {
        int known = e.countDetectedBy(bar);
        long[] top = new long[Math.min(max, known)];
        int held = 0;
        for (int k = known - 1; k >= 0; k--) {
            if (held == top.length && e.detectedAt(k) < (int) (top[0] >>> 32)) {
                break;
            }
            long key = ((long) e.end(k) << 32) | k;
            held = keep(top, held, key);
        }
        int[] out = new int[held];
        for (int i = 0; i < held; i++) {
            out[i] = (int) top[i];
        }
        return out;
    }

    /** Adds {@code key} to the ascending greatest keys {@code top[0, held)} (at most its length); the new count. */
    private static int keep(long[] top, int held, long key) {
        int at;
        if (held < top.length) {
            at = held++;
        } else if (key > top[0]) {
            // drop the least: shift left while the next is below key
            at = 0;
            while (at + 1 < held && top[at + 1] < key) {
                top[at] = top[at + 1];
                at++;
            }
            top[at] = key;
            return held;
        } else {
            return held;
        }
        while (at > 0 && top[at - 1] > key) {
            top[at] = top[at - 1];
            at--;
        }
        top[at] = key;
        return held;
    }
}
