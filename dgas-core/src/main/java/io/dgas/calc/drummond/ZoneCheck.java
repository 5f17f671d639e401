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
