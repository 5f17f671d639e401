package io.dgas.app.trading;

import io.dgas.calc.drummond.Signal;
import io.dgas.ledger.Execution;
import io.dgas.ledger.Ledger;
import io.dgas.ledger.Money;
import io.dgas.ledger.OrderType;
import io.dgas.ledger.PaperRules;
import io.dgas.ledger.Position;
import io.dgas.ledger.RiskCheck;
import io.dgas.ledger.RiskLimits;
import io.dgas.ledger.Side;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The paper-trading rules over one portfolio's {@link Ledger}, shared by live paper sessions and backtests. Pure: the
 * caller loads and stores state. No look-ahead: an order decided on bar i fills at the open of the first bar after
 * it (moved by the slippage), and a position's stop or target is checked against bars from the one it was filled on.
 *
 * <p>Stops and targets: a long is stopped when a bar's low reaches the stop, at the stop or the open if it gapped
 * below; otherwise it reaches its target when the high does, at the target or the open if it gapped above (shorts
 * mirrored). When both lie within one bar the stop is assumed first: the conservative reading of a bar whose path
 * is unknown.
 */
public final class PaperBook {
    /** What a fill cut short by the bar's volume reports as its cap. */
    public static final String PARTICIPATION = "max_participation";

    /** Exits of an open position and the first bar (open time, epoch seconds) they are checked against. */
    private record Exits(Double stop, Double target, long since) {}

    private final Ledger ledger;
    private final RiskLimits limits;
    private final PaperRules rules;
    private final Map<String, Exits> exits = new HashMap<>();
    private final Map<String, Double> marks = new HashMap<>();

    public PaperBook(Ledger ledger, RiskLimits limits, PaperRules rules) {
        this.ledger = ledger;
        this.limits = limits;
        this.rules = rules;
    }

    public Ledger ledger() {
        return ledger;
    }

    /** Restores the exits of an open position loaded from storage (checked from any later bar). */
    public void restoreExits(String symbol, Double stop, Double target) {
        if (stop != null || target != null) {
            exits.put(symbol, new Exits(stop, target, Long.MIN_VALUE));
        }
    }

    /** The stop of {@code symbol}'s position, or {@code null}. */
    public Double stop(String symbol) {
        Exits e = exits.get(symbol);
        return e == null ? null : e.stop();
    }

    /** The target of {@code symbol}'s position, or {@code null}. */
    public Double target(String symbol) {
        Exits e = exits.get(symbol);
        return e == null ? null : e.target();
    }

    /** Marks {@code symbol} at {@code close} (the latest close is what equity and limits are measured at). */
    public void mark(String symbol, double close) {
        marks.put(symbol, close);
    }

    public Map<String, Double> marks() {
        return marks;
    }

    /** Cash + positions at the latest marks. */
    public BigDecimal equity() {
        return ledger.equity(marks);
    }

