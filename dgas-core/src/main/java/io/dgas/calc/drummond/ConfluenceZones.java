package io.dgas.calc.drummond;

import java.util.Arrays;

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
 * order, {@link ZoneSet}, and each timeframe's envelope rows, which drift, are sorted once they are added): one or
 * two runs are clustered while merged on the fly; more are merged by a natural merge sort ({@link #mergeRuns}) first. Every price is finite, so (price, entry) is a total order and
 * any correct merge gives the same sequence. The zones come as a {@link ZoneTable} (compact rows; a record per zone
 * is made only when the list is read). A replay whose higher timeframe's candidates are kept clusters its trading
 * candidates as they are swept instead ({@link ConfluenceSweep}).
 */
public final class ConfluenceZones implements ZoneSink {
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
    /** build()'s scratch, kept for the next use of this instance: the zones' rows, then the merged candidates. */
    private final ZoneTable.Rows found = new ZoneTable.Rows();

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

    /** Empties this instance for reuse with another tolerance percentage (its arrays are kept). */
    ConfluenceZones reset(double pct) {
        this.pct = pct;
        n = 0;
        Arrays.fill(typeCount, 0);
        return this;
    }

    /** A candidate's clustering tolerance: max(|price| × pct, 0.5 × volatility, 0.0001), volatility 0.01 if ≤ 0. */
    static double tolerance(double p, double volatility, double pct) {
        double vol = volatility > 0 ? volatility : 0.01;
        return Math.max(Math.max(Math.abs(p) * pct, 0.5 * vol), 0.0001);
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
        price[n] = p;
        tol[n] = tolerance(p, volatility, pct);
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
     * sorted by (price, entry) where they lie (falling runs reversed, then merged: {@code sortTail}): one ascending run per timeframe.
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
        envelopeCandidates(
                tfWeight, upper, lower, centre, width, from, to, (t, p, w, vol) -> add(t, timeframe, p, w, vol));
        sortTail(ConfluenceZone.RESISTANCE, r0);
        sortTail(ConfluenceZone.SUPPORT, s0);
        sortTail(ConfluenceZone.PIVOT, p0);
    }

    /** Takes one envelope candidate: its type, price, weight and volatility. */
    interface EnvelopeSink {
        void add(int type, double price, double weight, double volatility);
    }

    /**
     * The candidates of the envelope rows {@code from..to} of one timeframe, row by row: upper → resistance and lower →
     * support at the timeframe's weight, centre → pivot at half of it; volatility = width (0.01 if ≤ 0); a row without
     * a centre (warm-up) gives none.
     */
    static void envelopeCandidates(
            double tfWeight,
            double[] upper,
            double[] lower,
            double[] centre,
            double[] width,
            int from,
            int to,
            EnvelopeSink sink) {
        for (int i = Math.max(from, 0); i <= to; i++) {
            if (Double.isNaN(centre[i])) {
                continue;
            }
            double vol = width[i] > 0 ? width[i] : 0.01;
            sink.add(ConfluenceZone.RESISTANCE, upper[i], tfWeight, vol);
            sink.add(ConfluenceZone.SUPPORT, lower[i], tfWeight, vol);
            sink.add(ConfluenceZone.PIVOT, centre[i], tfWeight * 0.5, vol);
        }
    }

    /**
     * Sorts type {@code t}'s candidates from position {@code from} on by (price, entry). Envelope rows drift, so they
     * are a few monotone runs: each strictly falling run is reversed (no equal prices in it, so the entry order of
     * ties is kept), then the ascending runs are merged ({@link #mergeRuns}); an insertion sort moved every row of a
     * falling stretch at each row added.
     */
    private void sortTail(int t, int from) {
        double[] k = typeKeys[t];
        int[] id = typeIdx[t];
        int to = typeCount[t];
        int i = from;
        while (i < to) {
            int e = i + 1;
            if (e < to && k[e] < k[i]) {
                while (e < to && k[e] < k[e - 1]) {
                    e++;
                }
                reverse(k, id, i, e);
            } else {
                e = runEnd(k, id, i, to);
            }
            i = e;
        }
        if (runEnd(k, id, from, to) < to) {
            reserveScratch(to);
            mergeRuns(k, id, from, to, spareKeys, spareIdx, bounds);
        }
    }

    private static void reverse(double[] k, int[] id, int from, int to) {
        for (int a = from, b = to - 1; a < b; a++, b--) {
            DrummondZones.swap(k, id, a, b);
        }
    }

    @Override
    public void addZone(
            int timeframe, double tfWeight, double center, double lower, double upper, int type, int strength) {
        add(zoneType(type), timeframe, center, zoneWeight(tfWeight, strength), upper - lower);
    }

    /** The confluence type of a Drummond zone of {@link DrummondLines} type {@code type}. */
    static int zoneType(int type) {
        return type == DrummondLines.RESISTANCE ? ConfluenceZone.RESISTANCE : ConfluenceZone.SUPPORT;
    }

    /** A Drummond zone's candidate weight: the timeframe's weight × [C] min(lines, 3) / 2. */
    static double zoneWeight(double tfWeight, int strength) {
        return tfWeight * (Math.min(strength, 3) / 2.0);
    }

    /**
     * The zones, strongest first ({@link ZoneTable}: compact rows, records made when read). Each type's candidates
     * are a few ascending runs in the order added (each timeframe's envelope rows, sorted as added, and its Drummond
     * zones, ascending as a {@link ZoneSet} is): one or two runs are clustered where they
     * lie, two merged on the fly; more are copied and merged by {@link #mergeRuns} first.
     */
    ZoneTable build() {
        found.clear();
        for (int t = 0; t < 3; t++) {
            double[] k = typeKeys[t];
            int[] id = typeIdx[t];
            int count = typeCount[t];
            int mid = runEnd(k, id, 0, count);
            if (mid >= count || runEnd(k, id, mid, count) >= count) {
                cluster(t, k, id, mid, count);
            } else {
                sortAll(k, id, count);
                cluster(t, keys, idx, count, count);
            }
        }
        return found.table();
    }

    private void reserveScratch(int count) {
        if (idx.length < count) {
            int c = Math.max(count, 2 * idx.length);
            idx = new int[c];
            keys = new double[c];
            spareIdx = new int[c];
            spareKeys = new double[c];
            bounds = new int[c + 1];
        }
    }

    /** Copies {@code count} candidates into the scratch (keys, idx) and sorts them by (price, entry). */
    private void sortAll(double[] k, int[] id, int count) {
        reserveScratch(count);
        System.arraycopy(k, 0, keys, 0, count);
        System.arraycopy(id, 0, idx, 0, count);
        mergeRuns(keys, idx, 0, count, spareKeys, spareIdx, bounds);
    }

    /**
     * Adds the zones of type {@code t}'s {@code count} candidates, the ascending runs [0, mid) and [mid, count) of
     * (k, id) taken in their merged (price, entry) order (the lesser head is the next candidate), to the rows: each
     * cluster is seeded by the lowest unassigned candidate and takes every following one within the seed's
     * tolerance; one spanning two timeframes or more is a zone.
     */
    private void cluster(int t, double[] k, int[] id, int mid, int count) {
        int a = 0;
        int b = mid;
        while (a < mid || b < count) {
            int at = b >= count || (a < mid && less(k, id, a, b)) ? a : b;
            double seedPrice = k[at];
            double seedTol = tol[id[at]];
            int members = 0;
            int tfMask = 0;
            double sumP = 0;
            double sumW = 0;
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            do {
                int e = id[at];
                double p = k[at];
                tfMask |= 1 << tf[e];
                sumP += p;
                sumW += weight[e];
                lo = Math.min(lo, p);
                hi = Math.max(hi, p);
                members++;
                if (at == a) {
                    a++;
                } else {
                    b++;
                }
                if (a >= mid && b >= count) {
                    break;
                }
                at = b >= count || (a < mid && less(k, id, a, b)) ? a : b;
            } while (k[at] - seedPrice <= seedTol);
            int distinct = Integer.bitCount(tfMask);
            if (distinct >= 2) {
                found.add(t, sumP / members, lo, hi, distinct, sumW);
            }
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
