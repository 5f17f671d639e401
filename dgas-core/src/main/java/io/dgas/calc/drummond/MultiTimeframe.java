package io.dgas.calc.drummond;

import io.dgas.calc.UnableToCalculateException;

/**
 * Multi-timeframe coordination, drummond.md §6.
 *
 * <p>Design notes: <b>[C]</b> the analysis time is trading bar k; the higher-timeframe bar used is the latest one
 * complete when bar k closes (its end ts + duration ≤ ts_k + trading duration), found by binary search, so a forming
 * HTF bar is never used. Every input is restricted to what is known at that time: envelope rows ≤ k (≤ j for the HTF),
 * zones from lines ending ≤ k (≤ j) with that bar's tolerance, events detected by then. <b>[C]</b> Recent patterns
 * are the last N events by end time.
 *
 * <p><b>[C]</b> A line window for the Drummond zones that enter confluence ({@link MtfParams#zoneLookbackBars()},
 * default 100; 0 = every line, the literal rule): each timeframe's zone candidates are built (§5 chaining, that
 * bar's tolerance) only from the lines ending in its last N bars up to its analysed bar (k; j for the HTF), the rule
 * the §4.6 termination zones already follow ({@link PatternParams#terminationLookbackBars()}). A line projects one
 * bar ahead, so a line from years back is a stale level; the live cycle analyses only its lookback (it holds
 * lookback..2 × lookback bars between compactions), so with a fixed window its signals no longer depend on its
 * compaction phase and a backtest over the whole history replays the signals the live cycle would have given; a
 * step costs O(window) instead of O(history); and the §6 top-zone bonus no longer saturates as lines pile up over a
 * long history. The single-timeframe zones ({@link DrummondAnalysis#zonesAt(int)}, the zones file, the dashboard)
 * stay the literal §5 rule: only the confluence candidates are windowed. Scores follow §6 literally; "congestion states" for compatibility are
 * entrance, action and exit. Pattern confluence: same type and direction, with [start ts, end ts + duration) of the
 * two events intersecting.
 */
public final class MultiTimeframe {
    /**
     * Confluence candidates' storage per thread, reused by every call: a call adds a few hundred candidates (every
     * Drummond zone of both timeframes' windows, more with a long or no window), and allocating and zeroing them each time cost more than
     * the sweep over them.
     */
    private static final ThreadLocal<ConfluenceZones> SCRATCH =
            ThreadLocal.withInitial(() -> new ConfluenceZones(0.0, 1024));

    private MultiTimeframe() {}

    /**
     * Coordination at trading bar {@code k}.
     *
     * @throws UnableToCalculateException when no complete higher-timeframe bar with a state exists at that time
     */
    public static MtfAnalysis analyze(DrummondAnalysis htf, DrummondAnalysis trading, int k, MtfParams p) {
        return analyze(htf, trading, k, p, null, null);
    }

    /** Index of the latest HTF bar complete when trading bar {@code k} closes, or -1. */
    public static int completeHtfIndex(DrummondAnalysis htf, DrummondAnalysis trading, int k) {
        long tradingEnd =
                trading.series().ts()[k] + trading.series().timeframe().seconds();
        int j = htf.series()
                .indexAtOrBefore(tradingEnd - htf.series().timeframe().seconds());
        return Math.min(j, htf.size() - 1);
    }

    /**
     * Coordination at trading bar {@code k} with each timeframe's zones from its live {@link ZoneIndex} (one per
     * series, kept across calls): the same result as {@link #analyze(DrummondAnalysis, DrummondAnalysis, int,
     * MtfParams)} without sorting the zone window's lines at every call.
     *
     * @throws UnableToCalculateException when no complete higher-timeframe bar with a state exists at that time
     */
    public static MtfAnalysis analyze(
            DrummondAnalysis htf,
            DrummondAnalysis trading,
            int k,
            MtfParams p,
            ZoneIndex htfZones,
            ZoneIndex tradingZones) {
        return orThrow(tryAnalyze(htf, trading, k, p, htfZones, tradingZones), htf);
    }

