package io.dgas.bench;

import io.dgas.calc.drummond.Atr;
import io.dgas.calc.drummond.DrummondAnalysis;
import io.dgas.calc.drummond.DrummondAnalyzer;
import io.dgas.calc.drummond.MtfAnalysis;
import io.dgas.calc.drummond.MtfParams;
import io.dgas.calc.drummond.MultiTimeframe;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.calc.drummond.Signals;
import io.dgas.domain.BarAggregator;
import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Per symbol with 1,000 trading (1h) bars and their 4h aggregation: both analyses + MTF coordination + signal at the
 * latest bar ({@code mtfAndSignalLatest}), and the signal history over every bar ({@code signalHistory}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MtfSignalBenchmark {
    private BarSeries trading;
    private BarSeries htf;
    private DrummondAnalysis t;
    private DrummondAnalysis h;

    @Setup
    public void setup() {
        trading = BenchData.series(1000, 7);
        htf = BarAggregator.complete(trading, Timeframe.H4);
        t = DrummondAnalyzer.analyze(trading);
        h = DrummondAnalyzer.analyze(htf);
    }

    @Benchmark
    public Object mtfAndSignalLatest() {
        DrummondAnalysis ta = DrummondAnalyzer.analyze(trading);
        DrummondAnalysis ha = DrummondAnalyzer.analyze(htf);
        int k = trading.size() - 1;
        MtfAnalysis m = MultiTimeframe.analyze(ha, ta, k, MtfParams.defaults());
        double atr = Atr.wilder(trading, 14, trading.size())[k];
        Object s = Signals.evaluate(m, ha, ta, atr, SignalParams.defaults());
        return s == null ? m : s;
    }

    @Benchmark
    public Object signalHistory() {
        return Signals.history(h, t, MtfParams.defaults(), SignalParams.defaults());
    }
}
