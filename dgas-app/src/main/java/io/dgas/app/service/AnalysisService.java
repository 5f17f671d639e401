package io.dgas.app.service;

import io.dgas.app.cycle.SymbolAnalyzer;
import io.dgas.app.cycle.SymbolOutcome;
import io.dgas.calc.cache.CalculationCache;
import io.dgas.calc.drummond.ConfluenceZone;
import io.dgas.calc.drummond.Direction;
import io.dgas.calc.drummond.DrummondAnalysis;
import io.dgas.calc.drummond.DrummondParams;
import io.dgas.calc.drummond.MarketState;
import io.dgas.calc.drummond.MtfParams;
import io.dgas.calc.drummond.PatternEvents;
import io.dgas.calc.drummond.PatternType;
import io.dgas.calc.drummond.ReasonText;
import io.dgas.calc.drummond.Signal;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.calc.drummond.ZoneRole;
import io.dgas.calc.drummond.ZoneSet;
import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import io.dgas.store.bars.BarColumns;
import io.dgas.store.cache.QueryCache;
import io.dgas.store.cache.RegionSpec;
import io.dgas.store.runs.SignalQuery;
import io.dgas.store.runs.SignalWrites;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The analysis of one symbol's newest bars, as the market page draws it: bars, PLdot, envelope, state per bar,
 * Drummond zones and the signal at the latest bar. Bars come through the {@code market_data} query cache
 * ({@link MarketDataService}), analyses through the calculation cache, and the finished answer through the
 * {@code dashboard} query cache ({@code analysis:SYMBOL:…}, dropped when any series of the symbol changes or a run is
 * stored), so repeated views cost neither a query nor a calculation.
 */
public final class AnalysisService {
    /** Zones an analysis carries at most (the strongest). */
    public static final int MAX_ZONES = 8;

    /** Confluence zones drawn at most. */
    public static final int MAX_CONFLUENCE = 4;

    /** The PLdot displacement of the analyses served (the engine's default parameters, as the cycle uses). */
    private static final int DISPLACEMENT = DrummondParams.defaults().displacement();

    private final MarketDataService market;
    private final SignalsService signals;
    private final SignalParams params;
    private final SymbolAnalyzer analyzer;
    /** The analyzer's settings as the calibration read takes them, made once (not per request). */
    private final String settingsJson;

    private final QueryCache answers;

    /**
     * @param mtf the multi-timeframe parameters (the configured ones)
     * @param params the signal parameters (the configured {@code signals.*}), so the signal computed at the latest bar
     *     is the one a cycle would store
     * @param answers the cache of finished answers ({@link QueryCache#NONE}: each call analyses, through the
     *     calculation cache)
     */
    public AnalysisService(
            MarketDataService market,
            SignalsService signals,
            CalculationCache calculations,
            MtfParams mtf,
            SignalParams params,
            QueryCache answers) {
        this.market = market;
        this.signals = signals;
        this.params = params;
        this.analyzer = new SymbolAnalyzer(mtf, params, calculations);
        this.settingsJson = io.dgas.store.runs.SignalOutcomes.settingsJson(analyzer.settings());
        this.answers = answers;
    }

    /** One bar with its overlays; {@code null} doubles where the warm-up has no value yet. */
    public record Bar(
            long ts, double o, double h, double l, double c, Double pldot, Double upper, Double lower, String state) {}

    /** A Drummond zone: a price range, its role by price (support, resistance, at price) and its number of lines. */
    public record Zone(double lower, double upper, double center, String type, int strength) {}

    /**
     * A multi-timeframe confluence zone (drummond.md §6) of the analysis the signal was judged on.
     *
     * @param type its role by price at the newest close (support, resistance, at price), as signals use it
     * @param kind the kind of the levels clustered (resistance, support, pivot)
     * @param timeframes distinct timeframes in it
     * @param weight its weighted strength
     */
    public record Confluence(
            double lower, double upper, double level, String type, String kind, int timeframes, double weight) {}

    /**
     * The latest signal: {@code computed} at the latest bar (with its reason line), else the newest {@code stored} one
     * of this series within the bars (stop and target null for exits). [C] With its win probability and Wilson lower
     * bound (null: uncalibrated), expiry in bars and reasons (a JSON object; {@code []} for signals stored before
     * reasons were kept), the decided outcomes its probability rests on and when an unfilled entry lapses, and
     * whether those are of signals made with the same settings ({@code settings}) or with any ({@code all}).
     */
    public record LatestSignal(
            String source,
            long ts,
            String type,
            double entry,
            Double stop,
            Double target,
            double confidence,
            String tier,
            String reason,
            Double probability,
            Double probabilityLower,
            Integer expiryBars,
            @com.fasterxml.jackson.annotation.JsonRawValue String reasons,
            int calibrationDecided,
            Instant expiresAt,
            String calibrationScope) {}

