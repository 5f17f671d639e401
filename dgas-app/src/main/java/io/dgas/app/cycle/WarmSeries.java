package io.dgas.app.cycle;

import io.dgas.calc.drummond.Atr;
import io.dgas.calc.drummond.DrummondAnalysis;
import io.dgas.calc.drummond.DrummondParams;
import io.dgas.calc.drummond.IncrementalAnalyzer;
import io.dgas.domain.BarSeries;
import io.dgas.store.bars.BarColumns;
import io.dgas.store.bars.SpanRows;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One (symbol, timeframe) series kept analysed across cycles. It holds the bars from its window start on: at a rebuild
 * the newest {@code window} bars, growing by appends until it holds {@code 2 × window}, when it is rebuilt in memory
 * from its newest {@code window} bars (exactly what a rebuild from the database would load). State is therefore
 * O(window), and the cost per new bar is amortised O(1) bar analyses.
 *
 * <p>The contract: {@link #analysis()} equals a full {@code DrummondAnalyzer.analyze} over {@link #series()}, which
 * equals the stored bars from {@link #firstTs()} on, provided every change older than {@link #lastTs()} was reported
 * (the caller rebuilds such a series). Not thread-safe: a cycle touches a series from one batch at a time.
 */
final class WarmSeries {
    /** Source of {@link #indexing}: unique over the process. */
    private static final AtomicLong INDEXINGS = new AtomicLong();

    private final int window;
    /** Unique to this series and its bar indices: new at each compaction, which moves every bar's index back. */
    private long indexing = INDEXINGS.incrementAndGet();

    private IncrementalAnalyzer inc;

    /** Wilder's ATR per bar ({@link Atr#wilder} over the series) for {@link #atrPeriod}: bars [0, atrValid). */
    private double[] atr = new double[0];

    private int atrPeriod = -1;
    private int atrValid;

    private WarmSeries(int window, IncrementalAnalyzer inc) {
        this.window = window;
        this.inc = inc;
    }

    /** A series rebuilt from (at most) its newest {@code window} stored bars. */
    static WarmSeries of(BarColumns newest, int window) {
        return new WarmSeries(window, IncrementalAnalyzer.of(SymbolAnalyzer.series(newest), DrummondParams.defaults()));
    }

    int window() {
        return window;
    }

    int size() {
        return inc.series().size();
    }

    long firstTs() {
        return inc.series().ts()[0];
    }

    long lastTs() {
        return inc.series().ts()[size() - 1];
    }

    /**
     * Catches up with the stored bars from {@link #lastTs()} on (oldest first): a revised last bar is replaced, newer
     * ones appended.
     *
     * @return false when the bars do not continue this series (the last bar was deleted, or nothing is held): the
     *     caller must rebuild
     */
    boolean apply(BarColumns fresh) {
        return apply(
                fresh.ts(), fresh.open(), fresh.high(), fresh.low(), fresh.close(), fresh.volume(), 0, fresh.size());
    }

    /** As {@link #apply(BarColumns)} with request {@code i}'s rows of a span read. */
    boolean apply(SpanRows rows, int i) {
        return apply(
                rows.ts(),
                rows.open(),
                rows.high(),
                rows.low(),
                rows.close(),
                rows.volume(),
                rows.start(i),
                rows.count(i));
    }

    /** As {@link #apply(BarColumns)} with the {@code n} rows of the columns from index {@code from}. */
    private boolean apply(long[] ts, double[] o, double[] h, double[] l, double[] c, double[] v, int from, int n) {
        if (size() == 0 || n == 0 || ts[from] != lastTs()) {
            return false;
        }
        if (!sameAsLast(o[from], h[from], l[from], c[from], v[from])) {
            atrValid = Math.min(atrValid, size() - 1);
            inc.replaceLast(ts[from], o[from], h[from], l[from], c[from], v[from]);
        }
        for (int i = from + 1; i < from + n; i++) {
            inc.append(ts[i], o[i], h[i], l[i], c[i], v[i]);
            if (size() >= 2 * window) {
                compact();
            }
        }
        return true;
    }

    /** The bars analysed (live; do not modify). */
    BarSeries series() {
        return inc.series();
    }

    DrummondAnalysis analysis() {
        return inc.analysis();
    }

    /**
     * Wilder's ATR at the last bar, equal to {@code Atr.wilder(series(), period, size())[size() - 1]} bit for bit:
     * the values of earlier bars are kept, so a cycle computes only the bars added or replaced since the last call.
     */
    double atr(int period) {
        int n = size();
        if (period != atrPeriod) {
            atrPeriod = period;
            atrValid = 0;
        }
        if (atr.length < n) {
            atr = Arrays.copyOf(atr, Math.max(n, 2 * window));
        }
        Atr.extend(inc.series(), period, atr, atrValid, n);
        atrValid = n;
        return atr[n - 1];
    }

    /**
     * Equal values, same series with the same bar indices: unique to this series (another or a rebuilt one never has
     * it) and new after each in-memory compaction, while appends and a replaced last bar keep it. What was kept by
     * bar index across cycles (a {@link io.dgas.calc.drummond.SignalStepper}) is valid while it stays the same; a
     * number rather than the series itself, so what keeps it does not keep a dropped series alive.
     */
    long indexing() {
        return indexing;
    }

    private boolean sameAsLast(double o, double h, double l, double c, double v) {
        BarSeries s = inc.series();
        int n = s.size() - 1;
        return s.open()[n] == o && s.high()[n] == h && s.low()[n] == l && s.close()[n] == c && s.volume()[n] == v;
    }

    private void compact() {
        BarSeries s = inc.series();
        BarSeries tail = new BarSeries(s.symbol(), s.timeframe(), 2 * window);
        for (int i = s.size() - window; i < s.size(); i++) {
            tail.append(s.ts()[i], s.open()[i], s.high()[i], s.low()[i], s.close()[i], s.volume()[i]);
        }
        inc = IncrementalAnalyzer.of(tail, DrummondParams.defaults());
        atrValid = 0;
        indexing = INDEXINGS.incrementAndGet();
    }
}
