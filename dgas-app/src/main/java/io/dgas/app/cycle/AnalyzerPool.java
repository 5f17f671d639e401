package io.dgas.app.cycle;

import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import io.dgas.store.bars.BarColumns;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.ingest.IngestListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The warm half of the cycle (issue 15): an analysed {@link WarmSeries} per (symbol, timeframe) kept in memory across
 * cycles, so a cycle loads and analyses only what changed.
 *
 * <p>Per batch and timeframe: the warm series load their bars from their last bar on in one query ({@link
 * BarRepository#sinceForSymbols}) and append or replace; series that are new, were invalidated, or do not continue
 * (last bar deleted, too many new bars) are rebuilt from their newest {@code lookback} bars in one more query. So a batch
 * costs at most four bar queries whatever its size. Ingest reports changes here ({@link IngestListener}): a change at
 * or after a series' last bar is caught up by the next load; one inside the analysed window (a corrected or deleted
 * bar, or a change of unknown extent) marks the series for a rebuild.
 *
 * <p>Outputs equal the cold path ({@link SymbolAnalyzer} over freshly loaded bars) on the same bars; the bars are the
 * newest {@code lookback} to {@code 2 × lookback} of each series (see {@link WarmSeries}). Changes made by another
 * process are not heard: a pool is for the single process that ingests, or must be {@link #clear() cleared}.
 */
public final class AnalyzerPool implements IngestListener {
    private final BarRepository bars;
    private final SymbolAnalyzer analyzer;
    private final Map<String, WarmSeries> warm = new ConcurrentHashMap<>();
    private final Set<String> invalid = ConcurrentHashMap.newKeySet();

    public AnalyzerPool(BarRepository bars, SymbolAnalyzer analyzer) {
        this.bars = bars;
        this.analyzer = analyzer;
    }

    @Override
    public void seriesChanged(String symbol, Timeframe tf) {
        invalid.add(key(symbol, tf));
    }

    @Override
    public void barsChanged(String symbol, Timeframe tf, long from) {
        WarmSeries w = warm.get(key(symbol, tf));
        if (w != null && w.size() > 0 && from < w.lastTs() && from >= w.firstTs()) {
            invalid.add(key(symbol, tf));
        }
    }

    /** Drops every warm series (the next cycle rebuilds all of them). */
    public void clear() {
        warm.clear();
    }

    /** Warm series held. */
    public int size() {
        return warm.size();
    }

    /** Bars held over all warm series. */
    public long bars() {
        return warm.values().stream().mapToLong(WarmSeries::size).sum();
    }

    /**
     * Brings one batch's warm series up to date (see the class comment) and returns its per-symbol step.
     *
     * @throws RuntimeException when loading failed (the cycle records every symbol of the batch as failed)
     */
    public Function<String, SymbolOutcome> load(List<String> symbols, CycleRequest r, Instant asOf) {
        Map<String, WarmSeries> trading = refresh(symbols, r.trading(), r.lookback());
        Map<String, WarmSeries> higher = refresh(symbols, r.htf(), r.lookback());
        return s -> analyze(s, trading.get(s), higher.get(s), r, asOf);
    }

    private SymbolOutcome analyze(String symbol, WarmSeries t, WarmSeries h, CycleRequest r, Instant asOf) {
        if (t.size() < 3 || h.size() < 3) {
            // too short to analyse warm, or the higher timeframe comes from aggregation: the cold step decides
            return analyzer.analyze(symbol, columns(t.series()), columns(h.series()), r.htf(), asOf, r.staleAfter());
        }
        return analyzer.analyze(
                symbol,
                t.series(),
                h.series(),
                s -> s == t.series() ? t.analysis() : h.analysis(),
                s -> s == t.series() ? t.zones() : h.zones(),
                r.htf(),
                asOf,
                r.staleAfter());
    }

    /** The batch's series of one timeframe brought up to date: at most two queries. */
    private Map<String, WarmSeries> refresh(List<String> symbols, Timeframe tf, int lookback) {
        Map<String, Long> since = new LinkedHashMap<>();
        List<String> rebuild = new ArrayList<>();
        for (String s : symbols) {
            String k = key(s, tf);
            WarmSeries w = warm.get(k);
            if (invalid.remove(k) || w == null || w.window() != lookback || w.size() == 0) {
                rebuild.add(s);
            } else {
                since.put(s, w.lastTs());
            }
        }
        if (!since.isEmpty()) {
            // one more than the window: a series that gained more than that is rebuilt rather than replayed
            Map<String, BarColumns> fresh = bars.sinceForSymbols(since, tf, lookback + 1);
            for (Map.Entry<String, BarColumns> e : fresh.entrySet()) {
                BarColumns f = e.getValue();
                if (f.size() > lookback || !warm.get(key(e.getKey(), tf)).apply(f)) {
                    rebuild.add(e.getKey());
                }
            }
        }
        if (!rebuild.isEmpty()) {
            bars.lastForSymbols(rebuild, tf, lookback)
                    .forEach((s, c) -> warm.put(key(s, tf), WarmSeries.of(c, lookback)));
        }
        Map<String, WarmSeries> out = new LinkedHashMap<>();
        for (String s : symbols) {
            out.put(s, warm.get(key(s, tf)));
        }
        return out;
    }

    private static String key(String symbol, Timeframe tf) {
        return symbol + ' ' + tf.code();
    }

    /** A copy of {@code s} as columns. */
    static BarColumns columns(BarSeries s) {
        int n = s.size();
        return new BarColumns(
                s.symbol(),
                s.timeframe(),
                java.util.Arrays.copyOf(s.ts(), n),
                java.util.Arrays.copyOf(s.open(), n),
                java.util.Arrays.copyOf(s.high(), n),
                java.util.Arrays.copyOf(s.low(), n),
                java.util.Arrays.copyOf(s.close(), n),
                java.util.Arrays.copyOf(s.volume(), n));
    }
}
