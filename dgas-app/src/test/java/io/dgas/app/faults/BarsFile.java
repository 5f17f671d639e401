package io.dgas.app.faults;

import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.SqlSession;
import io.dgas.store.StatementObserver;
import io.dgas.store.migrate.Migrator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A generated bars CSV and what a database holding exactly it must show: row count and a checksum of its closes.
 *
 * @param rows data rows
 * @param closeCents sum over all rows of the close in cents
 */
record BarsFile(Path path, long rows, long closeCents) {
    static final Instant START = Instant.parse("2022-01-01T00:00:00Z");

    /**
     * {@code symbols × barsPerSymbol} hourly bars of tickers {@code <prefix>000…}, symbol after symbol; prices
     * depend on {@code offset} so files of different offsets hold the same keys with changed values.
     */
    static BarsFile write(Path path, String prefix, int symbols, int barsPerSymbol, int offset) throws IOException {
        long cents = 0;
        try (BufferedWriter w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            w.write("timestamp,symbol,interval,open,high,low,close,volume\n");
            long start = START.getEpochSecond();
            for (int s = 0; s < symbols; s++) {
                String ticker = prefix + String.format(java.util.Locale.ROOT, "%03d", s);
                for (int i = 0; i < barsPerSymbol; i++) {
                    long c = close(s, i, offset);
                    cents += c;
                    String close = c / 100 + "." + String.format(java.util.Locale.ROOT, "%02d", c % 100);
                    w.write(Instant.ofEpochSecond(start + 3600L * i) + "," + ticker + ",1h," + close + ","
                            + (c / 100 + 1) + "," + (c / 100 - 1) + "," + close + "," + (1000 + i % 50) + "\n");
                }
            }
        }
        return new BarsFile(path, (long) symbols * barsPerSymbol, cents);
    }

    /** The close in cents of bar {@code i} of symbol {@code s}. */
    static long close(int s, int i, int offset) {
        return 10_000L + offset * 100L + (s * 7L + i) % 1000;
    }

    /** The close checksum of the first {@code barsPerSymbol} bars of each of {@code symbols} symbols. */
    static long expectedCents(int symbols, int barsPerSymbol, int offset) {
        long cents = 0;
        for (int s = 0; s < symbols; s++) {
            for (int i = 0; i < barsPerSymbol; i++) {
                cents += close(s, i, offset);
            }
        }
        return cents;
    }

    /** What the database at {@code url} holds: bars, duplicate keys, close checksum in cents. */
    static Stored stored(String url) {
        try (Database db = open(url)) {
            return db.queryOne(
                            "fault.stored",
                            "SELECT count(*), coalesce(sum(round(close * 100)::bigint), 0),"
                                    + " (SELECT count(*) FROM (SELECT 1 FROM bars GROUP BY symbol_id, timeframe, ts"
                                    + " HAVING count(*) > 1) d) FROM bars",
                            SqlSession.Binder.NONE,
                            rs -> new Stored(rs.getLong(1), rs.getLong(3), rs.getLong(2)))
                    .orElseThrow();
        }
    }

    /** Applies the dgas schema to the database at {@code url}. */
    static void migrate(String url) {
        try (Database db = open(url)) {
            new Migrator(db).migrate();
        }
    }

    static Database open(String url) {
        return Database.open(DatabaseSettings.defaults(url, null, null), StatementObserver.NONE);
    }

    /** Counts of a database's bars. */
    record Stored(long rows, long duplicates, long closeCents) {}
}