    /**
     * Fills what is left of {@code o} at {@code bar} when the bar comes after the one it was decided on and reaches
     * the order's price; empty when it does not. The fill is applied to the ledger; a position it opens or adds to
     * takes the order's exits, a flat one loses them.
     *
     * <p>Prices: a market order fills at the open moved by the slippage. A limit order fills when the bar trades at
     * or through its price: at the open when the bar opened through it (a better price), else at the limit; no
     * slippage (never worse than the limit). A stop order triggers when the bar trades at or through its price and
     * fills as a market order: at the open when the bar gapped through it, else at the stop, moved by the slippage.
     *
     * <p>Partial fills: with {@code maxParticipation} > 0 and a known volume, at most that fraction of the bar's
     * volume (whole units) fills; with {@code activity} given, the quantity is checked against the session's limits
     * at the fill price and cut to what they allow (refused: nothing fills). The rest waits for later bars.
     */
    public Optional<FillResult> fill(
            PendingOrder o, PaperBar bar, RiskCheck.Activity activity, double maxParticipation) {
        if (bar.ts() <= o.fillAfter() || !bar.symbol().equals(o.symbol())) {
            return Optional.empty();
        }
        double price = fillPrice(o, bar);
        if (Double.isNaN(price)) {
            return Optional.empty();
        }
        BigDecimal q = o.remaining();
        String capped = null;
        if (maxParticipation > 0 && Double.isFinite(bar.volume())) {
            BigDecimal cap = BigDecimal.valueOf(bar.volume() * maxParticipation).setScale(0, RoundingMode.DOWN);
            if (cap.compareTo(q) < 0) {
                q = cap;
                capped = PARTICIPATION;
            }
        }
        if (activity != null && q.signum() > 0) {
            marks.putIfAbsent(o.symbol(), bar.open()); // an unmarked position is valued at this bar for the check
            RiskCheck.Decision d = RiskCheck.check(limits, ledger, marks, o.symbol(), o.side(), q, price, activity);
            if (d.quantity().compareTo(q) < 0) {
                q = d.quantity();
                capped = d.limit();
            }
        }
        if (q.signum() <= 0) {
            return capped == null || PARTICIPATION.equals(capped)
                    ? Optional.empty()
                    : Optional.of(new FillResult(null, capped, o.remaining()));
        }
        boolean whole = o.filled().signum() == 0 && q.compareTo(o.quantity()) == 0;
        Execution e = new Execution(
                whole ? "paper-" + o.ref() : "paper-" + o.ref() + "-" + bar.ts(),
                o.symbol(),
                o.side(),
                q,
                price,
                rules.commission(q, price),
                Money.ZERO,
                Instant.ofEpochSecond(bar.ts()));
        Position before = ledger.position(o.symbol());
        ledger.apply(e);
        Position after = ledger.position(o.symbol());
        boolean hasExits = o.exitStop() != null || o.exitTarget() != null;
        if (after.isFlat()) {
            exits.remove(o.symbol());
        } else if (hasExits
                && after.quantity().signum() == o.side().sign(BigDecimal.ONE).signum()) {
            exits.put(o.symbol(), new Exits(o.exitStop(), o.exitTarget(), bar.ts()));
        } else if (after.quantity().signum() != before.quantity().signum()) {
            exits.remove(o.symbol());
        }
        return Optional.of(new FillResult(e, capped, o.remaining().subtract(q)));
    }

    /** The price {@code o} fills at in {@code bar}, or NaN when the bar does not reach it. */
    private double fillPrice(PendingOrder o, PaperBar bar) {
        boolean buy = o.side() == Side.BUY;
        return switch (o.type()) {
            case MARKET -> rules.fillPrice(o.side(), bar.open());
            case LIMIT -> {
                double l = o.price();
                if (buy ? bar.open() <= l : bar.open() >= l) {
                    yield bar.open();
                }
                yield (buy ? bar.low() <= l : bar.high() >= l) ? l : Double.NaN;
            }
            case STOP -> {
                double st = o.price();
                if (buy ? bar.open() >= st : bar.open() <= st) {
                    yield rules.fillPrice(o.side(), bar.open());
                }
                yield (buy ? bar.high() >= st : bar.low() <= st) ? rules.fillPrice(o.side(), st) : Double.NaN;
            }
        };
    }

    /** Closes the position in {@code bar}'s symbol when the bar reaches its stop or target; empty otherwise. */
    public Optional<ExitFill> checkExit(PaperBar bar) {
        Exits x = exits.get(bar.symbol());
        if (x == null || bar.ts() < x.since()) {
            return Optional.empty();
        }
        Position p = ledger.position(bar.symbol());
        if (p.isFlat()) {
            return Optional.empty();
        }
        boolean isLong = p.quantity().signum() > 0;
        Double level = null;
        String reason = null;
        if (x.stop() != null && (isLong ? bar.low() <= x.stop() : bar.high() >= x.stop())) {
            level = isLong ? Math.min(bar.open(), x.stop()) : Math.max(bar.open(), x.stop());
            reason = "stop";
        } else if (x.target() != null && (isLong ? bar.high() >= x.target() : bar.low() <= x.target())) {
            level = isLong ? Math.max(bar.open(), x.target()) : Math.min(bar.open(), x.target());
            reason = "target";
        }
        if (level == null) {
            return Optional.empty();
        }
        Side side = isLong ? Side.SELL : Side.BUY;
        BigDecimal q = p.quantity().abs();
        double price = rules.fillPrice(side, level);
        Execution e = new Execution(
                "paper-" + reason + "-" + bar.symbol() + "-" + bar.ts(),
                bar.symbol(),
                side,
                q,
                price,
                rules.commission(q, price),
                Money.ZERO,
                Instant.ofEpochSecond(bar.ts()));
        ledger.apply(e);
        exits.remove(bar.symbol());
        return Optional.of(new ExitFill(e, reason));
    }

