package io.dgas.app.cycle;

import io.dgas.calc.drummond.SignalStepper;
import io.dgas.domain.Timeframe;
import io.dgas.store.bars.SymbolTimeframes;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Everything the {@link AnalyzerPool} holds for one symbol: its warm series per timeframe, which of them must be
 * rebuilt or were found without bars, the cycle that last caught each up, its last fresh outcome and signal stepper
 * per trading timeframe, its planned outcome and catalog facts, and its symbol id. One object per symbol, found with
 * one lookup of the ticker, so a cycle pays no per-(symbol, timeframe) key, map entry or hash per series.
 *
 * <p>Thread-safety: ingest listeners mark series from other threads while a cycle runs, so the marks are atomic bit
 * sets and the references atomic or volatile. A cycle touches a symbol's series of one timeframe from one thread at a
 * time (the two timeframes of a catch-up may run at once); the catch-up stamps are written before the batches that
 * read them are submitted.
 */
final class HeldSymbol {
    private static final int TIMEFRAMES = Timeframe.values().length;

    final String symbol;

    /** The stored symbol's id, {@link #NO_ID} until looked up (an id never changes once stored). */
    volatile long id = NO_ID;

    static final long NO_ID = Long.MIN_VALUE;

    /** Catalog facts of a symbol that needed a plan, until ingest reports a change of it. */
    volatile SymbolTimeframes.Info info;

    /** The last planned outcome and what it was computed from. */
    volatile AnalyzerPool.Planned planned;

    private final AtomicReferenceArray<WarmSeries> series = new AtomicReferenceArray<>(TIMEFRAMES);
    /** The last fresh warm outcome per trading timeframe, reused while its inputs stay the same. */
    private final AtomicReferenceArray<AnalyzerPool.Analysed> analysed = new AtomicReferenceArray<>(TIMEFRAMES);
    /** The signal stepper per trading timeframe and the pair of series it follows. */
    private final AtomicReferenceArray<Stepped> stepped = new AtomicReferenceArray<>(TIMEFRAMES);
    /** Series to rebuild from the database, a bit per timeframe. */
    private final AtomicInteger invalid = new AtomicInteger();
    /** Series found without bars (a symbol with daily bars only has no 1h series), a bit per timeframe. */
    private final AtomicInteger absent = new AtomicInteger();
    /** Per timeframe, the {@link CaughtUp} stamp of the cycle that last caught the series up. */
    private final long[] caughtUp = new long[TIMEFRAMES];

    HeldSymbol(String symbol) {
        this.symbol = symbol;
    }

    WarmSeries series(Timeframe tf) {
        return series.get(tf.ordinal());
    }

    void series(Timeframe tf, WarmSeries w) {
        series.set(tf.ordinal(), w);
    }

    /** Warm series held. */
    int seriesHeld() {
        int n = 0;
        for (int i = 0; i < TIMEFRAMES; i++) {
            n += series.get(i) == null ? 0 : 1;
        }
        return n;
    }

    /** Bars held over its warm series. */
    long barsHeld() {
        long n = 0;
        for (int i = 0; i < TIMEFRAMES; i++) {
            WarmSeries w = series.get(i);
            n += w == null ? 0 : w.size();
        }
        return n;
    }

    AnalyzerPool.Analysed analysed(Timeframe trading) {
        return analysed.get(trading.ordinal());
    }

    void analysed(Timeframe trading, AnalyzerPool.Analysed a) {
        analysed.set(trading.ordinal(), a);
    }

    /**
     * The signal stepper of trading timeframe {@code trading} over the warm series {@code t} and {@code h}: the one kept
     * since the last call while both are the same objects with the same bar indices (neither rebuilt, replaced nor
     * compacted since: appends and a replaced last bar keep it, the stepper sees those itself), else a new one from
     * {@code analyzer} (kept from now on), so the indices it is called with never go back.
     */
    SignalStepper stepper(Timeframe trading, WarmSeries t, WarmSeries h, SymbolAnalyzer analyzer) {
        Stepped s = stepped.get(trading.ordinal());
        if (s == null || s.trading != t.indexing() || s.higher != h.indexing()) {
            s = new Stepped(t.indexing(), h.indexing(), analyzer.stepper());
            stepped.set(trading.ordinal(), s);
        }
        return s.stepper;
    }

    /** A stepper and the {@link WarmSeries#indexing()} of the two series whose bars it has seen. */
    private record Stepped(long trading, long higher, SignalStepper stepper) {}

    boolean invalid(Timeframe tf) {
        return (invalid.get() & bit(tf)) != 0;
    }

    void invalidate(Timeframe tf) {
        invalid.getAndUpdate(m -> m | bit(tf));
    }

    /** Clears the rebuild mark of {@code tf}; returns whether it was set. */
    boolean takeInvalid(Timeframe tf) {
        return (invalid.getAndUpdate(m -> m & ~bit(tf)) & bit(tf)) != 0;
    }

    boolean absent(Timeframe tf) {
        return (absent.get() & bit(tf)) != 0;
    }

    void markAbsent(Timeframe tf) {
        absent.getAndUpdate(m -> m | bit(tf));
    }

    void clearAbsent(Timeframe tf) {
        absent.getAndUpdate(m -> m & ~bit(tf));
    }

    boolean caughtUpIn(Timeframe tf, CaughtUp cycle) {
        return caughtUp[tf.ordinal()] == cycle.stamp;
    }

    void caughtUp(Timeframe tf, CaughtUp cycle) {
        caughtUp[tf.ordinal()] = cycle.stamp;
    }

    private static int bit(Timeframe tf) {
        return 1 << tf.ordinal();
    }
}
