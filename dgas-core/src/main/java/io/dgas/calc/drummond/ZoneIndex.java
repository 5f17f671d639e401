package io.dgas.calc.drummond;

import java.util.Arrays;

/**
 * The Drummond zones of one live analysis (drummond.md §5) kept current as lines enter and leave a window: the lines
 * held stay sorted by (projected price, id), so zones at bar i are one O(L) sweep with no sort, instead of
 * {@link DrummondAnalysis#zonesAt(int, int)}'s sort of every line of the window at every call. The result is always
 * that of {@code zonesAt(i, lookbackBars)}, bit for bit.
 *
 * <p>Design notes: the index holds the lines {@code [lo, count)} (a window: those ending after bar
 * {@code i − lookbackBars}, or every line for 0) and remembers the price of each (a ring indexed by id, as long as
 * the window) to check them against the analysis at each call (one sequential compare per line, cheaper than the
 * sweep). Lines that left the window since are removed and lines the analysis added are inserted (a step of one bar:
 * two of each); a line whose price changed (a forming bar replaced: the last bar's two lines) is removed at its old
 * price and inserted at its new one; anything else that differs (another series, a rebuilt or compacted analysis, a
 * lower bar or window start than before, a long jump) restarts the index with one sort of the window. So it is
 * correct for whatever analysis it is given, and costs O(changed lines × L) memmove plus the sweep when the window
 * only slid. While a NaN price is in the window the order is only defined by the full sort, so the full path runs
 * instead. Not thread-safe; one per series.
 */
public final class ZoneIndex {
    /** More changed lines than this and the index is rebuilt rather than patched. */
    private static final int MAX_PATCH = 8;
    /** More lines leaving or entering at once than this and the index is rebuilt by one sort rather than patched. */
    private static final int MAX_SLIDE = 64;

    /** Line ids in (price, id) order: the first {@link #size} entries. */
    private int[] order = new int[64];
    /** Prices of {@link #order}'s lines, in the same order. */
    private double[] sorted = new double[64];
    /** Prices of the lines held, by id modulo its length (a power of two): ids {@code [lo, count)}. */
    private double[] held = new double[64];

    /** First id held. */
    private int lo;
    /** One past the last id held: ids {@code [lo, count)}. */
    private int count;
    /** Entries of {@link #order} in use (equals {@code count − lo} between calls). */
    private int size;
    /** Changes whenever the lines held or their prices change: equal versions, equal lines. */
    private long version;

    /** The zones of {@code a} as known at bar {@code i}, every line: equal to {@code a.zonesAt(i)}. */
    public ZoneSet at(DrummondAnalysis a, int i) {
        return at(a, i, 0);
    }

    /**
     * The zones of {@code a} as known at bar {@code i} from the lines ending in its last {@code lookbackBars} bars
     * (0: every line): equal to {@code a.zonesAt(i, lookbackBars)}.
     */
    public ZoneSet at(DrummondAnalysis a, int i, int lookbackBars) {
        int from = DrummondLines.firstInWindow(i, lookbackBars);
        int want = DrummondLines.countEndingBy(i);
        if (!sync(a.linePrices(), from, want)) {
            return a.zonesAt(i, lookbackBars);
        }
        return sweep(size, a.tolerance(i), a.avgRange(i), a.width()[i]);
    }

    /**
     * Adds the zones of {@code a} at bar {@code i} over its last {@code lookbackBars} bars to {@code cz} as one
     * timeframe's candidates ({@link ConfluenceZones#addZones} of {@code at(a, i, lookbackBars)}), sweeping straight
     * into it without building a {@link ZoneSet}.
     */
    void addTo(ZoneSink cz, int timeframe, double tfWeight, DrummondAnalysis a, int i, int lookbackBars) {
        if (sync(a, i, lookbackBars) < 0) {
            cz.addZones(timeframe, tfWeight, a.zonesAt(i, lookbackBars));
            return;
        }
        sweepInto(cz, timeframe, tfWeight, a.tolerance(i));
    }

    /**
     * Brings the index to the lines of {@code a} ending in its last {@code lookbackBars} bars up to bar {@code i}.
     *
     * @return the index's version (equal versions hold equal lines at equal prices), or -1 when a NaN price is among
     *     the lines (the index is then empty, and {@link DrummondAnalysis#zonesAt(int, int)} gives the zones)
     */
    long sync(DrummondAnalysis a, int i, int lookbackBars) {
        int from = DrummondLines.firstInWindow(i, lookbackBars);
        return sync(a.linePrices(), from, DrummondLines.countEndingBy(i)) ? version : -1;
    }

    /**
     * Adds the zones of the lines held, chained with {@code tolerance}, to {@code cz} as one timeframe's candidates:
     * after a {@link #sync} that did not return -1, {@code addTo} without the sync.
     */
    void sweepInto(ZoneSink cz, int timeframe, double tfWeight, double tolerance) {
        int n = size;
        int k = 0;
        while (k < n) {
            double lo = sorted[k];
            int type = order[k] & 1;
            int strength = 1;
            k++;
            while (k < n && chained(k, tolerance)) {
                strength++;
                k++;
            }
            double hi = sorted[k - 1];
            cz.addZone(timeframe, tfWeight, (lo + hi) / 2.0, lo, hi, type, strength);
        }
    }

