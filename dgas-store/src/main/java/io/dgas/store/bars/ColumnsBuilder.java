package io.dgas.store.bars;

import io.dgas.domain.Timeframe;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;

/** Accumulates rows {@code (ts epoch seconds, open, high, low, close, volume)} into growable primitive arrays. */
final class ColumnsBuilder {
    private final String symbol;
    private final Timeframe tf;
    private long[] ts;
    private double[][] v;
    private int n;

    ColumnsBuilder(String symbol, Timeframe tf) {
        this(symbol, tf, 64);
    }

    /** A builder sized for {@code capacity} rows (it grows past them). */
    ColumnsBuilder(String symbol, Timeframe tf, int capacity) {
        this.symbol = symbol;
        this.tf = tf;
        this.ts = new long[Math.max(1, capacity)];
        this.v = new double[5][Math.max(1, capacity)];
    }

    /** The series' ticker. */
    String symbol() {
        return symbol;
    }

    /** Rows added so far. */
    int size() {
        return n;
    }

    /** Adds the row at {@code rs} whose columns {@code first}…{@code first+5} are ts_epoch, o, h, l, c, v. */
    void add(ResultSet rs, int first) throws SQLException {
        add(rs.getLong(first), rs, first + 1);
    }

    /** Adds a row of open time {@code t} whose prices are columns {@code firstPrice}…{@code firstPrice+4} of {@code rs}. */
    void add(long t, ResultSet rs, int firstPrice) throws SQLException {
        if (n == ts.length) {
            ts = Arrays.copyOf(ts, n * 2);
            for (int i = 0; i < 5; i++) {
                v[i] = Arrays.copyOf(v[i], n * 2);
            }
        }
        ts[n] = t;
        for (int i = 0; i < 5; i++) {
            v[i][n] = rs.getDouble(firstPrice + i);
        }
        n++;
    }

    /** Open time of row {@code r}. */
    long ts(int r) {
        return ts[r];
    }

    /** Column {@code c} (open, high, low, close, volume: 0–4) of row {@code r}. */
    double value(int c, int r) {
        return v[c][r];
    }

    /** The columns, reversed first when rows were added newest-first. */
    BarColumns build(boolean reverse) {
        long[] t = Arrays.copyOf(ts, n);
        double[][] c = new double[5][];
        for (int i = 0; i < 5; i++) {
            c[i] = Arrays.copyOf(v[i], n);
        }
        if (reverse) {
            for (int a = 0, b = n - 1; a < b; a++, b--) {
                long tt = t[a];
                t[a] = t[b];
                t[b] = tt;
                for (double[] col : c) {
                    double d = col[a];
                    col[a] = col[b];
                    col[b] = d;
                }
            }
        }
        return new BarColumns(symbol, tf, t, c[0], c[1], c[2], c[3], c[4]);
    }
}