    /**
     * The pre-trade check of an order placed by hand, with the limits and conventions the cycle's own orders are
     * checked with: at {@code reference} moved by the slippage for a market order (the latest close) or a stop order
     * (its stop), at the limit itself for a limit order (never worse than it).
     */
    public RiskCheck.Decision check(
            String symbol, Side side, BigDecimal quantity, OrderType type, double reference, RiskCheck.Activity a) {
        double price = type == OrderType.LIMIT ? reference : rules.fillPrice(side, reference);
        return RiskCheck.check(limits, ledger, marks, symbol, side, quantity, price, a);
    }

    /**
     * The order {@code s} asks for, sized by the rules and checked against the limits at {@code price} (the latest
     * close); empty when it asks for nothing (already positioned its way, or an exit signal with nothing to exit).
     * An entry against an open position reverses it: the order closes it and opens the sized quantity. Always a
     * market order (the backtest's: it fills at the next bar's open).
     */
    public Optional<OrderDecision> decide(Signal s, double price, RiskCheck.Activity activity) {
        return decide(s, price, activity, false);
    }

    /**
     * The decision's reason: the signal's type and confidence. Numbers are formatted in {@link Locale#US}, whose
     * digits and decimal point are the root locale's (the same text), because the formatter looks up the symbols of
     * any other locale at every call: a tenth of a backtest's ledger time.
     */
    private static String why(Signal s) {
        return s.type().name().toLowerCase(Locale.ROOT) + " signal, confidence "
                + String.format(Locale.US, "%.2f", s.confidence());
    }

    /**
     * As {@link #decide(Signal, double, RiskCheck.Activity)}; with {@code limitEntries}, an entry whose plan waits for
     * the price (a long's entry below the close, a short's above) is a limit order at the entry, sized and checked at
     * it (no slippage: a limit never fills worse); an entry at the close stays a market order.
     */
    public Optional<OrderDecision> decide(Signal s, double price, RiskCheck.Activity activity, boolean limitEntries) {
        Position p = ledger.position(s.symbol());
        int dir = p.quantity().signum();
        if (!s.type().isEntry()) {
            boolean exitable = s.type() == Signal.Type.EXIT_LONG ? dir > 0 : dir < 0;
            if (!exitable) {
                return Optional.empty();
            }
            String why = why(s);
            Side side = dir > 0 ? Side.SELL : Side.BUY;
            return Optional.of(decision(
                    s, side, p.quantity().abs(), null, true, why, rules.fillPrice(side, price), activity, null));
        }
        Side side = s.type() == Signal.Type.LONG ? Side.BUY : Side.SELL;
        int want = side == Side.BUY ? 1 : -1;
        if (dir == want) {
            return Optional.empty();
        }
        double e = s.entry();
        boolean limit = limitEntries && Double.isFinite(e) && e > 0 && (side == Side.BUY ? e < price : e > price);
        double at = limit ? e : rules.fillPrice(side, price);
        // formatted only for a decision made (String.format was a tenth of a backtest's ledger time)
        String why = why(s);
        if (limit) {
            why += String.format(Locale.US, ", limit entry at %.4f", e);
        }
        BigDecimal sized = rules.quantity(at, equity());
        if (sized.signum() == 0) {
            return Optional.of(new OrderDecision(
                    s.symbol(),
                    side,
                    sized,
                    false,
                    "size_below_one_unit",
                    s.ts(),
                    null,
                    null,
                    s.confidence(),
                    why,
                    limit ? e : null));
        }
        BigDecimal q = dir == 0 ? sized : sized.add(p.quantity().abs());
        return Optional.of(decision(s, side, q, exitsOf(s), false, why, at, activity, limit ? e : null));
    }

    private OrderDecision decision(
            Signal s,
            Side side,
            BigDecimal q,
            double[] exitLevels,
            boolean exit,
            String why,
            double fillPrice,
            RiskCheck.Activity activity,
            Double limitPrice) {
        RiskCheck.Decision d = RiskCheck.check(limits, ledger, marks, s.symbol(), side, q, fillPrice, activity);
        Double stop = exitLevels == null || exit ? null : finite(exitLevels[0]);
        Double target = exitLevels == null || exit ? null : finite(exitLevels[1]);
        String rationale =
                d.limit() == null ? why : why + (d.accepted() ? "; capped by " : "; refused by ") + d.limit();
        return new OrderDecision(
                s.symbol(),
                side,
                d.accepted() ? d.quantity() : q,
                d.accepted(),
                d.limit(),
                s.ts(),
                stop,
                target,
                s.confidence(),
                rationale,
                limitPrice);
    }

    private static double[] exitsOf(Signal s) {
        return new double[] {s.stop(), s.target()};
    }

    private static Double finite(double v) {
        return Double.isFinite(v) && v > 0 ? v : null;
    }
}
