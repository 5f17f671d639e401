package io.dgas.calc.drummond;

/**
 * Whether a signal can exist at a trading bar, decided without the confluence zones: the bar-by-bar replays
 * ({@link SignalStepper}) skip the zones, the costly part of a step, wherever this says no.
 *
 * <p>Contract: {@link #mayFire} is false only when {@code Signals.evaluate(MultiTimeframe.tryAnalyze(…))} is null,
 * so a caller that returns null on false and runs the full computation on true gives exactly the full result.
 *
 * <p>Design note: the zones reach the signal through the §6 zone bonus (one of 0, 0.08, 0.12, 0.15: no zone, top
 * zone below 2.5, below 4.0, else) and, once the strength is known, through the zone gate and the entry plan. Every
 * other input (states, alignment, permission, HTF strength, recent events and their confluence, ATR) is zone-free. So
 * the gate replays {@link Signals#evaluate}'s null checks for each of the four possible bonuses with the very same
 * functions ({@link MultiTimeframe#strength}, {@code action}, {@code risk}, {@link Signals#type}): a signal is
 * possible only if some bonus passes the strength gate, gives a type, and, for an entry type, has a supporting event
 * and an ATR (a NaN ATR reaches no zone). A bonus of 0 means no zone (the zone gate then needs a minimum weight ≤ 0),
 * 0.08 a strongest zone lighter than 2.5 (every zone spans both timeframes, so the strongest is the heaviest, and the
 * zone gate needs a minimum below 2.5). An HTF direction of 0 gives no type at all.
 */
final class SignalGate {
    private SignalGate() {}

    /**
     * What {@link #mayFire} computed on its way to true, exactly as {@link MultiTimeframe} computes it at the same
     * bar: the recent events of both timeframes and their pattern confluence (so the analysis need not find them
     * again).
     */
    static final class Known {
        int[] recentHtf;
        int[] recentTrading;
        boolean confluence;
    }

    /** False only when no signal exists at trading bar {@code k} whatever the zones; {@code atr} the bar's ATR. */
    static boolean mayFire(
            DrummondAnalysis htf, DrummondAnalysis trading, int k, MtfParams p, SignalParams sp, double atr) {
        return mayFire(htf, trading, k, p, sp, atr, new Known());
    }

    /** {@link #mayFire}; when true, {@code known} holds the recent events and confluence it found. */
    static boolean mayFire(
            DrummondAnalysis htf,
            DrummondAnalysis trading,
            int k,
            MtfParams p,
            SignalParams sp,
            double atr,
            Known known) {
        int j = MultiTimeframe.completeHtfIndex(htf, trading, k);
        if (j < PlDot.WARM_UP || k < PlDot.WARM_UP) {
            return false;
        }
        StateSeries hs = htf.states();
        StateSeries ts = trading.states();
        int hDir = hs.direction()[j];
        if (hDir == 0) {
            return false;
        }
        int tDir = ts.direction()[k];
        double alignment = MultiTimeframe.alignment(
                MarketState.of(hs.state()[j]),
                hDir,
                hs.confidence()[j],
                MarketState.of(ts.state()[k]),
                tDir,
                ts.confidence()[k]);
        boolean permitted = MultiTimeframe.permitted(hDir, tDir, alignment, p);
        if (alignment < sp.minAlignment() || !permitted) {
            return false;
        }
        double htfStrength = MultiTimeframe.htfStrength(hs, j);
        // first see whether the strength gate can pass with the largest zone bonus and the pattern confluence
        double most = MultiTimeframe.ZONE_BONUSES[MultiTimeframe.ZONE_BONUSES.length - 1];
        if (MultiTimeframe.strength(alignment, htfStrength, most, true) < sp.minStrength()) {
            return false;
        }
        int[] recentT = RecentEvents.of(trading.patterns(), k, p.recentPatterns());
        int[] recentH = RecentEvents.of(htf.patterns(), j, p.recentPatterns());
        boolean confluence = PatternConfluence.of(htf, recentH, trading, recentT);
        known.recentHtf = recentH;
        known.recentTrading = recentT;
        known.confluence = confluence;
        MtfAnalysis.AlignmentType type = MultiTimeframe.alignmentType(alignment);
        for (int b = 0; b < MultiTimeframe.ZONE_BONUSES.length; b++) {
            double bonus = MultiTimeframe.ZONE_BONUSES[b];
            // no zone passes a positive minimum weight; a zone lighter than the strong weight fails one at or above it
            if ((b == 0 && sp.minZoneWeight() > 0)
                    || (b == 1 && sp.minZoneWeight() >= MultiTimeframe.STRONG_ZONE_WEIGHT)) {
                continue;
            }
            double strength = MultiTimeframe.strength(alignment, htfStrength, bonus, confluence);
            if (strength < sp.minStrength()) {
                continue;
            }
            MtfAnalysis.Action action = MultiTimeframe.action(permitted, strength, hDir, tDir, type);
            Signal.Type st = Signals.type(action, MultiTimeframe.risk(permitted, strength, htfStrength), hDir);
            if (st == null) {
                continue;
            }
            if (!st.isEntry()) {
                return true;
            }
            int dir = st == Signal.Type.LONG ? 1 : -1;
            if (!Double.isNaN(atr) && Signals.supports(trading.patterns(), recentT, dir, sp.patternStrength(), null)) {
                return true;
            }
        }
        return false;
    }
}
