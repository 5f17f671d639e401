package io.dgas.calc.drummond;

/**
 * The §4.6 test of one zone against one bar (drummond.md): touched when the bar's price of the zone's side (the high
 * for resistance, the low for support) lies within the touch distance of the zone, approached when it lies beyond
 * the zone on the near side within the approach distance. {@link #check} is the reference form; {@link #checkFast}
 * gives the same results without a branch for finite prices below {@link #FAST_LIMIT}.
 */
final class ZoneCheck {
    /** Width used for a zone of width ≤ 0 (§4.6). */
    static final double MIN_WIDTH = 0.01;

    private final PatternParams p;

    ZoneCheck(PatternParams p) {
        this.p = p;
    }

    /** §4.6 test of one zone: {@link TerminationDetector#TOUCH}, {@link TerminationDetector#APPROACH} or
     * {@link TerminationDetector#NONE}. */
    int check(int type, double lower, double upper, double high, double low) {
        double centre = (lower + upper) / 2.0;
        double width = upper - lower;
        if (width <= 0) {
            width = 0.01;
        }
        double approach = Math.max(Math.abs(centre) * p.terminationApproachPct(), 2 * width);
        double touch = Math.max(Math.abs(centre) * p.terminationTouchPct(), 0.5 * width);
        // most zones lie beyond the bar's reach on one side, which fails every test below for either type (given
        // low ≤ high and lower ≤ upper): deciding that first keeps the type-dependent tests, whose branches are near
        // coin flips, for the few zones near the bar
        boolean ordered = low <= high && lower <= upper;
        if (ordered
                && (upper + touch < low && low - upper > approach || lower - touch > high && lower - high > approach)) {
            return TerminationDetector.NONE;
        }
        double price = type == DrummondLines.RESISTANCE ? high : low;
        if (price >= lower - touch && price <= upper + touch) {
            return TerminationDetector.TOUCH;
        }
        double distance = type == DrummondLines.RESISTANCE ? lower - high : low - upper;
        return distance > 0 && distance <= approach ? TerminationDetector.APPROACH : TerminationDetector.NONE;
    }

    /**
     * {@link #check} without a branch, for prices whose magnitudes are below {@link #FAST_LIMIT} (so nothing overflows
     * and no NaN arises): its compares are coin flips near the bar, and it runs about 20 times a bar. Each compare
     * {@code a >= b} is the sign bit of {@code (a − b) + 0.0}, exact for finite doubles (a difference has the sign
     * of the exact one and is zero only when the operands are equal; + 0.0 turns the −0.0 of −0.0 − 0.0 into +0.0);
     * a maximum of two non-negative doubles is the maximum of their
     * bits as longs; a select between doubles is a mask on their bits. Same doubles compared as in {@link #check},
     * so the same result.
     */
    int checkFast(int type, double lower, double upper, double high, double low) {
        double centre = Math.abs((lower + upper) / 2.0);
        // ≥ 0 (the caller's lines are sorted); + 0.0 turns −0.0 (from 0.0 and −0.0, equal prices) into +0.0
        long wb = Double.doubleToRawLongBits((upper - lower) + 0.0);
        wb |= ~((wb | -wb) >> 63) & MIN_WIDTH_BITS; // width 0 → 0.01
        double width = Double.longBitsToDouble(wb);
        double approach = maxNonNegative(centre * p.terminationApproachPct(), 2 * width);
        double touch = maxNonNegative(centre * p.terminationTouchPct(), 0.5 * width);
        long resistance = (long) type - 1; // all ones for resistance (0), zero for support (1)
        double price = select(resistance, high, low);
        double distance = select(resistance, lower - high, low - upper);
        long aboveLower = Double.doubleToRawLongBits((price - (lower - touch)) + 0.0);
        long belowUpper = Double.doubleToRawLongBits(((upper + touch) - price) + 0.0);
        long touched = ~(aboveLower | belowUpper) >>> 63;
        long positive = Double.doubleToRawLongBits((0.0 - distance) + 0.0) >>> 63;
        long inReach = ~Double.doubleToRawLongBits((approach - distance) + 0.0) >>> 63;
        return (int) ((touched << 1) | (positive & inReach & ~touched));
    }

    /** Magnitude below which {@link #checkFast} may be used. */
    static final double FAST_LIMIT = 1e300;

    private static final long MIN_WIDTH_BITS = Double.doubleToRawLongBits(MIN_WIDTH);

    private static double maxNonNegative(double a, double b) {
        return Double.longBitsToDouble(Math.max(Double.doubleToRawLongBits(a), Double.doubleToRawLongBits(b)));
    }

    private static double select(long mask, double a, double b) {
        return Double.longBitsToDouble(
                (Double.doubleToRawLongBits(a) & mask) | (Double.doubleToRawLongBits(b) & ~mask));
    }

    /**
     * The reference's behaviour, for verification only: every bar is checked against one fixed zone set (in the
     * reference, zones from all lines, future ones included); the zone index is the approach identity.
     */
    static PatternEvents scanFixedZones(PatternParams p, ZoneSet zones, double[] high, double[] low, int bars) {
        PatternEvents events = new PatternEvents();
        ZoneCheck d = new ZoneCheck(p);
        boolean[] approaching = new boolean[zones.size()];
        for (int i = 0; i < bars; i++) {
            for (int z = 0; z < zones.size(); z++) {
                if (zones.strength()[z] < p.terminationMinZoneStrength()) {
                    continue;
                }
                int type = zones.type()[z];
                int r = d.check(type, zones.lower()[z], zones.upper()[z], high[i], low[i]);
                int approachDir = type == DrummondLines.RESISTANCE ? 1 : -1;
                if (r == TerminationDetector.TOUCH) {
                    events.add(PatternType.TERMINATION_TOUCH, -approachDir, i, i, zones.strength()[z], i);
                    approaching[z] = false;
                } else if (r == TerminationDetector.APPROACH) {
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
