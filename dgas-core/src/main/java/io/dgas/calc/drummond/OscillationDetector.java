package io.dgas.calc.drummond;

/**
 * Congestion oscillation, drummond.md §4.5.
 *
 * <p>Design notes: only rows with lower ≤ position ≤ upper take part; a row extends the streak when it is the first
 * or (pos − previous pos) × (last streak pos − 0.5) ≤ 0, otherwise the streak closes (event with direction 0 when it
 * has ≥ minRows rows) and the row starts a new one; a row outside the bounds (or NaN) closes it. O(1) per bar.
 */
final class OscillationDetector {
    private final PatternParams p;
    private final PatternEvents out;
    private int start;
    private int len;
    private int lastBar;
    private double lastPos;
    private final double[] saved = new double[4];

    OscillationDetector(PatternParams p, PatternEvents out) {
        this.p = p;
        this.out = out;
    }

    void save() {
        saved[0] = start;
        saved[1] = len;
        saved[2] = lastBar;
        saved[3] = lastPos;
    }

    void restore() {
        start = (int) saved[0];
        len = (int) saved[1];
        lastBar = (int) saved[2];
        lastPos = saved[3];
    }

    void step(int i, double pos) {
        boolean inside = pos >= p.oscillationLower() && pos <= p.oscillationUpper();
        if (!inside) {
            close(i);
            return;
        }
        if (len == 0 || (pos - lastPos) * (lastPos - 0.5) <= 0) {
            if (len == 0) {
                start = i;
            }
            len++;
        } else {
            close(i);
            start = i;
            len = 1;
        }
        lastBar = i;
        lastPos = pos;
    }

    private void close(int i) {
        if (len >= p.oscillationMinRows()) {
            out.add(PatternType.CONGESTION_OSCILLATION, 0, start, lastBar, len, i);
        }
        len = 0;
    }
}
