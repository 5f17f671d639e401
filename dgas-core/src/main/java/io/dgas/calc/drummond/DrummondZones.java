package io.dgas.calc.drummond;

import java.util.Arrays;

/**
 * Drummond zones, drummond.md §5.
 *
 * <p>Design notes: lines sorted by (projected price, id); a line joins the current group when it has the group's type
 * and lies within tolerance of the group's last price (chained); zone = [min, max], centre = midpoint, strength = line
 * count. Tolerance = max(mean(high − low) × 0.3, envelope width × 0.25, 0.05) over the bars available at the analysis
 * bar; a NaN width (warm-up) does not count. O(L) given sorted lines; {@link #fromLines} sorts them with
 * {@link LineSort} (a radix sort, O(L) too).
 */
public final class DrummondZones {
    private DrummondZones() {}

    /** Tolerance from its inputs; a NaN envelope width is ignored. */
    public static double tolerance(DrummondParams p, double avgRange, double envelopeWidth) {
        double t = Math.max(avgRange * p.zoneRangeFactor(), p.zoneMinTolerance());
        return envelopeWidth > 0 ? Math.max(t, envelopeWidth * p.zoneWidthFactor()) : t;
    }

    static boolean chained(double[] price, int a, int b, double tolerance) {
        return (a & 1) == (b & 1) && Math.abs(price[b] - price[a]) <= tolerance;
    }

    /** Zones from line ids already sorted by (price, id); {@code price} is indexed by line id. */
    static ZoneSet build(int[] sortedIds, int n, double[] price, double tolerance, double avgRange, double lastWidth) {
        double[] lo = new double[n];
        double[] hi = new double[n];
        int[] type = new int[n];
        int[] strength = new int[n];
        int z = -1;
        for (int k = 0; k < n; k++) {
            int id = sortedIds[k];
            if (z >= 0 && chained(price, sortedIds[k - 1], id, tolerance)) {
                hi[z] = price[id];
                strength[z]++;
            } else {
                z++;
                lo[z] = price[id];
                hi[z] = price[id];
                type[z] = id & 1;
                strength[z] = 1;
            }
        }
        int m = z + 1;
        double[] center = new double[m];
        for (int k = 0; k < m; k++) {
            center[k] = (lo[k] + hi[k]) / 2.0;
        }
        return new ZoneSet(
                center,
                Arrays.copyOf(lo, m),
                Arrays.copyOf(hi, m),
                Arrays.copyOf(type, m),
                Arrays.copyOf(strength, m),
                tolerance,
                avgRange,
                lastWidth);
    }

    /**
     * Zones from explicit line prices ({@code price[id]}, id parity = type) for the ids {@code [0, count)}.
     */
    public static ZoneSet fromLines(double[] price, int count, double tolerance, double avgRange, double lastWidth) {
        return fromLines(price, 0, count, tolerance, avgRange, lastWidth);
    }

    /** Zones from the lines {@code [from, to)} of {@code price} (indexed by line id, id parity = type). */
    static ZoneSet fromLines(double[] price, int from, int to, double tolerance, double avgRange, double lastWidth) {
        return build(LineSort.sortedIds(price, from, to), to - from, price, tolerance, avgRange, lastWidth);
    }

    private static boolean less(double[] p, int[] id, int a, int b) {
        return p[a] < p[b] || (p[a] == p[b] && id[a] < id[b]);
    }

    /** Quicksort of parallel arrays by (key, id) over [lo, hi]: sequential memory access, no boxing. */
    static void sortByKey(double[] p, int[] id, int lo, int hi) {
        while (hi - lo > 16) {
            int mid = (lo + hi) >>> 1;
            if (less(p, id, mid, lo)) {
                swap(p, id, mid, lo);
            }
            if (less(p, id, hi, lo)) {
                swap(p, id, hi, lo);
            }
            if (less(p, id, hi, mid)) {
                swap(p, id, hi, mid);
            }
            double pp = p[mid];
            int pid = id[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (p[i] < pp || (p[i] == pp && id[i] < pid)) {
                    i++;
                }
                while (pp < p[j] || (p[j] == pp && pid < id[j])) {
                    j--;
                }
                if (i <= j) {
                    swap(p, id, i++, j--);
                }
            }
            if (j - lo < hi - i) {
                sortByKey(p, id, lo, j);
                lo = i;
            } else {
                sortByKey(p, id, i, hi);
                hi = j;
            }
        }
        for (int i = lo + 1; i <= hi; i++) {
            for (int j = i; j > lo && less(p, id, j, j - 1); j--) {
                swap(p, id, j, j - 1);
            }
        }
    }

    /** Swaps entries {@code a} and {@code b} of the parallel arrays {@code p} and {@code id}. */
    static void swap(double[] p, int[] id, int a, int b) {
        double t = p[a];
        p[a] = p[b];
        p[b] = t;
        int u = id[a];
        id[a] = id[b];
        id[b] = u;
    }
}
