package io.dgas.app.cycle;

import io.dgas.calc.cache.CalculationCache;
import io.dgas.calc.cache.CalculationKey;
import io.dgas.calc.drummond.Atr;
import io.dgas.calc.drummond.DrummondAnalysis;
import io.dgas.calc.drummond.DrummondAnalyzer;
import io.dgas.calc.drummond.DrummondParams;
import io.dgas.calc.drummond.MtfAnalysis;
import io.dgas.calc.drummond.MtfParams;
import io.dgas.calc.drummond.MultiTimeframe;
import io.dgas.calc.drummond.Signal;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.calc.drummond.SignalStepper;
import io.dgas.calc.drummond.Signals;
import io.dgas.calc.drummond.ZoneSet;
import io.dgas.domain.BarAggregator;
import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import io.dgas.store.bars.BarColumns;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntToDoubleFunction;

/**
 * The per-symbol step of the cycle: bars in, at most one signal out (drummond.md §6–7 at the latest trading bar).
 *
 * <p>The higher timeframe comes from its own bars when the database has them, else from the trading bars aggregated
 * into complete buckets. The multi-timeframe analysis itself only ever uses higher-timeframe bars that are complete at
 * the latest trading bar, so a forming higher bar never leaks in. A series whose newest bar is older than the
 * staleness threshold is flagged and gets no signal: a signal on old data would look current.
 */
public final class SymbolAnalyzer implements SymbolAnalysis {
    private final MtfParams mtf;
    private final SignalParams signals;
    private final CalculationCache cache;
    /** {@link #settings()}: fixed with the parameters, so made once. */
    private final Map<String, Object> settings;

    public SymbolAnalyzer(MtfParams mtf, SignalParams signals) {
        this(mtf, signals, CalculationCache.none());
    }

    /**
     * @param cache single-timeframe analyses by series content: a higher-timeframe series that did not change since
     *     the last cycle is not analysed again
     */
    public SymbolAnalyzer(MtfParams mtf, SignalParams signals, CalculationCache cache) {
        this.mtf = mtf;
        this.signals = signals;
        this.cache = cache;
        this.settings = SignalSettings.of(signals, mtf);
    }

    /** The single-timeframe analysis of {@code s}, through the calculation cache. */
    public DrummondAnalysis analysis(BarSeries s) {
        return cache.get(
                CalculationKey.of(s, "drummond", DrummondParams.defaults()), () -> DrummondAnalyzer.analyze(s));
    }

    @Override
    public Map<String, Object> settings() {
        return settings;
    }

