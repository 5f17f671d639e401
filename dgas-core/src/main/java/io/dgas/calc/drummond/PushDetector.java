package io.dgas.calc.drummond;

/**
 * PLdot push, drummond.md §4.1.
 *
 * <p>Design notes: a bar pushes when side ≠ 0 and side = sign(slope); a streak of ≥ {@code minBars} same-direction
 * pushing bars is emitted when it ends (direction flip or non-pushing bar), so it is never revised later. O(1) per
 * bar.
 */
final class PushDetector {
    private final int minBars;
    private final PatternEvents out;
    private int dir;
    private int start;
    private int len;
    private final int[] saved = new int[3];

    PushDetector(int minBars, PatternEvents out) {
        this.minBars = minBars;
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

    void step(int i, double close, double pldot, double slope) {
        int side = (int) Math.signum(close - pldot);
        boolean pushing = side != 0 && side == (int) Math.signum(slope);
        if (pushing && len > 0 && side == dir) {
            len++;
            return;
        }
        close(i);
        if (pushing) {
            dir = side;
            start = i;
            len = 1;
        }
    }

    private void close(int i) {
        if (len >= minBars) {
            out.add(PatternType.PLDOT_PUSH, dir, start, start + len - 1, len, i);
        }
        len = 0;
        dir = 0;
    }
}
