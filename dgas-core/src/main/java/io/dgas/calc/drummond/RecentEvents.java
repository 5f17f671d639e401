package io.dgas.calc.drummond;

import java.util.Arrays;

/** The recent pattern events of drummond.md §6 ({@link MultiTimeframe}, {@link SignalGate}). */
final class RecentEvents {
    private RecentEvents() {}

    /**
     * The last {@code max} events known at bar {@code bar}, ordered by end bar (ties: detection order). Scans back
     * in detection order and stops once an event was detected before the N-th latest end found so far: its end, and
     * that of every earlier event, is no later than its detection bar. The N latest ends are kept in a small sorted
     * array as the scan goes, and the candidates are sorted as (end, id) longs: no boxing.
     */
    static int[] of(PatternEvents e, int bar, int max) {
        int known = e.countDetectedBy(bar);
        long[] cand = new long[Math.min(known, 4 * max + 16)];
        int[] latest = new int[max]; // the N latest ends so far, ascending: latest[0] is the N-th latest once full
        int held = 0;
        int n = 0;
        for (int k = known - 1; k >= 0; k--) {
            if (held == max && e.detectedAt(k) < latest[0]) {
                break;
            }
            if (n == cand.length) {
                cand = Arrays.copyOf(cand, n * 2);
            }
            int end = e.end(k);
            cand[n++] = ((long) end << 32) | k;
            held = keepLatest(latest, held, end);
        }
        Arrays.sort(cand, 0, n);
        int from = Math.max(0, n - max);
        int[] out = new int[n - from];
        for (int k = from; k < n; k++) {
            out[k - from] = (int) cand[k];
        }
        return out;
    }

    /** Adds {@code end} to the ascending N latest ends {@code latest[0, held)}; returns the new count. */
    private static int keepLatest(int[] latest, int held, int end) {
        int at;
        if (held < latest.length) {
            at = held++;
        } else if (end > latest[0]) {
            at = 0;
            // drop the smallest: shift left while the next is below end
            while (at + 1 < held && latest[at + 1] < end) {
                latest[at] = latest[at + 1];
                at++;
            }
            latest[at] = end;
            return held;
        } else {
            return held;
        }
        while (at > 0 && latest[at - 1] > end) {
            latest[at] = latest[at - 1];
            at--;
        }
        latest[at] = end;
        return held;
    }
}
