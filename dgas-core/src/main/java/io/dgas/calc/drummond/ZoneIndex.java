package io.dgas.calc.drummond;

import java.util.Arrays;

/**
 * The Drummond zones of one live analysis (drummond.md §5) kept current as lines enter: the lines stay sorted by
 * (projected price, id) in a {@link SortedLines} index, so zones at bar i are one O(L) sweep with no sort, instead of
 * {@link DrummondAnalysis#zonesAt}'s sort of every line at every call. The result is always that of
 * {@code zonesAt(i)}, bit for bit.
 *
 * <p>Design notes: the index remembers the price of every line it holds and checks them against the analysis at each
 * call (one sequential compare per line, cheaper than the sweep). Lines the analysis added since are inserted; a line
 * whose price changed (a forming bar replaced: the last bar's two lines) is removed at its old price and inserted at
 * its new one; anything else that differs (another series, a rebuilt or compacted analysis, a lower bar than before)
 * restarts the index. So it is correct for whatever analysis it is given, and costs O(new lines × L) memmove plus the
 * sweep when the analysis only grew. While a NaN price is among the lines the order is only defined by the full sort,
 * so the full path runs instead. Not thread-safe; one per series.
 */
public final class ZoneIndex {
    /** More changed lines than this and the index is rebuilt rather than patched. */
    private static final int MAX_PATCH = 8;

    /** Line ids in (price, id) order: the first {@link #count} entries. */
    private int[] order = new int[64];
    /** Prices of {@link #order}'s lines, in the same order. */
    private double[] sorted = new double[64];
    /** Prices of the lines held, by id: ids {@code [0, count)}. */
    private double[] held = new double[64];

    /** Ids held: {@code [0, count)}. */
    private int count;
    /** Entries of {@link #order} in use (equals {@link #count} between calls). */
    private int size;

    /** The zones of {@code a} as known at bar {@code i}: equal to {@code a.zonesAt(i)}. */
    public ZoneSet at(DrummondAnalysis a, int i) {
        double[] price = a.linePrices();
        int want = DrummondLines.countEndingBy(i);
        if (!sync(price, want)) {
            return a.zonesAt(i);
        }
        return sweep(want, a.tolerance(i), a.avgRange(i), a.width()[i]);
    }

    /**
     * Adds the zones of {@code a} at bar {@code i} to {@code cz} as one timeframe's candidates ({@link
     * ConfluenceZones#addZones} of {@code at(a, i)}), sweeping straight into it without building a {@link ZoneSet}.
     */
    void addTo(ConfluenceZones cz, int timeframe, double tfWeight, DrummondAnalysis a, int i) {
        double[] price = a.linePrices();
        int n = DrummondLines.countEndingBy(i);
        if (!sync(price, n)) {
            cz.addZones(timeframe, tfWeight, a.zonesAt(i));
            return;
        }
        double tolerance = a.tolerance(i);
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
     * Brings the index to the lines {@code [0, want)} at their current prices.
     *
     * @return false when a NaN price is among them (the index is then emptied)
     */
    private boolean sync(double[] price, int want) {
        if (want < count) {
            clear();
        }
        int changed = 0;
        int[] patch = new int[MAX_PATCH];
        for (int id = 0; id < count; id++) {
            double p = price[id];
            if (Double.doubleToRawLongBits(p) != Double.doubleToRawLongBits(held[id])) {
                if (changed == MAX_PATCH || p != p) {
                    clear();
                    changed = 0;
                    break;
                }
                patch[changed++] = id;
            }
        }
        for (int k = 0; k < changed; k++) {
            int id = patch[k];
            remove(id, held[id]);
            held[id] = price[id];
            insert(id, price[id]);
        }
        if (want > held.length) {
            int c = Math.max(want, 2 * held.length);
            held = Arrays.copyOf(held, c);
            order = Arrays.copyOf(order, c);
            sorted = Arrays.copyOf(sorted, c);
        }
        for (int id = count; id < want; id++) {
            if (price[id] != price[id]) {
                clear();
                return false;
            }
        }
        if (count == 0 && want > MAX_PATCH) {
            // a (re)start: one sort of every line, the same order the full path builds
            int[] ids = LineSort.sortedIds(price, want);
            System.arraycopy(ids, 0, order, 0, want);
            for (int k = 0; k < want; k++) {
                sorted[k] = price[order[k]];
            }
            System.arraycopy(price, 0, held, 0, want);
            count = want;
            size = want;
        }
        for (; count < want; count++) {
            held[count] = price[count];
            insert(count, price[count]);
        }
        return true;
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
        int pos = lowerBound(p, id);
        System.arraycopy(order, pos, order, pos + 1, size - pos);
        System.arraycopy(sorted, pos, sorted, pos + 1, size - pos);
        order[pos] = id;
        sorted[pos] = p;
        size++;
    }

    private void remove(int id, double p) {
        int pos = lowerBound(p, id);
        if (pos == size || order[pos] != id) {
            throw new IllegalStateException("line " + id + " is not indexed");
        }
        System.arraycopy(order, pos + 1, order, pos, size - pos - 1);
        System.arraycopy(sorted, pos + 1, sorted, pos, size - pos - 1);
        size--;
    }

    private void clear() {
        count = 0;
        size = 0;
    }
}
