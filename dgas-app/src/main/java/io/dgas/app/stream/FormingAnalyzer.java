package io.dgas.app.stream;

import io.dgas.calc.drummond.DrummondAnalysis;
import io.dgas.calc.drummond.DrummondParams;
import io.dgas.calc.drummond.IncrementalAnalyzer;
import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import io.dgas.store.bars.BarColumns;
import java.util.HashMap;
import java.util.Map;

/**
 * The live analysis of forming bars: per (symbol, timeframe) an {@link IncrementalAnalyzer} over the newest stored
 * completed bars with the forming bar as its last. A forming bar of the same bucket goes through the engine's
 * replace-last path; one of a later bucket is appended (the previous forming bar is then the completed one, exactly
 * as the stream stores it). The held bars grow to {@code 2 × window} and are then cut back to the newest {@code
 * window} (state O(window)). The contract: {@link #analysis} equals a full analysis of {@link #series} (the unit test
 * checks every drummond.md §8 file). Not thread-safe: one caller (the forming feed's thread).
 */
final class FormingAnalyzer {
    private final int window;
    private final Map<String, IncrementalAnalyzer> live = new HashMap<>();

    /** @param window completed bars analysed before the forming one (at least 3) */
    FormingAnalyzer(int window) {
        if (window < 3) {
            throw new IllegalArgumentException("window must be at least 3 bars, was " + window);
        }
        this.window = window;
    }

    /** Whether (symbol, tf) has been seeded since it was last {@link #forget forgotten}. */
    boolean has(String symbol, Timeframe tf) {
        return live.containsKey(key(symbol, tf));
    }

    /** Starts (symbol, tf) from its stored bars (oldest first; bars at or after {@code before} are left out). */
    void seed(String symbol, Timeframe tf, BarColumns stored, long before) {
        BarSeries s = new BarSeries(symbol, tf, 2 * window + 1);
        int from = 0;
        int to = stored.size();
        while (to > 0 && stored.ts()[to - 1] >= before) {
            to--;
        }
        from = Math.max(0, to - window);
        for (int i = from; i < to; i++) {
            s.append(
                    stored.ts()[i],
                    stored.open()[i],
                    stored.high()[i],
                    stored.low()[i],
                    stored.close()[i],
                    stored.volume()[i]);
        }
        live.put(key(symbol, tf), IncrementalAnalyzer.of(s, DrummondParams.defaults()));
    }

    /** Drops (symbol, tf): a stored bar inside its window changed, so the next forming bar seeds it again. */
    void forget(String symbol, Timeframe tf) {
        live.remove(key(symbol, tf));
    }

    /**
     * Applies forming bar {@code f} to its seeded series.
     *
     * @return false when {@code f} is older than the series' last bar (a late bar: ignored)
     */
    boolean update(FormingBar f) {
        IncrementalAnalyzer a = live.get(key(f.symbol(), f.timeframe()));
        BarSeries s = a.series();
        int n = s.size();
        long last = n == 0 ? Long.MIN_VALUE : s.ts()[n - 1];
        if (f.start() < last) {
            return false;
        }
        if (f.start() == last) {
            a.replaceLast(f.start(), f.open(), f.high(), f.low(), f.close(), f.volume());
            return true;
        }
        if (n >= 2 * window) {
            a = compact(a);
        }
        a.append(f.start(), f.open(), f.high(), f.low(), f.close(), f.volume());
        return true;
    }

    /** The bars of (symbol, tf) analysed, the forming one last (live; do not modify). */
    BarSeries series(String symbol, Timeframe tf) {
        return live.get(key(symbol, tf)).series();
    }

    /** The analysis of (symbol, tf), or null with fewer than 3 bars. */
    DrummondAnalysis analysis(String symbol, Timeframe tf) {
        IncrementalAnalyzer a = live.get(key(symbol, tf));
        return a == null || a.series().size() < 3 ? null : a.analysis();
    }

    private IncrementalAnalyzer compact(IncrementalAnalyzer a) {
        BarSeries s = a.series();
        BarSeries tail = new BarSeries(s.symbol(), s.timeframe(), 2 * window + 1);
        for (int i = s.size() - window; i < s.size(); i++) {
            tail.append(s.ts()[i], s.open()[i], s.high()[i], s.low()[i], s.close()[i], s.volume()[i]);
        }
        IncrementalAnalyzer fresh = IncrementalAnalyzer.of(tail, DrummondParams.defaults());
        live.put(key(s.symbol(), s.timeframe()), fresh);
        return fresh;
    }

    private static String key(String symbol, Timeframe tf) {
        return symbol + ' ' + tf.code();
    }
}
