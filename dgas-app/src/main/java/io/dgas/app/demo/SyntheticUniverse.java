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

    /** What {@link #ensure} did. */
    public record Result(List<String> symbols, boolean reused, long rows, long millis) {}

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
        long expectedLast = Timeframe.H1.bucketStart(now.getEpochSecond()) - Timeframe.H1.seconds();
        long current = db.queryOne(
                        "demo.synthetic-current",
                        "SELECT count(*) FROM symbols y WHERE y.ticker = ANY (?) AND y.deleted_at IS NULL AND EXISTS"
                                + " (SELECT 1 FROM bars b WHERE b.symbol_id = y.id AND b.timeframe = '1h'"
                                + " AND b.ts = to_timestamp(?) AND b.deleted_at IS NULL)",
                        ps -> {
                            ps.setArray(1, ps.getConnection().createArrayOf("text", symbols.toArray()));
                            ps.setLong(2, expectedLast);
                        },
                        rs -> rs.getLong(1))
                .orElse(0L);
        if (current == n) {
            return new Result(symbols, true, 0, (System.nanoTime() - start) / 1_000_000);
        }
        long rows = new BarIngestor(db, listener)
                .ingest(
                        "synthetic universe",
                        new SyntheticBars(n, BARS, Timeframe.H1, now, SEED),
                        null,
                        IngestOptions.defaults().withCreateSymbols(true).withAssetClass(ASSET_CLASS))
                .rowsRead();
        new BarRollup(db, listener).fromBars(symbols, Timeframe.H1, List.of(Timeframe.H4), false, null);
        return new Result(symbols, false, rows, (System.nanoTime() - start) / 1_000_000);
    }
}