    /**
     * Coordination at trading bar {@code k} with the trading timeframe's zones at {@code k} already built
     * ({@code trading.zonesAt(k)}, which a caller that also shows them has in hand): the same result as
     * {@link #analyze(DrummondAnalysis, DrummondAnalysis, int, MtfParams)}, without building them a second time when
     * the zone window holds every line ({@link MtfParams#zoneLookbackBars()} 0 or at least k).
     *
     * @throws UnableToCalculateException when no complete higher-timeframe bar with a state exists at that time
     */
    public static MtfAnalysis analyze(
            DrummondAnalysis htf, DrummondAnalysis trading, int k, MtfParams p, ZoneSet tradingZonesAtK) {
        return orThrow(tryAnalyze(htf, trading, k, p, null, null, tradingZonesAtK, null, null), htf);
    }

    private static MtfAnalysis orThrow(MtfAnalysis m, DrummondAnalysis htf) {
        if (m == null) {
            throw new UnableToCalculateException(
                    htf.series().symbol(),
                    htf.series().timeframe(),
                    "no complete higher-timeframe bar with a market state at the trading bar's time");
        }
        return m;
    }

    /**
     * Like {@link #analyze} but returns null instead of throwing; the zone indexes may be null (each window's zones
     * built by {@link DrummondAnalysis#zonesAt(int, int)}: the reference path).
     */
    static MtfAnalysis tryAnalyze(
            DrummondAnalysis htf,
            DrummondAnalysis trading,
            int k,
            MtfParams p,
            ZoneIndex htfZones,
            ZoneIndex tradingZones) {
        return tryAnalyze(htf, trading, k, p, htfZones, tradingZones, null, null, null);
    }

    /**
     * {@link #tryAnalyze(DrummondAnalysis, DrummondAnalysis, int, MtfParams, ZoneIndex, ZoneIndex)} with the
     * higher timeframe's candidates kept by {@code htfCandidates} across calls (a replay's), both indexes not null,
     * and the recent events and confluence {@code known} from {@link SignalGate#mayFire} at the same bar (or null).
     */
    static MtfAnalysis tryAnalyze(
            DrummondAnalysis htf,
            DrummondAnalysis trading,
            int k,
            MtfParams p,
            ZoneIndex htfZones,
            ZoneIndex tradingZones,
            HtfCandidates htfCandidates,
            SignalGate.Known known) {
        return tryAnalyze(htf, trading, k, p, htfZones, tradingZones, null, htfCandidates, known);
    }

    /**
     * {@code tradingZonesAtK}, when not null, is {@code trading.zonesAt(k)} built by the caller; {@code htfCandidates},
     * when not null, keeps the higher timeframe's candidates ({@code htfZones} then not null).
     */
    private static MtfAnalysis tryAnalyze(
            DrummondAnalysis htf,
            DrummondAnalysis trading,
            int k,
            MtfParams p,
            ZoneIndex htfZones,
            ZoneIndex tradingZones,
            ZoneSet tradingZonesAtK,
            HtfCandidates htfCandidates,
            SignalGate.Known known) {
        int j = completeHtfIndex(htf, trading, k);
        if (j < PlDot.WARM_UP || k < PlDot.WARM_UP) {
            return null;
        }
        StateSeries hs = htf.states();
        StateSeries ts = trading.states();
        MarketState hState = MarketState.of(hs.state()[j]);
        int hDir = hs.direction()[j];
        double hConf = hs.confidence()[j];
        MarketState tState = MarketState.of(ts.state()[k]);
        int tDir = ts.direction()[k];
        double tConf = ts.confidence()[k];

        double htfStrength = htfStrength(hs, j);
        double alignment = alignment(hState, hDir, hConf, tState, tDir, tConf);
        MtfAnalysis.AlignmentType type = alignmentType(alignment);
        boolean permitted = permitted(hDir, tDir, alignment, p);

        double hp = htf.pldot()[j];
        double distance = (trading.pldot()[k] - hp) / hp * 100.0;
        String overlay =
                distance > p.overlayThresholdPct() ? "above" : distance < -p.overlayThresholdPct() ? "below" : "at";

        ZoneTable zones = htfCandidates != null
                ? htfCandidates.zones(htf, j, trading, k, p, htfZones, tradingZones)
                : zones(htf, j, trading, k, p, htfZones, tradingZones, tradingZonesAtK);

        int[] recentH = known != null ? known.recentHtf : RecentEvents.of(htf.patterns(), j, p.recentPatterns());
        int[] recentT =
                known != null ? known.recentTrading : RecentEvents.of(trading.patterns(), k, p.recentPatterns());
        boolean confluence = known != null ? known.confluence : PatternConfluence.of(htf, recentH, trading, recentT);

        double bonus = zoneBonus(zones);
        double strength = strength(alignment, htfStrength, bonus, confluence);
        MtfAnalysis.Risk risk = risk(permitted, strength, htfStrength);
        MtfAnalysis.Action action = action(permitted, strength, hDir, tDir, type);
        return new MtfAnalysis(
                k,
                trading.series().ts()[k],
                j,
                htf.series().ts()[j],
                hState,
                hDir,
                hConf,
                htfStrength,
                tState,
                tDir,
                tConf,
                alignment,
                type,
                permitted,
                distance,
                overlay,
                zones,
                recentH,
                recentT,
                confluence,
                strength,
                risk,
                action);
    }

