package io.dgas.calc.drummond;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Signal generation and aggregation, drummond.md §7.
 *
 * <p>Design notes: gate (alignment, strength, permitted, a confluence zone of weighted strength ≥ 2.5); type from
 * the §6 action and the HTF direction; LONG/SHORT need a recent supporting trading event (push, C-wave, refresh or
 * termination touch) in the signal's direction with strength ≥ 2 and an {@link EntryPlan}: <b>[C]</b> the nearest
 * zone on the right side of the close by its role at the close, within entry_reach_atr × ATR(14), entry = min(level,
 * close) for LONG, target capped by the next opposing zone, reward:risk ≥ min_reward_risk, and valid when issued
 * (LONG stop &lt; entry ≤ close &lt; target). ATR is Wilder's ({@link Atr}); while it is warming up (NaN) no entry
 * signal is issued. Every signal carries its {@link SignalReasons}, the expiry {@code expiryBars} and an uncalibrated
 * {@link WinProbability} ({@link CalibrationTable#apply} supplies one). The score (stored as confidence) is the §7
 * formula; tier threshold "zone" is compared with the strongest zone's weighted strength.
 */
public final class Signals {
    private Signals() {}

    /** The signal at the analysed bar of {@code m}, or null; {@code atr} is the trading ATR at that bar. */
    public static Signal evaluate(
            MtfAnalysis m, DrummondAnalysis htf, DrummondAnalysis trading, double atr, SignalParams p) {
        if (m.alignment() < p.minAlignment() || m.signalStrength() < p.minStrength() || !m.tradePermitted()) {
            return null;
        }
        // read by index: the stepper's zones are a ZoneTable, whose records are made only when the list is read
        ZoneRanks zones = ZoneRanks.of(m.zones());
        double topWeight = zones.maxWeight();
        if (topWeight < p.minZoneWeight()) {
            return null;
        }
        Signal.Type type = type(m);
        if (type == null) {
            return null;
        }
        int k = m.tradingIndex();
        double close = trading.series().close()[k];
        EntryPlan plan = null;
        if (type.isEntry()) {
            int dir = type == Signal.Type.LONG ? 1 : -1;
            if (!supports(trading.patterns(), m.recentTradingPatterns(), dir, p.patternStrength(), null)) {
                return null;
            }
            plan = EntryPlan.of(zones, dir, close, atr, p);
            if (plan == null) {
                return null;
            }
        }
        double confidence = 0.30 * m.alignment()
                + (m.patternConfluence() ? 0.20 : 0.10)
                + 0.25 * m.htfStrength()
                + 0.15 * Math.min(zones.size(), 5) / 5.0
                + 0.10 * m.signalStrength();
        confidence = Math.max(0.0, Math.min(1.0, confidence));
        Signal.Tier tier = Signal.Tier.of(m.alignment(), m.signalStrength(), topWeight, m.patternConfluence());
        return new Signal(
                trading.series().symbol(),
                k,
                m.ts(),
                type,
                plan == null ? trading.pldot()[k] : plan.entry(),
                plan == null ? Double.NaN : plan.stop(),
                plan == null ? Double.NaN : plan.target(),
                confidence,
                m.signalStrength(),
                m.alignment(),
                tier,
                m.patternConfluence(),
                p.expiryBars(),
                WinProbability.uncalibrated(0),
                SignalReasons.of(m, htf, trading, close, atr, plan, events(m, trading, plan, type, p), p));
    }

    private static Signal.Type type(MtfAnalysis m) {
        return type(m.action(), m.risk(), m.htfDirection());
    }

    /** The signal type of a §6 action and risk with HTF direction {@code hDir}, or null. */
    static Signal.Type type(MtfAnalysis.Action action, MtfAnalysis.Risk risk, int hDir) {
        if (action == MtfAnalysis.Action.LONG && hDir > 0) {
            return Signal.Type.LONG;
        }
        if (action == MtfAnalysis.Action.SHORT && hDir < 0) {
            return Signal.Type.SHORT;
        }
        if (action == MtfAnalysis.Action.REDUCE || action == MtfAnalysis.Action.WAIT || risk == MtfAnalysis.Risk.HIGH) {
            return hDir > 0 ? Signal.Type.EXIT_SHORT : hDir < 0 ? Signal.Type.EXIT_LONG : null;
        }
        return null;
    }

    private static List<SignalReasons.Event> events(
            MtfAnalysis m, DrummondAnalysis trading, EntryPlan plan, Signal.Type type, SignalParams p) {
        List<SignalReasons.Event> events = new ArrayList<>();
        if (plan != null) {
            int dir = type == Signal.Type.LONG ? 1 : -1;
            supports(trading.patterns(), m.recentTradingPatterns(), dir, p.patternStrength(), events);
        }
        return events;
    }

    /** Whether a recent event supports direction {@code dir}; each one that does is added to {@code out} if given. */
    static boolean supports(PatternEvents e, int[] recent, int dir, int minStrength, List<SignalReasons.Event> out) {
        boolean any = false;
        for (int k : recent) {
            PatternType t = e.type(k);
            boolean kind = t == PatternType.PLDOT_PUSH
                    || t == PatternType.C_WAVE
                    || t == PatternType.PLDOT_REFRESH
                    || t == PatternType.TERMINATION_TOUCH;
            if (kind && e.direction(k) == dir && e.strength(k) >= minStrength) {
                any = true;
                if (out == null) {
                    return true;
                }
                out.add(new SignalReasons.Event(t, dir, e.start(k), e.end(k), e.strength(k)));
            }
        }
        return any;
    }

    /**
     * Signals at every trading bar from the first with a complete HTF state, each using only data known at that bar,
     * then {@link #aggregate aggregated}.
     */
    public static List<Signal> history(DrummondAnalysis htf, DrummondAnalysis trading, MtfParams mp, SignalParams sp) {
        return aggregate(raw(htf, trading, mp, sp, trading.size()), sp.aggregationSeconds());
    }

    /** Unaggregated signals of bars {@code [0, bars)}, in bar order. */
    public static List<Signal> raw(
            DrummondAnalysis htf, DrummondAnalysis trading, MtfParams mp, SignalParams sp, int bars) {
        double[] atr = Atr.wilder(trading.series(), sp.atrPeriod(), bars);
        // the stepper's gate skips the zones where no signal can exist: the same signals (SignalFastPathTest)
        SignalStepper stepper = new SignalStepper(mp, sp);
        List<Signal> out = new ArrayList<>();
        for (int k = PlDot.WARM_UP; k < bars; k++) {
            Signal s = stepper.at(htf, trading, k, atr[k]);
            if (s != null) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * Within each (symbol, type), a signal at most {@code windowSeconds} after the last kept one replaces it only when
     * more confident (otherwise it is dropped); the result is ranked by confidence × strength × alignment, descending
     * (ties: earlier first).
     */
    public static List<Signal> aggregate(List<Signal> chronological, long windowSeconds) {
        Map<String, Integer> lastKept = new HashMap<>();
        List<Signal> kept = new ArrayList<>();
        for (Signal s : chronological) {
            String key = s.symbol() + '\u0000' + s.type();
            Integer at = lastKept.get(key);
            if (at != null && s.ts() - kept.get(at).ts() <= windowSeconds) {
                if (s.confidence() > kept.get(at).confidence()) {
                    kept.set(at, s);
                }
                continue;
            }
            lastKept.put(key, kept.size());
            kept.add(s);
        }
        List<Signal> ranked = new ArrayList<>(kept);
        ranked.sort((a, b) -> Double.compare(b.rank(), a.rank()));
        return ranked;
    }
}
