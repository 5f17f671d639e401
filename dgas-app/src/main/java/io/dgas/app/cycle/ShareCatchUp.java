package io.dgas.app.cycle;

import io.dgas.domain.Timeframe;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.bars.SpanRows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Catches up a whole share of warm series of one timeframe at once ({@link AnalyzerPool#catchUp}).
 *
 * <p>Design note: a steady cycle's series all end at about the same bar, so they are read as one range of the bars'
 * {@code (timeframe, ts)} index from the oldest of them on ({@link BarRepository#sinceInSpan}), one statement for the
 * whole share instead of one index descent per series, its rows decoded into one set of primitive columns and
 * applied from there. The span is anchored at the median last bar and reaches {@value #SPAN_BARS} bars below it, so a
 * series far behind (a market closed, a symbol gone quiet) does not widen it: such stragglers are read per series in
 * one more statement ({@link BarRepository#sinceForSymbols}), as is the whole share when it holds fewer than {@value
 * #MIN_SPAN_READ} series (the range also reads the rows of every other symbol in the span).
 */
final class ShareCatchUp {
    /** Bars below the median last bar that the range catch-up still reads. */
    static final int SPAN_BARS = 8;

    /** Fewest series read as a range; fewer are read per series. */
    static final int MIN_SPAN_READ = 256;

    private final BarRepository bars;
    private final int minSpanRead;

    ShareCatchUp(BarRepository bars, int minSpanRead) {
        this.bars = bars;
        this.minSpanRead = minSpanRead;
    }

    /**
     * Catches up the series of {@code warm} at {@code tf} (each holds a series of window {@code lookback} with bars,
     * not marked for a rebuild); those that gained more than the window or do not continue are marked for a rebuild.
     */
    void catchUp(List<HeldSymbol> warm, Timeframe tf, int lookback) {
        int n = warm.size();
        if (n == 0) {
            return;
        }
        long[] last = new long[n];
        for (int i = 0; i < n; i++) {
            last[i] = warm.get(i).series(tf).lastTs();
        }
        long[] sorted = last.clone();
        Arrays.sort(sorted);
        long from = sorted[n / 2] - SPAN_BARS * tf.seconds();
        List<HeldSymbol> span = new ArrayList<>(n);
        List<HeldSymbol> stragglers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (last[i] >= from) {
                span.add(warm.get(i));
            } else {
                stragglers.add(warm.get(i));
            }
        }
        if (span.size() < minSpanRead) {
            stragglers.addAll(span);
            span.clear();
        }
        if (!span.isEmpty()) {
            readSpan(span, tf, lookback);
        }
        if (!stragglers.isEmpty()) {
            readEach(stragglers, tf, lookback, h -> h.invalidate(tf));
        }
    }

    /** One range read for {@code span}, applied to each series in place. */
    private void readSpan(List<HeldSymbol> span, Timeframe tf, int lookback) {
        ids(span);
        int n = span.size();
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            HeldSymbol h = span.get(i);
            if (h.id == HeldSymbol.NO_ID) {
                throw new IllegalArgumentException("no symbol id stored for " + h.symbol);
            }
            ids[i] = h.id;
        }
        apply(span, bars.sinceInSpan(ids, since(span, tf), tf, lookback + 1), tf, lookback, h -> h.invalidate(tf));
    }

    /**
     * Catches up each series of {@code held} at {@code tf} with one read per series, all in one statement
     * ({@link BarRepository#sinceForSymbols}); each that cannot be caught up goes to {@code lost}.
     */
    void readEach(List<HeldSymbol> held, Timeframe tf, int lookback, Consumer<HeldSymbol> lost) {
        SpanRows rows =
                bars.sinceForSymbols(held.stream().map(h -> h.symbol).toList(), since(held, tf), tf, lookback + 1);
        apply(held, rows, tf, lookback, lost);
    }

    /**
     * Applies request i's rows to the series of {@code held.get(i)} ({@link #caughtUp}); each that must be rebuilt
     * instead goes to {@code lost}.
     */
    private static void apply(
            List<HeldSymbol> held, SpanRows rows, Timeframe tf, int lookback, Consumer<HeldSymbol> lost) {
        for (int i = 0; i < held.size(); i++) {
            HeldSymbol h = held.get(i);
            if (!caughtUp(h.series(tf), rows, i, lookback)) {
                lost.accept(h);
            }
        }
    }

    /** Looks up the ids not known yet, in one query: a stored symbol keeps its id, so each is looked up once. */
    private void ids(List<HeldSymbol> span) {
        List<String> unknown = new ArrayList<>();
        for (HeldSymbol h : span) {
            if (h.id == HeldSymbol.NO_ID) {
                unknown.add(h.symbol);
            }
        }
        if (unknown.isEmpty()) {
            return;
        }
        Map<String, Long> found = bars.symbolIds(unknown);
        for (HeldSymbol h : span) {
            Long id = found.get(h.symbol);
            if (id != null) {
                h.id = id;
            }
        }
    }

    /** The last bar of each series of {@code held} at {@code tf}, in their order. */
    private static long[] since(List<HeldSymbol> held, Timeframe tf) {
        long[] out = new long[held.size()];
        int i = 0;
        for (HeldSymbol h : held) {
            out[i++] = h.series(tf).lastTs();
        }
        return out;
    }

    /**
     * Applies request {@code i}'s caught-up bars to {@code w} (at most {@code lookback + 1} were read); false when it
     * must be rebuilt instead: it gained more than the window (rebuilt rather than replayed), or the bars do not
     * continue it.
     */
    private static boolean caughtUp(WarmSeries w, SpanRows rows, int i, int lookback) {
        return rows.count(i) <= lookback && w.apply(rows, i);
    }
}
