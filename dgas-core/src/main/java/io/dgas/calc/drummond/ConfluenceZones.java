package io.dgas.calc.drummond;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Confluence zones, drummond.md §6.
 *
 * <p>Design notes: candidate levels come from the last N envelope rows of each timeframe (upper → resistance,
 * lower → support, component 1; centre → pivot, 0.5; volatility = width, 0.01 if ≤ 0) and from each Drummond zone
 * (centre, its type, <b>[C]</b> component min(lines, 3) / 2, volatility = zone width). Weight = timeframe weight ×
 * component; tolerance = max(|price| × pct, 0.5 × volatility, 0.0001). <b>[C]</b> Clustering is a sorted sweep per
 * type: the lowest unassigned level seeds a cluster that takes every following level within the seed's tolerance;
 * a cluster spanning ≥ 2 timeframes becomes a zone (level = mean, bounds = min/max, strength = distinct timeframes,
 * weighted strength = Σ weights). Zones are sorted by strength, then weighted strength, descending.
 *
 * <p>The (price, entry) order is made by a natural merge sort: each timeframe's Drummond zones arrive in ascending
 * price order ({@link ZoneSet}), so a type's candidates are a few ascending runs (the zones of each timeframe and the
 * envelope rows, which drift), merged in O(N × log runs) instead of a comparison sort of hundreds of entries. Every
 * price is finite, so (price, entry) is a total order and any correct sort gives the same sequence.
 */
public final class ConfluenceZones {
    /**
     * Strength, then weighted strength, descending: the order of {@code comparingInt(strength)
     * .thenComparingDouble(weightedStrength).reversed()} written out (the composed comparator's three indirect calls
     * per comparison were a tenth of a replay step's time).
     */
    private static final Comparator<ConfluenceZone> BY_STRENGTH_DESCENDING = (a, b) -> {
        int c = Integer.compare(b.strength(), a.strength());
        return c != 0 ? c : Double.compare(b.weightedStrength(), a.weightedStrength());
    };

    private double[] price;
    private double[] tol;
    private double[] weight;
    private int[] type;
    private int[] tf;
    private int n;
    private double pct;
    /** build()'s scratch, kept for the next use of this instance. */
    private int[] idx = new int[0];

    private double[] keys = new double[0];
    private int[] spareIdx = new int[0];
    private double[] spareKeys = new double[0];
    private int[] bounds = new int[1];

    ConfluenceZones(double pct) {
        this(pct, 256);
    }

    /** With room for {@code capacity} candidates before growing. */
    ConfluenceZones(double pct, int capacity) {
        this.pct = pct;
        int c = Math.max(capacity, 16);
        price = new double[c];
        tol = new double[c];
        weight = new double[c];
        type = new int[c];
        tf = new int[c];
    }

    /** Empties this instance for reuse with another tolerance percentage (its arrays are kept). */
    ConfluenceZones reset(double pct) {
        this.pct = pct;
        n = 0;
        return this;
    }

    void add(int t, int timeframe, double p, double w, double volatility) {
        if (!Double.isFinite(p)) {
            return;
        }
        if (n == price.length) {
            int c = n * 2;
            price = Arrays.copyOf(price, c);
            tol = Arrays.copyOf(tol, c);
            weight = Arrays.copyOf(weight, c);
            type = Arrays.copyOf(type, c);
            tf = Arrays.copyOf(tf, c);
        }
        double vol = volatility > 0 ? volatility : 0.01;
        price[n] = p;
        tol[n] = Math.max(Math.max(Math.abs(p) * pct, 0.5 * vol), 0.0001);
        weight[n] = w;
        type[n] = t;
        tf[n] = timeframe;
        n++;
    }

    /** Adds the envelope rows {@code from..to} of one timeframe. */
    void addEnvelope(
            int timeframe,
            double tfWeight,
            double[] upper,
            double[] lower,
            double[] centre,
            double[] width,
            int from,
            int to) {
        for (int i = Math.max(from, 0); i <= to; i++) {
            if (Double.isNaN(centre[i])) {
                continue;
            }
            double vol = width[i] > 0 ? width[i] : 0.01;
            add(ConfluenceZone.RESISTANCE, timeframe, upper[i], tfWeight, vol);
            add(ConfluenceZone.SUPPORT, timeframe, lower[i], tfWeight, vol);
            add(ConfluenceZone.PIVOT, timeframe, centre[i], tfWeight * 0.5, vol);
        }
    }

    /** Adds every Drummond zone of one timeframe. */
    void addZones(int timeframe, double tfWeight, ZoneSet zones) {
        for (int k = 0; k < zones.size(); k++) {
            addZone(
                    timeframe,
                    tfWeight,
                    zones.center()[k],
                    zones.lower()[k],
                    zones.upper()[k],
                    zones.type()[k],
                    zones.strength()[k]);
        }
    }

