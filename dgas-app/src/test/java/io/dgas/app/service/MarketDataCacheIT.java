package io.dgas.app.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.bars.BarColumns;
import io.dgas.store.cache.CacheInvalidation;
import io.dgas.store.cache.CaffeineQueryCache;
import io.dgas.store.cache.L2;
import io.dgas.store.cache.RegionSpec;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.testkit.PostgresExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The market data service's reads go through the query cache; an ingest of a series drops exactly its entries, so
 * corrections show at once.
 */
class MarketDataCacheIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final String HEADER = "timestamp,symbol,interval,open,high,low,close,volume\n";
    private static Database db;
    private static final AtomicInteger READS = new AtomicInteger();

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), (name, nanos, rows, failed) -> {
            if (name.startsWith("bars.")) {
                READS.incrementAndGet();
            }
        });
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static String bars(String symbol, double lastClose) {
        return HEADER
                + "2024-01-01T00:00:00+00:00," + symbol + ",1h,10,11,9,10.5,100\n"
                + "2024-01-01T01:00:00+00:00," + symbol + ",1h,10.5,12,10,11.5,100\n"
                + "2024-01-01T02:00:00+00:00," + symbol + ",1h,11.5,13,11," + lastClose + ",100\n";
    }

    @Test
    void lastBars_correctedBarIngested_isVisibleToTheVeryNextRead() {
        CaffeineQueryCache cache = new CaffeineQueryCache(RegionSpec.defaults(), new SimpleMeterRegistry(), L2.NONE);
        List<String> calcInvalidations = new ArrayList<>();
        CacheInvalidation invalidation =
                new CacheInvalidation(cache, (s, tf) -> calcInvalidations.add(s + "/" + tf.code()));
        BarIngestor ingest = new BarIngestor(db, invalidation);
        MarketDataService reads = new MarketDataService(db, cache);
        IngestOptions opts = IngestOptions.defaults().withCreateSymbols(true);
        ingest.ingest(
                "a.csv", new StringReader(bars("AAA", 12.5) + bars("BBB", 12.5).replace(HEADER, "")), null, opts);
        reads.lastBars("BBB", Timeframe.H1, 3, false);

        BarColumns first = reads.lastBars("AAA", Timeframe.H1, 3, false);
        int readsAfterFirst = READS.get();
        BarColumns cached = reads.lastBars("AAA", Timeframe.H1, 3, false);
        assertThat(READS.get()).as("second read served by the cache").isEqualTo(readsAfterFirst);
        ingest.ingest("fix.csv", new StringReader(bars("AAA", 12.75)), null, opts);
        BarColumns corrected = reads.lastBars("AAA", Timeframe.H1, 3, false);
        reads.lastBars("BBB", Timeframe.H1, 3, false);

        assertThat(first.close()[2]).isEqualTo(12.5);
        assertThat(cached).isSameAs(first);
        assertThat(corrected.close()[2]).isEqualTo(12.75);
        assertThat(calcInvalidations).containsExactly("AAA/1h", "BBB/1h", "AAA/1h");
        assertThat(READS.get()).as("only AAA was read again; BBB stayed cached").isEqualTo(readsAfterFirst + 1);
    }
}
