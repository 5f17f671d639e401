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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

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
 *
 * <p>What is held per symbol is one {@link HeldSymbol}, found by ticker once per step, so the steady cycle's cost per
 * series is the bars it gained and its analysis, not keys and map entries.
 */
public final class AnalyzerPool implements IngestListener {
    private final BarRepository bars;
    private final SymbolAnalyzer analyzer;
    private final OwnTimeframes own;
    private final Map<String, HeldSymbol> held = new ConcurrentHashMap<>();
    /** Changes heard so far: a series found empty while one arrived is not marked absent (it may have just come). */
    private final AtomicLong changes = new AtomicLong();

    private final ShareCatchUp share;

    public AnalyzerPool(Database db, SymbolAnalyzer analyzer) {
        this(db, analyzer, ShareCatchUp.MIN_SPAN_READ);
    }

    /** @param minSpanRead fewest series {@link #catchUp} reads as a range (tests lower it) */
    AnalyzerPool(Database db, SymbolAnalyzer analyzer, int minSpanRead) {
        this.bars = new BarRepository(db);
        this.own = new OwnTimeframes(new SymbolTimeframes(db));
        this.analyzer = analyzer;
        this.share = new ShareCatchUp(bars, minSpanRead);
    }

    @Override
    public void seriesChanged(String symbol, Timeframe tf) {
        changes.incrementAndGet();
        HeldSymbol h = held.get(symbol);
        // a symbol not held has no series, marks or facts: its series are built from the database when it comes
        if (h != null) {
            h.invalidate(tf);
            h.clearAbsent(tf);
            h.info = null;
        }
    }

    @Override
    public void barsChanged(String symbol, Timeframe tf, long from) {
        changes.incrementAndGet();
        HeldSymbol h = held.get(symbol);
        if (h == null) {
            return;
        }
        h.info = null;
        h.clearAbsent(tf);
        WarmSeries w = h.series(tf);
        if (w != null && w.size() > 0 && from < w.lastTs() && from >= w.firstTs()) {
            h.invalidate(tf);
        }
    }

    /** Drops every warm series (the next cycle rebuilds all of them). */
    public void clear() {
        held.clear();
    }

    /**
     * Drops everything held for the symbols {@code keep} rejects (warm series, pending rebuilds, absent marks, catalog
     * facts and planned outcomes), so memory stays bounded by the symbols this instance is assigned when the set of
     * instances changes. A dropped symbol that comes back is rebuilt from the database like a new one.
     *
     * @return warm series dropped
     */
    public int retain(Predicate<String> keep) {
        int dropped = 0;
        for (var it = held.values().iterator(); it.hasNext(); ) {
            HeldSymbol h = it.next();
            if (!keep.test(h.symbol)) {
                dropped += h.seriesHeld();
                it.remove();
            }
        }
        return dropped;
    }

    /** Warm series held. */
    public int size() {
        return held.values().stream().mapToInt(HeldSymbol::seriesHeld).sum();
    }

    /** Bars held over all warm series. */
    public long bars() {
        return held.values().stream().mapToLong(HeldSymbol::barsHeld).sum();
    }

    /**
     * Brings one batch's warm series up to date (see the class comment) and returns its per-symbol step; the series in
     * {@code done} (caught up by {@link #catchUp} this cycle, {@link CaughtUp#NONE} for none) without a catch-up query:
     * only rebuilds are read.
     *
     * @throws RuntimeException when loading failed (the cycle records every symbol of the batch as failed)
     */
    public Function<String, SymbolOutcome> load(List<String> symbols, CycleRequest r, Instant asOf, CaughtUp done) {
        Map<String, HeldSymbol> batch = hold(symbols);
        refresh(batch, r.trading(), r.lookback(), done);
        refresh(batch, r.htf(), r.lookback(), done);
        return s -> {
            HeldSymbol h = batch.get(s);
            return analyze(h, r.trading(), h.series(r.trading()), r.htf(), h.series(r.htf()), asOf, r.staleAfter());
        };
    }

    /** The held state of each of {@code symbols} (created for those not held yet), in their order. */
    private Map<String, HeldSymbol> hold(List<String> symbols) {
        Map<String, HeldSymbol> out = new LinkedHashMap<>(2 * symbols.size());
        for (String s : symbols) {
            out.put(s, held.computeIfAbsent(s, HeldSymbol::new));
        }
        return out;
    }

