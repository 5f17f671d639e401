package io.dgas.calc.drummond;

import io.dgas.domain.BarSeries;

/**
 * What became of an entry signal over the bars after it, drummond.md §7: the one code path shared by the outcome
 * recording of the cycle, calibration and the replay of past signals.
 *
 * <p>Contract of {@link #resolve}: the signal's bar is the last bar at or before its timestamp; the bars after it, up
 * to {@code horizonBars} of them, are its window. <b>[C]</b> The entry fills on the first bar of the window, within
 * the signal's {@link Signal#expiryBars() expiry}, that trades at or through it (LONG: low ≤ entry; SHORT: high ≥
 * entry); not filled by then, the signal lapses, {@link Outcome#NOT_FILLED}. From the fill bar on (that bar
 * included), LONG loses when low ≤ stop, checked first within a bar, and wins when high ≥ target; SHORT mirrors.
 * Neither by the window's last bar: a time exit at its close, {@link Outcome#NEUTRAL}. Bars missing before a result
 * make it {@link Outcome#PENDING}. Prices: the fill is at the entry, a target exit at the target, a stop exit at the
 * stop or at the bar's open when the bar opened beyond it (a gap, never better than the stop); R = signed exit move /
 * (entry − stop distance). Exit signals are {@link Outcome#NOT_APPLICABLE}. Reads only bars after the signal's.
 */
public final class Calibration {
    private Calibration() {}

    public enum Outcome {
        WIN,
        LOSS,
        NEUTRAL,
        PENDING,
        NOT_FILLED,
        NOT_APPLICABLE
    }

    /**
     * A resolved signal.
     *
     * @param outcome outcome
     * @param fillBar bar index of the fill in the series resolved against, −1 if none
     * @param exitBar bar index of the stop, target or time exit, −1 if none
     * @param exitPrice price of that exit, NaN if none
     * @param r profit in units of the planned risk |entry − stop|, NaN without an exit
     */
    public record Result(Outcome outcome, int fillBar, int exitBar, double exitPrice, double r) {
        static Result of(Outcome o, int fillBar) {
            return new Result(o, fillBar, -1, Double.NaN, Double.NaN);
        }
    }

    /** {@link #resolve} with the window as the bars within {@code windowSeconds} of the signal (at least one). */
    public static Outcome evaluate(Signal s, BarSeries bars, long windowSeconds) {
        long tf = bars.timeframe().seconds();
        int horizon = (int) Math.max(1, Math.min(Integer.MAX_VALUE, windowSeconds / tf));
        return resolve(s, bars, horizon).outcome();
    }

    /**
     * <b>[C]</b> The window in bars every stored or replayed signal is judged over: the bars within {@code
     * windowSeconds} of the signal, but at least one bar past its expiry, so an entry filled on its last allowed bar
     * still has a bar to reach its stop or target (on daily bars the 24 h window alone would be a single bar).
     */
    public static int horizonBars(long timeframeSeconds, long windowSeconds, int expiryBars) {
        long window = Math.max(1, windowSeconds / timeframeSeconds);
        long pastExpiry = expiryBars == Signal.NO_EXPIRY ? 1 : expiryBars + 1L;
        return (int) Math.min(Integer.MAX_VALUE - 1, Math.max(window, pastExpiry));
    }

    /**
     * <b>[C]</b> The one resolution of a stored, recorded or replayed signal: {@link #resolve} over {@link
     * #horizonBars} of {@code windowSeconds} and the signal's expiry.
     */
    public static Result resolveOver(Signal s, BarSeries bars, long windowSeconds) {
        return resolve(s, bars, horizonBars(bars.timeframe().seconds(), windowSeconds, s.expiryBars()));
    }

    /**
     * The fill, lapse, stop, target or time exit of {@code s} over the next {@code horizonBars} bars of {@code bars}.
     * The stop comes first within a bar; the bar that fills reaches the target only when it opened through the entry.
     */
    public static Result resolve(Signal s, BarSeries bars, int horizonBars) {
        Check.range("horizonBars", horizonBars, 1, Integer.MAX_VALUE);
        if (!s.type().isEntry()) {
            return Result.of(Outcome.NOT_APPLICABLE, -1);
        }
        int dir = s.type() == Signal.Type.LONG ? 1 : -1;
        int first = bars.indexAtOrBefore(s.ts()) + 1;
        int last = offset(first, horizonBars);
        int lastFill = offset(first, Math.min(s.expiryBars(), horizonBars));
        int n = bars.size();
        double[] hi = bars.high();
        double[] lo = bars.low();
        int fill = -1;
        for (int i = first; i < n && i <= lastFill && fill < 0; i++) {
            if (dir > 0 ? lo[i] <= s.entry() : hi[i] >= s.entry()) {
                fill = i;
            }
        }
        if (fill < 0) {
            return Result.of(n > lastFill ? Outcome.NOT_FILLED : Outcome.PENDING, -1);
        }
        double risk = Math.abs(s.entry() - s.stop());
        // A bar says nothing of the order of its high and low: on the bar that fills a limit entry, the target may have
        // traded before the fill. Crediting it would be an edge from inside the bar (it shows as a positive
        // expectancy on random walks), so the fill bar can win only when it opened through the entry (filled at once).
        double fillOpen = bars.open()[fill];
        boolean openedThrough = dir > 0 ? fillOpen <= s.entry() : fillOpen >= s.entry();
        for (int i = fill; i < n && i <= last; i++) {
            if (dir > 0 ? lo[i] <= s.stop() : hi[i] >= s.stop()) {
                double open = bars.open()[i];
                double px = dir > 0 ? Math.min(s.stop(), open) : Math.max(s.stop(), open);
                return new Result(Outcome.LOSS, fill, i, px, dir * (px - s.entry()) / risk);
            }
            if ((i > fill || openedThrough) && (dir > 0 ? hi[i] >= s.target() : lo[i] <= s.target())) {
                return new Result(Outcome.WIN, fill, i, s.target(), dir * (s.target() - s.entry()) / risk);
            }
        }
        if (n <= last) {
            return Result.of(Outcome.PENDING, fill);
        }
        double close = bars.close()[last];
        return new Result(Outcome.NEUTRAL, fill, last, close, dir * (close - s.entry()) / risk);
    }

    /** Index of the {@code count}-th bar from {@code first} (first itself is the 1st), without overflow. */
    private static int offset(int first, int count) {
        return (int) Math.min((long) first + count - 1, Integer.MAX_VALUE - 1);
    }
}