    /**
     * The confluence zones at trading bar {@code k} (HTF bar {@code j}) built from scratch in this thread's
     * candidates; the indexes and {@code tradingZonesAtK} as {@link #tryAnalyze} takes them.
     */
    static ZoneTable zones(
            DrummondAnalysis htf,
            int j,
            DrummondAnalysis trading,
            int k,
            MtfParams p,
            ZoneIndex htfZones,
            ZoneIndex tradingZones,
            ZoneSet tradingZonesAtK) {
        int rows = p.envelopeRows();
        int window = p.zoneLookbackBars();
        ConfluenceZones cz = SCRATCH.get().reset(p.confluencePct());
        cz.addEnvelope(0, p.htfWeight(), htf.upper(), htf.lower(), htf.pldot(), htf.width(), j - rows + 1, j);
        if (htfZones == null) {
            cz.addZones(0, p.htfWeight(), htf.zonesAt(j, window));
        } else {
            htfZones.addTo(cz, 0, p.htfWeight(), htf, j, window);
        }
        cz.addEnvelope(
                1,
                p.tradingWeight(),
                trading.upper(),
                trading.lower(),
                trading.pldot(),
                trading.width(),
                k - rows + 1,
                k);
        if (tradingZonesAtK != null && DrummondLines.firstInWindow(k, window) == 0) {
            cz.addZones(1, p.tradingWeight(), tradingZonesAtK);
        } else if (tradingZones == null) {
            cz.addZones(1, p.tradingWeight(), trading.zonesAt(k, window));
        } else {
            tradingZones.addTo(cz, 1, p.tradingWeight(), trading, k, window);
        }
        return cz.build();
    }

    /** §6 HTF strength at HTF bar {@code j}. */
    static double htfStrength(StateSeries hs, int j) {
        MarketState hState = MarketState.of(hs.state()[j]);
        int hDir = hs.direction()[j];
        boolean agreeingSlope = hState == MarketState.TREND && hDir != 0 && hs.slopeClass()[j] == hDir;
        return Math.min(
                1.0, Math.min(0.1 * hs.barsInState()[j], 0.4) + 0.4 * hs.confidence()[j] + (agreeingSlope ? 0.2 : 0.0));
    }

    /** §6 alignment score: min(1, direction + state + confidence parts). */
    static double alignment(MarketState hState, int hDir, double hConf, MarketState tState, int tDir, double tConf) {
        double alignment = directionAlignment(hDir, tDir);
        alignment += stateAlignment(hState, tState);
        return Math.min(1.0, alignment + confidenceAlignment(hConf, tConf));
    }

    /** §6 alignment class of an alignment score. */
    static MtfAnalysis.AlignmentType alignmentType(double alignment) {
        return alignment >= 0.8
                ? MtfAnalysis.AlignmentType.PERFECT
                : alignment >= 0.6
                        ? MtfAnalysis.AlignmentType.PARTIAL
                        : alignment >= 0.3
                                ? MtfAnalysis.AlignmentType.DIVERGENT
                                : MtfAnalysis.AlignmentType.CONFLICTING;
    }

