package io.dgas.app.service;

import io.dgas.app.cycle.SymbolAnalyzer;
import io.dgas.app.cycle.SymbolOutcome;
import io.dgas.calc.cache.CalculationCache;
import io.dgas.calc.drummond.Direction;
import io.dgas.calc.drummond.DrummondAnalysis;
import io.dgas.calc.drummond.DrummondLines;
import io.dgas.calc.drummond.MarketState;
import io.dgas.calc.drummond.MtfParams;
import io.dgas.calc.drummond.ReasonText;
import io.dgas.calc.drummond.Signal;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.calc.drummond.ZoneSet;
import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import io.dgas.store.bars.BarColumns;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The analysis of one symbol's newest bars, as the market page draws it: bars, PLdot, envelope, state per bar,
 * Drummond zones and the signal at the latest bar. Bars come through the {@code market_data} query cache
 * ({@link MarketDataService}), analyses through the calculation cache, so repeated views cost neither a query nor a
 * calculation.
 */
public final class AnalysisService {
    private final MarketDataService market;
    private final SymbolAnalyzer analyzer;

    public AnalysisService(MarketDataService market, CalculationCache calculations) {
        this.market = market;
        this.analyzer = new SymbolAnalyzer(MtfParams.defaults(), SignalParams.defaults(), calculations);
    }

    /** One bar with its overlays; {@code null} doubles where the warm-up has no value yet. */
    public record Bar(
            long ts, double o, double h, double l, double c, Double pldot, Double upper, Double lower, String state) {}

    /** A Drummond zone: a price range, its role and the number of lines in it. */
    public record Zone(double lower, double upper, double center, String type, int strength) {}

    /** The signal at the latest bar, with its reason line. */
    public record LatestSignal(
            long ts,
            String type,
            double entry,
            double stop,
            double target,
            double confidence,
            String tier,
            String reason) {}

    /** The latest bar's state and trend, or why there is no signal. */
    public record Latest(String state, String trend, Double confidence, String note) {}

    public record Analysis(
            String symbol,
            String interval,
            String htf,
            List<Bar> bars,
            List<Zone> zones,
            Latest latest,
            LatestSignal signal) {}

    /**
     * The analysis of the newest {@code last} bars of {@code symbol} at {@code tf}, with the signal judged against
     * {@code htf} (its own bars, or the trading bars aggregated when it has none).
     *
     * @throws io.dgas.store.bars.UnknownSymbolException when the symbol does not exist
     */
    public Analysis analyze(String symbol, Timeframe tf, int last, Timeframe htf) {
        BarColumns bars = market.lastBars(symbol, tf, last, false);
        List<Bar> out = new ArrayList<>(bars.size());
        List<Zone> zones = new ArrayList<>();
        Latest latest;
        if (bars.size() < 3) {
            for (int i = 0; i < bars.size(); i++) {
                out.add(bar(bars, i, null, i));
            }
            latest =
                    new Latest(null, null, null, "only " + bars.size() + " " + tf.code() + " bars (at least 3 needed)");
            return new Analysis(symbol, tf.code(), htf.code(), out, zones, latest, null);
        }
        BarSeries series = SymbolAnalyzer.series(bars);
        DrummondAnalysis a = analyzer.analysis(series);
        for (int i = 0; i < bars.size(); i++) {
            out.add(bar(bars, i, a, i));
        }
        ZoneSet z = a.zones();
        for (int i = 0; i < z.size(); i++) {
            zones.add(new Zone(
                    z.lower()[i],
                    z.upper()[i],
                    z.center()[i],
                    z.type()[i] == DrummondLines.RESISTANCE ? "resistance" : "support",
                    z.strength()[i]));
        }
        int n = a.size() - 1;
        // judged as of the newest bar's close: a dashboard of old data still shows what the cycle would have said
        Instant asOf = Instant.ofEpochSecond(bars.ts()[bars.size() - 1] + tf.seconds());
        BarColumns higher = market.lastBars(symbol, htf, last, false);
        SymbolOutcome o = analyzer.analyze(symbol, bars, higher, htf, asOf, Duration.ofDays(36_500));
        Signal s = o.signal();
        latest = new Latest(
                MarketState.codeOf(a.states().state()[n]),
                Direction.code(a.states().direction()[n]),
                finite(a.states().confidence()[n]),
                o.error() != null ? o.error() : s == null ? "no signal at the latest bar" : null);
        LatestSignal signal = s == null
                ? null
                : new LatestSignal(
                        s.ts(),
                        s.type().name().toLowerCase(java.util.Locale.ROOT),
                        s.entry(),
                        s.stop(),
                        s.target(),
                        s.confidence(),
                        s.tier().name().toLowerCase(java.util.Locale.ROOT),
                        ReasonText.of(s));
        return new Analysis(symbol, tf.code(), htf.code(), out, zones, latest, signal);
    }

    /** The timeframe above {@code tf} (the highest is its own). */
    public static Timeframe higherOf(Timeframe tf) {
        Timeframe[] all = Timeframe.values();
        return all[Math.min(tf.ordinal() + 1, all.length - 1)];
    }

    private static Bar bar(BarColumns b, int i, DrummondAnalysis a, int k) {
        return new Bar(
                b.ts()[i],
                b.open()[i],
                b.high()[i],
                b.low()[i],
                b.close()[i],
                a == null ? null : finite(a.pldot()[k]),
                a == null ? null : finite(a.upper()[k]),
                a == null ? null : finite(a.lower()[k]),
                a == null ? null : MarketState.codeOf(a.states().state()[k]));
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