    @Override
    public SymbolOutcome analyze(
            String symbol, BarColumns trading, BarColumns higher, Timeframe htf, Instant asOf, Duration staleAfter) {
        try {
            if (trading.size() < 3) {
                return SymbolOutcome.tooShort(
                        symbol,
                        false,
                        "only " + trading.size() + " " + trading.timeframe() + " bars (at least 3 needed)");
            }
            BarSeries t = series(trading);
            return outcome(
                    symbol,
                    t,
                    higher(t, higher, htf),
                    this::analysis,
                    null,
                    null,
                    null,
                    htf,
                    asOf,
                    staleAfter,
                    m -> {});
        } catch (RuntimeException e) {
            return new SymbolOutcome(symbol, null, false, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * The step for trading bars {@code t} (at least 3) whose single-timeframe analysis {@code a} and its zones at the
     * latest bar ({@code a.zones()}) the caller already has (the dashboard draws them): the analysis is used as it
     * is, the zones too while the confluence's zone window holds every line (else the window's are built:
     * {@link MtfParams#zoneLookbackBars()}); only the higher timeframe is analysed (through the cache). The
     * multi-timeframe analysis the signal was judged on, when it got that far, goes to {@code judgedOn} (the dashboard
     * draws its confluence zones).
     */
    public SymbolOutcome analyze(
            String symbol,
            BarSeries t,
            DrummondAnalysis a,
            ZoneSet zonesAtLatest,
            BarColumns higher,
            Timeframe htf,
            Instant asOf,
            Duration staleAfter,
            Consumer<MtfAnalysis> judgedOn) {
        try {
            return outcome(
                    symbol,
                    t,
                    higher(t, higher, htf),
                    s -> s == t ? a : analysis(s),
                    null,
                    zonesAtLatest,
                    null,
                    htf,
                    asOf,
                    staleAfter,
                    judgedOn);
        } catch (RuntimeException e) {
            return new SymbolOutcome(symbol, null, false, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** The higher timeframe's own bars when it has 3 at least, else the trading bars in complete buckets. */
    private static BarSeries higher(BarSeries t, BarColumns higher, Timeframe htf) {
        long newest = t.ts()[t.size() - 1] + t.timeframe().seconds();
        return higher.size() >= 3 ? series(higher) : BarAggregator.complete(t, htf, newest);
    }

    /** A new signal stepper with this analyzer's settings, for the warm step's {@code stepper}. */
    SignalStepper stepper() {
        return new SignalStepper(mtf, signals);
    }

    /**
     * The step over series already built (at least 3 trading bars), with their single-timeframe analyses from
     * {@code analyses}: the warm path hands in its live ones.
     *
     * @param stepper the signal of these two live analyses at the latest trading bar comes from it, the same signal
     *     as the full analysis' ({@link SignalStepper}: it keeps each timeframe's zone index and builds no zones where
     *     no signal can exist); one from {@link #stepper()} kept for this pair of series (it starts
     *     over when their bar indices go back), or null to judge on the full multi-timeframe analysis
     * @param tradingAtr the trading series' ATR at its last bar by period ({@link Atr#wilder}'s value, bit for bit:
     *     the warm path keeps it per series), or null to compute it over {@code t}
     */
    public SymbolOutcome analyze(
            String symbol,
            BarSeries t,
            BarSeries h,
            Function<BarSeries, DrummondAnalysis> analyses,
            SignalStepper stepper,
            IntToDoubleFunction tradingAtr,
            Timeframe htf,
            Instant asOf,
            Duration staleAfter) {
        return outcome(symbol, t, h, analyses, stepper, null, tradingAtr, htf, asOf, staleAfter, m -> {});
    }

    /** {@code tradingZonesAtLatest}, when not null, is the trading analysis' zones at its latest bar, built already. */
    private SymbolOutcome outcome(
            String symbol,
            BarSeries t,
            BarSeries h,
            Function<BarSeries, DrummondAnalysis> analyses,
            SignalStepper stepper,
            ZoneSet tradingZonesAtLatest,
            IntToDoubleFunction tradingAtr,
            Timeframe htf,
            Instant asOf,
            Duration staleAfter,
            Consumer<MtfAnalysis> judgedOn) {
        try {
            boolean stale = stale(t.ts()[t.size() - 1], t.timeframe(), asOf, staleAfter);
            if (h.size() < 3) {
                return SymbolOutcome.tooShort(
                        symbol, stale, "only " + h.size() + " complete " + htf + " bars (at least 3 needed)");
            }
            if (stale) {
                return new SymbolOutcome(symbol, null, true, null);
            }
            DrummondAnalysis a = analyses.apply(t);
            DrummondAnalysis ha = analyses.apply(h);
            int last = a.size() - 1;
            if (MultiTimeframe.completeHtfIndex(ha, a, last) < 2) {
                return SymbolOutcome.tooShort(symbol, false, "no complete " + htf + " state at the latest bar");
            }
            double atr = tradingAtr == null
                    ? Atr.wilder(t, signals.atrPeriod(), a.size())[last]
                    : tradingAtr.applyAsDouble(signals.atrPeriod());
            if (stepper != null) {
                // only the signal is kept here (no judgedOn): the stepper gives it without the zone records
                return new SymbolOutcome(symbol, stepper.at(ha, a, last, atr), false, null);
            }
            MtfAnalysis m = tradingZonesAtLatest != null
                    ? MultiTimeframe.analyze(ha, a, last, mtf, tradingZonesAtLatest)
                    : MultiTimeframe.analyze(ha, a, last, mtf);
            Signal s = Signals.evaluate(m, ha, a, atr, signals);
            judgedOn.accept(m);
            return new SymbolOutcome(symbol, s, false, null);
        } catch (RuntimeException e) {
            return new SymbolOutcome(symbol, null, false, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * Whether a series whose newest bar opened at {@code lastTs} is stale at {@code asOf}: that bar ended more than
     * {@code staleAfter} before it. The one rule of the cold step and of the warm pool's reuse of an outcome.
     */
    static boolean stale(long lastTs, Timeframe tf, Instant asOf, Duration staleAfter) {
        return asOf.getEpochSecond() - (lastTs + tf.seconds()) > staleAfter.toSeconds();
    }

    /** A columnar bar series from loaded columns. */
    public static BarSeries series(BarColumns c) {
        BarSeries s = new BarSeries(c.symbol(), c.timeframe(), c.size());
        for (int i = 0; i < c.size(); i++) {
            s.append(c.ts()[i], c.open()[i], c.high()[i], c.low()[i], c.close()[i], c.volume()[i]);
        }
        return s;
    }
}
