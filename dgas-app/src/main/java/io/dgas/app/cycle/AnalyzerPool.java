package io.dgas.app.cycle;

import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.bars.BarColumns;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.bars.SymbolTimeframes;
import io.dgas.store.ingest.IngestListener;
import java.time.Duration;
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
 * <p>A symbol stale or unusable at the run's timeframes (historical sample data, a symbol with daily bars only) is
 * analysed as its {@link OwnTimeframes} plan says, from warm series at the plan's timeframes kept here like the others;
 * what the catalog says of it is kept until ingest reports a change of that symbol, and its outcome is reused while
 * neither series nor the plan changed. So such symbols cost no query and no analysis in a steady cycle.
 *
 * <p>A symbol whose two series did not change since its last fresh outcome (no new or revised bar: a market closed, a
 * quiet symbol) gets that outcome again without analysis, unless it has become stale: the analysis depends on the bars
 * only, staleness on the time too.
 *
 * <p>Outputs equal the cold path ({@link SymbolAnalyzer} over freshly loaded bars) on the same bars; the bars are the
 * newest {@code lookback} to {@code 2 × lookback} of each series (see {@link WarmSeries}). Changes made by another
 * process reach the pool as {@code bars} events ({@link io.dgas.app.events.RemoteBarChanges}, listened to by
 * {@code dgas serve} and {@code dgas scheduler start}); a pool in any other process must be {@link #clear() cleared}.
 */
public final class AnalyzerPool implements IngestListener {
    private final BarRepository bars;
    private final SymbolAnalyzer analyzer;
    private final OwnTimeframes own;
    private final Map<String, WarmSeries> warm = new ConcurrentHashMap<>();
    private final Set<String> invalid = ConcurrentHashMap.newKeySet();
    /** Series found without bars (a symbol with daily bars only has no 1h series): not looked for again until changed. */
    private final Set<String> absent = ConcurrentHashMap.newKeySet();
    /** Changes heard so far: a series found empty while one arrived is not marked absent (it may have just come). */
    private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();
    /** Catalog facts of symbols that needed a plan, until ingest reports a change of the symbol. */
    private final Map<String, SymbolTimeframes.Info> infos = new ConcurrentHashMap<>();
    /** The last planned outcome per symbol and what it was computed from. */
    private final Map<String, Planned> planned = new ConcurrentHashMap<>();
    /** The last fresh warm outcome per (symbol, trading timeframe), reused while its inputs stay the same. */
    private final Map<String, Analysed> analysed = new ConcurrentHashMap<>();
    /** Symbol ids by ticker, for the range catch-up (a stored symbol keeps its id). */
    private final Map<String, Long> ids = new ConcurrentHashMap<>();

    /** Bars below the median last bar that the range catch-up still reads ({@link #catchUp}). */
    static final int SPAN_BARS = 8;

    /** Fewest series read as a range; fewer are read per series. */
    static final int MIN_SPAN_READ = 256;

    private final int minSpanRead;

    public AnalyzerPool(Database db, SymbolAnalyzer analyzer) {
        this(db, analyzer, MIN_SPAN_READ);
    }

    /** @param minSpanRead fewest series {@link #catchUp} reads as a range (tests lower it) */
    AnalyzerPool(Database db, SymbolAnalyzer analyzer, int minSpanRead) {
        this.bars = new BarRepository(db);
        this.own = new OwnTimeframes(new SymbolTimeframes(db));
        this.analyzer = analyzer;
        this.minSpanRead = minSpanRead;
    }

    @Override
    public void seriesChanged(String symbol, Timeframe tf) {
        changes.incrementAndGet();
        invalid.add(key(symbol, tf));
        absent.remove(key(symbol, tf));
        infos.remove(symbol);
    }

    @Override
    public void barsChanged(String symbol, Timeframe tf, long from) {
        changes.incrementAndGet();
        infos.remove(symbol);
        absent.remove(key(symbol, tf));
        WarmSeries w = warm.get(key(symbol, tf));
        if (w != null && w.size() > 0 && from < w.lastTs() && from >= w.firstTs()) {
            invalid.add(key(symbol, tf));
        }
    }

    /** Drops every warm series (the next cycle rebuilds all of them). */
    public void clear() {
        warm.clear();
        ids.clear();
        analysed.clear();
        absent.clear();
        infos.clear();
        planned.clear();
    }

    /**
     * Drops everything held for the symbols {@code keep} rejects (warm series, pending rebuilds, absent marks, catalog
     * facts and planned outcomes), so memory stays bounded by the symbols this instance is assigned when the set of
     * instances changes. A dropped symbol that comes back is rebuilt from the database like a new one.
     *
     * @return warm series dropped
     */
    public int retain(java.util.function.Predicate<String> keep) {
        int before = warm.size();
        warm.keySet().removeIf(k -> !keep.test(symbolOf(k)));
        int dropped = before - warm.size();
        invalid.removeIf(k -> !keep.test(symbolOf(k)));
        absent.removeIf(k -> !keep.test(symbolOf(k)));
        infos.keySet().removeIf(s -> !keep.test(s));
        planned.keySet().removeIf(s -> !keep.test(s));
        analysed.keySet().removeIf(k -> !keep.test(symbolOf(k)));
        ids.keySet().removeIf(s -> !keep.test(s));
        return Math.max(0, dropped);
    }

    private static String symbolOf(String key) {
        return key.substring(0, key.lastIndexOf(' '));
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
     * Brings one batch's warm series up to date (see the class comment) and returns its per-symbol step; the series in
     * {@code done} (caught up by {@link #catchUp} this cycle, {@link CaughtUp#NONE} for none) without a catch-up query:
     * only rebuilds are read.
     *
     * @throws RuntimeException when loading failed (the cycle records every symbol of the batch as failed)
     */
    public Function<String, SymbolOutcome> load(List<String> symbols, CycleRequest r, Instant asOf, CaughtUp done) {
        Map<String, WarmSeries> trading = refresh(symbols, r.trading(), r.lookback(), done);
        Map<String, WarmSeries> higher = refresh(symbols, r.htf(), r.lookback(), done);
        return s -> analyze(s, r.trading(), trading.get(s), r.htf(), higher.get(s), asOf, r.staleAfter());
    }

    /**
     * Re-analyses the outcomes of {@code out} that are stale or failed at the run's timeframes as their {@link
     * OwnTimeframes} plans say (in place): at most one catalog query for symbols not seen before, and two bar queries
     * per other timeframe pair, from warm series.
     */
    public void refit(List<SymbolOutcome> out, CycleRequest r, Instant asOf) {
        List<String> redo = new ArrayList<>();
        for (SymbolOutcome o : out) {
            if (o.stale() || o.failed()) {
                redo.add(o.symbol());
            }
        }
        if (redo.isEmpty()) {
            return;
        }
        Map<String, SymbolTimeframes.Info> known = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String s : redo) {
            SymbolTimeframes.Info info = infos.get(s);
            if (info == null) {
                unknown.add(s);
            } else {
                known.put(s, info);
            }
        }
        if (!unknown.isEmpty()) {
            long heard = changes.get();
            Map<String, SymbolTimeframes.Info> fetched = own.info(unknown);
            known.putAll(fetched);
            if (changes.get() == heard) {
                infos.putAll(fetched);
            }
        }
        Map<String, OwnTimeframes.Plan> plans = own.plans(
                redo,
                known,
                s -> {
                    WarmSeries w = warm.get(key(s, r.trading()));
                    return w != null && w.size() >= 3;
                },
                r,
                asOf);
        Map<List<Timeframe>, List<String>> byPair = new LinkedHashMap<>();
        plans.forEach((s, p) -> {
            if (p.trading() != r.trading()) {
                byPair.computeIfAbsent(List.of(p.trading(), p.htf()), k -> new ArrayList<>())
                        .add(s);
            }
        });
        byPair.forEach((pair, group) -> {
            refresh(group, pair.get(0), r.lookback());
            refresh(group, pair.get(1), r.lookback());
        });
        out.replaceAll(o -> {
            OwnTimeframes.Plan p = plans.get(o.symbol());
            return p == null ? o : planned(o.symbol(), p, r);
        });
    }

    /** The outcome of one planned symbol: the last one when neither series nor the plan changed. */
    private SymbolOutcome planned(String symbol, OwnTimeframes.Plan p, CycleRequest r) {
        WarmSeries t = warm.get(key(symbol, p.trading()));
        WarmSeries h = warm.get(key(symbol, p.htf()));
        Planned key = new Planned(p, version(t), version(h), null);
        Planned last = planned.get(symbol);
        if (last != null && last.sameInputs(key)) {
            return last.outcome();
        }
        SymbolOutcome o;
        try {
            o = analyze(symbol, p.trading(), t, p.htf(), h, p.asOf(), p.staleAfter())
                    .at(p.trading() == r.trading() ? null : p.trading());
        } catch (RuntimeException e) {
            return new SymbolOutcome(symbol, null, false, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        planned.put(symbol, new Planned(p, key.trading(), key.higher(), o));
        return o;
    }

    /** A planned outcome with the plan and series fingerprints (bars held, content version) it came from. */
    private record Planned(OwnTimeframes.Plan plan, List<Long> trading, List<Long> higher, SymbolOutcome outcome) {
        boolean sameInputs(Planned o) {
            return plan.equals(o.plan) && trading.equals(o.trading) && higher.equals(o.higher);
        }
    }

    private static List<Long> version(WarmSeries w) {
        return w == null ? List.of() : List.of((long) w.size(), w.series().version());
    }

    private SymbolOutcome analyze(
            String symbol,
            Timeframe tradingTf,
            WarmSeries t,
            Timeframe htf,
            WarmSeries h,
            Instant asOf,
            Duration staleAfter) {
        if (t == null || h == null || t.size() < 3 || h.size() < 3) {
            // too short to analyse warm, or the higher timeframe comes from aggregation: the cold step decides
            return analyzer.analyze(
                    symbol, columns(symbol, tradingTf, t), columns(symbol, htf, h), htf, asOf, staleAfter);
        }
        // a fresh outcome depends on the bars, not on asOf: while neither series changed it is the last one
        Inputs inputs = new Inputs(
                t, t.size(), t.series().version(), h, h.size(), h.series().version(), htf, staleAfter);
        boolean stale = SymbolAnalyzer.stale(t.lastTs(), tradingTf, asOf, staleAfter);
        String k = key(symbol, tradingTf);
        Analysed last = analysed.get(k);
        if (!stale && last != null && last.inputs().equals(inputs)) {
            return last.outcome();
        }
        SymbolOutcome o = analyzer.analyze(
                symbol,
                t.series(),
                h.series(),
                s -> s == t.series() ? t.analysis() : h.analysis(),
                s -> s == t.series() ? t.zones() : h.zones(),
                t::atr,
                htf,
                asOf,
                staleAfter);
        if (o.stale() || o.failed()) {
            analysed.remove(k);
        } else {
            analysed.put(k, new Analysed(inputs, o));
        }
        return o;
    }

    /**
     * What a warm outcome was computed from: the series (by identity: a rebuilt one is a new object), their bars held
     * and content versions, the higher timeframe and the staleness threshold.
     */
    private record Inputs(
            WarmSeries trading,
            int tradingBars,
            long tradingVersion,
            WarmSeries higher,
            int higherBars,
            long higherVersion,
            Timeframe htf,
            Duration staleAfter) {}

    /** The last fresh (neither stale nor failed) warm outcome of a (symbol, trading timeframe) and its inputs. */
    private record Analysed(Inputs inputs, SymbolOutcome outcome) {}

    private static BarColumns columns(String symbol, Timeframe tf, WarmSeries w) {
        if (w == null) {
            long[] none = new long[0];
            double[] empty = new double[0];
            return new BarColumns(symbol, tf, none, empty, empty, empty, empty, empty);
        }
        return columns(w.series());
    }

    /**
     * The series of one cycle already caught up by {@link #catchUp}: their batches ({@link #load(List, CycleRequest, Instant,
     * CaughtUp)}) skip the catch-up query and only rebuild what needs it.
     */
    public static final class CaughtUp {
        static final CaughtUp NONE = new CaughtUp();
        private final Set<String> keys = ConcurrentHashMap.newKeySet();
    }

    /** A new, empty record of caught-up series for one cycle. */
    public static CaughtUp caughtUp() {
        return new CaughtUp();
    }

    /**
     * Catches up every warm series of {@code symbols} at {@code tf} (a whole share at once) and records them in
     * {@code into}; series that are new, invalid or do not continue are left for their batch to rebuild.
     *
     * <p>Design note: a steady cycle's series all end at about the same bar, so they are read as one range of the
     * bars' {@code (timeframe, ts)} index from the oldest of them on ({@link BarRepository#sinceInSpan}), one statement
     * for the whole share instead of one index descent per series. The span is anchored at the median last bar and
     * reaches {@value #SPAN_BARS} bars below it, so a series far behind (a market closed, a symbol gone quiet) does not
     * widen it: such stragglers are read per series in one more statement ({@link BarRepository#sinceForSymbols}), as
     * is the whole share when it holds fewer than {@value #MIN_SPAN_READ} series (the range also reads the rows of
     * every other symbol in the span). The outcome equals the per-batch catch-up of {@link #load(List, CycleRequest, Instant,
     * CaughtUp)} with {@link CaughtUp#NONE}: the same bars reach the same series.
     */
    public void catchUp(List<String> symbols, Timeframe tf, int lookback, CaughtUp into) {
        Map<String, Long> since = new LinkedHashMap<>();
        for (String s : symbols) {
            String k = key(s, tf);
            WarmSeries w = warm.get(k);
            if (w != null && !invalid.contains(k) && w.window() == lookback && w.size() > 0) {
                since.put(s, w.lastTs());
            }
        }
        if (since.isEmpty()) {
            return;
        }
        long[] sorted =
                since.values().stream().mapToLong(Long::longValue).sorted().toArray();
        long from = sorted[sorted.length / 2] - SPAN_BARS * tf.seconds();
        Map<String, Long> span = new LinkedHashMap<>();
        Map<String, Long> stragglers = new LinkedHashMap<>();
        since.forEach((s, ts) -> (ts >= from ? span : stragglers).put(s, ts));
        if (span.size() < minSpanRead) {
            stragglers.putAll(span);
            span.clear();
        }
        List<String> rebuild = new ArrayList<>();
        if (!span.isEmpty()) {
            apply(bars.sinceInSpan(span, ids(span.keySet()), tf, lookback + 1), tf, lookback, rebuild);
        }
        if (!stragglers.isEmpty()) {
            apply(bars.sinceForSymbols(stragglers, tf, lookback + 1), tf, lookback, rebuild);
        }
        for (String s : rebuild) {
            invalid.add(key(s, tf));
        }
        for (String s : since.keySet()) {
            into.keys.add(key(s, tf));
        }
    }

    /** Symbol ids of {@code tickers}: ids never change once a symbol is stored, so each is looked up once. */
    private Map<String, Long> ids(java.util.Collection<String> tickers) {
        List<String> unknown = new ArrayList<>();
        for (String t : tickers) {
            if (!ids.containsKey(t)) {
                unknown.add(t);
            }
        }
        if (!unknown.isEmpty()) {
            ids.putAll(bars.symbolIds(unknown));
        }
        return ids;
    }

    /**
     * Applies caught-up bars to their warm series; adds to {@code rebuild} those that gained more than the window or
     * do not continue.
     */
    private void apply(Map<String, BarColumns> fresh, Timeframe tf, int lookback, List<String> rebuild) {
        for (Map.Entry<String, BarColumns> e : fresh.entrySet()) {
            BarColumns f = e.getValue();
            // one more than the window was read: a series that gained more than that is rebuilt rather than replayed
            if (f.size() > lookback || !warm.get(key(e.getKey(), tf)).apply(f)) {
                rebuild.add(e.getKey());
            }
        }
    }

    /** The batch's series of one timeframe brought up to date: at most two queries. */
    private Map<String, WarmSeries> refresh(List<String> symbols, Timeframe tf, int lookback) {
        return refresh(symbols, tf, lookback, CaughtUp.NONE);
    }

    /** As {@link #refresh(List, Timeframe, int)}, the series in {@code done} needing no catch-up query. */
    private Map<String, WarmSeries> refresh(List<String> symbols, Timeframe tf, int lookback, CaughtUp done) {
        Map<String, Long> since = new LinkedHashMap<>();
        List<String> rebuild = new ArrayList<>();
        for (String s : symbols) {
            String k = key(s, tf);
            WarmSeries w = warm.get(k);
            if (w == null && absent.contains(k)) {
                continue;
            }
            if (invalid.remove(k) || w == null || w.window() != lookback || w.size() == 0) {
                rebuild.add(s);
            } else if (!done.keys.contains(k)) {
                since.put(s, w.lastTs());
            }
        }
        if (!since.isEmpty()) {
            apply(bars.sinceForSymbols(since, tf, lookback + 1), tf, lookback, rebuild);
        }
        if (!rebuild.isEmpty()) {
            long heard = changes.get();
            Map<String, BarColumns> loaded = bars.lastForSymbols(rebuild, tf, lookback);
            boolean quiet = changes.get() == heard;
            for (String s : rebuild) {
                BarColumns c = loaded.get(s);
                if (c == null || c.size() == 0) {
                    warm.remove(key(s, tf));
                    if (quiet) {
                        absent.add(key(s, tf));
                    }
                } else {
                    warm.put(key(s, tf), WarmSeries.of(c, lookback));
                }
            }
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