    /** The latest bar's state and trend, or why there is no signal. */
    public record Latest(String state, String trend, Double confidence, String note) {}

    /**
     * A pattern event of drummond.md §4 (not the termination approaches and touches, a few every bar: the zones show
     * those levels), as of the bar it was detected at.
     *
     * @param type {@code pldot_push}, {@code pldot_refresh}, {@code exhaust}, {@code c_wave} or {@code
     *     congestion_oscillation}
     * @param direction +1, −1 or 0 (§4: the direction the pattern points the market)
     * @param start its first bar's time (epoch seconds)
     * @param end its last bar's time (epoch seconds)
     */
    public record Pattern(String type, int direction, long start, long end, int strength) {}

    /**
     * @param displacement how many bars ahead of its bar each PLdot (and its envelope) is plotted (drummond.md §1)
     */
    public record Analysis(
            String symbol,
            String interval,
            String htf,
            Integer displacement,
            List<Bar> bars,
            List<Zone> zones,
            List<Confluence> confluence,
            List<Pattern> patterns,
            Latest latest,
            LatestSignal signal) {}

    /**
     * The trading timeframe of an analysis asked for without one: {@code wanted} when the symbol has bars of it, else
     * the symbol's own stored timeframe nearest to it that has a pair, as the cycle analyses it (AAPL's daily bars: 1d,
     * where 1h found none; weekly bars alone: 1w); {@link io.dgas.store.bars.UnknownSymbolException} for an unknown
     * symbol.
     */
    public Timeframe intervalFor(String symbol, Timeframe wanted) {
        List<Timeframe> stored = market.symbol(symbol).series().stream()
                .map(s -> Timeframe.parse(s.timeframe()))
                .sorted(java.util.Comparator.comparingLong(Timeframe::seconds))
                .toList();
        Timeframe own =
                stored.contains(wanted) ? wanted : io.dgas.app.cycle.OwnTimeframes.nearestOrAlone(stored, wanted);
        return own == null ? wanted : own;
    }

    /**
     * The analysis of the newest {@code last} bars of {@code symbol} at {@code tf}, with the signal judged against
     * {@code htf} (its own bars, or the trading bars aggregated when it has none); with {@code htf} null (weekly bars,
     * which no timeframe pairs over) the bars are analysed alone: no confluence, no signal computed, the newest stored
     * one shown.
     *
     * @throws io.dgas.store.bars.UnknownSymbolException when the symbol does not exist
     * @throws BadInputException when {@code htf} is not a whole multiple of {@code tf}
     */
    public Analysis analyze(String symbol, Timeframe tf, int last, Timeframe htf) {
        if (htf != null) {
            requireHigher(tf, htf);
        }
        return answers.get(
                RegionSpec.DASHBOARD,
                "analysis:" + symbol + ":" + tf.code() + ":" + last + ":" + (htf == null ? "-" : htf.code()),
                () -> compute(symbol, tf, last, htf));
    }

