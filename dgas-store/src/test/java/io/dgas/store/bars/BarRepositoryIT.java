package io.dgas.store.bars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.StatementObserver;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestListener;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.testkit.FakeClock;
import io.dgas.testkit.PostgresExtension;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Reads (range, last N, latest of many, batch) and soft delete / restore / purge, which every read respects. */
class BarRepositoryIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    static Database db;
    static BarRepository repo;
    static final long T0 = Instant.parse("2024-05-01T00:00:00Z").getEpochSecond();

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE);
        repo = new BarRepository(db);
        StringBuilder csv = new StringBuilder("timestamp,symbol,interval,open,high,low,close,volume\n");
        // AAA: 10 hourly bars with close 1..10; BBB and DDD: 3 bars with close 101..103; CCC: none
        for (int i = 0; i < 10; i++) {
            csv.append(T0 + 3600L * i)
                    .append(",AAA,1h,")
                    .append(i + 1)
                    .append(',')
                    .append(i + 2)
                    .append(",0.5,")
                    .append(i + 1)
                    .append(",1\n");
        }
        for (int i = 0; i < 6; i++) {
            csv.append(T0 + 3600L * (i % 3))
                    .append(i < 3 ? ",BBB,1h," : ",DDD,1h,")
                    .append(101 + i % 3)
                    .append(',')
                    .append(102 + i % 3)
                    .append(",100,")
                    .append(101 + i % 3)
                    .append(",1\n");
        }
        new BarIngestor(db, IngestListener.NONE)
                .ingest(
                        "seed",
                        new StringReader(csv.toString()),
                        null,
                        IngestOptions.defaults().withCreateSymbols(true));
        db.update("test.sym", "INSERT INTO symbols (ticker) VALUES ('CCC')", ps -> {});
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void last_newestNReturnedOldestFirst() {
        BarColumns c = repo.last("AAA", Timeframe.H1, 3);

        assertThat(c.close()).containsExactly(8, 9, 10);
        assertThat(c.ts()).containsExactly(T0 + 7 * 3600, T0 + 8 * 3600, T0 + 9 * 3600);
    }

    @Test
    void range_isHalfOpen() {
        BarColumns c =
                repo.range("AAA", Timeframe.H1, Instant.ofEpochSecond(T0 + 3600), Instant.ofEpochSecond(T0 + 3 * 3600));

        assertThat(c.close()).containsExactly(2, 3);
    }

    @Test
    void rangeForSymbols_manySymbolsInOneQuery_equalsThePerSymbolRangeAndKeepsTheOrderGiven() {
        Instant from = Instant.ofEpochSecond(T0 + 3600);
        Instant to = Instant.ofEpochSecond(T0 + 3 * 3600);

        Map<String, BarColumns> batch = repo.rangeForSymbols(List.of("CCC", "BBB", "AAA"), Timeframe.H1, from, to);

        assertThat(batch.keySet()).containsExactly("CCC", "BBB", "AAA");
        for (String s : List.of("AAA", "BBB", "CCC")) {
            BarColumns one = repo.range(s, Timeframe.H1, from, to);
            assertThat(batch.get(s).ts()).as(s).containsExactly(one.ts());
            assertThat(batch.get(s).close()).as(s).containsExactly(one.close());
        }
        assertThat(batch.get("AAA").close()).containsExactly(2, 3);
        assertThat(batch.get("CCC").size()).isZero();
    }

    @Test
    void latestAndBatch_manySymbolsInOneQuery_missingSymbolsHandled() {
        Map<String, LatestBar> latest = repo.latest(List.of("AAA", "BBB", "CCC", "NOPE"), Timeframe.H1);
        Map<String, BarColumns> batch = repo.lastForSymbols(List.of("BBB", "AAA", "CCC"), Timeframe.H1, 2);

        assertThat(latest).containsOnlyKeys("AAA", "BBB");
        assertThat(latest.get("AAA").close()).isEqualTo(10);
        assertThat(latest.get("BBB").close()).isEqualTo(103);
        assertThat(batch).containsOnlyKeys("BBB", "AAA", "CCC");
        assertThat(batch.get("AAA").close()).containsExactly(9, 10);
        assertThat(batch.get("BBB").close()).containsExactly(102, 103);
        assertThat(batch.get("CCC").size()).isZero();
    }

    @Test
    void sinceInSpan_anySinceAndLimit_equalsThePerSymbolRead() {
        Map<String, Long> ids = repo.symbolIds(List.of("AAA", "BBB", "CCC", "NOPE"));
        assertThat(ids).containsOnlyKeys("AAA", "BBB", "CCC");
        List<String> tickers = List.of("BBB", "AAA", "CCC");
        long[] idArray = tickers.stream().mapToLong(ids::get).toArray();
        for (long aaa : new long[] {T0 - 3600, T0, T0 + 5 * 3600 + 1, T0 + 9 * 3600, T0 + 20 * 3600}) {
            for (int limit : new int[] {1, 2, 3, 50}) {
                long[] since = {T0 + 3600, aaa, T0};

                SpanRows span = repo.sinceInSpan(idArray, since, Timeframe.H1, limit);
                SpanRows each = repo.sinceForSymbols(tickers, since, Timeframe.H1, limit);

                assertThat(span.series()).isEqualTo(3);
                assertThat(each.series()).isEqualTo(3);
                for (int i = 0; i < 3; i++) {
                    assertThat(span.columns(i, tickers.get(i), Timeframe.H1))
                            .as("since %d, limit %d, %s", aaa, limit, tickers.get(i))
                            .usingRecursiveComparison()
                            .isEqualTo(each.columns(i, tickers.get(i), Timeframe.H1));
                }
                // the per-series read against the newest bars read one by one
                BarColumns aaaBars = each.columns(1, "AAA", Timeframe.H1);
                BarColumns all = repo.last("AAA", Timeframe.H1, 1000);
                long[] expected = java.util.Arrays.stream(all.ts())
                        .filter(t -> t >= aaa)
                        .limit(limit)
                        .toArray();
                assertThat(aaaBars.ts()).containsExactly(expected);
            }
        }
        SpanRows fromStart =
                repo.sinceInSpan(new long[] {ids.get("AAA")}, new long[] {T0 + 7 * 3600}, Timeframe.H1, 10);
        assertThat(fromStart.columns(0, "AAA", Timeframe.H1).close()).containsExactly(8, 9, 10);
        assertThat(repo.sinceInSpan(new long[] {ids.get("AAA")}, new long[] {T0}, Timeframe.H4, 10)
                        .count(0))
                .isZero();
        assertThat(repo.sinceInSpan(new long[0], new long[0], Timeframe.H1, 10).series())
                .isZero();
        SpanRows withUnknown =
                repo.sinceForSymbols(List.of("NOPE", "AAA"), new long[] {T0, T0 - 3600}, Timeframe.H1, 50);
        assertThat(withUnknown.count(0)).isZero();
        assertThat(withUnknown.count(1))
                .isEqualTo(repo.last("AAA", Timeframe.H1, 1000).size());
    }

    @Test
    void sinceInSpan_sameIdTwice_isRejected() {
        long aaa = repo.symbolIds(List.of("AAA")).get("AAA");

        assertThatThrownBy(() -> repo.sinceInSpan(new long[] {aaa, aaa}, new long[] {T0, T0}, Timeframe.H1, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("requested twice");
    }

    @Test
    void softDelete_deleteRestorePurge_countsAndReadsExcludeDeleted() {
        FakeClock clock = new FakeClock(Instant.parse("2030-01-01T00:00:00Z"));
        AtomicLong notified = new AtomicLong();
        SoftDelete sd = new SoftDelete(db, clock, (s, tf) -> notified.incrementAndGet());
        SoftDelete.Selection lastTwo = new SoftDelete.Selection(
                "DDD", Timeframe.H1, Instant.ofEpochSecond(T0 + 3600), Instant.ofEpochSecond(T0 + 10 * 3600));

        assertThat(sd.delete(lastTwo).bars()).isEqualTo(2);
        assertThat(sd.delete(lastTwo).bars()).as("idempotent").isZero();
        assertThat(repo.last("DDD", Timeframe.H1, 10).close()).containsExactly(101);
        assertThat(repo.latest(List.of("DDD"), Timeframe.H1).get("DDD").close()).isEqualTo(101);
        assertThat(repo.lastForSymbols(List.of("DDD"), Timeframe.H1, 10)
                        .get("DDD")
                        .size())
                .isOne();

        assertThat(sd.restore(lastTwo).bars()).isEqualTo(2);
        assertThat(sd.restore(lastTwo).bars()).isZero();
        assertThat(repo.count("DDD", Timeframe.H1)).isEqualTo(3);

        sd.delete(lastTwo);
        clock.advance(Duration.ofDays(10));
        assertThat(sd.purge(Duration.ofDays(30)).bars())
                .as("deleted only 10 days ago")
                .isZero();
        clock.advance(Duration.ofDays(25));
        assertThat(sd.purge(Duration.ofDays(30)).bars()).isEqualTo(2);
        assertThat(sd.restore(lastTwo).bars()).as("purged rows are gone").isZero();
        assertThat(repo.count("DDD", Timeframe.H1)).isOne();
        assertThat(notified.get()).isPositive();
    }
}
