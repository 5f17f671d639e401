package io.dgas.app.cycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.app.demo.SyntheticBars;
import io.dgas.calc.drummond.MtfParams;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.bars.BarColumns;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.bars.SoftDelete;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.testkit.FakeClock;
import io.dgas.testkit.PostgresExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The warm cycle on a real database: after rounds of real ingests (new bars, a revised forming bar, corrected bars
 * inside the window) and soft deletes, each reported to the pool as ingest reports them, the warm cycle's outcomes
 * equal the cold cycle's (which reloads and recomputes everything) on the same bars; a round of appends only costs the
 * two catch-up queries and no rebuild.
 */
class WarmCycleIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final Instant NOW = Instant.parse("2024-06-03T12:00:00Z");
    private static final List<String> STATEMENTS = Collections.synchronizedList(new ArrayList<>());
    private static final int SYMBOLS = 16;
    private static Database db;
    private static ExecutorService workers;
    private final FakeClock clock = new FakeClock(NOW);

    @BeforeAll
    static void seed() {
        db = Database.open(
                DatabaseSettings.defaults(PG.jdbcUrl(), null, null),
                (name, nanos, rows, failed) -> STATEMENTS.add(name));
        Seed.universe(db, SYMBOLS, 150, NOW, 11, true);
        workers = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void close() {
        workers.shutdownNow();
        db.close();
    }

    @Test
    void randomIngestsAndDeletes_twelveRounds_warmOutcomesEqualColdRecomputation() {
        SymbolAnalyzer analyzer = new SymbolAnalyzer(MtfParams.defaults(), SignalParams.defaults());
        AnalyzerPool pool = new AnalyzerPool(db, analyzer);
        PredictionCycle warm = cycle(analyzer).warm(pool);
        PredictionCycle cold = cycle(analyzer);
        BarIngestor ingest = new BarIngestor(db, pool);
        SoftDelete deletes = new SoftDelete(db, clock, pool);
        List<String> symbols =
                IntStream.range(0, SYMBOLS).mapToObj(SyntheticBars::ticker).toList();
        SplittableRandom r = new SplittableRandom(15);
        assertSame(warm, cold, symbols, "cold start", new ArrayList<>());
        int signals = 0;
        for (int round = 0; round < 12; round++) {
            StringBuilder csv = new StringBuilder("timestamp,symbol,interval,open,high,low,close,volume\n");
            for (String s : symbols) {
                BarColumns b = new BarRepository(db).last(s, Timeframe.H1, 30);
                long last = b.ts()[b.size() - 1];
                int op = round < 2 ? 0 : r.nextInt(4);
                long at = switch (op) {
                    case 0 -> last + 3600; // a new bar
                    case 1 -> last; // the forming bar revised
                    default -> b.ts()[r.nextInt(b.size() - 1)]; // a corrected or deleted bar in the window
                };
                if (op == 3) {
                    deletes.delete(new SoftDelete.Selection(
                            s, Timeframe.H1, Instant.ofEpochSecond(at), Instant.ofEpochSecond(at + 1)));
                    continue;
                }
                double o = b.close()[b.size() - 1] * (1 + (r.nextDouble() - 0.5) * 0.02);
                double c = o * (1 + (r.nextDouble() - 0.5) * 0.02);
                csv.append(String.format(
                        java.util.Locale.ROOT,
                        "%s,%s,1h,%.6f,%.6f,%.6f,%.6f,%d%n",
                        Instant.ofEpochSecond(at),
                        s,
                        o,
                        Math.max(o, c) * 1.004,
                        Math.min(o, c) * 0.996,
                        c,
                        r.nextInt(100, 999)));
            }
            ingest.ingest("round" + round, new StringReader(csv.toString()), null, IngestOptions.defaults());
            List<String> queries = new ArrayList<>();
            signals += assertSame(warm, cold, symbols, "round " + round, queries);
            if (round < 2) {
                // appends only: caught up by one query per batch and timeframe, nothing rebuilt
                assertThat(queries).containsOnly("bars.since-many").hasSize(2 * 4);
            }
        }
        assertThat(pool.size()).isEqualTo(2 * SYMBOLS);
        assertThat(signals).as("signals over the rounds").isGreaterThan(0);
    }

    @Test
    void run_symbolsLeaveTheActiveUniverse_theirWarmSeriesAreDropped() {
        SymbolAnalyzer analyzer = new SymbolAnalyzer(MtfParams.defaults(), SignalParams.defaults());
        AnalyzerPool pool = new AnalyzerPool(db, analyzer);
        PredictionCycle warm = cycle(analyzer).warm(pool);
        CycleRequest all = new CycleRequest(null, Timeframe.H4, Timeframe.H1, 100, Duration.ofDays(3650));
        warm.run(all);
        assertThat(pool.size()).isEqualTo(2 * SYMBOLS);
        List<String> leaving = List.of(SyntheticBars.ticker(0), SyntheticBars.ticker(1));
        setStatus(leaving, "inactive");
        try {
            warm.run(new CycleRequest(
                    List.of(SyntheticBars.ticker(2)), Timeframe.H4, Timeframe.H1, 100, Duration.ofDays(3650)));
            assertThat(pool.size())
                    .as("a run over chosen symbols trims nothing")
                    .isEqualTo(2 * SYMBOLS);

            warm.run(all);

            assertThat(pool.size()).isEqualTo(2 * (SYMBOLS - 2));
        } finally {
            setStatus(leaving, "active");
        }
    }

    private static void setStatus(List<String> tickers, String status) {
        db.update("t", "UPDATE symbols SET status = ? WHERE ticker = ANY (?)", ps -> {
            ps.setString(1, status);
            ps.setArray(2, ps.getConnection().createArrayOf("text", tickers.toArray()));
        });
    }

    private PredictionCycle cycle(SymbolAnalyzer analyzer) {
        return new PredictionCycle(db, analyzer, workers, 5, clock, "test", new SimpleMeterRegistry(), x -> x);
    }

    /** Both cycles over every symbol, in batches of 5; returns the number of signals, adds the warm statements. */
    private static int assertSame(
            PredictionCycle warm, PredictionCycle cold, List<String> symbols, String ctx, List<String> queries) {
        CycleRequest req = new CycleRequest(null, Timeframe.H4, Timeframe.H1, 200, Duration.ofDays(3650));
        Instant asOf = NOW.plus(Duration.ofDays(10));
        int signals = 0;
        for (int from = 0; from < symbols.size(); from += 5) {
            List<String> batch = symbols.subList(from, Math.min(symbols.size(), from + 5));
            STATEMENTS.clear();
            List<SymbolOutcome> w = warm.batch(batch, req, asOf, new LongAdder(), new LongAdder());
            queries.addAll(STATEMENTS);
            List<SymbolOutcome> c = cold.batch(batch, req, asOf, new LongAdder(), new LongAdder());
            assertThat(w).as(ctx).isEqualTo(c);
            signals += (int) w.stream().filter(o -> o.signal() != null).count();
        }
        return signals;
    }
}