    private Analysis compute(String symbol, Timeframe tf, int last, Timeframe htf) {
        BarColumns bars = market.lastBars(symbol, tf, last, false);
        List<Bar> out = new ArrayList<>(bars.size());
        List<Zone> zones = new ArrayList<>();
        Latest latest;
        if (bars.size() < 3) {
            for (int i = 0; i < bars.size(); i++) {
                out.add(bar(bars, i, null));
            }
            latest =
                    new Latest(null, null, null, "only " + bars.size() + " " + tf.code() + " bars (at least 3 needed)");
            return new Analysis(
                    symbol, tf.code(), code(htf), DISPLACEMENT, out, zones, List.of(), List.of(), latest, null);
        }
        BarSeries series = SymbolAnalyzer.series(bars);
        DrummondAnalysis a = analyzer.analysis(series);
        for (int i = 0; i < bars.size(); i++) {
            out.add(bar(bars, i, a));
        }
        ZoneSet all = a.zones();
        Shown shown = Shown.of(bars);
        zones.addAll(strongestZones(all, shown));
        if (htf == null) {
            latest = latest(
                    a,
                    tf.code() + " bars analysed alone: no higher timeframe pairs over them, so no signal is computed");
            LatestSignal stored = stored(symbol, tf, Instant.ofEpochSecond(bars.ts()[0]));
            return new Analysis(
                    symbol, tf.code(), null, DISPLACEMENT, out, zones, List.of(), patterns(a, bars), latest, stored);
        }
        // judged as of the newest bar's close: a dashboard of old data still shows what the cycle would have said
        Instant asOf = Instant.ofEpochSecond(bars.ts()[bars.size() - 1] + tf.seconds());
        BarColumns higher = market.lastBars(symbol, htf, last, false);
        // the trading analysis drawn above is the one the signal is judged on, built once per request; so are its zones
        // while the confluence's zone window (mtf.zone_lookback_bars) holds every line drawn
        List<Confluence> confluence = new ArrayList<>();
        SymbolOutcome o = analyzer.analyze(
                symbol,
                series,
                a,
                all,
                higher,
                htf,
                asOf,
                Duration.ofDays(36_500),
                m -> confluence.addAll(nearestConfluence(m.zones(), shown)));
        Signal s = o.signal() == null ? null : signals.calibrated(o.signal(), params.minCalibrated(), settingsJson);
        latest = latest(a, o.error() != null ? o.error() : s == null ? "no signal at the latest bar" : null);
        LatestSignal signal = s == null
                ? stored(symbol, tf, Instant.ofEpochSecond(bars.ts()[0]))
                : new LatestSignal(
                        "computed",
                        s.ts(),
                        s.type().name().toLowerCase(Locale.ROOT),
                        s.entry(),
                        s.stop(),
                        s.target(),
                        s.confidence(),
                        s.tier().name().toLowerCase(Locale.ROOT),
                        ReasonText.of(s),
                        s.probability().calibrated() ? s.probability().rate() : null,
                        s.probability().calibrated() ? s.probability().lowerBound() : null,
                        s.expiryBars() == Signal.NO_EXPIRY ? null : s.expiryBars(),
                        io.dgas.calc.format.ReasonsJson.of(s),
                        s.probability().decided(),
                        s.expiryBars() == Signal.NO_EXPIRY ? null : SignalWrites.expiresAt(s, tf),
                        s.probability().scope());
        return new Analysis(
                symbol, tf.code(), htf.code(), DISPLACEMENT, out, zones, confluence, patterns(a, bars), latest, signal);
    }

    /** The state, trend and confidence at the analysis' newest bar, with {@code note}. */
    private static Latest latest(DrummondAnalysis a, String note) {
        int n = a.size() - 1;
        return new Latest(
                MarketState.codeOf(a.states().state()[n]),
                Direction.code(a.states().direction()[n]),
                finite(a.states().confidence()[n]),
                note);
    }

    private static String code(Timeframe tf) {
        return tf == null ? null : tf.code();
    }

    /** The pattern events of the analysed bars but the termination ones, in detection order. */
    static List<Pattern> patterns(DrummondAnalysis a, BarColumns bars) {
        PatternEvents e = a.patterns();
        long[] ts = bars.ts();
        List<Pattern> out = new ArrayList<>();
        for (int k = 0; k < e.size(); k++) {
            PatternType t = e.type(k);
            if (t != PatternType.TERMINATION_APPROACH && t != PatternType.TERMINATION_TOUCH) {
                out.add(new Pattern(
                        t.name().toLowerCase(Locale.ROOT),
                        e.direction(k),
                        ts[e.start(k)],
                        ts[e.end(k)],
                        e.strength(k)));
            }
        }
        return out;
    }

    /** The newest stored signal of {@code symbol} at {@code tf} from {@code since} on, or null. */
    private LatestSignal stored(String symbol, Timeframe tf, Instant since) {
        // its bars were just read, so the symbol exists: no statement to check it
        return signals
                .signalsOfKnownSymbol(new SignalQuery(symbol, tf.code(), since, null, null, 1, 0))
                .items()
                .stream()
                .findFirst()
                .map(x -> new LatestSignal(
                        "stored",
                        x.ts().getEpochSecond(),
                        x.type(),
                        x.entry(),
                        x.stop(),
                        x.target(),
                        x.confidence(),
                        x.tier(),
                        SignalsService.reasonLine(x.reasons()),
                        x.winProbability(),
                        x.winProbabilityLower(),
                        x.expiryBars(),
                        x.reasons(),
                        x.calibrationDecided(),
                        x.expiresAt(),
                        x.calibrationScope()))
                .orElse(null);
    }

