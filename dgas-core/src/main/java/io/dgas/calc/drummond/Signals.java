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
 * termination touch) in the signal's direction with strength ≥ 2 and a support/resistance confluence zone of weighted
 * strength ≥ 2.5, the strongest such zone giving entry = level. <b>[C]</b> Stop buffer = max(1.5 × ATR(14) of the
 * trading timeframe, 0.001 × entry); ATR is Wilder's ({@link Atr}); while ATR is still warming up only the 0.001 ×
 * entry floor applies. Tier threshold "zone" is compared with the strongest zone's weighted strength.
 */
public final class Signals {
    private Signals() {}

    /** The signal at the analysed bar, or null. */
    public static Signal evaluate(MtfAnalysis m, DrummondAnalysis trading, double atr, SignalParams p) {
        if (m.alignment() < p.minAlignment() || m.signalStrength() < p.minStrength() || !m.tradePermitted()) {
            return null;
        }
        double topWeight = 0;
        for (ConfluenceZone z : m.zones()) {
            topWeight = Math.max(topWeight, z.weightedStrength());
        }
        if (topWeight < p.minZoneWeight()) {
            return null;
        }
        Signal.Type type = null;
        if (m.action() == MtfAnalysis.Action.LONG && m.htfDirection() > 0) {
            type = Signal.Type.LONG;
        } else if (m.action() == MtfAnalysis.Action.SHORT && m.htfDirection() < 0) {
            type = Signal.Type.SHORT;
        } else if (m.action() == MtfAnalysis.Action.REDUCE
                || m.action() == MtfAnalysis.Action.WAIT
                || m.risk() == MtfAnalysis.Risk.HIGH) {
            type = m.htfDirection() > 0 ? Signal.Type.EXIT_SHORT : m.htfDirection() < 0 ? Signal.Type.EXIT_LONG : null;
        }
        if (type == null) {
            return null;
        }
        double entry;
        double stop = Double.NaN;
        double target = Double.NaN;
        if (type.isEntry()) {
            int dir = type == Signal.Type.LONG ? 1 : -1;
            if (!supportingEvent(trading.patterns(), m.recentTradingPatterns(), dir, p.patternStrength())) {
                return null;
            }
            int zoneType = dir > 0 ? ConfluenceZone.SUPPORT : ConfluenceZone.RESISTANCE;
            ConfluenceZone zone = null;
            for (ConfluenceZone z : m.zones()) {
                if (z.type() == zoneType && z.weightedStrength() >= p.minZoneWeight()) {
                    zone = z;
                    break;
                }
            }
            if (zone == null) {
                return null;
            }
            entry = zone.level();
            double buffer = Math.max(Double.isNaN(atr) ? 0 : p.stopMultiplier() * atr, 0.001 * Math.abs(entry));
            if (dir > 0) {
                stop = zone.lower() - buffer;
                target = entry + p.rewardRisk() * (entry - stop);
            } else {
                stop = zone.upper() + buffer;
                target = entry - p.rewardRisk() * (stop - entry);
            }
        } else {
            entry = trading.pldot()[m.tradingIndex()];
        }
        double confidence = 0.30 * m.alignment()
                + (m.patternConfluence() ? 0.20 : 0.10)
                + 0.25 * m.htfStrength()
                + 0.15 * Math.min(m.zones().size(), 5) / 5.0
                + 0.10 * m.signalStrength();
        confidence = Math.max(0.0, Math.min(1.0, confidence));
        Signal.Tier tier = Signal.Tier.of(m.alignment(), m.signalStrength(), topWeight, m.patternConfluence());
        return new Signal(
                trading.series().symbol(),
                m.tradingIndex(),
                m.ts(),
                type,
                entry,
                stop,
                target,
                confidence,
                m.signalStrength(),
                m.alignment(),
                tier,
                m.patternConfluence());
    }

    private static boolean supportingEvent(PatternEvents e, int[] recent, int dir, int minStrength) {
        for (int k : recent) {
            PatternType t = e.type(k);
            boolean kind = t == PatternType.PLDOT_PUSH
                    || t == PatternType.C_WAVE
                    || t == PatternType.PLDOT_REFRESH
                    || t == PatternType.TERMINATION_TOUCH;
            if (kind && e.direction(k) == dir && e.strength(k) >= minStrength) {
                return true;
            }
        }
        return false;
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
        MultiTimeframe.ZoneSource htfZones = new MultiTimeframe.ZoneSource();
        MultiTimeframe.ZoneSource tradingZones = new MultiTimeframe.ZoneSource();
        List<Signal> out = new ArrayList<>();
        for (int k = PlDot.WARM_UP; k < bars; k++) {
            MtfAnalysis m = MultiTimeframe.tryAnalyze(htf, trading, k, mp, htfZones, tradingZones);
            if (m == null) {
                continue;
            }
            Signal s = evaluate(m, trading, atr[k], sp);
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
