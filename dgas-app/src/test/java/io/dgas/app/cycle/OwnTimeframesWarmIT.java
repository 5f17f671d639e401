package io.dgas.app.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.app.sample.SampleData;
import io.dgas.calc.drummond.MtfParams;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestListener;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.testkit.FakeClock;
import io.dgas.testkit.PostgresExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The warm path for symbols analysed at their own timeframes ({@link OwnTimeframes}): BTCUSD (historical, judged at
 * its own last trade) and AAPL (daily bars only, 1d with 1w) get the cold path's outcomes, and once warm a cycle in
 * which nothing of theirs changed costs no query beyond the batch's catch-up and reuses their outcomes; a new bar of
 * AAPL is caught up and analysed again, still equal to the cold path.
 */
class OwnTimeframesWarmIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    private static final List<String> STATEMENTS = Collections.synchronizedList(new ArrayList<>());
    private static final List<String> SYMBOLS = List.of(SampleData.BTC, SampleData.AAPL);
    private static Database db;
    private static ExecutorService workers;
    private final FakeClock clock = new FakeClock(NOW);

    @BeforeAll
    static void load() {
        db = Database.open(
                DatabaseSettings.defaults(PG.jdbcUrl(), null, null),
                (name, nanos, rows, failed) -> STATEMENTS.add(name));
        SampleData.load(db, IngestListener.NONE);
        workers = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void close() {
        workers.shutdownNow();
        db.close();
    }

    private PredictionCycle cycle(SymbolAnalyzer analyzer) {
        return new PredictionCycle(db, analyzer, workers, 10, clock, "test", new SimpleMeterRegistry(), r -> r);
    }

    private static CycleRequest request() {
        return new CycleRequest(null, Timeframe.H4, Timeframe.H1, 200, CycleRequest.defaultStaleAfter(Timeframe.H1));
    }

    private static List<SymbolOutcome> batch(PredictionCycle c) {
        return c.batch(SYMBOLS, request(), NOW, new LongAdder(), new LongAdder());
    }

    @Test
    void batch_historicalAndDailyOnlySymbols_warmEqualsColdAndSteadyCycleReusesOutcomes() {
        SymbolAnalyzer analyzer = new SymbolAnalyzer(MtfParams.defaults(), SignalParams.defaults());
        AnalyzerPool pool = new AnalyzerPool(db, analyzer);
        PredictionCycle warm = cycle(analyzer).warm(pool);
        PredictionCycle cold = cycle(analyzer);

        List<SymbolOutcome> first = batch(warm);
        assertThat(first).isEqualTo(batch(cold));
        assertThat(first).extracting(SymbolOutcome::timeframe).containsExactly(null, Timeframe.D1);
        assertThat(first).noneMatch(SymbolOutcome::stale).noneMatch(SymbolOutcome::failed);

        STATEMENTS.clear();
        List<SymbolOutcome> second = batch(warm);
        List<String> queries = List.copyOf(STATEMENTS);

        // nothing changed: the catch-up of BTCUSD's 1h and 4h and of AAPL's 1d (it has no 1h, 4h or 1w series: the
        // weekly bars are aggregated), no catalog query and no rebuild
        assertThat(queries).containsExactly("bars.since-many", "bars.since-many", "bars.since-many");
        assertThat(second.get(0)).isSameAs(first.get(0));
        assertThat(second.get(1)).isSameAs(first.get(1));

        StringBuilder csv = new StringBuilder("timestamp,symbol,interval,open,high,low,close,volume\n")
                .append("2014-01-02T00:00:00Z,AAPL,1d,79.38,79.58,78.86,79.02,58671200\n");
        new BarIngestor(db, pool).ingest("new", new StringReader(csv.toString()), null, IngestOptions.defaults());

        List<SymbolOutcome> third = batch(warm);
        assertThat(third).isEqualTo(batch(cold));
        assertThat(third.get(1)).isNotSameAs(first.get(1));
        assertThat(third.get(0)).isSameAs(first.get(0));
    }
}
