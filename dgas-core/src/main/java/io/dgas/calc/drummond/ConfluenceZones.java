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
 * <p>The (price, entry) order is never built by a sort of every candidate: each type's candidates are kept apart as
 * they are added, and there they are a few ascending runs (each timeframe's Drummond zones arrive in ascending price
 * order, {@link ZoneSet}, and each timeframe's envelope rows, which drift, are sorted by an insertion sort as they are
 * added), so clustering walks the runs merged on the fly: each step takes the run head of least (price, entry), a
 * handful of compares and no copy, where grouping, copying and merging hundreds of candidates cost a third of a
 * replay step. Every price is finite, so (price, entry) is a total order and any correct merge gives the same
 * sequence; candidates in more runs than that are sorted by a natural merge sort ({@link #mergeRuns}) first.
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

    /** Most ascending runs of one type's candidates that {@link #build} merges on the fly while clustering. */
    private static final int MAX_WAYS = 8;

    private double[] price;
    private double[] tol;
    private double[] weight;
    private int[] tf;
    private int n;
    private double pct;
    /** Each type's candidates in the order added, envelope rows sorted: prices and entry indices. */
    private final double[][] typeKeys = new double[3][64];

    private final int[][] typeIdx = new int[3][64];
    private final int[] typeCount = new int[3];
    private final int[] markCount = new int[3];
    private int markN;
    /** build()'s scratch, kept for the next use of this instance. */
    private final int[] heads = new int[MAX_WAYS];

    private final int[] ends = new int[MAX_WAYS];
    private final List<ConfluenceZone> found = new ArrayList<>();
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
        tf = new int[c];
    }

    /**
     * Marks the candidates added so far: {@link #rewind} drops every candidate added after this, so a caller whose
     * first candidates did not change (a higher timeframe's, while its bar stays the same) adds only the others.
     */
    void mark() {
        markN = n;
        System.arraycopy(typeCount, 0, markCount, 0, 3);
    }

    /** Back to the candidates at the last {@link #mark} (the same tolerance percentage). */
    ConfluenceZones rewind() {
        n = markN;
        System.arraycopy(markCount, 0, typeCount, 0, 3);
        return this;
    }

    /** Empties this instance for reuse with another tolerance percentage (its arrays are kept). */
    ConfluenceZones reset(double pct) {
        this.pct = pct;
        n = 0;
        Arrays.fill(typeCount, 0);
        markN = 0;
        Arrays.fill(markCount, 0);
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
            tf = Arrays.copyOf(tf, c);
        }
        double vol = volatility > 0 ? volatility : 0.01;
        price[n] = p;
        tol[n] = Math.max(Math.max(Math.abs(p) * pct, 0.5 * vol), 0.0001);
        weight[n] = w;
        tf[n] = timeframe;
        int c = typeCount[t];
        if (c == typeKeys[t].length) {
            typeKeys[t] = Arrays.copyOf(typeKeys[t], 2 * c);
            typeIdx[t] = Arrays.copyOf(typeIdx[t], 2 * c);
        }
        typeKeys[t][c] = p;
        typeIdx[t][c] = n;
        typeCount[t] = c + 1;
        n++;
    }

    /**
     * Adds the envelope rows {@code from..to} of one timeframe. The rows drift, so each type's new candidates are then
     * sorted by (price, entry) where they lie (a few dozen: an insertion sort): one ascending run per timeframe.
     */
    void addEnvelope(
            int timeframe,
            double tfWeight,
            double[] upper,
            double[] lower,
            double[] centre,
            double[] width,
            int from,
            int to) {
        int r0 = typeCount[ConfluenceZone.RESISTANCE];
        int s0 = typeCount[ConfluenceZone.SUPPORT];
        int p0 = typeCount[ConfluenceZone.PIVOT];
        for (int i = Math.max(from, 0); i <= to; i++) {
            if (Double.isNaN(centre[i])) {
                continue;
            }
            double vol = width[i] > 0 ? width[i] : 0.01;
            add(ConfluenceZone.RESISTANCE, timeframe, upper[i], tfWeight, vol);
            add(ConfluenceZone.SUPPORT, timeframe, lower[i], tfWeight, vol);
            add(ConfluenceZone.PIVOT, timeframe, centre[i], tfWeight * 0.5, vol);
        }
        sortTail(ConfluenceZone.RESISTANCE, r0);
        sortTail(ConfluenceZone.SUPPORT, s0);
        sortTail(ConfluenceZone.PIVOT, p0);
    }

    /** Insertion sort by (price, entry) of type {@code t}'s candidates from position {@code from} on. */
    private void sortTail(int t, int from) {
        double[] k = typeKeys[t];
        int[] id = typeIdx[t];
        int to = typeCount[t];
        for (int i = from + 1; i < to; i++) {
            double key = k[i];
            int e = id[i];
            int j = i - 1;
            while (j >= from && (k[j] > key || (k[j] == key && id[j] > e))) {
                k[j + 1] = k[j];
                id[j + 1] = id[j];
                j--;
            }
            k[j + 1] = key;
            id[j + 1] = e;
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

    /**
     * The zones. Each type's candidates are a few ascending runs in the order added (each timeframe's envelope rows,
     * sorted as added, and its Drummond zones, ascending as a {@link ZoneSet} is): they are clustered while merged on
     * the fly ({@link #clusterRuns}), with no copy; more runs than {@link #MAX_WAYS} (candidates added otherwise) are
     * sorted by {@link #mergeRuns} first.
     */
    List<ConfluenceZone> build() {
        // gathered in a list kept by this instance, then copied once at their count: growing a fresh list as zones
        // were found showed as a sixth of a replay step in the profiles
        List<ConfluenceZone> zones = found;
        zones.clear();
        for (int t = 0; t < 3; t++) {
            double[] k = typeKeys[t];
            int[] id = typeIdx[t];
            int count = typeCount[t];
            int runs = 0;
            for (int i = 0; i < count && runs <= MAX_WAYS; ) {
                int e = runEnd(k, id, i, count);
                if (runs < MAX_WAYS) {
                    heads[runs] = i;
                    ends[runs] = e;
                }
                runs++;
                i = e;
            }
            if (runs <= MAX_WAYS) {
                clusterRuns(t, k, id, runs, zones);
            } else {
                sortAll(k, id, count);
                heads[0] = 0;
                ends[0] = count;
                clusterRuns(t, keys, idx, 1, zones);
            }
        }
        zones.sort(BY_STRENGTH_DESCENDING);
        List<ConfluenceZone> out = new ArrayList<>(zones);
        zones.clear();
        return out;
    }

    /** Copies {@code count} candidates into the scratch (keys, idx) and sorts them by (price, entry). */
    private void sortAll(double[] k, int[] id, int count) {
        if (idx.length < count) {
            int c = Math.max(count, 2 * idx.length);
            idx = new int[c];
            keys = new double[c];
            spareIdx = new int[c];
            spareKeys = new double[c];
            bounds = new int[c + 1];
        }
        System.arraycopy(k, 0, keys, 0, count);
        System.arraycopy(id, 0, idx, 0, count);
        mergeRuns(keys, idx, 0, count, spareKeys, spareIdx, bounds);
    }

    /**
     * Adds the zones of one type's candidates, the ascending runs {@code [heads[r], ends[r])} of (k, id) taken in
     * their merged (price, entry) order (the head of least (price, entry) is the next candidate, so the runs are
     * never merged into a copy): each cluster is seeded by the lowest unassigned candidate and takes every following
     * one within the seed's tolerance.
     */
    private void clusterRuns(int t, double[] k, int[] id, int runs, List<ConfluenceZone> zones) {
        int r = next(k, id, runs);
        while (r >= 0) {
            double seedPrice = k[heads[r]];
            double seedTol = tol[id[heads[r]]];
            int count = 0;
            int tfMask = 0;
            double sumP = 0;
            double sumW = 0;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            while (r >= 0 && k[heads[r]] - seedPrice <= seedTol) {
                int at = heads[r]++;
                int e = id[at];
                double p = k[at];
                tfMask |= 1 << tf[e];
                sumP += p;
                sumW += weight[e];
                lo = Math.min(lo, p);
                hi = Math.max(hi, p);
                count++;
                r = next(k, id, runs);
            }
            int distinct = Integer.bitCount(tfMask);
            if (distinct >= 2) {
                zones.add(new ConfluenceZone(t, sumP / count, lo, hi, distinct, sumW));
            }
        }
    }

    /** The run whose head is least by (price, entry), or -1 when every run is used up. */
    private int next(double[] k, int[] id, int runs) {
        int best = -1;
        double bk = 0;
        int bi = 0;
        for (int r = 0; r < runs; r++) {
            int h = heads[r];
            if (h < ends[r] && (best < 0 || k[h] < bk || (k[h] == bk && id[h] < bi))) {
                best = r;
                bk = k[h];
                bi = id[h];
            }
        }
        return best;
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
