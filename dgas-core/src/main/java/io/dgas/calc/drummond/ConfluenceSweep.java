package io.dgas.calc.drummond;

import java.util.Arrays;

/**
 * {@link ConfluenceZones#build} for a replay whose higher timeframe's candidates are kept ({@link HtfCandidates}):
 * those are copied once per higher-timeframe change into compact per-type arrays in (price, entry) order; at each
 * trading bar its envelope rows are kept sorted per type while their window slides ({@link EnvelopeRuns}) and its
 * Drummond zones, which arrive from the
 * {@link ZoneIndex} sweep in ascending price order, are appended per type; then each type's three ascending runs are
 * merged and clustered in one loop over plain arrays. So no candidate is indexed, copied for a merge sort or merged
 * twice; the result is {@code build()} of the same candidates, row for row.
 *
 * <p>Design note: {@link ConfluenceZones} orders a type's candidates by (price, entry), entries numbered in the order
 * added: the higher timeframe's (envelope, then zones), then the trading envelope rows (row by row), then the trading
 * zones. So among equal prices a higher-timeframe candidate comes first, then an envelope row (earlier rows first),
 * then a zone (in sweep order): the order this merge takes them in. Clusters are formed exactly as there (the lowest
 * unassigned candidate seeds one that takes every following candidate within the seed's tolerance), and the sums run
 * in the same order, so every level and weight is bit for bit the same. Zones that do not arrive in ascending price
 * order per type (never from a sweep or a {@link ZoneSet}) make {@link #finish} return null, and the caller builds
 * the zones the general way. Each run ends with a +∞ sentinel (every candidate's price is finite). Not thread-safe;
 * one per replay.
 */
final class ConfluenceSweep implements ZoneSink {
    /**
     * One ascending run of one type's candidates: prices (then a +∞ sentinel), tolerances, weights, and rows (envelope
     * rows').
     */
    static final class Run {
        double[] price = new double[32];
        double[] tol = new double[32];
        double[] weight = new double[32];
        int[] row = new int[32];
        int count;

        /** Room for {@code n} candidates and the sentinel. */
        void reserve(int n) {
            if (price.length < n + 1) {
                int c = Math.max(n + 1, 2 * price.length);
                price = Arrays.copyOf(price, c);
                tol = Arrays.copyOf(tol, c);
                weight = Arrays.copyOf(weight, c);
                row = Arrays.copyOf(row, c);
            }
        }

        void seal() {
            price[count] = Double.POSITIVE_INFINITY;
        }
    }

    private double pct;
    private int timeframe;
    /** The kept higher timeframe's bit in a cluster's timeframe mask. */
    private int higherBit;
    /** Per type: the higher timeframe's candidates (its envelope rows and zones merged). */
    private final Run[] htf = {new Run(), new Run(), new Run()};

    /** The trading envelope's candidates, kept sorted while its row window slides. */
    private final EnvelopeRuns envelope = new EnvelopeRuns();
    /** The higher timeframe's envelope candidates, kept the same way from one of its bars to the next. */
    private final EnvelopeRuns higherEnvelope = new EnvelopeRuns();

    private final Run[] zones = {new Run(), new Run(), new Run()};
    private final double[] lastZone = new double[3];
    private boolean unordered;
    /** The zones found. */
    private final ZoneTable.Rows rows = new ZoneTable.Rows();

    /**
     * Keeps the candidates of {@code higher} (timeframe index {@code timeframe}, weight {@code tfWeight}) for the
     * sweeps that follow, until the next call: its envelope rows {@code from..to} and the zones of {@code index}
     * (synced) chained with {@code tolerance}, as {@link ConfluenceZones} adds them, merged per type by (price,
     * entry): among equal prices an envelope row first. False (nothing kept) when the zones came out of price order.
     */
    boolean keepHigher(
            DrummondAnalysis higher,
            int timeframe,
            double tfWeight,
            double tolerancePct,
            int from,
            int to,
            ZoneIndex index,
            double tolerance) {
        pct = tolerancePct;
        higherBit = 1 << timeframe;
        higherEnvelope.at(higher, tfWeight, pct, from, to);
        clearZones();
        index.sweepInto(this, timeframe, tfWeight, tolerance);
        if (unordered) {
            return false;
        }
        for (int t = 0; t < 3; t++) {
            merge(higherEnvelope.run(t), zones[t], htf[t]);
        }
        return true;
    }

    /**
     * Whether the higher timeframe's envelope candidates kept are those of its rows {@code from..to} of {@code higher}
     * as they are now (see {@link EnvelopeRuns#holds}).
     */
    boolean keepsHigherRows(DrummondAnalysis higher, int from, int to) {
        return higherEnvelope.holds(higher, from, to);
    }

