package io.dgas.calc.drummond;

/**
 * C-wave, drummond.md §4.4.
 *
 * <p>Design notes: rows at position ≥ upper ride the upper band (+1), ≤ lower the lower band (−1). A same-direction
 * streak is judged when it ends: length ≥ minBars, mean slope × dir ≥ 0, (last − first slope) × dir ≥ 0, width
 * change (last − first)/first ≥ 0 (0 when first ≤ 0) and, if enabled, mean streak volume ≥ factor × mean volume of
 * the 3 bars before. Streak statistics are read back from the result arrays at the end, so the running state is
 * three ints. O(streak) per closed streak.
 */
final class CWaveDetector {
    private final PatternParams p;
    private final PatternEvents out;
    private int dir;
    private int start;
    private int len;
    private final int[] saved = new int[3];

    CWaveDetector(PatternParams p, PatternEvents out) {
        this.p = p;
        this.out = out;
    }

    void save() {
        saved[0] = dir;
        saved[1] = start;
        saved[2] = len;
    }

    void restore() {
        dir = saved[0];
        start = saved[1];
        len = saved[2];
    }

    void step(int i, double position, double[] slope, double[] width, double[] volume) {
        int d = position >= p.cwaveUpper() ? 1 : position <= p.cwaveLower() ? -1 : 0;
        if (d != 0 && len > 0 && d == dir) {
            len++;
            return;
        }
        if (len > 0) {
            judge(i, slope, width, volume);
        }
        len = 0;
        dir = d;
        if (d != 0) {
            start = i;
            len = 1;
        }
    }

    private void judge(int i, double[] slope, double[] width, double[] volume) {
        if (len < p.cwaveMinBars()) {
            return;
        }
        int last = start + len - 1;
        double meanSlope = 0;
        double meanVolume = 0;
        for (int k = start; k <= last; k++) {
            meanSlope += slope[k];
            meanVolume += volume[k];
        }
        meanSlope /= len;
        meanVolume /= len;
        double first = width[start];
        double widthChange = first <= 0 ? 0 : (width[last] - first) / first;
        boolean ok = meanSlope * dir >= 0 && (slope[last] - slope[start]) * dir >= 0 && widthChange >= 0;
        if (ok && p.cwaveVolumeConfirmation()) {
            int from = Math.max(0, start - 3);
            if (from < start) {
                double before = 0;
                for (int k = from; k < start; k++) {
                    before += volume[k];
                }
                before /= start - from;
                ok = meanVolume >= p.cwaveVolumeFactor() * before;
            }
        }
        if (ok) {
            out.add(PatternType.C_WAVE, dir, start, last, len, i);
        }
    }
}
