package io.dgas.store.ingest;

import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Reads a bars CSV into one series in memory, with no database, by the rules and in the forms {@code dgas ingest
 * bars} reads ({@link BarCsvFormat}: either header, dates alone, epoch times, {@code --timezone}, the configured
 * bounds) and with its messages, so a file that analyses is a file that loads and the other way round. Rows may come in
 * any order (they are sorted by time); two rows of one bar time are refused as ingest refuses them.
 */
public final class BarFile {
    private BarFile() {}

    /**
     * {@link #readSingle} of a file, read as strict UTF-8 (a malformed byte is refused, never replaced), named in
     * messages as given.
     *
     * @throws IOException when the file cannot be opened (missing, unreadable)
     * @throws InvalidInputException as {@link #readSingle}, and for a directory
     */
    public static BarSeries read(Path file, IngestOptions opts) throws IOException {
        try (Reader r = InputFiles.open(file)) {
            return readSingle(r, file.toString(), opts);
        }
    }

    /**
     * The one series {@code reader} holds, oldest bar first.
     *
     * @param source the file's name in messages
     * @param opts the symbol and interval for a {@code date,open,…} file, the time zone, the limits; nothing else
     *     is read from them (a bad row always fails the read)
     * @throws InvalidInputException naming the source, line, field and value of the first row that breaks a rule, a
     *     second series, a repeated bar time or a file without rows
     */
    public static BarSeries readSingle(Reader reader, String source, IngestOptions opts) {
        CsvReader csv = new CsvReader(reader, opts.limits().maxLineChars()); // the caller closes the reader
        if (!csv.next(source)) {
            throw new InvalidInputException(
                    source,
                    new Reject(1, "header", "", "empty file; expected a header such as " + BarCsvFormat.HEADER));
        }
        BarCsvFormat format = BarCsvFormat.detect(source, csv.fields(), csv.line(), opts);
        String header = csv.line();
        Rows rows = new Rows();
        BarRow row = new BarRow();
        while (csv.next(source)) {
            Reject bad = format.parse(csv.lineNumber(), csv.line(), csv.fields(), row);
            if (bad != null) {
                throw new InvalidInputException(source, bad);
            }
            rows.add(source, csv.lineNumber(), row);
        }
        if (rows.n == 0) {
            throw new InvalidInputException(source, new Reject(1, "header", header, "no data rows after the header"));
        }
        return rows.series(source);
    }

    /** The rows read so far, columnar, with the line each came from. */
    private static final class Rows {
        private String ticker;
        private Timeframe timeframe;
        private long[] line = new long[256];
        private long[] ts = new long[256];
        private double[][] ohlcv = new double[5][256];
        private int n;

        void add(String source, long lineNumber, BarRow r) {
            if (n == 0) {
                ticker = r.ticker;
                timeframe = r.timeframe;
            } else if (!r.ticker.equals(ticker) || r.timeframe != timeframe) {
                String field = !r.ticker.equals(ticker) ? "symbol" : "interval";
                throw new InvalidInputException(
                        source,
                        new Reject(
                                lineNumber,
                                field,
                                field.equals("symbol") ? r.ticker : r.timeframe.code(),
                                "a file analysed holds one series; line " + line[0] + " began " + ticker + " "
                                        + timeframe.code() + " (export one symbol and interval, or load the file with"
                                        + " dgas ingest bars and analyse the symbols)"));
            }
            if (n == ts.length) {
                int cap = n * 2;
                line = Arrays.copyOf(line, cap);
                ts = Arrays.copyOf(ts, cap);
                for (int k = 0; k < 5; k++) {
                    ohlcv[k] = Arrays.copyOf(ohlcv[k], cap);
                }
            }
            line[n] = lineNumber;
            ts[n] = r.tsMicros / 1_000_000L; // on the timeframe's grid: whole seconds
            ohlcv[0][n] = r.open;
            ohlcv[1][n] = r.high;
            ohlcv[2][n] = r.low;
            ohlcv[3][n] = r.close;
            ohlcv[4][n] = r.volume;
            n++;
        }

        /** The series in time order; a repeated bar time fails on its first repeat in file order, as ingest's. */
        BarSeries series(String source) {
            Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
            Arrays.sort(order, Comparator.<Integer>comparingLong(i -> ts[i]).thenComparingLong(i -> line[i]));
            int repeat = -1;
            int first = -1;
            for (int k = 1, runStart = order[0]; k < n; k++) {
                int i = order[k];
                if (ts[i] != ts[order[k - 1]]) {
                    runStart = i;
                } else if (repeat < 0 || line[i] < line[repeat]) {
                    repeat = i;
                    first = runStart;
                }
            }
            if (repeat >= 0) {
                throw new InvalidInputException(
                        source,
                        new Reject(
                                line[repeat],
                                "timestamp",
                                Fields.iso(ts[repeat] * 1_000_000L),
                                "duplicate of line " + line[first] + " (same symbol, interval and timestamp)"));
            }
            BarSeries s = new BarSeries(ticker, timeframe, n);
            for (int i : order) {
                s.append(ts[i], ohlcv[0][i], ohlcv[1][i], ohlcv[2][i], ohlcv[3][i], ohlcv[4][i]);
            }
            return s;
        }
    }
}
