package io.dgas.app.trading;

import io.dgas.calc.drummond.DrummondAnalysis;
import io.dgas.calc.drummond.DrummondParams;
import io.dgas.calc.drummond.IncrementalAnalyzer;
import io.dgas.calc.drummond.MtfParams;
import io.dgas.calc.drummond.Signal;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.calc.drummond.SignalStepper;
import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;

/**
 * One symbol's signal engine as a backtest steps it, with no ledger: its trading bars appended one at a time to an
 * incremental analysis, the higher-timeframe bars whose bucket has ended by the end of each trading bar appended to
 * theirs, a Wilder ATR, and the multi-timeframe {@link SignalStepper} at the new bar. Shared by {@link Backtester} and
 * the signal-engine baseline of {@link BacktestBenchmark}, so both time the very same work. No look-ahead: step i
 * reads nothing after trading bar i's end.
 */
final class SignalFeed {
    private final BarSeries t;
    private final BarSeries h;
    private final long tradingSeconds;
    private final long htfSeconds;
    private final IncrementalAnalyzer ta;
    private final IncrementalAnalyzer ha;
    private final WilderAtr atr;
    private final SignalStepper stepper;
    private int hNext;
    /** Live views, created once both series have the 3 bars an analysis needs (the zone sources key on them). */
    private DrummondAnalysis tView;

    private DrummondAnalysis hView;

    /**
     * @param t trading bars, oldest first
     * @param h complete higher-timeframe bars, oldest first (empty: no signal)
     */
    SignalFeed(BarSeries t, BarSeries h, Timeframe trading, Timeframe htf, MtfParams mtf, SignalParams signals) {
        this.t = t;
        this.h = h;
        this.tradingSeconds = trading.seconds();
        this.htfSeconds = htf.seconds();
        this.ta = new IncrementalAnalyzer(t.symbol(), t.timeframe(), DrummondParams.defaults());
        this.ha = new IncrementalAnalyzer(h.symbol(), h.timeframe(), DrummondParams.defaults());
        this.atr = new WilderAtr(signals.atrPeriod());
        this.stepper = new SignalStepper(mtf, signals);
    }

    /** Appends trading bar {@code i} (the next one) and the higher bars complete by its end; its signal, or null. */
    Signal step(int i) {
        long ts = t.ts()[i];
        ta.append(ts, t.open()[i], t.high()[i], t.low()[i], t.close()[i], t.volume()[i]);
        double a = atr.add(t.high()[i], t.low()[i], t.close()[i]);
        long end = ts + tradingSeconds;
        while (hNext < h.size() && h.ts()[hNext] + htfSeconds <= end) {
            int j = hNext++;
            ha.append(h.ts()[j], h.open()[j], h.high()[j], h.low()[j], h.close()[j], h.volume()[j]);
        }
        // O(zone window) per bar (mtf.zone_lookback_bars): the stepper's zone indexes add the new bars' lines and drop
        // those that left the window; nothing re-reads the history
        if (ha.series().size() < 3 || ta.series().size() < 3) {
            return null;
        }
        if (tView == null) {
            tView = ta.analysis();
        }
        if (hView == null) {
            hView = ha.analysis();
        }
        return stepper.at(hView, tView, tView.size() - 1, a);
    }
}
