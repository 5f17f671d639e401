package io.dgas.calc.drummond;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * <b>[C]</b> Replay of past entry signals (drummond.md §7), the pure core of {@code dgas signals evaluate}.
 *
 * <p>Contract: {@link #trades} walks one symbol's trading bars; the signal at bar k uses only data known at k's close
 * ({@link Signals#raw}). Aggregation keeps the first: an entry signal at most the aggregation window after the last
 * kept one of its type is dropped, so whether a signal is traded never depends on a later bar (the cycle's stored
 * signals are superseded by a more confident later one instead, a change a replay cannot undo once an order works).
 * Each entry signal is resolved by {@link Calibration#resolveOver}, the same resolution the cycle records. {@link #calibrate} then gives
 * every trade, across symbols in order of issue, the win probability of a {@link CalibrationTable} holding only the
 * decided outcomes whose exit bar had closed when the signal was issued: no outcome from its future.
 */
public final class SignalReplay {
    private SignalReplay() {}

    /**
     * One replayed entry signal.
     *
     * @param signal the signal, with its probability once {@link #calibrate}d
     * @param result its fill, lapse, stop, target or time exit
     * @param issuedAt close time of its bar (epoch seconds): when it became known
     * @param resolvedAt close time of its exit bar, or {@link Long#MAX_VALUE} when it has none
     * @param costR round-trip cost in units of its planned risk
     */
    public record Trade(Signal signal, Calibration.Result result, long issuedAt, long resolvedAt, double costR) {
        /** Whether the trade has an exit (win, loss or time exit). */
        public boolean closed() {
            return !Double.isNaN(result.r());
        }

        /** R net of the cost; NaN without an exit. */
        public double netR() {
            return result.r() - costR;
        }
    }

    /**
     * Entry signals of {@code trading} with their results, in bar order.
     *
     * @param windowSeconds calibration window ({@link SignalParams#calibrationSeconds()})
     * @param costBps round-trip cost in basis points of the entry price (0: none)
     */
    public static List<Trade> trades(
            DrummondAnalysis htf,
            DrummondAnalysis trading,
            MtfParams mp,
            SignalParams sp,
            long windowSeconds,
            double costBps) {
        Check.range("costBps", costBps, 0, 10_000);
        long tf = trading.series().timeframe().seconds();
        long[] ts = trading.series().ts();
        List<Trade> out = new ArrayList<>();
        long[] lastKept = {Long.MIN_VALUE, Long.MIN_VALUE};
        for (Signal s : Signals.raw(htf, trading, mp, sp, trading.size())) {
            if (!s.type().isEntry()) {
                continue;
            }
            int side = s.type() == Signal.Type.LONG ? 0 : 1;
            if (lastKept[side] != Long.MIN_VALUE && s.ts() - lastKept[side] <= sp.aggregationSeconds()) {
                continue;
            }
            lastKept[side] = s.ts();
            Calibration.Result r = Calibration.resolveOver(s, trading.series(), windowSeconds);
            long resolved = r.exitBar() < 0 ? Long.MAX_VALUE : ts[r.exitBar()] + tf;
            double cost = s.entry() * costBps / 10_000.0 / Math.abs(s.entry() - s.stop());
            out.add(new Trade(s, r, ts[s.bar()] + tf, resolved, cost));
        }
        return out;
    }

    /**
     * {@code trades} (of any symbols) in order of issue, each with the probability of the outcomes decided by then;
     * ties at one instant see the same table.
     */
    public static List<Trade> calibrate(List<Trade> trades, int minCalibrated) {
        List<Trade> byIssue = new ArrayList<>(trades);
        byIssue.sort(Comparator.comparingLong(Trade::issuedAt));
        PriorityQueue<Trade> pending = new PriorityQueue<>(Comparator.comparingLong(Trade::resolvedAt));
        pending.addAll(byIssue);
        CalibrationTable table = new CalibrationTable(minCalibrated);
        List<Trade> out = new ArrayList<>(byIssue.size());
        for (Trade t : byIssue) {
            while (!pending.isEmpty() && pending.peek().resolvedAt() <= t.issuedAt()) {
                Trade done = pending.poll();
                table.add(
                        done.signal().type(),
                        done.signal().confidence(),
                        done.result().outcome());
            }
            out.add(new Trade(table.apply(t.signal()), t.result(), t.issuedAt(), t.resolvedAt(), t.costR()));
        }
        return out;
    }
}
