package io.dgas.calc.format;

import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Test fixture (the worked cases and goldens): reads bars in the drummond.md §8 form {@code
 * timestamp,symbol,interval,open,high,low,close,volume} (header line required, columns in any order, ISO timestamps
 * with offset). Rows are grouped into one {@link BarSeries} per (symbol, interval) in file order; timestamps must
 * ascend within each series. The application reads bars files with ingest's reader ({@code BarFile}).
 */
public final class BarsCsvParser {
    private static final String[] COLUMNS = {"timestamp", "symbol", "interval", "open", "high", "low", "close", "volume"
    };

    private BarsCsvParser() {}

    /** Epoch seconds of an ISO-8601 timestamp with an offset; IllegalArgumentException naming the text. */
    static long parseTimestamp(String text) {
        try {
            return java.time.OffsetDateTime.parse(text.trim()).toEpochSecond();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("not an ISO timestamp with offset: '" + text + "'", e);
        }
    }

    /**
     * Parses every series in {@code reader}; {@code source} names it in errors.
     *
     * @return series keyed by {@code symbol + "/" + interval code}, in first-seen order
     * @throws UnableToParseException naming source, line and field on any bad row
     */
    public static Map<String, BarSeries> parse(Reader reader, String source) {
        Map<String, BarSeries> out = new LinkedHashMap<>();
        try (BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader)) {
            String header = in.readLine();
            if (header == null) {
                throw new UnableToParseException(
                        source, 1, "empty file, expected header " + String.join(",", COLUMNS), null);
            }
            int[] col = columns(header.strip(), source);
            String line;
            int lineNo = 1;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                row(line, col, source, lineNo, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Parses a file that must hold exactly one series. */
    public static BarSeries parseSingle(Reader reader, String source) {
        Map<String, BarSeries> all = parse(reader, source);
        if (all.size() != 1) {
            throw new UnableToParseException(source, 1, "expected one symbol/interval, found " + all.keySet(), null);
        }
        return all.values().iterator().next();
    }

    private static int[] columns(String header, String source) {
        String[] names = header.replace("\uFEFF", "").split(",", -1);
        int[] col = new int[COLUMNS.length];
        for (int c = 0; c < COLUMNS.length; c++) {
            col[c] = -1;
            for (int k = 0; k < names.length; k++) {
                if (names[k].strip().equalsIgnoreCase(COLUMNS[c])) {
                    col[c] = k;
                }
            }
            if (col[c] < 0) {
                throw new UnableToParseException(source, 1, "missing column '" + COLUMNS[c] + "'", null);
            }
        }
        return col;
    }

    private static void row(String line, int[] col, String source, int lineNo, Map<String, BarSeries> out) {
        String[] f = line.split(",", -1);
        int field = 0;
        try {
            long ts = parseTimestamp(f[col[0]]);
            field = 1;
            String symbol = f[col[1]].strip();
            if (symbol.isEmpty()) {
                throw new IllegalArgumentException("empty symbol");
            }
            field = 2;
            Timeframe tf = Timeframe.parse(f[col[2]]);
            double[] v = new double[5];
            for (int k = 0; k < 5; k++) {
                field = 3 + k;
                v[k] = Double.parseDouble(f[col[3 + k]].strip());
            }
            field = 0;
            check(ts, tf, v, f, col);
            BarSeries series = out.computeIfAbsent(symbol + "/" + tf.code(), key -> new BarSeries(symbol, tf));
            int n = series.size();
            if (n > 0 && ts <= series.ts()[n - 1]) {
                throw new BadField(
                        0,
                        "'" + f[col[0]].strip() + "' is not after the bar before it of " + symbol + " " + tf.code()
                                + " (" + Timestamps.format(series.ts()[n - 1])
                                + "): a series' bars ascend in time, one per bar time");
            }
            series.append(ts, v[0], v[1], v[2], v[3], v[4]);
        } catch (BadField e) {
            throw new UnableToParseException(
                    source,
                    lineNo,
                    COLUMNS[e.field],
                    f[col[e.field]].strip(),
                    "field '" + COLUMNS[e.field] + "': " + e.getMessage(),
                    null);
        } catch (RuntimeException e) {
            boolean row = field == 0 && e instanceof IllegalArgumentException && !(e instanceof NumberFormatException);
            String what = row ? "" : "field '" + COLUMNS[field] + "': ";
            String value = row || col[field] >= f.length ? null : f[col[field]].strip();
            throw new UnableToParseException(
                    source, lineNo, row ? null : COLUMNS[field], value, what + problem(e, f, col[field]), e);
        }
    }

    /**
     * The rules ingest applies to a bar (system.md §3), so that a file analysed is one that would load: a bar open time
     * of its timeframe, finite prices &gt; 0, volume finite and ≥ 0, high ≥ max(open, close), low ≤ min(open, close).
     */
    private static void check(long ts, Timeframe tf, double[] v, String[] f, int[] col) {
        if (!tf.isAligned(ts)) {
            throw new BadField(
                    0,
                    "'" + f[col[0]].strip() + "' is not a " + tf.code() + " bar open time (the bar holding it opens at "
                            + Timestamps.format(tf.bucketStart(ts)) + ")");
        }
        for (int k = 0; k < 4; k++) {
            if (!(v[k] > 0) || v[k] == Double.POSITIVE_INFINITY) {
                throw new BadField(3 + k, "must be a finite price > 0, got '" + f[col[3 + k]].strip() + "'");
            }
        }
        if (!(v[4] >= 0) || v[4] == Double.POSITIVE_INFINITY) {
            throw new BadField(7, "must be a finite volume >= 0, got '" + f[col[7]].strip() + "'");
        }
        if (v[1] < Math.max(v[0], v[3])) {
            throw new BadField(4, f[col[4]].strip() + " must be >= max(open, close) (" + Math.max(v[0], v[3]) + ")");
        }
        if (v[2] > Math.min(v[0], v[3])) {
            throw new BadField(5, f[col[5]].strip() + " must be <= min(open, close) (" + Math.min(v[0], v[3]) + ")");
        }
    }

    /** A rule broken by one field of a row ({@link #COLUMNS} index). */
    private static final class BadField extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int field;

        BadField(int field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }

    /** What is wrong with field {@code at} of a row, in words (not the JDK's message for a parse or index failure). */
    private static String problem(RuntimeException e, String[] fields, int at) {
        if (at >= fields.length) {
            return "missing: the row has " + fields.length + " fields, this column is field " + (at + 1)
                    + " of the header";
        }
        if (e instanceof NumberFormatException) {
            return "not a number: '" + fields[at].strip() + "'";
        }
        return e.getMessage();
    }
}
