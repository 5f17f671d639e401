package io.dgas.calc.drummond;

import java.util.Arrays;

/**
 * Append-only columnar list of pattern events. Each event has a type, direction (+1/−1/0), start and end bar
 * indices, strength, and the bar at which it became known ({@code detectedAt} ≥ end): an event is only ever emitted
 * once it is confirmed, so the events known at bar k never change when later bars arrive.
 */
public final class PatternEvents {
    private int[] type = new int[16];
    private int[] direction = new int[16];
    private int[] start = new int[16];
    private int[] end = new int[16];
    private int[] strength = new int[16];
    private int[] detectedAt = new int[16];
    private int size;

    void add(PatternType t, int dir, int startBar, int endBar, int strengthValue, int detectedBar) {
        if (size == type.length) {
            int n = size * 2;
            type = Arrays.copyOf(type, n);
            direction = Arrays.copyOf(direction, n);
            start = Arrays.copyOf(start, n);
            end = Arrays.copyOf(end, n);
            strength = Arrays.copyOf(strength, n);
            detectedAt = Arrays.copyOf(detectedAt, n);
        }
        type[size] = t.ordinal();
        direction[size] = dir;
        start[size] = startBar;
        end[size] = endBar;
        strength[size] = strengthValue;
        detectedAt[size] = detectedBar;
        size++;
    }

    /** Drops events added after the list had {@code n} events (used to re-run a replaced last bar). */
    void truncate(int n) {
        size = n;
    }

    public int size() {
        return size;
    }

    public PatternType type(int k) {
        return PatternType.of(type[k]);
    }

    public int direction(int k) {
        return direction[k];
    }

    public int start(int k) {
        return start[k];
    }

    public int end(int k) {
        return end[k];
    }

    public int strength(int k) {
        return strength[k];
    }

    public int detectedAt(int k) {
        return detectedAt[k];
    }

    /** Number of events known at bar {@code bar} (events are appended in detection order). */
    public int countDetectedBy(int bar) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (detectedAt[mid] <= bar) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