    /**
     * Re-analyses the outcomes of {@code out} that are stale, failed or short of history at the run's timeframes as their {@link
     * OwnTimeframes} plans say (in place): at most one catalog query for symbols not seen before, and two bar queries
     * per other timeframe pair, from warm series.
     */
    public void refit(List<SymbolOutcome> out, CycleRequest r, Instant asOf) {
        Map<String, HeldSymbol> redo = new LinkedHashMap<>();
        for (SymbolOutcome o : out) {
            if (!o.fresh()) {
                redo.put(o.symbol(), held.computeIfAbsent(o.symbol(), HeldSymbol::new));
            }
        }
        if (redo.isEmpty()) {
            return;
        }
        Map<String, SymbolTimeframes.Info> known = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        redo.forEach((s, h) -> {
            SymbolTimeframes.Info info = h.info;
            if (info == null) {
                unknown.add(s);
            } else {
                known.put(s, info);
            }
        });
        if (!unknown.isEmpty()) {
            long heard = changes.get();
            Map<String, SymbolTimeframes.Info> fetched = own.info(unknown);
            known.putAll(fetched);
            if (changes.get() == heard) {
                fetched.forEach((s, info) -> redo.get(s).info = info);
            }
        }
        Map<String, OwnTimeframes.Plan> plans = own.plans(
                List.copyOf(redo.keySet()),
                known,
                s -> {
                    WarmSeries w = redo.get(s).series(r.trading());
                    return w != null && w.size() >= 3;
                },
                r,
                asOf);
        Map<List<Timeframe>, Map<String, HeldSymbol>> byPair = new LinkedHashMap<>();
        plans.forEach((s, p) -> {
            if (p.trading() != r.trading()) {
                byPair.computeIfAbsent(List.of(p.trading(), p.htf()), k -> new LinkedHashMap<>())
                        .put(s, redo.get(s));
            }
        });
        byPair.forEach((pair, group) -> {
            refresh(group, pair.get(0), r.lookback(), CaughtUp.NONE);
            refresh(group, pair.get(1), r.lookback(), CaughtUp.NONE);
        });
        out.replaceAll(o -> {
            OwnTimeframes.Plan p = plans.get(o.symbol());
            return p == null ? o : planned(redo.get(o.symbol()), p, r);
        });
    }

