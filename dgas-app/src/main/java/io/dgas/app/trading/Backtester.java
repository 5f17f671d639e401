package io.dgas.app.trading;

import io.dgas.calc.drummond.MtfParams;
import io.dgas.calc.drummond.Signal;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import io.dgas.ledger.Execution;
import io.dgas.ledger.Exposure;
import io.dgas.ledger.Ledger;
import io.dgas.ledger.PaperRules;
import io.dgas.ledger.RiskCheck;
import io.dgas.ledger.RiskLimits;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Replays stored bars bar by bar through the incremental engine and the {@link PaperBook} rules into one portfolio
 * (issue 14, "Backtests on the same ledger"). Symbols step together in time, so the portfolio-wide limits see every
 * position. At each trading bar of a symbol, in this order: orders decided on an earlier bar fill (a market order
 * at its open, a limit entry when the bar reaches its price) or, a limit entry past its expiry, lapse; the
 * position's stop or target is checked against it; the symbol is marked at its close; and the signal at the bar (its
 * bars up to this one appended to the trading analysis, the higher-timeframe bars they complete to theirs), if any,
 * becomes an order for the next bars. The signals depend on nothing but the symbol's own bars, so each symbol's are
 * stepped first, symbol by symbol. No look-ahead: nothing at bar i depends on a bar after i (BacktesterTest proves
 * it).
 *
 * <p>Entries follow the paper sessions' rules (shared code: {@link PaperBook#decide} with limit entries,
 * {@link PendingOrder#of}, {@link PendingOrder#lapsedAt}): a signal whose plan waits for the price (a long's entry
 * below the close, a short's above) is a limit order at its entry that may fill in the {@code expiryBars} of the
 * config's {@link SignalParams} ({@code signals.expiry_bars}) after its bar, at the limit or a better open; one at
 * the close is a market order at the next open.
 *
 * <p>Fills are checked against the limits as a paper session's are (shared code: {@link PaperBook#fill(PendingOrder,
 * PaperBar, RiskCheck.Activity, double)} with the day's activity): an order whose fill would now breach a limit (the
 * other positions having grown since it was decided, say) is cut to what the limits allow or refused, the limit is
 * reported ({@link Result#fillLimits()}), and what is left waits for later bars (a limit entry until its expiry).
 * Backtests have no volume cap (a session's {@code max_participation} is 0 here).
 *
 * <p>Higher-timeframe bars are given complete (stored, or aggregated from complete buckets) and are fed to the
 * analysis only once their bucket has ended by the end of the current trading bar.
 */
public final class Backtester {
    /** The replay's settings. */
    public record Config(
            Timeframe trading,
            Timeframe htf,
            BigDecimal capital,
            RiskLimits limits,
            PaperRules rules,
            MtfParams mtf,
            SignalParams signals) {}

    /** Equity (and gross exposure) after the bars of one timestamp. */
    public record EquityPoint(long ts, BigDecimal cash, BigDecimal equity, BigDecimal gross) {}

    /**
     * A fill cut short or refused by a limit at fill time, as a paper session reports it (a {@code limit_breach}).
     *
     * @param ref the order's reference ({@code bt-k}: the k-th accepted order)
     * @param ts the bar it was checked at
     * @param limit the limit that cut or refused it
     * @param kept the quantity kept back (all that was left when refused)
     * @param execution what filled, or {@code null} when refused
     */
    public record FillLimit(String ref, String symbol, long ts, String limit, BigDecimal kept, Execution execution) {}

    /** Everything a replay produced, in time order. */
    public record Result(
            List<Execution> fills,
            List<OrderDecision> decisions,
            List<EquityPoint> equity,
            Ledger ledger,
            List<FillLimit> fillLimits) {}

    private static final class Sym {
        final BarSeries t;
        /** The signal at each trading bar, or null. */
        final Signal[] signals;

        final List<PendingOrder> pending = new ArrayList<>();
        int next;

        /**
         * Steps {@code feed} over every bar first, one symbol at a time. A signal reads only its own symbol's bars up to
         * its bar, never the ledger, so these are the very signals of stepping every symbol in turn at each timestamp;
         * but one symbol's analyses stay in the processor's caches, where stepping a hundred in turn at each timestamp
         * lost some 40 % of a replay's time to cache misses.
         */
        static Signal[] signals(BarSeries t, SignalFeed feed) {
            Signal[] signals = new Signal[t.size()];
            for (int i = 0; i < signals.length; i++) {
                signals[i] = feed.step(i);
            }
            return signals;
        }

        Sym(BarSeries t, Signal[] signals) {
            if (signals.length != t.size()) {
                throw new IllegalArgumentException(
                        t.symbol() + ": " + signals.length + " signals for " + t.size() + " bars");
            }
            this.t = t;
            this.signals = signals;
        }
    }

    private Backtester() {}

    /**
     * @param trading trading-timeframe bars by symbol, oldest first
     * @param higher complete higher-timeframe bars by symbol (a symbol without any gets no signal)
     */
    public static Result run(Map<String, BarSeries> trading, Map<String, BarSeries> higher, Config c) {
        return run(trading, higher, c, io.dgas.app.jobs.Progress.NONE);
    }

    /**
     * {@link #run(Map, Map, Config)} reporting to {@code progress}: phase {@code analysing} a step per symbol, then
     * {@code replaying}.
     */
    public static Result run(
            Map<String, BarSeries> trading,
            Map<String, BarSeries> higher,
            Config c,
            io.dgas.app.jobs.Progress progress) {
        Map<String, Signal[]> signals = new LinkedHashMap<>();
        progress.phase("analysing", trading.size());
        for (Map.Entry<String, BarSeries> e : trading.entrySet()) {
            progress.stepsDone(signals.size());
            BarSeries h = higher.getOrDefault(e.getKey(), new BarSeries(e.getKey(), c.htf()));
            signals.put(
                    e.getKey(),
                    Sym.signals(
                            e.getValue(), new SignalFeed(e.getValue(), h, c.trading(), c.htf(), c.mtf(), c.signals())));
        }
        progress.phase("replaying", 0);
        return replay(trading, signals, c);
    }

    /**
     * The ledger half of {@link #run}: replays {@code trading} with the signal at each bar given ({@code signals} by
     * symbol, one per bar, {@code null} for none).
     */
    static Result replay(Map<String, BarSeries> trading, Map<String, Signal[]> signals, Config c) {
        PaperBook book = new PaperBook(new Ledger(c.capital()), c.limits(), c.rules());
        List<Sym> syms = new ArrayList<>();
        TreeSet<Long> times = new TreeSet<>();
        for (Map.Entry<String, BarSeries> e : trading.entrySet()) {
            syms.add(new Sym(e.getValue(), signals.get(e.getKey())));
            // the first size() entries only: the arrays past them are capacity, timestamp 0
            long[] ts = e.getValue().ts();
            for (int i = 0, n = e.getValue().size(); i < n; i++) {
                times.add(ts[i]);
            }
        }
        List<Execution> fills = new ArrayList<>();
        List<OrderDecision> decisions = new ArrayList<>();
        List<FillLimit> fillLimits = new ArrayList<>();
        List<EquityPoint> curve = new ArrayList<>();
        long seq = 0;
        int expiry = c.signals().expiryBars();
        long barSeconds = c.trading().seconds();
        long day = Long.MIN_VALUE;
        BigDecimal dayStart = c.capital();
        for (long ts : times) {
            int fillsBefore = fills.size();
            if (Math.floorDiv(ts, 86_400L) != day) {
                day = Math.floorDiv(ts, 86_400L);
                dayStart = curve.isEmpty()
                        ? c.capital()
                        : curve.get(curve.size() - 1).equity();
            }
            for (Sym s : syms) {
                if (s.next >= s.t.size() || s.t.ts()[s.next] != ts) {
                    continue;
                }
                int i = s.next++;
                PaperBar bar =
                        new PaperBar(s.t.symbol(), ts, s.t.open()[i], s.t.high()[i], s.t.low()[i], s.t.close()[i]);
                // the paper session's entry rules: a limit entry waits (fills, or lapses after the expiry); a fill is
                // checked against the limits at its price, as a session's is, and what they keep back waits
                RiskCheck.Activity activity = new RiskCheck.Activity(dayStart, 0);
                for (ListIterator<PendingOrder> it = s.pending.listIterator(); it.hasNext(); ) {
                    PendingOrder o = it.next();
                    if (o.lapsedAt(ts, expiry, barSeconds)) {
                        it.remove();
                        continue;
                    }
                    Optional<FillResult> r = book.fill(o, bar, activity, 0);
                    if (r.isEmpty()) {
                        continue;
                    }
                    Execution e = r.get().execution();
                    if (r.get().limitBreached()) {
                        fillLimits.add(new FillLimit(
                                o.ref(),
                                o.symbol(),
                                ts,
                                r.get().cappedBy(),
                                r.get().kept(),
                                e));
                    }
                    if (e != null) {
                        fills.add(e);
                        PendingOrder rest = o.withFill(e.quantity());
                        if (rest.remaining().signum() > 0) {
                            it.set(rest);
                        } else {
                            it.remove();
                        }
                    }
                }
                book.checkExit(bar).ifPresent(x -> fills.add(x.execution()));
                book.mark(bar.symbol(), bar.close());
                Signal sig = s.signals[i];
                if (sig == null) {
                    continue;
                }
                var d = book.decide(sig, bar.close(), new RiskCheck.Activity(dayStart, 0), true);
                if (d.isPresent()) {
                    decisions.add(d.get());
                    if (d.get().accepted()) {
                        s.pending.add(PendingOrder.of("bt-" + (++seq), d.get()));
                    }
                }
            }
            curve.add(point(ts, book, curve, fills.size() != fillsBefore));
        }
        return new Result(fills, decisions, curve, book.ledger(), fillLimits);
    }

    /**
     * The equity point after the bars of {@code ts}. Cash and positions change only by fills, and with no position
     * open the marks do not count: then, with no fill at {@code ts}, the point is the previous one's figures (the
     * same numbers the sums would give, without re-marking); otherwise equity and gross exposure are summed over the
     * positions in one pass.
     */
    private static EquityPoint point(long ts, PaperBook book, List<EquityPoint> curve, boolean filled) {
        Ledger ledger = book.ledger();
        if (!filled && !curve.isEmpty() && !ledger.holdsAny()) {
            EquityPoint last = curve.get(curve.size() - 1);
            return new EquityPoint(ts, last.cash(), last.equity(), last.gross());
        }
        Exposure.GrossNet v = ledger.grossAndNet(book.marks());
        return new EquityPoint(ts, ledger.cash(), ledger.cash().add(v.net()), v.gross());
    }
}
