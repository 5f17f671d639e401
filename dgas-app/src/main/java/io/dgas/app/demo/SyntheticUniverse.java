package io.dgas.app.demo;

import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.bars.BarRollup;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestListener;
import io.dgas.store.ingest.IngestOptions;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The demo's deterministic universe: {@code n} seeded random walks of 1h bars ending at the last complete hour, with
 * 4h bars aggregated from them. Reused as long as it is current (its newest bar is the last complete hour). The walks
 * trade around the clock, so their symbols are of the {@value #ASSET_CLASS} class, whose market is open around the
 * clock: as stocks, New York's calendar would find four bars in five outside its hours ({@code dgas data check}).
 */
public final class SyntheticUniverse {
    public static final int BARS = 600;
    public static final long SEED = 42;
    /** The asset class of the universe's symbols: a market open around the clock, as the walks are. */
    public static final String ASSET_CLASS = "crypto";

    private SyntheticUniverse() {}

    /**
     * What {@link #ensure} did: reused the stored walks, or extended stored ones ({@code extended}), or generated them
     * ({@code rows} new 1h bars in all).
     */
    public record Result(List<String> symbols, boolean reused, boolean extended, long rows, long millis) {}

    /**
     * Removes the universe's rows for {@code dgas demo --reset}: the 1h and 4h bars of every {@code SYNnnnn} ticker
     * (of any earlier {@code --symbols} count). Other symbols' bars stay.
     */
    public static void reset(Database db) {
        db.update(
                "demo.synthetic-reset",
                "DELETE FROM bars b USING symbols y WHERE b.symbol_id = y.id AND y.ticker ~ '^SYN[0-9]{4,5}$'"
                        + " AND b.timeframe IN (?, ?)",
                ps -> {
                    ps.setString(1, Timeframe.H1.code());
                    ps.setString(2, Timeframe.H4.code());
                });
    }

    /**
     * Makes the universe current at {@code now}: reused when every walk's newest 1h bar is the last complete hour;
     * otherwise each walk is extended with its own continuation to that hour (the walks run from the universe's
     * first stored bar, or from {@link #BARS} hours back when none is stored, with one seed, so they are the same
     * walks), and a walk not stored yet (a larger {@code n}) is generated whole. Stored bars are never written again:
     * the signals, orders and fills made from them stay true to them.
     */
    public static Result ensure(Database db, IngestListener listener, int n, Instant now) {
        long start = System.nanoTime();
        List<String> symbols =
                IntStream.range(0, n).mapToObj(SyntheticBars::ticker).toList();
        // a home made by an earlier build holds them as stocks: their class follows the walks
        db.update(
                "demo.synthetic-class",
                "UPDATE symbols SET asset_class = ? WHERE ticker = ANY (?) AND asset_class <> ?",
                ps -> {
                    ps.setString(1, ASSET_CLASS);
                    ps.setArray(2, ps.getConnection().createArrayOf("text", symbols.toArray()));
                    ps.setString(3, ASSET_CLASS);
                });
        long hour = Timeframe.H1.seconds();
        long expectedLast = Timeframe.H1.bucketStart(now.getEpochSecond()) - hour;
        long[] newest = new long[n];
        java.util.Arrays.fill(newest, Long.MIN_VALUE);
        long[] first = {Long.MAX_VALUE};
        db.query(
                "demo.synthetic-extent",
                "SELECT y.ticker, extract(epoch FROM min(b.ts))::bigint, extract(epoch FROM max(b.ts))::bigint"
                        + " FROM symbols y JOIN bars b ON b.symbol_id = y.id AND b.timeframe = '1h'"
                        + " AND b.deleted_at IS NULL WHERE y.ticker = ANY (?) AND y.deleted_at IS NULL GROUP BY y.ticker",
                ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", symbols.toArray())),
                rs -> {
                    // SYN0001 is walk 0 (SyntheticBars.ticker): no search of the list per row
                    newest[Integer.parseInt(rs.getString(1).substring(3)) - 1] = rs.getLong(3);
                    first[0] = Math.min(first[0], rs.getLong(2));
                    return null;
                });
        if (java.util.Arrays.stream(newest).allMatch(t -> t >= expectedLast)) {
            return new Result(symbols, true, false, 0, (System.nanoTime() - start) / 1_000_000);
        }
        long from = Math.min(first[0], expectedLast - (BARS - 1) * hour);
        int bars = (int) ((expectedLast - from) / hour) + 1;
        long rows = new BarIngestor(db, listener)
                .ingest(
                        "synthetic universe",
                        new SyntheticBars(n, from, bars, Timeframe.H1, SEED, newest),
                        null,
                        IngestOptions.defaults().withCreateSymbols(true).withAssetClass(ASSET_CLASS))
                .rowsRead();
        long since = java.util.Arrays.stream(newest)
                .map(t -> Math.max(t, from))
                .min()
                .orElse(from);
        new BarRollup(db, listener).fromBarsSince(symbols, Timeframe.H1, List.of(Timeframe.H4), since);
        return new Result(symbols, false, first[0] != Long.MAX_VALUE, rows, (System.nanoTime() - start) / 1_000_000);
    }
}
