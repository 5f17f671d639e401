package io.dgas.app.trading;

import io.dgas.domain.BarSeries;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The benchmark a backtest is measured against: its capital split equally across the symbols replayed (those with a
 * bar in its range), each bought at its first close there and held to its last, with no costs and no rebalancing.
 * Its return is the mean of the symbols' returns (last close ÷ first − 1); its value at a time is the start value times
 * the mean of the symbols' ratios of their latest close at or before that time to their first, a symbol whose first
 * bar is later counting as 1 (its share still in cash).
 */
public final class BuyAndHold {
    private BuyAndHold() {}

    /** The benchmark's return over the series, NaN when none has a bar. */
    public static double totalReturn(Collection<BarSeries> series) {
        double sum = 0;
        int n = 0;
        for (BarSeries s : series) {
            if (s.size() > 0) {
                sum += s.close()[s.size() - 1] / s.close()[0] - 1;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /**
     * The benchmark's value at each of {@code ts} (epoch seconds, ascending), starting from {@code start}; empty when
     * no series has a bar.
     */
    public static List<Double> values(Collection<BarSeries> series, long[] ts, double start) {
        List<BarSeries> held = series.stream().filter(s -> s.size() > 0).toList();
        List<Double> out = new ArrayList<>(ts.length);
        if (held.isEmpty()) {
            return out;
        }
        int[] at = new int[held.size()]; // per series, bars at or before the current time
        for (long t : ts) {
            double sum = 0;
            for (int k = 0; k < held.size(); k++) {
                BarSeries s = held.get(k);
                long[] bars = s.ts();
                while (at[k] < s.size() && bars[at[k]] <= t) {
                    at[k]++;
                }
                sum += at[k] == 0 ? 1 : s.close()[at[k] - 1] / s.close()[0];
            }
            out.add(start * sum / held.size());
        }
        return out;
    }
}