    /** Merges the ascending runs {@code a} and {@code b} (a's first among equal prices) into {@code out}. */
    private static void merge(Run a, Run b, Run out) {
        int n = a.count + b.count;
        out.reserve(n);
        int i = 0;
        int j = 0;
        for (int o = 0; o < n; o++) {
            Run from = j >= b.count || (i < a.count && a.price[i] <= b.price[j]) ? a : b;
            int at = from == a ? i++ : j++;
            out.price[o] = from.price[at];
            out.tol[o] = from.tol[at];
            out.weight[o] = from.weight[at];
        }
        out.count = n;
        out.seal();
    }

    private void clearZones() {
        unordered = false;
        for (int t = 0; t < 3; t++) {
            zones[t].count = 0;
            lastZone[t] = Double.NEGATIVE_INFINITY;
        }
    }

    /**
     * Starts a sweep with the envelope rows {@code from..to} of {@code trading} (timeframe index {@code timeframe},
     * weight {@code tfWeight}), as {@link ConfluenceZones#addEnvelope} adds them; the higher timeframe's are those kept.
     */
    ConfluenceSweep begin(int timeframe, double tfWeight, DrummondAnalysis trading, int from, int to) {
        this.timeframe = timeframe;
        clearZones();
        envelope.at(trading, tfWeight, pct, from, to);
        return this;
    }

    @Override
    public void addZone(int tf, double tfWeight, double center, double lower, double upper, int type, int strength) {
        if (!Double.isFinite(center)) {
            return;
        }
        int t = ConfluenceZones.zoneType(type);
        if (center < lastZone[t]) {
            unordered = true;
            return;
        }
        lastZone[t] = center;
        Run r = zones[t];
        int c = r.count;
        if (c + 1 >= r.price.length) {
            r.reserve(c + 1);
        }
        r.price[c] = center;
        r.tol[c] = ConfluenceZones.tolerance(center, upper - lower, pct);
        r.weight[c] = ConfluenceZones.zoneWeight(tfWeight, strength);
        r.count = c + 1;
    }

    /** The zones of every candidate, as {@link ConfluenceZones#build} gives them; null when zones came out of order. */
    ZoneTable finish() {
        if (unordered) {
            return null;
        }
        rows.clear();
        for (int t = 0; t < 3; t++) {
            envelope.run(t).seal();
            zones[t].seal();
            cluster(t);
        }
        return rows.table();
    }

    /**
     * Clusters type {@code t}'s three runs taken in merged order (the least price next; among equal prices the
     * higher timeframe's, then the envelope's, then a zone): each cluster is seeded by the lowest unassigned candidate
     * and takes every following one within the seed's tolerance; one spanning two timeframes or more is a zone.
     */
    private void cluster(int t) {
        Run hr = htf[t];
        double[] hp = hr.price;
        double[] ht = hr.tol;
        double[] hw = hr.weight;
        Run er = envelope.run(t);
        double[] ep = er.price;
        double[] et = er.tol;
        double[] ew = er.weight;
        double[] zp = zones[t].price;
        double[] zt = zones[t].tol;
        double[] zw = zones[t].weight;
        int own = 1 << timeframe;
        int h = 0;
        int e = 0;
        int z = 0;
        boolean open = false;
        double seedPrice = 0;
        double seedTol = 0;
        int tfMask = 0;
        double sumP = 0;
        double sumW = 0;
        double lo = 0;
        double hi = 0;
        int members = 0;
        while (true) {
            double a = hp[h];
            double b = ep[e];
            double c = zp[z];
            double p;
            double pt;
            double w;
            int bit;
            if (a <= b && a <= c) {
                if (a == Double.POSITIVE_INFINITY) {
                    break;
                }
                p = a;
                pt = ht[h];
                w = hw[h];
                bit = higherBit;
                h++;
            } else if (b <= c) {
                p = b;
                pt = et[e];
                w = ew[e];
                bit = own;
                e++;
            } else {
                p = c;
                pt = zt[z];
                w = zw[z];
                bit = own;
                z++;
            }
            if (open && p - seedPrice <= seedTol) {
                tfMask |= bit;
                sumP += p;
                sumW += w;
                lo = Math.min(lo, p);
                hi = Math.max(hi, p);
                members++;
                continue;
            }
            if (open) {
                row(t, tfMask, sumP / members, lo, hi, sumW);
            }
            open = true;
            seedPrice = p;
            seedTol = pt;
            tfMask = bit;
            sumP = 0 + p;
            sumW = 0 + w;
            lo = p;
            hi = p;
            members = 1;
        }
        if (open) {
            row(t, tfMask, sumP / members, lo, hi, sumW);
        }
    }

    /** Adds the cluster as a zone when it spans two timeframes or more. */
    private void row(int t, int tfMask, double level, double lo, double hi, double weightedStrength) {
        int distinct = Integer.bitCount(tfMask);
        if (distinct >= 2) {
            rows.add(t, level, lo, hi, distinct, weightedStrength);
        }
    }
}