    /**
     * {@link DrummondZones#build} over the held order, reading the prices kept in order (sequential) and sizing the
     * output in a first pass instead of allocating per-line scratch arrays.
     */
    private ZoneSet sweep(int n, double tolerance, double avgRange, double lastWidth) {
        int m = 0;
        for (int k = 0; k < n; k++) {
            if (k == 0 || !chained(k, tolerance)) {
                m++;
            }
        }
        double[] lo = new double[m];
        double[] hi = new double[m];
        double[] center = new double[m];
        int[] type = new int[m];
        int[] strength = new int[m];
        int z = -1;
        for (int k = 0; k < n; k++) {
            double p = sorted[k];
            if (z >= 0 && chained(k, tolerance)) {
                hi[z] = p;
                strength[z]++;
            } else {
                z++;
                lo[z] = p;
                hi[z] = p;
                type[z] = order[k] & 1;
                strength[z] = 1;
            }
        }
        for (int k = 0; k < m; k++) {
            center[k] = (lo[k] + hi[k]) / 2.0;
        }
        return new ZoneSet(center, lo, hi, type, strength, tolerance, avgRange, lastWidth);
    }

    /** {@link DrummondZones#chained} of the lines at positions k − 1 and k. */
    private boolean chained(int k, double tolerance) {
        return (order[k - 1] & 1) == (order[k] & 1) && Math.abs(sorted[k] - sorted[k - 1]) <= tolerance;
    }

    /**
     * Brings the index to the lines {@code [from, want)} at their current prices.
     *
     * @return false when a NaN price is among them (the index is then emptied)
     */
    private boolean sync(double[] price, int from, int want) {
        if (want < count || from < lo || from > count || from - lo > MAX_SLIDE || want - count > MAX_SLIDE) {
            restart(from);
        }
        for (int id = lo; id < from; id++) {
            remove(id, held[id & (held.length - 1)]);
        }
        lo = from;
        int changed = 0;
        int[] patch = null;
        for (int id = lo; id < count; id++) {
            double p = price[id];
            if (Double.doubleToRawLongBits(p) != Double.doubleToRawLongBits(held[id & (held.length - 1)])) {
                if (changed == MAX_PATCH || p != p) {
                    restart(from);
                    changed = 0;
                    break;
                }
                if (patch == null) {
                    patch = new int[MAX_PATCH];
                }
                patch[changed++] = id;
            }
        }
        for (int k = 0; k < changed; k++) {
            int id = patch[k];
            int slot = id & (held.length - 1);
            remove(id, held[slot]);
            held[slot] = price[id];
            insert(id, price[id]);
        }
        for (int id = count; id < want; id++) {
            if (price[id] != price[id]) {
                restart(from);
                return false;
            }
        }
        reserve(want - lo);
        if (size == 0 && want - from > MAX_PATCH) {
            // a (re)start: one sort of the window, the same order the full path builds
            int[] ids = LineSort.sortedIds(price, from, want);
            System.arraycopy(ids, 0, order, 0, ids.length);
            for (int k = 0; k < ids.length; k++) {
                sorted[k] = price[order[k]];
            }
            for (int id = from; id < want; id++) {
                held[id & (held.length - 1)] = price[id];
            }
            count = want;
            size = ids.length;
            version++;
        }
        for (; count < want; count++) {
            held[count & (held.length - 1)] = price[count];
            insert(count, price[count]);
        }
        return true;
    }

    /** Room for {@code lines} lines: the ring of prices keeps ids {@code [lo, count)} at their slots. */
    private void reserve(int lines) {
        if (lines > order.length) {
            int c = Math.max(lines, 2 * order.length);
            order = Arrays.copyOf(order, c);
            sorted = Arrays.copyOf(sorted, c);
        }
        if (lines > held.length) {
            int c = Integer.highestOneBit(lines - 1) << 1;
            double[] ring = new double[c];
            for (int id = lo; id < count; id++) {
                ring[id & (c - 1)] = held[id & (held.length - 1)];
            }
            held = ring;
        }
    }

    /** Position of the first entry not less than (p, id) in (price, id) order. */
    private int lowerBound(double p, int id) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            double q = sorted[mid];
            if (q < p || (q == p && order[mid] < id)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void insert(int id, double p) {
        version++;
        int pos = lowerBound(p, id);
        System.arraycopy(order, pos, order, pos + 1, size - pos);
        System.arraycopy(sorted, pos, sorted, pos + 1, size - pos);
        order[pos] = id;
        sorted[pos] = p;
        size++;
    }

    private void remove(int id, double p) {
        version++;
        int pos = lowerBound(p, id);
        if (pos == size || order[pos] != id) {
            throw new IllegalStateException("line " + id + " is not indexed");
        }
        System.arraycopy(order, pos + 1, order, pos, size - pos - 1);
        System.arraycopy(sorted, pos + 1, sorted, pos, size - pos - 1);
        size--;
    }

    /** Empties the index, to hold the lines from {@code from} on. */
    private void restart(int from) {
        version++;
        lo = from;
        count = from;
        size = 0;
    }
}
