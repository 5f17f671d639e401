package io.dgas.app.sample;

import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.bars.BarRollup;
import io.dgas.store.bars.SymbolTimeframes;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestListener;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.store.ingest.TickIngestor;
import io.dgas.store.ticks.TickRepository;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Real sample data from the {@code org.ta4j:ta4j-examples} jar, streamed from the classpath (never copied into the
 * repository): 100,000 Bitstamp BTC/USD trades (2013-11-25 … 2013-12-01) as ticks of {@code BTCUSD}, aggregated into
 * 1m, 5m, 15m, 1h, 4h and 1d bars (complete buckets only), and 252 AAPL daily bars of 2013.
 *
 * <p>Loading goes through the normal validated ingest and aggregation, so it is idempotent; {@link #load} skips the
 * work when the data is already there.
 */
public final class SampleData {
    public static final String TRADES = "bitstamp_trades_from_20131125_usd.csv";
    public static final String AAPL_BARS = "appleinc_bars_from_20130101_usd.csv";
    public static final String BTC = "BTCUSD";
    public static final String AAPL = "AAPL";
    public static final int TRADE_COUNT = 100_000;
    public static final int AAPL_BAR_COUNT = 252;
    public static final List<Timeframe> BTC_TIMEFRAMES =
            List.of(Timeframe.M1, Timeframe.M5, Timeframe.M15, Timeframe.H1, Timeframe.H4, Timeframe.D1);

    private SampleData() {}

    /**
     * What is stored after {@link #load}.
     *
     * @param reused whether everything was already loaded (nothing was read)
     * @param ticks active BTCUSD ticks
     * @param btcBars active BTCUSD bars per timeframe code
     * @param aaplBars active AAPL daily bars
     * @param millis time taken
     */
    public record Summary(boolean reused, long ticks, Map<String, Long> btcBars, long aaplBars, long millis) {}

    /** Loads the samples unless they are already complete. */
    public static Summary load(Database db, IngestListener listener) {
        long start = System.nanoTime();
        boolean reused = isLoaded(db);
        if (!reused) {
            try (Reader trades = resource(TRADES)) {
                new TickIngestor(db)
                        .ingest(
                                TRADES,
                                trades,
                                null,
                                IngestOptions.defaults()
                                        .withSymbol(BTC, null)
                                        .withCreateSymbols(true)
                                        .withAssetClass("crypto"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            new BarRollup(db, listener).fromTicks(List.of(BTC), BTC_TIMEFRAMES, false, null);
            try (Reader bars = resource(AAPL_BARS)) {
                new BarIngestor(db, listener)
                        .ingest(
                                AAPL_BARS,
                                bars,
                                null,
                                IngestOptions.defaults()
                                        .withSymbol(AAPL, Timeframe.D1)
                                        .withCreateSymbols(true)
                                        .withAssetClass("stock"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            describe(db);
        }
        markHistorical(db);
        return summary(db, reused, (System.nanoTime() - start) / 1_000_000);
    }

    /** Whether all sample rows are present and active. */
    public static boolean isLoaded(Database db) {
        Summary s = summary(db, true, 0);
        return s.ticks() == TRADE_COUNT
                && s.aaplBars() == AAPL_BAR_COUNT
                && s.btcBars().values().stream().allMatch(n -> n > 0);
    }

    /**
     * Removes the samples' own rows for {@code dgas demo --reset}: BTCUSD's ticks and its bars at the sample
     * timeframes, AAPL's daily bars. Everything else (other symbols, other series of these two, the symbols) stays,
     * so a user's own data survives a reset.
     */
    public static void reset(Database db) {
        String[] btcFrames = BTC_TIMEFRAMES.stream().map(Timeframe::code).toArray(String[]::new);
        db.inTransaction(s -> {
            s.update(
                    "sample.reset-ticks",
                    "DELETE FROM ticks WHERE symbol_id = (SELECT id FROM symbols WHERE ticker = ?)",
                    ps -> ps.setString(1, BTC));
            s.update(
                    "sample.reset-bars",
                    "DELETE FROM bars b USING symbols y WHERE b.symbol_id = y.id AND ((y.ticker = ? AND"
                            + " b.timeframe = ANY (?)) OR (y.ticker = ? AND b.timeframe = ?))",
                    ps -> {
                        ps.setString(1, BTC);
                        ps.setArray(2, ps.getConnection().createArrayOf("text", btcFrames));
                        ps.setString(3, AAPL);
                        ps.setString(4, Timeframe.D1.code());
                    });
            return null;
        });
    }

    private static Summary summary(Database db, boolean reused, long millis) {
        BarRepository bars = new BarRepository(db);
        Map<String, Long> btc = new LinkedHashMap<>();
        for (Timeframe tf : BTC_TIMEFRAMES) {
            btc.put(tf.code(), bars.count(BTC, tf));
        }
        return new Summary(reused, new TickRepository(db).count(BTC), btc, bars.count(AAPL, Timeframe.D1), millis);
    }

    private static void describe(Database db) {
        db.update(
                "sample.describe",
                "UPDATE symbols SET name = CASE ticker WHEN ? THEN 'Bitcoin / US dollar (Bitstamp trades)'"
                        + " ELSE 'Apple Inc.' END, exchange = CASE ticker WHEN ? THEN 'BITSTAMP' ELSE 'NASDAQ' END,"
                        + " asset_class = CASE ticker WHEN ? THEN 'crypto' ELSE 'stock' END, updated_at = now()"
                        + " WHERE ticker IN (?, ?)",
                ps -> {
                    ps.setString(1, BTC);
                    ps.setString(2, BTC);
                    ps.setString(3, BTC);
                    ps.setString(4, BTC);
                    ps.setString(5, AAPL);
                });
    }

    /**
     * Marks both samples as historical data with their own last trading time (BTCUSD's last trade, the end of AAPL's
     * last trading day), so a cycle judges their staleness against it instead of the wall clock and the collect stage
     * leaves them alone. Done on every load, so databases loaded before the mark existed get it too.
     */
    private static void markHistorical(Database db) {
        SymbolTimeframes symbols = new SymbolTimeframes(db);
        new TickRepository(db).newest(BTC).ifPresent(t -> symbols.markHistorical(BTC, t));
        io.dgas.store.bars.LatestBar aapl =
                new BarRepository(db).latest(List.of(AAPL), Timeframe.D1).get(AAPL);
        if (aapl != null) {
            symbols.markHistorical(AAPL, java.time.Instant.ofEpochSecond(aapl.ts() + Timeframe.D1.seconds()));
        }
    }

    private static Reader resource(String name) {
        InputStream in = SampleData.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(
                    "sample data " + name + " not on the classpath (it comes from org.ta4j:ta4j-examples)");
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }
}