    /** The shown bars' price range and newest close: zones outside the range are not drawn, roles are by the close. */
    record Shown(double lo, double hi, double close) {
        static Shown of(BarColumns bars) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < bars.size(); i++) {
                lo = Math.min(lo, bars.low()[i]);
                hi = Math.max(hi, bars.high()[i]);
            }
            return new Shown(lo, hi, bars.close()[bars.size() - 1]);
        }

        boolean overlaps(double lower, double upper) {
            return upper >= lo && lower <= hi;
        }
    }

    /**
     * The {@link #MAX_ZONES} zones with the most lines among those overlapping the bars' price range, by price: a
     * long series has hundreds of zones, and a chart of all of them shows none.
     */
    static List<Zone> strongestZones(ZoneSet z, Shown r) {
        List<Zone> in = new ArrayList<>();
        for (int i = 0; i < z.size(); i++) {
            if (r.overlaps(z.lower()[i], z.upper()[i])) {
                in.add(new Zone(
                        z.lower()[i],
                        z.upper()[i],
                        z.center()[i],
                        // the role by price at the newest close (drummond.md §7 [C]), as signals use it
                        ZoneRole.of(z.lower()[i], z.upper()[i], r.close()).label(),
                        z.strength()[i]));
            }
        }
        return in.stream()
                .sorted(java.util.Comparator.comparingInt(Zone::strength).reversed())
                .limit(MAX_ZONES)
                .sorted(java.util.Comparator.comparingDouble(Zone::lower))
                .toList();
    }

    /**
     * The {@link #MAX_CONFLUENCE} confluence zones nearest the newest close (a zone holding it first), by price: the
     * signal's entry zone and the zone that caps its target are the near ones (drummond.md §7 [C]), where the
     * strongest of the history may lie far from any trade.
     */
    static List<Confluence> nearestConfluence(List<ConfluenceZone> zones, Shown r) {
        double c = r.close();
        return zones.stream()
                .filter(z -> r.overlaps(z.lower(), z.upper()))
                .sorted(java.util.Comparator.comparingDouble(
                        (ConfluenceZone z) -> Math.max(0, Math.max(z.lower() - c, c - z.upper()))))
                .limit(MAX_CONFLUENCE)
                .map(z -> new Confluence(
                        z.lower(),
                        z.upper(),
                        z.level(),
                        z.role(c).label(),
                        z.typeCode(),
                        z.strength(),
                        z.weightedStrength()))
                .sorted(java.util.Comparator.comparingDouble(Confluence::lower))
                .toList();
    }

    /**
     * Refuses a higher timeframe that cannot pair with the trading one ({@link Timeframe#isHigherOver}: 4h over 1d, 1h
     * over 1h), naming {@code htf} and the timeframes that would do.
     *
     * @throws BadInputException when {@code htf} is not coarser than and a whole multiple of {@code tf}
     */
    public static void requireHigher(Timeframe tf, Timeframe htf) {
        requireHigher(tf, htf, "htf", htf.code(), "");
    }

    /**
     * {@link #requireHigher(Timeframe, Timeframe)} for a higher timeframe that came from {@code parameter} set to
     * {@code value} (a file of higher-timeframe bars), its message beginning with {@code prefix}.
     *
     * @throws BadInputException naming {@code parameter} and {@code value} when {@code htf} does not pair with {@code
     *     tf}
     */
    public static void requireHigher(Timeframe tf, Timeframe htf, String parameter, String value, String prefix) {
        try {
            htf.requireHigherOver(tf);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(parameter, value, prefix + e.getMessage(), codes(tf.highers()));
        }
    }

    /**
     * The higher timeframe paired with {@code tf} when none is given ({@link Timeframe#defaultHigher}: 1h with 4h).
     *
     * @param parameter the parameter {@code tf} came from, named when it is 1w, which has no higher timeframe
     * @throws BadInputException for 1w
     */
    public static Timeframe defaultHigher(Timeframe tf, String parameter) {
        return tf.defaultHigher()
                .orElseThrow(() -> new BadInputException(
                        parameter,
                        tf.code(),
                        tf + " is the coarsest timeframe: no higher one can pair with it",
                        codes(Arrays.stream(Timeframe.values())
                                .filter(t -> t.defaultHigher().isPresent())
                                .toList())));
    }

    /**
     * The higher timeframe of a request: {@code htf} when given; else, when a trading timeframe was given, its default
     * pair ({@link #defaultHigher}, naming {@code trading} for 1w); else {@code configured}. The one rule of the CLI's
     * commands and the cycle.
     */
    public static Timeframe higherFor(Timeframe htf, Timeframe givenTrading, Timeframe configured) {
        return htf != null ? htf : givenTrading != null ? defaultHigher(givenTrading, "trading") : configured;
    }

    private static List<String> codes(List<Timeframe> tfs) {
        return tfs.stream().map(Timeframe::code).toList();
    }

    private static Bar bar(BarColumns b, int i, DrummondAnalysis a) {
        return new Bar(
                b.ts()[i],
                b.open()[i],
                b.high()[i],
                b.low()[i],
                b.close()[i],
                a == null ? null : finite(a.pldot()[i]),
                a == null ? null : finite(a.upper()[i]),
                a == null ? null : finite(a.lower()[i]),
                a == null ? null : MarketState.codeOf(a.states().state()[i]));
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
