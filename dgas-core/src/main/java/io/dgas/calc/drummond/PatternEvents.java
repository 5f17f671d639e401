package io.dgas.calc.drummond;

import java.util.Arrays;
import java.util.Objects;

/**
 * Append-only list of pattern events, stored row by row in int blocks. Each event has a type, direction (+1/−1/0), start
 * and end bar indices, strength, and the bar at which it became known ({@code detectedAt} ≥ end): an event is only
 * ever emitted once it is confirmed, so the events known at bar k never change when later bars arrive.
 *
 * <p>Design notes: the first block doubles up to {@link #BLOCK_ROWS} rows (a series with few events keeps a small
 * one); after that full blocks are added and nothing already written is copied again (a batch analysis of 10,000 bars
 * records some 57,000 events, whose doubling copies cost about 1.5 % of its time).
 */
public final class PatternEvents {
    /** Fields of one event, side by side: an event is one sequential write. */
    private static final int STRIDE = 6;

    private static final int TYPE = 0;
    private static final int DIRECTION = 1;
    private static final int START = 2;
    private static final int END = 3;
    private static final int STRENGTH = 4;
    private static final int DETECTED = 5;

    private static final int BLOCK_BITS = 10;
    /** Rows per full block. */
    static final int BLOCK_ROWS = 1 << BLOCK_BITS;

    private static final int ROW_MASK = BLOCK_ROWS - 1;

    private int[][] blocks = {new int[16 * STRIDE]};
    /** The block rows are appended to, its first event's index and the index past its last row. */
    private int[] rows = blocks[0];

    private int rowsStart;
    private int rowsEnd = 16;
    private int size;

    void add(PatternType t, int dir, int startBar, int endBar, int strengthValue, int detectedBar) {
        addIf(1, t, dir, startBar, endBar, strengthValue, detectedBar);
    }

    /**
     * Writes the event's row after the last event and keeps it when {@code keep} is 1 (0 leaves the list as it was):
     * a caller that decides per event by a data-dependent compare adds without a branch on it.
     */
    void addIf(int keep, PatternType t, int dir, int startBar, int endBar, int strengthValue, int detectedBar) {
        addIf(keep, t.ordinal(), dir, startBar, endBar, strengthValue, detectedBar);
    }

    /** {@link #addIf(int, PatternType, int, int, int, int, int)} by the type's ordinal, which a caller may compute. */
    void addIf(int keep, int type, int dir, int startBar, int endBar, int strengthValue, int detectedBar) {
        if (size == rowsEnd) {
            grow();
        }
        int[] rows = this.rows;
        int at = (size - rowsStart) * STRIDE;
        rows[at + TYPE] = type;
        rows[at + DIRECTION] = dir;
        rows[at + START] = startBar;
        rows[at + END] = endBar;
        rows[at + STRENGTH] = strengthValue;
        rows[at + DETECTED] = detectedBar;
        size += keep;
    }

    /** Room for the next row: the first block doubled, else the next full block (kept from before a truncate). */
    private void grow() {
        if (rows.length < BLOCK_ROWS * STRIDE) {
            rows = Arrays.copyOf(rows, rows.length * 2);
            blocks[0] = rows;
            rowsEnd = rows.length / STRIDE;
            return;
        }
        int b = size >>> BLOCK_BITS;
        if (b == blocks.length) {
            blocks = Arrays.copyOf(blocks, b * 2);
        }
        if (blocks[b] == null) {
            blocks[b] = new int[BLOCK_ROWS * STRIDE];
        }
        rows = blocks[b];
        rowsStart = size;
        rowsEnd = size + BLOCK_ROWS;
    }

    /** Drops events added after the list had {@code n} events (used to re-run a replaced last bar). */
    void truncate(int n) {
        size = n;
        if (n < rowsStart) {
            // back into an earlier block, which is full: appending continues there
            int b = n >>> BLOCK_BITS;
            rows = blocks[b];
            rowsStart = b << BLOCK_BITS;
            rowsEnd = rowsStart + BLOCK_ROWS;
        }
    }

    public int size() {
        return size;
    }

    public PatternType type(int k) {
        return PatternType.of(field(k, TYPE));
    }

    public int direction(int k) {
        return field(k, DIRECTION);
    }

    public int start(int k) {
        return field(k, START);
    }

    public int end(int k) {
        return field(k, END);
    }

    public int strength(int k) {
        return field(k, STRENGTH);
    }

    public int detectedAt(int k) {
        return field(k, DETECTED);
    }

    /** Number of events known at bar {@code bar} (events are appended in detection order). */
    public int countDetectedBy(int bar) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (row(mid, DETECTED) <= bar) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int field(int k, int f) {
        return row(Objects.checkIndex(k, size), f);
    }

    private int row(int k, int f) {
        return blocks[k >>> BLOCK_BITS][(k & ROW_MASK) * STRIDE + f];
    }
}
