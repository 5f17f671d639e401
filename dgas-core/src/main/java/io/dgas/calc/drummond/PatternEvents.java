package io.dgas.calc.drummond;

import java.util.Arrays;
import java.util.Objects;

/**
 * Append-only list of pattern events, stored row by row in one int array. Each event has a type, direction (+1/−1/0), start and end bar
 * indices, strength, and the bar at which it became known ({@code detectedAt} ≥ end): an event is only ever emitted
 * once it is confirmed, so the events known at bar k never change when later bars arrive.
 */
public final class PatternEvents {
    /** Fields of one event, side by side: an event is one sequential write and a growth one copy. */
    private static final int STRIDE = 6;

    private static final int TYPE = 0;
    private static final int DIRECTION = 1;
    private static final int START = 2;
    private static final int END = 3;
    private static final int STRENGTH = 4;
    private static final int DETECTED = 5;

    private int[] rows = new int[16 * STRIDE];
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
        int at = size * STRIDE;
        if (at + STRIDE > rows.length) {
            rows = Arrays.copyOf(rows, rows.length * 2);
        }
        rows[at + TYPE] = type;
        rows[at + DIRECTION] = dir;
        rows[at + START] = startBar;
        rows[at + END] = endBar;
        rows[at + STRENGTH] = strengthValue;
        rows[at + DETECTED] = detectedBar;
        size += keep;
    }

    /** Drops events added after the list had {@code n} events (used to re-run a replaced last bar). */
    void truncate(int n) {
        size = n;
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
            if (rows[mid * STRIDE + DETECTED] <= bar) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int field(int k, int f) {
        return rows[Objects.checkIndex(k, size) * STRIDE + f];
    }
}
