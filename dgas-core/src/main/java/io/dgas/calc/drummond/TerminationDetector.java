package io.dgas.calc.drummond;

import java.util.Arrays;

/**
 * Termination approach/touch, drummond.md §4.6.
 *
 * <p>Design notes: <b>[C]</b> at bar i only zones built from lines ending at or before bar i count (the caller keeps
 * exactly those lines in the {@link LineIndex}), chained with the tolerance of bar i. The search is by price: from the
 * zone at the bar's low, zones are walked outward (each walked zone is evaluated in full) and the walk stops at the
 * first zone whose near edge lies farther than both the percentage approach distance and twice the widest zone met
 * so far; it is exact unless an unseen zone is wider than every zone met on the way. Zones are evaluated in
 * ascending price, as the reference does. A zone is identified across bars by its anchor, its earliest line id, so
 * "one approach event per active approach" survives zones being rebuilt every bar. Buffers grow geometrically and
 * are reused: no allocation per bar in steady state.
 */
final class TerminationDetector {
    static final int NONE = 0;
    static final int APPROACH = 1;
    static final int TOUCH = 2;

    private final PatternParams p;
    private final PatternEvents out;

    private boolean[] active = new boolean[64];
    private int[] activeList = new int[16];
    private int activeCount;
    private int[] nextList = new int[16];
    private int[] savedList = new int[16];
    private int savedCount;

    private int[] zFirst = new int[16];
    private double[] zLower = new double[16];
    private double[] zUpper = new double[16];
    private int[] zCount = new int[16];
    private int[] zAnchor = new int[16];
    private int[] order = new int[16];
    private int zones;

    TerminationDetector(PatternParams p, PatternEvents out) {
        this.p = p;
        this.out = out;
    }

    void save() {
        if (savedList.length < activeCount) {
            savedList = new int[activeList.length];
        }
        System.arraycopy(activeList, 0, savedList, 0, activeCount);
        savedCount = activeCount;
    }

    void restore() {
        for (int k = 0; k < activeCount; k++) {
            active[activeList[k]] = false;
        }
        if (activeList.length < savedCount) {
            activeList = new int[savedList.length];
        }
        System.arraycopy(savedList, 0, activeList, 0, savedCount);
        activeCount = savedCount;
        for (int k = 0; k < activeCount; k++) {
            active[activeList[k]] = true;
        }
    }

    /** Evaluates bar {@code i} against the zones of the lines in {@code index}, chained with {@code tolerance}. */
    void step(int i, double high, double low, double tolerance, LineIndex index) {
        zones = 0;
        if (index.count() > 0) {
            collect(high, low, tolerance, index);
        }
        int nextCount = 0;
        for (int k = 0; k < zones; k++) {
            int z = order[k];
            if (zCount[z] < p.terminationMinZoneStrength()) {
                continue;
            }
            int type = zAnchor[z] & 1;
            int r = check(type, zLower[z], zUpper[z], high, low);
            int approachDir = type == DrummondLines.RESISTANCE ? 1 : -1;
            if (r == TOUCH) {
                out.add(PatternType.TERMINATION_TOUCH, -approachDir, i, i, zCount[z], i);
            } else if (r == APPROACH) {
                if (!active[zAnchor[z]]) {
                    out.add(PatternType.TERMINATION_APPROACH, approachDir, i, i, zCount[z], i);
                }
                if (nextCount == nextList.length) {
                    nextList = Arrays.copyOf(nextList, nextCount * 2);
                }
                nextList[nextCount++] = zAnchor[z];
            }
        }
        for (int k = 0; k < activeCount; k++) {
            active[activeList[k]] = false;
        }
        int[] t = activeList;
        activeList = nextList;
        nextList = t;
        activeCount = nextCount;
        for (int k = 0; k < activeCount; k++) {
            int a = activeList[k];
            if (a >= active.length) {
                active = Arrays.copyOf(active, Math.max(a + 1, active.length * 2));
            }
            active[a] = true;
        }
    }

    /** §4.6 test of one zone: {@link #TOUCH}, {@link #APPROACH} or {@link #NONE}. */
    int check(int type, double lower, double upper, double high, double low) {
        double centre = (lower + upper) / 2.0;
        double width = upper - lower;
        if (width <= 0) {
            width = 0.01;
        }
        double approach = Math.max(Math.abs(centre) * p.terminationApproachPct(), 2 * width);
        double touch = Math.max(Math.abs(centre) * p.terminationTouchPct(), 0.5 * width);
        double price = type == DrummondLines.RESISTANCE ? high : low;
        if (price >= lower - touch && price <= upper + touch) {
            return TOUCH;
        }
        double distance = type == DrummondLines.RESISTANCE ? lower - high : low - upper;
        return distance > 0 && distance <= approach ? APPROACH : NONE;
    }

