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
import java.util.Locale;
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
 * The whole-share catch-up ({@link AnalyzerPool#catchUp}: one range read per timeframe, stragglers per series) on a
 * real database: over rounds of new 1h and 4h bars, revised forming bars, corrections and deletions inside the
 * window, symbols left behind for a while (stragglers beyond the span) and one that gains more bars than the window
 * (rebuilt), the batches that follow it give the outcomes of the cold cycle on the same bars; a round of appends costs
 * one statement per timeframe and none per batch.
 */
class ShareCatchUpIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final Instant NOW = Instant.parse("2024-06-03T12:00:00Z");
    private static final int SYMBOLS = 20;
    /** More than any series holds until the last round, so the cold cycle reads the same bars as the warm one. */
    private static final int LOOKBACK = 200;

    private static final List<String> STATEMENTS = Collections.synchronizedList(new ArrayList<>());
    /** The warm outcomes of the last {@link #assertSame}, in symbol order. */
    private final List<SymbolOutcome> lastWarm = new ArrayList<>();

    private static Database db;
    private static ExecutorService workers;
    private final FakeClock clock = new FakeClock(NOW);

    @BeforeAll
    static void seed() {
        db = Database.open(
                DatabaseSettings.defaults(PG.jdbcUrl(), null, null),
                (name, nanos, rows, failed) -> STATEMENTS.add(name));
        Seed.universe(db, SYMBOLS, 60, NOW, 23, true);
        workers = Executors.newFixedThreadPool(2);
    }

    @AfterAll
    static void close() {
        workers.shutdownNow();
        db.close();
    }

    @Test
    void randomRoundsWithStragglers_wholeShareCatchUp_outcomesEqualColdRecomputation() {
        SymbolAnalyzer analyzer = new SymbolAnalyzer(MtfParams.defaults(), SignalParams.defaults());
        AnalyzerPool pool = new AnalyzerPool(db, analyzer, 4);
        PredictionCycle warm = cycle(analyzer).warm(pool);
        PredictionCycle cold = cycle(analyzer);
        BarIngestor ingest = new BarIngestor(db, pool);
        SoftDelete deletes = new SoftDelete(db, clock, pool);
        BarRepository bars = new BarRepository(db);
        List<String> symbols =
                IntStream.range(0, SYMBOLS).mapToObj(SyntheticBars::ticker).toList();
        SplittableRandom r = new SplittableRandom(31);
        assertSame(pool, warm, cold, symbols, "cold start", new ArrayList<>());
        int signals = 0;
        for (int round = 0; round < 16; round++) {
            StringBuilder csv = new StringBuilder("timestamp,symbol,interval,open,high,low,close,volume\n");
            for (int k = 0; k < SYMBOLS; k++) {
                String s = symbols.get(k);
                // SYN0001-0002 pause for 12 rounds (stragglers beyond the span), then catch up all at once;
                // SYN0003 gains more bars than the window in the last round (rebuilt from its newest, as cold)
                boolean paused = k < 2 && round >= 2 && round < 14;
                // the others gain three bars a round meanwhile, so the paused ones fall behind the span
                int newBars = k < 2 && round == 14
                        ? 11
                        : k == 2 && round == 15 ? LOOKBACK + 5 : round >= 2 && round < 14 ? 3 : 1;
                int roll = r.nextInt(12);
                int op = round < 2 || k < 3 || round == 15 || roll >= 4 ? 0 : roll + 1;
                if (paused) {
                    continue;
                }
                for (Timeframe tf : List.of(Timeframe.H1, Timeframe.H4)) {
                    if (tf == Timeframe.H4 && (round % 4 != 3 || op != 0)) {
                        continue; // a new 4h bar every fourth round
                    }
                    BarColumns b = bars.last(s, tf, 30);
                    long last = b.ts()[b.size() - 1];
                    if (op == 4) {
                        // one bar inside the window (the last one stays)
                        long gone = b.ts()[r.nextInt(b.size() - 1)];
                        deletes.delete(new SoftDelete.Selection(
                                s, tf, Instant.ofEpochSecond(gone), Instant.ofEpochSecond(gone + 1)));
                        continue;
                    }
                    double close = b.close()[b.size() - 1];
                    for (int i = 0; i < (op == 0 ? newBars : 1); i++) {
                        long at = switch (op) {
                            case 0 -> last + (i + 1) * tf.seconds(); // new bars
                            case 1 -> last; // the forming bar revised
                            default -> b.ts()[r.nextInt(b.size() - 1)]; // a corrected bar in the window
                        };
                        double o = close * (1 + (r.nextDouble() - 0.5) * 0.02);
                        double c = o * (1 + (r.nextDouble() - 0.5) * 0.02);
                        close = c;
                        csv.append(String.format(
                                Locale.ROOT,
                                "%s,%s,%s,%.6f,%.6f,%.6f,%.6f,%d%n",
                                Instant.ofEpochSecond(at),
                                s,
                                tf.code(),
                                o,
                                Math.max(o, c) * 1.004,
                                Math.min(o, c) * 0.996,
                                c,
                                r.nextInt(100, 999)));
                    }
                }
            }
            ingest.ingest("round" + round, new StringReader(csv.toString()), null, IngestOptions.defaults());
            List<String> queries = new ArrayList<>();
            signals += assertSame(pool, warm, cold, symbols, "round " + round, queries);
            if (round == 1) {
                // appends only, every symbol within the span: one range read per timeframe, nothing per batch
                assertThat(queries).containsOnly("bars.since-span").hasSize(2);
            }
            if (round == 15) {
                assertThat(queries).as("the series past the window is rebuilt").contains("bars.last-n-many");
            }
            if (round == 13) {
                assertThat(queries)
                        .as("round %d: the paused symbols are read per series", round)
                        .contains("bars.since-span", "bars.since-many");
            }
        }
        // nothing changed since: reused outcomes (the very objects), then every symbol stale ten years on, then
        // analysed afresh (equal, but new objects)
        List<SymbolOutcome> before = List.copyOf(lastWarm);
        assertSame(pool, warm, cold, symbols, "unchanged", new ArrayList<>());
        List<SymbolOutcome> unchanged = List.copyOf(lastWarm);
        int reused = 0;
        for (int i = 0; i < before.size(); i++) {
            if (!before.get(i).stale() && !before.get(i).failed()) {
                assertThat(unchanged.get(i))
                        .as("unchanged: reused %s", symbols.get(i))
                        .isSameAs(before.get(i));
                reused++;
            }
        }
        assertThat(reused).as("fresh outcomes to reuse").isPositive();
        assertSame(pool, warm, cold, symbols, "stale", new ArrayList<>(), NOW.plus(Duration.ofDays(3700)));
        assertSame(pool, warm, cold, symbols, "fresh again", new ArrayList<>());
        for (int i = 0; i < unchanged.size(); i++) {
            if (!unchanged.get(i).stale() && !unchanged.get(i).failed()) {
                assertThat(lastWarm.get(i))
                        .as("fresh again: analysed anew %s", symbols.get(i))
                        .isNotSameAs(unchanged.get(i));
            }
        }
        assertThat(pool.size()).isEqualTo(2 * SYMBOLS);
        assertThat(signals).as("signals over the rounds").isGreaterThan(0);
    }

    private PredictionCycle cycle(SymbolAnalyzer analyzer) {
        return new PredictionCycle(db, analyzer, workers, 5, clock, "test", new SimpleMeterRegistry(), x -> x);
    }

    /**
     * The warm share caught up at once, then its batches of 5, against the cold cycle's batches; returns the number of
     * signals, adds the warm statements to {@code queries}.
     */
    private int assertSame(
            AnalyzerPool pool,
            PredictionCycle warm,
            PredictionCycle cold,
            List<String> symbols,
            String ctx,
            List<String> queries) {
        return assertSame(pool, warm, cold, symbols, ctx, queries, NOW.plus(Duration.ofDays(10)));
    }

    private int assertSame(
            AnalyzerPool pool,
            PredictionCycle warm,
            PredictionCycle cold,
            List<String> symbols,
            String ctx,
            List<String> queries,
            Instant asOf) {
        CycleRequest req = new CycleRequest(null, Timeframe.H4, Timeframe.H1, LOOKBACK, Duration.ofDays(3650));
        STATEMENTS.clear();
        CaughtUp done = CaughtUp.next();
        pool.catchUp(symbols, req.trading(), LOOKBACK, done);
        pool.catchUp(symbols, req.htf(), LOOKBACK, done);
        List<String> catchUp = new ArrayList<>(STATEMENTS);
        queries.addAll(
                catchUp.stream().filter(q -> !q.equals("bars.symbol-ids")).toList());
        int signals = 0;
        lastWarm.clear();
        for (int from = 0; from < symbols.size(); from += 5) {
            List<String> batch = symbols.subList(from, Math.min(symbols.size(), from + 5));
            STATEMENTS.clear();
            List<SymbolOutcome> w = warm.batch(batch, req, asOf, new LongAdder(), new LongAdder(), pool, done);
            queries.addAll(
                    STATEMENTS.stream().filter(q -> q.startsWith("bars.")).toList());
            List<SymbolOutcome> c = cold.batch(batch, req, asOf, new LongAdder(), new LongAdder());
            assertThat(w).as(ctx).isEqualTo(c);
            lastWarm.addAll(w);
            if (asOf.isAfter(NOW.plus(Duration.ofDays(3650)))) {
                assertThat(w).as(ctx).allMatch(SymbolOutcome::stale);
            }
            signals += (int) w.stream().filter(o -> o.signal() != null).count();
        }
        return signals;
    }
}
