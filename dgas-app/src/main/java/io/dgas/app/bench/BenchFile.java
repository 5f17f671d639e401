package io.dgas.app.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

/**
 * The deterministic bars file of {@code dgas benchmark ingest}: up to 1,000 symbols ({@code S0000}…) × N hourly bars
 * from 2023-01-01, a seeded random walk with valid OHLC, ordered by symbol then time, drummond.md §8 columns.
 */
public final class BenchFile {
    public static final Instant START = Instant.parse("2023-01-01T00:00:00Z");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

    private BenchFile() {}

    /** Symbols for a file of {@code rows} rows: 1,000, or fewer for tiny files. */
    public static int symbols(long rows) {
        return (int) Math.max(1, Math.min(1000, rows));
    }

    /** Writes the file and returns the number of data rows (rows rounded down to a multiple of the symbols). */
    public static long write(Path file, long rows) throws IOException {
        int symbols = symbols(rows);
        int perSymbol = (int) (rows / symbols);
        String[] stamps = new String[perSymbol];
        for (int i = 0; i < perSymbol; i++) {
            stamps[i] = STAMP.format(OffsetDateTime.ofInstant(START.plusSeconds(3600L * i), ZoneOffset.UTC));
        }
        SplittableRandom rnd = new SplittableRandom(42);
        StringBuilder line = new StringBuilder(96);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("timestamp,symbol,interval,open,high,low,close,volume\n");
            for (int s = 0; s < symbols; s++) {
                String ticker = String.format("S%04d", s);
                long cents = 10_000 + rnd.nextInt(90_000); // 100.00 .. 999.99
                for (int i = 0; i < perSymbol; i++) {
                    long open = cents;
                    long close = Math.max(100, open + rnd.nextInt(-200, 201));
                    long high = Math.max(open, close) + rnd.nextInt(0, 100);
                    long low = Math.max(1, Math.min(open, close) - rnd.nextInt(0, 100));
                    line.setLength(0);
                    line.append(stamps[i]).append(',').append(ticker).append(",1h,");
                    price(line, open).append(',');
                    price(line, high).append(',');
                    price(line, low).append(',');
                    price(line, close)
                            .append(',')
                            .append(rnd.nextInt(1, 1_000_000))
                            .append('\n');
                    w.append(line);
                    cents = close;
                }
            }
        }
        return (long) symbols * perSymbol;
    }

    private static StringBuilder price(StringBuilder sb, long cents) {
        sb.append(cents / 100).append('.');
        long c = cents % 100;
        if (c < 10) {
            sb.append('0');
        }
        return sb.append(c);
    }
}
