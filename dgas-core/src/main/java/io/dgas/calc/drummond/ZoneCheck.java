package io.dgas.calc.drummond;

/**
 * The §4.6 test of one zone against one bar (drummond.md): touched when the bar's price of the zone's side (the high
 * for resistance, the low for support) lies within the touch distance of the zone, approached when it lies beyond
 * the zone on the near side within the approach distance.
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

    /** Magnitude below which every price given to {@link #checkFinite} must lie. */
    static final double FINITE_LIMIT = 1e300;

    /**
     * {@link #check} without a branch, for prices of magnitude below {@link #FINITE_LIMIT}, so that no sum, width or
     * distance overflows and no NaN arises: every compare is the sign of a difference (a − b ≥ 0 iff a ≥ b for finite
     * a and b; + 0.0 turns the one −0.0 difference into +0.0) and the side's prices are chosen by a bit mask, since
     * within reach of the bar each outcome is a coin flip. The same result as {@link #check}, whose early exit for a
     * zone out of reach changes no result.
     */
    int checkFinite(int type, double lower, double upper, double high, double low) {
        double centre = Math.abs((lower + upper) / 2.0);
        double width = upper - lower;
        width = width <= 0 ? MIN_WIDTH : width;
        double approach = Math.max(centre * p.terminationApproachPct(), 2 * width);
        double touch = Math.max(centre * p.terminationTouchPct(), 0.5 * width);
        long resistance = type - 1L; // all ones for resistance (0), zero for support (1)
        double price = select(resistance, high, low);
        int touched = atLeast(price, lower - touch) & atLeast(upper + touch, price);
        double distance = select(resistance, lower - high, low - upper);
        int approached = (atLeast(0.0, distance) ^ 1) & atLeast(approach, distance) & (touched ^ 1);
        return touched * TerminationDetector.TOUCH | approached * TerminationDetector.APPROACH;
    }

    /** {@code a} where {@code mask} is all ones, {@code b} where it is zero. */
    private static double select(long mask, double a, double b) {
        return Double.longBitsToDouble(
                (Double.doubleToRawLongBits(a) & mask) | (Double.doubleToRawLongBits(b) & ~mask));
    }

    /** 1 when a ≥ b, else 0, for finite a and b. */
    private static int atLeast(double a, double b) {
        return (int) (Double.doubleToRawLongBits((a - b) + 0.0) >>> 63) ^ 1;
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