    private void collect(double high, double low, double tol, LineIndex index) {
        double[] price = index.prices();
        int seed = index.floor(low);
        if (seed < 0) {
            seed = index.first();
        }
        while (true) {
            int prev = index.prev(seed);
            if (prev < 0 || !DrummondZones.chained(price, prev, seed, tol)) {
                break;
            }
            seed = prev;
        }
        int base = addZone(seed, tol, index, price);
        double wMax = zUpper[base] - zLower[base];
        int down = 0;
        int node = index.prev(zFirst[base]);
        while (node >= 0) {
            int first = node;
            while (true) {
                int prev = index.prev(first);
                if (prev < 0 || !DrummondZones.chained(price, prev, first, tol)) {
                    break;
                }
                first = prev;
            }
            int z = addZone(first, tol, index, price);
            wMax = Math.max(wMax, zUpper[z] - zLower[z]);
            double x = low - zUpper[z];
            if (x > Math.max(Math.abs(low) * p.terminationApproachPct(), 2 * wMax)) {
                zones--;
                break;
            }
            down++;
            node = index.prev(first);
        }
        // zones are stored in discovery order; order[] lists storage slots in ascending price
        ensureOrder(zones + 1);
        int k = 0;
        for (int z = down; z >= 1; z--) {
            order[k++] = base + z;
        }
        order[k++] = base;
        wMax = zUpper[base] - zLower[base];
        node = lastOf(base, tol, index, price);
        node = index.next(node);
        while (node >= 0) {
            int z = addZone(node, tol, index, price);
            wMax = Math.max(wMax, zUpper[z] - zLower[z]);
            double x = zLower[z] - high;
            double pct = p.terminationApproachPct() * 1.01 * (Math.abs(high) + Math.max(0, x) + wMax);
            if (x > Math.max(pct, 2 * wMax)) {
                zones--;
                break;
            }
            ensureOrder(k + 1);
            order[k++] = z;
            node = index.next(lastOf(z, tol, index, price));
        }
        zones = k;
    }

    private int lastOf(int z, double tol, LineIndex index, double[] price) {
        int node = zFirst[z];
        for (int c = 1; c < zCount[z]; c++) {
            node = index.next(node);
        }
        return node;
    }

    private int addZone(int first, double tol, LineIndex index, double[] price) {
        if (zones == zFirst.length) {
            int n = zones * 2;
            zFirst = Arrays.copyOf(zFirst, n);
            zLower = Arrays.copyOf(zLower, n);
            zUpper = Arrays.copyOf(zUpper, n);
            zCount = Arrays.copyOf(zCount, n);
            zAnchor = Arrays.copyOf(zAnchor, n);
        }
        int z = zones++;
        zFirst[z] = first;
        int anchor = first;
        int count = 1;
        int node = first;
        while (true) {
            int next = index.next(node);
            if (next < 0 || !DrummondZones.chained(price, node, next, tol)) {
                break;
            }
            node = next;
            anchor = Math.min(anchor, node);
            count++;
        }
        zLower[z] = price[first];
        zUpper[z] = price[node];
        zCount[z] = count;
        zAnchor[z] = anchor;
        return z;
    }

    private void ensureOrder(int n) {
        if (order.length < n) {
            order = Arrays.copyOf(order, Math.max(n, order.length * 2));
        }
    }

    /**
     * The reference's behaviour, for verification only: every bar is checked against one fixed zone set (in the
     * reference, zones from all lines, future ones included); the zone index is the approach identity.
     */
    static PatternEvents scanFixedZones(PatternParams p, ZoneSet zones, double[] high, double[] low, int bars) {
        PatternEvents events = new PatternEvents();
        TerminationDetector d = new TerminationDetector(p, events);
        boolean[] approaching = new boolean[zones.size()];
        for (int i = 0; i < bars; i++) {
            for (int z = 0; z < zones.size(); z++) {
                if (zones.strength()[z] < p.terminationMinZoneStrength()) {
                    continue;
                }
                int type = zones.type()[z];
                int r = d.check(type, zones.lower()[z], zones.upper()[z], high[i], low[i]);
                int approachDir = type == DrummondLines.RESISTANCE ? 1 : -1;
                if (r == TOUCH) {
                    events.add(PatternType.TERMINATION_TOUCH, -approachDir, i, i, zones.strength()[z], i);
                    approaching[z] = false;
                } else if (r == APPROACH) {
                    if (!approaching[z]) {
                        events.add(PatternType.TERMINATION_APPROACH, approachDir, i, i, zones.strength()[z], i);
                    }
                    approaching[z] = true;
                } else {
                    approaching[z] = false;
                }
            }
        }
        return events;
    }
}