    /** Adds one Drummond zone of one timeframe ({@code type} a {@link DrummondLines} type). */
    void addZone(int timeframe, double tfWeight, double center, double lower, double upper, int type, int strength) {
        double component = Math.min(strength, 3) / 2.0;
        int t = type == DrummondLines.RESISTANCE ? ConfluenceZone.RESISTANCE : ConfluenceZone.SUPPORT;
        add(t, timeframe, center, tfWeight * component, upper - lower);
    }

    List<ConfluenceZone> build() {
        // group by type (stable), then sort each group by (price, entry index) without boxing
        if (idx.length < n) {
            int c = Math.max(n, 2 * idx.length);
            idx = new int[c];
            keys = new double[c];
            spareIdx = new int[c];
            spareKeys = new double[c];
            bounds = new int[c + 1];
        }
        List<ConfluenceZone> zones = new ArrayList<>();
        int m = 0;
        for (int t = 0; t < 3; t++) {
            int from = m;
            for (int k = 0; k < n; k++) {
                if (type[k] == t) {
                    idx[m] = k;
                    keys[m++] = price[k];
                }
            }
            mergeRuns(keys, idx, from, m, spareKeys, spareIdx, bounds);
            cluster(t, from, m, zones);
        }
        zones.sort(BY_STRENGTH_DESCENDING);
        return zones;
    }

    /**
     * Adds the zones of one type's candidates, sorted at {@code [from, to)} of (keys, idx): each cluster is seeded by
     * the lowest unassigned candidate and takes every following one within the seed's tolerance.
     */
    private void cluster(int t, int from, int to, List<ConfluenceZone> zones) {
        int i = from;
        while (i < to) {
            int seed = idx[i];
            double seedPrice = keys[i];
            double seedTol = tol[seed];
            int j = i;
            int tfMask = 0;
            double sumP = 0;
            double sumW = 0;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            while (j < to && keys[j] - seedPrice <= seedTol) {
                int e = idx[j];
                double p = keys[j];
                tfMask |= 1 << tf[e];
                sumP += p;
                sumW += weight[e];
                lo = Math.min(lo, p);
                hi = Math.max(hi, p);
                j++;
            }
            int distinct = Integer.bitCount(tfMask);
            if (distinct >= 2) {
                zones.add(new ConfluenceZone(t, sumP / (j - i), lo, hi, distinct, sumW));
            }
            i = j;
        }
    }

    private static boolean less(double[] p, int[] id, int a, int b) {
        return p[a] < p[b] || (p[a] == p[b] && id[a] < id[b]);
    }

    /**
     * Sorts {@code [from, to)} by (key, id): finds the ascending runs, then repeatedly merges the adjacent pair of runs
     * shortest together. A type's candidates are two long runs (each timeframe's zones) and a few dozen short ones
     * (envelope rows drifting down), so the short ones are merged among themselves first and each long run is moved
     * about twice, where merging all runs pairwise per pass moved every candidate log2(runs) times. The spare arrays
     * (as long as the others) hold the left run of a merge; {@code bounds} (at least {@code to - from + 1} long) the
     * run boundaries.
     */
    static void mergeRuns(
            double[] keys, int[] idx, int from, int to, double[] spareKeys, int[] spareIdx, int[] bounds) {
        if (to - from < 2) {
            return;
        }
        int runs = 0;
        bounds[0] = from;
        for (int i = from; i < to; ) {
            i = runEnd(keys, idx, i, to);
            bounds[++runs] = i;
        }
        while (runs > 1) {
            int best = 0;
            int bestLength = Integer.MAX_VALUE;
            for (int r = 0; r + 1 < runs; r++) {
                int length = bounds[r + 2] - bounds[r];
                if (length < bestLength) {
                    bestLength = length;
                    best = r;
                }
            }
            merge(keys, idx, bounds[best], bounds[best + 1], bounds[best + 2], spareKeys, spareIdx);
            System.arraycopy(bounds, best + 2, bounds, best + 1, runs - best - 1);
            runs--;
        }
    }

    private static int runEnd(double[] k, int[] id, int start, int to) {
        int e = start + 1;
        while (e < to && !less(k, id, e, e - 1)) {
            e++;
        }
        return e;
    }

    /**
     * Merges the ascending runs [lo, mid) and [mid, hi) of (k, id) in place: the left run is copied to the spare
     * arrays and merged back with the right one (the write position never passes the right run's next entry).
     */
    private static void merge(double[] k, int[] id, int lo, int mid, int hi, double[] sk, int[] sid) {
        System.arraycopy(k, lo, sk, lo, mid - lo);
        System.arraycopy(id, lo, sid, lo, mid - lo);
        int a = lo;
        int b = mid;
        int o = lo;
        while (a < mid) {
            if (b < hi && (k[b] < sk[a] || (k[b] == sk[a] && id[b] < sid[a]))) {
                k[o] = k[b];
                id[o++] = id[b++];
            } else {
                k[o] = sk[a];
                id[o++] = sid[a++];
            }
        }
    }
}
