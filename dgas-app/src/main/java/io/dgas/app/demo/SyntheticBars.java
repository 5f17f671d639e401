package io.dgas.app.demo;

import io.dgas.domain.Timeframe;
import java.io.Reader;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A deterministic universe of random-walk bars as a bars CSV stream ({@code timestamp,symbol,interval,open,high,low,
 * close,volume}), generated as it is read so that millions of rows take no memory.
 *
 * <p>Design notes: symbol {@code k} is {@code SYN0001}… with its own seeded generator, so any subset is reproducible.
 * Closes follow a geometric random walk with a slowly switching drift (so trends and congestion both occur, as in
 * markets); each bar opens at the previous close, and the high and low extend beyond the body by a random wick, so
 * every bar satisfies high ≥ max(open, close) and low ≤ min(open, close). The last bar is the last complete bar
 * before {@code end}.
 */
public final class SyntheticBars extends Reader {
    private final int symbols;
    private final int bars;
    private final Timeframe tf;
    private final long firstTs;
    private final long seed;
    private final long[] after;
    private final StringBuilder buf = new StringBuilder(4096);
    private int pos;
    private int symbol = -1;
    private int bar;
    private SplittableRandom rnd;
    private double close;
    private double drift;

    public SyntheticBars(int symbols, int bars, Timeframe tf, Instant end, long seed) {
        this(symbols, tf.bucketStart(end.getEpochSecond()) - (long) bars * tf.seconds(), bars, tf, seed, null);
    }

    /**
     * The walks from {@code firstTs} (epoch seconds, the first bar's start), {@code bars} long, each row emitted only
     * when it is after its symbol's {@code after[k]} (epoch seconds; null: every row): the walks are the same from
     * the same start and seed, so stored walks are extended with their own continuation and no stored row is written
     * again.
     */
    public SyntheticBars(int symbols, long firstTs, int bars, Timeframe tf, long seed, long[] after) {
        this.symbols = symbols;
        this.bars = bars;
        this.tf = tf;
        this.firstTs = firstTs;
        this.seed = seed;
        this.after = after;
        buf.append("timestamp,symbol,interval,open,high,low,close,volume\n");
    }

    /** Ticker of symbol {@code k} (0-based). */
    public static String ticker(int k) {
        return String.format(Locale.ROOT, "SYN%04d", k + 1);
    }

    private boolean fill() {
        buf.setLength(0);
        pos = 0;
        while (buf.length() < 4096) {
            if (symbol < 0 || bar == bars) {
                if (++symbol >= symbols) {
                    return buf.length() > 0;
                }
                bar = 0;
                rnd = new SplittableRandom(seed * 1_000_003L + symbol);
                close = 20 + rnd.nextDouble() * 180;
                drift = 0;
            }
            row();
            bar++;
        }
        return true;
    }

    private void row() {
        if (rnd.nextInt(40) == 0) {
            drift = (rnd.nextDouble() - 0.5) * 0.004;
        }
        double vol = 0.004 + 0.004 * rnd.nextDouble();
        double open = close;
        double next = open * Math.exp(drift + vol * gaussian());
        double high = Math.max(open, next) * (1 + Math.abs(gaussian()) * vol / 2);
        double low = Math.min(open, next) * (1 - Math.abs(gaussian()) * vol / 2);
        close = next;
        long ts = firstTs + (long) bar * tf.seconds();
        int volume = 1000 + rnd.nextInt(9000);
        if (after != null && ts <= after[symbol]) {
            return; // stored already: the walk steps on without writing it again
        }
        buf.append(Instant.ofEpochSecond(ts))
                .append(',')
                .append(ticker(symbol))
                .append(',')
                .append(tf.code())
                .append(',')
                .append(round(open))
                .append(',')
                .append(round(high))
                .append(',')
                .append(round(low))
                .append(',')
                .append(round(close))
                .append(',')
                .append(volume)
                .append('\n');
    }

    /** Four decimals, rounded outward-safe: rounding keeps the bar valid because open/close are rounded the same way. */
    private static String round(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private double gaussian() {
        double u = Math.max(1e-12, rnd.nextDouble());
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    @Override
    public int read(char[] cbuf, int off, int len) {
        if (pos == buf.length() && !fill()) {
            return -1;
        }
        int n = Math.min(len, buf.length() - pos);
        buf.getChars(pos, pos + n, cbuf, off);
        pos += n;
        return n;
    }

    @Override
    public void close() {}
}