    /** §6 risk level. */
    static MtfAnalysis.Risk risk(boolean permitted, double strength, double htfStrength) {
        return !permitted
                ? MtfAnalysis.Risk.HIGH
                : strength >= 0.7 && htfStrength >= 0.6
                        ? MtfAnalysis.Risk.LOW
                        : strength >= 0.5 ? MtfAnalysis.Risk.MEDIUM : MtfAnalysis.Risk.HIGH;
    }

    /** §6 zone bonus of the strongest confluence zone (the first of {@code zones}; none: 0). */
    static double zoneBonus(ZoneRanks zones) {
        int top = zones.first();
        if (top < 0) {
            return 0;
        }
        double w = zones.weight(top);
        return w >= HEAVY_ZONE_WEIGHT
                ? ZONE_BONUSES[3]
                : w >= STRONG_ZONE_WEIGHT
                        ? ZONE_BONUSES[2]
                        : zones.strength(top) >= 2 ? ZONE_BONUSES[1] : ZONE_BONUSES[0];
    }

    /**
     * The top zone's bonuses of §6, lowest first: none, a zone spanning two timeframes, one of weighted strength ≥
     * {@link #STRONG_ZONE_WEIGHT}, one ≥ {@link #HEAVY_ZONE_WEIGHT}. {@link SignalGate} replays each of them.
     */
    static final double[] ZONE_BONUSES = {0.0, 0.08, 0.12, 0.15};

    static final double STRONG_ZONE_WEIGHT = 2.5;
    static final double HEAVY_ZONE_WEIGHT = 4.0;

    /** §6 trade permission: directions equal or HTF neutral, and alignment at the threshold. */
    static boolean permitted(int hDir, int tDir, double alignment, MtfParams p) {
        return (hDir == tDir || hDir == 0) && alignment >= p.alignmentThreshold();
    }

    /**
     * §6 signal strength. Floating-point addition rounds monotonically, so it never decreases as {@code bonus} grows:
     * {@link SignalGate} bounds it with the smallest (0) and largest (0.15) zone bonus.
     */
    static double strength(double alignment, double htfStrength, double bonus, boolean confluence) {
        return Math.min(1.0, 0.4 * alignment + 0.3 * htfStrength + bonus + (confluence ? 0.15 : 0.0));
    }

    /** Direction part of the §6 alignment: 0.5 if equal, else 0.25 if either is neutral, else 0. */
    static double directionAlignment(int hDir, int tDir) {
        return hDir == tDir ? 0.5 : (hDir == 0 || tDir == 0) ? 0.25 : 0.0;
    }

    /** State part of the §6 alignment: 0.2 if equal, else 0.1 if compatible, else 0. */
    static double stateAlignment(MarketState h, MarketState t) {
        return h == t ? 0.2 : compatible(h, t) ? 0.1 : 0.0;
    }

    /** Confidence part of the §6 alignment: 0.3 × mean confidence. */
    static double confidenceAlignment(double hConf, double tConf) {
        return 0.3 * (hConf + tConf) / 2.0;
    }

    private static boolean compatible(MarketState a, MarketState b) {
        boolean trendExit = (a == MarketState.TREND && b == MarketState.CONGESTION_EXIT)
                || (b == MarketState.TREND && a == MarketState.CONGESTION_EXIT);
        return trendExit || (congestion(a) && congestion(b));
    }

    private static boolean congestion(MarketState s) {
        return s == MarketState.CONGESTION_ENTRANCE
                || s == MarketState.CONGESTION_ACTION
                || s == MarketState.CONGESTION_EXIT;
    }

    static MtfAnalysis.Action action(
            boolean permitted, double strength, int hDir, int tDir, MtfAnalysis.AlignmentType type) {
        if (!permitted || strength < 0.4) {
            return MtfAnalysis.Action.WAIT;
        }
        if (hDir == tDir && hDir != 0 && strength >= 0.6) {
            return hDir > 0 ? MtfAnalysis.Action.LONG : MtfAnalysis.Action.SHORT;
        }
        if (strength >= 0.5) {
            if (tDir > 0 && hDir >= 0) {
                return MtfAnalysis.Action.LONG;
            }
            if (tDir < 0 && hDir <= 0) {
                return MtfAnalysis.Action.SHORT;
            }
        }
        return type == MtfAnalysis.AlignmentType.CONFLICTING ? MtfAnalysis.Action.REDUCE : MtfAnalysis.Action.WAIT;
    }
}
