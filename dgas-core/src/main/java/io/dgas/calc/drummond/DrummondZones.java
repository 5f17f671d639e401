package io.dgas.calc.drummond;

import java.util.Arrays;

/**
 * Drummond zones, drummond.md §5.
 *
 * <p>Design notes: lines sorted by (projected price, id); a line joins the current group when it has the group's type
 * and lies within tolerance of the group's last price (chained); zone = [min, max], centre = midpoint, strength = line
 * count. Tolerance = max(mean(high − low) × 0.3, envelope width × 0.25, 0.05) over the bars available at the analysis
 * bar; a NaN width (warm-up) does not count. O(L) given sorted lines.
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

    /**
     * Zones from line ids already sorted by (price, id); {@code price} is indexed by line id.
     */
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
     * Zones from explicit line prices ({@code price[id]}, id parity = type) for the ids {@code [0, count)}; sorts a copy.
     */
    public static ZoneSet fromLines(double[] price, int count, double tolerance, double avgRange, double lastWidth) {
        Integer[] boxed = new Integer[count];
        for (int k = 0; k < count; k++) {
            boxed[k] = k;
        }
        Arrays.sort(boxed, (a, b) -> price[a] != price[b] ? Double.compare(price[a], price[b]) : a - b);
        int[] ids = new int[count];
        for (int k = 0; k < count; k++) {
            ids[k] = boxed[k];
        }
        return build(ids, count, price, tolerance, avgRange, lastWidth);
    }
}
