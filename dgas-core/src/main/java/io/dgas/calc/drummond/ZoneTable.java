package io.dgas.calc.drummond;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.RandomAccess;

/**
 * The confluence zones {@link ConfluenceZones#build} found, held as compact rows in the order found (type, then
 * ascending price): as a {@link java.util.List} they are strongest first (strength, then weighted strength,
 * descending; ties in the order found, a stable sort), and its {@link ConfluenceZone} records are made and sorted
 * only when the list is first read, while signal generation reads the rows it needs ({@link ZoneRanks}) in the order
 * found, with {@link #before} standing for the list order. A replay step reads a handful of the zones at most, and
 * making and sorting a record per zone at every step was a tenth of a backtest's time. Immutable; safe to share.
 */
final class ZoneTable extends AbstractList<ConfluenceZone> implements RandomAccess, ZoneRanks {
    /** Fields per row: type, level, lower, upper, strength, weighted strength. */
    static final int STRIDE = 6;

    /**
     * Strength, then weighted strength, descending: the order of {@code comparingInt(strength)
     * .thenComparingDouble(weightedStrength).reversed()} written out.
     */
    private static final Comparator<ConfluenceZone> BY_STRENGTH_DESCENDING = (a, b) -> {
        int c = Integer.compare(b.strength(), a.strength());
        return c != 0 ? c : Double.compare(b.weightedStrength(), a.weightedStrength());
    };

    private final double[] rows;
    private final int n;
    /** The records strongest first, made on the first read (racing readers make equal arrays). */
    private volatile ConfluenceZone[] sorted;

    /** {@code n} rows of {@link #STRIDE} fields, owned by the table from now on. */
    ZoneTable(double[] rows, int n) {
        this.rows = rows;
        this.n = n;
    }

    @Override
    public ConfluenceZone get(int index) {
        ConfluenceZone[] s = sorted;
        if (s == null) {
            s = new ConfluenceZone[n];
            for (int i = 0; i < n; i++) {
                s[i] = zone(i);
            }
            Arrays.sort(s, BY_STRENGTH_DESCENDING);
            sorted = s;
        }
        return s[index];
    }

    @Override
    public int size() {
        return n;
    }

    @Override
    public int strength(int i) {
        return (int) rows[i * STRIDE + 4];
    }

    @Override
    public double weight(int i) {
        return rows[i * STRIDE + 5];
    }

    @Override
    public double level(int i) {
        return rows[i * STRIDE + 1];
    }

    @Override
    public double lower(int i) {
        return rows[i * STRIDE + 2];
    }

    @Override
    public double upper(int i) {
        return rows[i * STRIDE + 3];
    }

    /** Row {@code i} (in the order found) as a record. */
    @Override
    public ConfluenceZone zone(int i) {
        int o = i * STRIDE;
        return new ConfluenceZone((int) rows[o], rows[o + 1], rows[o + 2], rows[o + 3], (int) rows[o + 4], rows[o + 5]);
    }

    /** Whether row {@code a} precedes row {@code b} in the list: stronger, heavier, or equal and found earlier. */
    @Override
    public boolean before(int a, int b) {
        int c = Integer.compare(strength(a), strength(b));
        if (c != 0) {
            return c > 0;
        }
        c = Double.compare(weight(a), weight(b));
        return c != 0 ? c > 0 : a < b;
    }

    /** Rows gathered as clusters close, reused from table to table. Not thread-safe. */
    static final class Rows {
        private double[] rows = new double[64 * STRIDE];
        private int count;

        void clear() {
            count = 0;
        }

        /** Adds a cluster of type {@code t} spanning {@code strength} timeframes. */
        void add(int t, double level, double lo, double hi, int strength, double weightedStrength) {
            int o = count * STRIDE;
            if (o + STRIDE > rows.length) {
                rows = Arrays.copyOf(rows, 2 * rows.length);
            }
            rows[o] = t;
            rows[o + 1] = level;
            rows[o + 2] = lo;
            rows[o + 3] = hi;
            rows[o + 4] = strength;
            rows[o + 5] = weightedStrength;
            count++;
        }

        /** A table of the rows added since the last {@link #clear}. */
        ZoneTable table() {
            return new ZoneTable(Arrays.copyOf(rows, count * STRIDE), count);
        }
    }
}
