package io.dgas.calc.drummond;

import java.util.Arrays;

/**
 * Termination approach/touch, drummond.md §4.6.
 *
 * <p>Design notes: <b>[C]</b> at bar i only zones built from lines ending at or before bar i count (the caller keeps
 * exactly those lines in the {@link SortedLines}, further limited to the last {@code terminationLookbackBars} bars
 * when that is &gt; 0), chained with the tolerance of bar i. The search is by price: from the zone at the bar's low,
 * zones are walked outward (each walked zone evaluated in full) until no farther zone can qualify — one at distance X
 * needs X ≤ max(pct × |centre|, 2 × width) or a touch, and its width cannot exceed the price span left beyond it, so
 * the walk stops past max(pct × |extreme|, 2/3 × remaining span). The result equals evaluating every zone (a
 * brute-force test checks this). Zones are evaluated in ascending price, as the reference does. A zone is identified
 * across bars by its anchor, its earliest line id, so "one approach event per active approach" survives zones being
 * rebuilt every bar. Buffers grow geometrically and are reused: no allocation per bar in steady state.
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

    /**
     * Evaluates bar {@code i} against the zones of the lines in {@code lines} ({@code price} indexed by line id),
     * chained with {@code tolerance}.
     */
    void step(int i, double high, double low, double tolerance, SortedLines lines, double[] price) {
        zones = 0;
        if (active.length < price.length) {
            active = Arrays.copyOf(active, price.length);
        }
        if (lines.size() > 0) {
            collect(high, low, tolerance, lines);
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
            active[activeList[k]] = true;
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

    private void collect(double high, double low, double tol, SortedLines lines) {
        int n = lines.size();
        int seed = Math.max(0, lines.floor(low));
        int first = seed;
        while (first > 0 && lines.chainedToNext(first - 1, tol)) {
            first--;
        }
        int base = addZone(first, tol, lines);
        // a farther zone must satisfy X ≤ max(pct × |centre|, 2 × width) with width ≤ the span left beyond it
        double minP = lines.price(0);
        double maxP = lines.price(n - 1);
        double pct = p.terminationApproachPct();
        double downBound = Math.max(pct * Math.max(Math.abs(low), Math.abs(minP)), 2.0 / 3.0 * (low - minP));
        double upBound = Math.max(pct * Math.max(Math.abs(high), Math.abs(maxP)), 2.0 / 3.0 * (maxP - high));
        int down = 0;
        int pos = first - 1;
        while (pos >= 0) {
            int z = addZoneEndingAt(pos, tol, lines);
            if (low - zUpper[z] > downBound) {
                zones--;
                break;
            }
            down++;
            pos -= zCount[z];
        }
        // zones are stored in discovery order; order[] lists storage slots in ascending price
        ensureOrder(zones + 1);
        int k = 0;
        for (int z = down; z >= 1; z--) {
            order[k++] = base + z;
        }
        order[k++] = base;
        pos = first + zCount[base];
        while (pos < n) {
            int z = addZone(pos, tol, lines);
            if (zLower[z] - high > upBound) {
                zones--;
                break;
            }
            ensureOrder(k + 1);
            order[k++] = z;
            pos += zCount[z];
        }
        zones = k;
    }

    private int newZone() {
        if (zones == zCount.length) {
            int n = zones * 2;
            zLower = Arrays.copyOf(zLower, n);
            zUpper = Arrays.copyOf(zUpper, n);
            zCount = Arrays.copyOf(zCount, n);
            zAnchor = Arrays.copyOf(zAnchor, n);
        }
        return zones++;
    }

    /** Records the zone starting at position {@code first}, walking up. */
    private int addZone(int first, double tol, SortedLines lines) {
        int z = newZone();
        int anchor = lines.id(first);
        int pos = first;
        int n = lines.size();
        while (pos + 1 < n && lines.chainedToNext(pos, tol)) {
            pos++;
            anchor = Math.min(anchor, lines.id(pos));
        }
        zLower[z] = lines.price(first);
        zUpper[z] = lines.price(pos);
        zCount[z] = pos - first + 1;
        zAnchor[z] = anchor;
        return z;
    }

    /** Records the zone ending at position {@code last}, walking down. */
    private int addZoneEndingAt(int last, double tol, SortedLines lines) {
        int z = newZone();
        int anchor = lines.id(last);
        int pos = last;
        while (pos > 0 && lines.chainedToNext(pos - 1, tol)) {
            pos--;
            anchor = Math.min(anchor, lines.id(pos));
        }
        zLower[z] = lines.price(pos);
        zUpper[z] = lines.price(last);
        zCount[z] = last - pos + 1;
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
