package io.dgas.domain;

import java.util.Arrays;
import java.util.Objects;

/**
 * Columnar, append-only bars of one symbol and timeframe, sorted by strictly ascending timestamp.
 *
 * <p>Arrays returned by the accessors are the live backing arrays: only the first {@link #size()} entries are
 * meaningful and callers must not modify them. The only mutation besides {@link #append} is {@link #replaceLast},
 * for a still-forming last bar.
 *
 * <p>{@link #version()} is a 64-bit content fingerprint of every bar (timestamps and values): it changes on every
 * append and on every replacement that changes a value, and two series with the same bars have the same version,
 * so a series reloaded after a correction anywhere in its history never matches a stale cache entry.
 */
public final class BarSeries {
    private final String symbol;
    private final Timeframe timeframe;
    private long[] ts;
    private double[] open;
    private double[] high;
    private double[] low;
    private double[] close;
    private double[] volume;
    private int size;
    private long prefixHash;
    private long hash;

    public BarSeries(String symbol, Timeframe timeframe) {
        this(symbol, timeframe, 64);
    }

    public BarSeries(String symbol, Timeframe timeframe, int initialCapacity) {
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        this.timeframe = Objects.requireNonNull(timeframe, "timeframe");
        int cap = Math.max(4, initialCapacity);
        ts = new long[cap];
        open = new double[cap];
        high = new double[cap];
        low = new double[cap];
        close = new double[cap];
        volume = new double[cap];
    }

    /** Appends one bar; its timestamp must be later than the last one. */
    public BarSeries append(long t, double o, double h, double l, double c, double v) {
        if (size > 0 && t <= ts[size - 1]) {
            throw new IllegalArgumentException("bar timestamps must ascend strictly: " + t + " after " + ts[size - 1]
                    + " (" + symbol + " " + timeframe + ")");
        }
        if (size == ts.length) {
            grow();
        }
        prefixHash = hash;
        set(size++, t, o, h, l, c, v);
        return this;
    }

    public BarSeries append(Bar bar) {
        return append(bar.ts(), bar.open(), bar.high(), bar.low(), bar.close(), bar.volume());
    }

    /**
     * Replaces the last bar (a still-forming bar that has changed); the timestamp must stay after the previous bar.
     *
     * @throws IllegalStateException when the series is empty
     */
    public BarSeries replaceLast(long t, double o, double h, double l, double c, double v) {
        if (size == 0) {
            throw new IllegalStateException("no bar to replace (" + symbol + " " + timeframe + ")");
        }
        if (size > 1 && t <= ts[size - 2]) {
            throw new IllegalArgumentException("bar timestamps must ascend strictly: " + t + " after " + ts[size - 2]
                    + " (" + symbol + " " + timeframe + ")");
        }
        hash = prefixHash;
        set(size - 1, t, o, h, l, c, v);
        return this;
    }

    private void set(int i, long t, double o, double h, double l, double c, double v) {
        ts[i] = t;
        open[i] = o;
        high[i] = h;
        low[i] = l;
        close[i] = c;
        volume[i] = v;
        hash = mix(hash, t, o, h, l, c, v);
    }

    private static long mix(long seed, long t, double o, double h, double l, double c, double v) {
        long x = seed * 0x9E3779B97F4A7C15L + t;
        x = fmix(x) ^ Double.doubleToLongBits(o);
        x = fmix(x) ^ Double.doubleToLongBits(h);
        x = fmix(x) ^ Double.doubleToLongBits(l);
        x = fmix(x) ^ Double.doubleToLongBits(c);
        x = fmix(x) ^ Double.doubleToLongBits(v);
        return fmix(x);
    }

    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        return k ^ (k >>> 33);
    }

    private void grow() {
        int cap = ts.length * 2;
        ts = Arrays.copyOf(ts, cap);
        open = Arrays.copyOf(open, cap);
        high = Arrays.copyOf(high, cap);
        low = Arrays.copyOf(low, cap);
        close = Arrays.copyOf(close, cap);
        volume = Arrays.copyOf(volume, cap);
    }

    /** A new series holding the first {@code n} bars (a copy). */
    public BarSeries head(int n) {
        if (n < 0 || n > size) {
            throw new IndexOutOfBoundsException("head " + n + " of " + size);
        }
        BarSeries s = new BarSeries(symbol, timeframe, n);
        if (n == size) {
            // the whole series: the bars are known to be valid and their fingerprints are this series' own
            System.arraycopy(ts, 0, s.ts, 0, n);
            System.arraycopy(open, 0, s.open, 0, n);
            System.arraycopy(high, 0, s.high, 0, n);
            System.arraycopy(low, 0, s.low, 0, n);
            System.arraycopy(close, 0, s.close, 0, n);
            System.arraycopy(volume, 0, s.volume, 0, n);
            s.size = n;
            s.hash = hash;
            s.prefixHash = prefixHash;
            return s;
        }
        for (int i = 0; i < n; i++) {
            s.append(ts[i], open[i], high[i], low[i], close[i], volume[i]);
        }
        return s;
    }

    /** Index of the last bar with {@code ts ≤ t}, or -1 (binary search). */
    public int indexAtOrBefore(long t) {
        int lo = 0;
        int hi = size - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (ts[mid] <= t) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    public Bar bar(int i) {
        Objects.checkIndex(i, size);
        return new Bar(ts[i], open[i], high[i], low[i], close[i], volume[i]);
    }

    public String symbol() {
        return symbol;
    }

    public Timeframe timeframe() {
        return timeframe;
    }

    public int size() {
        return size;
    }

    public long version() {
        return hash;
    }

    public long[] ts() {
        return ts;
    }

    public double[] open() {
        return open;
    }

    public double[] high() {
        return high;
    }

    public double[] low() {
        return low;
    }

    public double[] close() {
        return close;
    }

    public double[] volume() {
        return volume;
    }

    @Override
    public String toString() {
        return "BarSeries[" + symbol + " " + timeframe + " size=" + size + "]";
    }
}