    /** The outcome of one planned symbol: the last one when neither series nor the plan changed. */
    private SymbolOutcome planned(HeldSymbol held, OwnTimeframes.Plan p, CycleRequest r) {
        WarmSeries t = held.series(p.trading());
        WarmSeries h = held.series(p.htf());
        Planned key = new Planned(p, Fingerprint.of(t), Fingerprint.of(h), null);
        Planned last = held.planned;
        if (last != null && last.sameInputs(key)) {
            return last.outcome();
        }
        SymbolOutcome o;
        try {
            o = analyze(held, p.trading(), t, p.htf(), h, p.asOf(), p.staleAfter())
                    .at(p.trading() == r.trading() ? null : p.trading());
        } catch (RuntimeException e) {
            return new SymbolOutcome(held.symbol, null, false, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        held.planned = new Planned(p, key.trading(), key.higher(), o);
        return o;
    }

    /** A planned outcome with the plan and series fingerprints it came from. */
    record Planned(OwnTimeframes.Plan plan, Fingerprint trading, Fingerprint higher, SymbolOutcome outcome) {
        boolean sameInputs(Planned o) {
            return plan.equals(o.plan) && trading.equals(o.trading) && higher.equals(o.higher);
        }
    }

    /** A warm series' bars held and content version (-1, -1 for no series): equal fingerprints, equal bars. */
    record Fingerprint(int bars, long version) {
        static Fingerprint of(WarmSeries w) {
            return w == null
                    ? new Fingerprint(-1, -1)
                    : new Fingerprint(w.size(), w.series().version());
        }
    }

    private SymbolOutcome analyze(
            HeldSymbol held,
            Timeframe tradingTf,
            WarmSeries t,
            Timeframe htf,
            WarmSeries h,
            Instant asOf,
            Duration staleAfter) {
        String symbol = held.symbol;
        if (t == null || h == null || t.size() < 3 || h.size() < 3) {
            // too short to analyse warm, or the higher timeframe comes from aggregation: the cold step decides
            return analyzer.analyze(
                    symbol, columns(symbol, tradingTf, t), columns(symbol, htf, h), htf, asOf, staleAfter);
        }
        // a fresh outcome depends on the bars, not on asOf: while neither series changed it is the last one
        Inputs inputs = new Inputs(t, Fingerprint.of(t), h, Fingerprint.of(h), htf, staleAfter);
        boolean stale = SymbolAnalyzer.stale(t.lastTs(), tradingTf, asOf, staleAfter);
        Analysed last = held.analysed(tradingTf);
        if (!stale && last != null && last.inputs().equals(inputs)) {
            return last.outcome();
        }
        SymbolOutcome o = analyzer.analyze(
                symbol,
                t.series(),
                h.series(),
                s -> s == t.series() ? t.analysis() : h.analysis(),
                // a stale outcome needs no signal: no stepper (about 30 KB) is made for a symbol that stays stale
                stale ? null : held.stepper(tradingTf, t, h, analyzer),
                t::atr,
                htf,
                asOf,
                staleAfter);
        held.analysed(tradingTf, o.fresh() ? new Analysed(inputs, o) : null);
        return o;
    }

    /**
     * What a warm outcome was computed from: the series (by identity: a rebuilt one is a new object), their
     * fingerprints, the higher timeframe and the staleness threshold.
     */
    private record Inputs(
            WarmSeries trading,
            Fingerprint tradingPrint,
            WarmSeries higher,
            Fingerprint higherPrint,
            Timeframe htf,
            Duration staleAfter) {}

    /** The last fresh ({@link SymbolOutcome#fresh}) warm outcome of a (symbol, trading timeframe) and its inputs. */
    record Analysed(Inputs inputs, SymbolOutcome outcome) {}

    private static BarColumns columns(String symbol, Timeframe tf, WarmSeries w) {
        if (w == null) {
            long[] none = new long[0];
            double[] empty = new double[0];
            return new BarColumns(symbol, tf, none, empty, empty, empty, empty, empty);
        }
        return columns(w.series());
    }

    /**
     * Catches up every warm series of {@code symbols} at {@code tf} (a whole share at once: {@link ShareCatchUp}) and
     * records them in {@code into}; series that are new, invalid or do not continue are left for their batch to
     * rebuild. The outcome equals the per-batch catch-up of {@link #load(List, CycleRequest, Instant, CaughtUp)} with
     * {@link CaughtUp#NONE}: the same bars reach the same series.
     */
    public void catchUp(List<String> symbols, Timeframe tf, int lookback, CaughtUp into) {
        List<HeldSymbol> warm = new ArrayList<>(symbols.size());
        for (String s : symbols) {
            HeldSymbol h = held.get(s);
            WarmSeries w = h == null ? null : h.series(tf);
            if (h != null && !h.invalid(tf) && usable(w, lookback)) {
                warm.add(h);
            }
        }
        share.catchUp(warm, tf, lookback);
        for (HeldSymbol h : warm) {
            h.caughtUp(tf, into);
        }
    }

    /** Whether {@code w} is a series of window {@code lookback} with bars: one that can be caught up. */
    private static boolean usable(WarmSeries w, int lookback) {
        return w != null && w.window() == lookback && w.size() > 0;
    }

    /** The batch's series of one timeframe brought up to date, those in {@code done} without a catch-up query. */
    private void refresh(Map<String, HeldSymbol> batch, Timeframe tf, int lookback, CaughtUp done) {
        List<HeldSymbol> behind = new ArrayList<>();
        List<HeldSymbol> rebuild = new ArrayList<>();
        for (HeldSymbol h : batch.values()) {
            WarmSeries w = h.series(tf);
            if (w == null && h.absent(tf)) {
                continue;
            }
            if (h.takeInvalid(tf) || !usable(w, lookback)) {
                rebuild.add(h);
            } else if (!h.caughtUpIn(tf, done)) {
                behind.add(h);
            }
        }
        if (!behind.isEmpty()) {
            share.readEach(behind, tf, lookback, rebuild::add);
        }
        if (rebuild.isEmpty()) {
            return;
        }
        long heard = changes.get();
        Map<String, BarColumns> loaded =
                bars.lastForSymbols(rebuild.stream().map(h -> h.symbol).toList(), tf, lookback);
        boolean quiet = changes.get() == heard;
        for (HeldSymbol h : rebuild) {
            BarColumns c = loaded.get(h.symbol);
            if (c == null || c.size() == 0) {
                h.series(tf, null);
                if (quiet) {
                    h.markAbsent(tf);
                }
            } else {
                h.series(tf, WarmSeries.of(c, lookback));
            }
        }
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
