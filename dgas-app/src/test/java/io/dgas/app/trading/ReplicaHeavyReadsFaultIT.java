package io.dgas.app.trading;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.app.AppContext;
import io.dgas.app.config.DgasConfig;
import io.dgas.app.config.TestConfigs;
import io.dgas.app.evaluate.SignalEvaluation;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.domain.Timeframe;
import io.dgas.ledger.PaperRules;
import io.dgas.ledger.RiskLimits;
import io.dgas.store.SqlSession;
import io.dgas.store.migrate.Migrator;
import io.dgas.store.replica.ReplicaStatus;
import io.dgas.testkit.BarsBuilder;
import io.dgas.testkit.ReplicaPair;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backtests and signal evaluations read every bar of their range: with {@code database.replicas} set a replica serves
 * those reads when it holds every write announced so far, against a real streaming replica; bars ingested while the
 * replica does not hold them are still in the very next backtest (read on the primary), and the results are the same.
 */
class ReplicaHeavyReadsFaultIT {
    private static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2025-03-01T00:00:00Z");

    @TempDir
    Path dir;

    private final Clock clock = Clock.systemUTC();

    @Test
    void backtestAndEvaluation_withAReplica_readTheirBarsThereAndSeeBarsItLacks() throws Exception {
        try (ReplicaPair pair = ReplicaPair.start()) {
            String primary = pair.primaryUrl("postgres");
            long alone;
            try (AppContext m = new AppContext(config(primary, null), clock)) {
                m.acceptAnySchema();
                new Migrator(m.database()).migrate();
                ingest(m, 0, 300);
                alone = backtest(m).record().barSteps();
            }
            pair.awaitCaughtUp(Duration.ofSeconds(30));
            try (AppContext ctx = new AppContext(config(primary, pair.replicaUrl("postgres")), clock)) {
                awaitServing(ctx);
                long before = replica(ctx).reads();
                BacktestReport first = backtest(ctx);
                long afterBacktest = replica(ctx).reads();
                assertThat(afterBacktest)
                        .as("the backtest's bars read on the replica")
                        .isGreaterThan(before);
                // the backtest's own writes (stored to the primary) hold reads there until the replica has them
                awaitServing(ctx);
                before = replica(ctx).reads();
                SignalEvaluation.Result evaluated = new SignalEvaluation(
                                ctx.database(), ctx.calculations(), ctx.mtfParams())
                        .evaluate(new SignalEvaluation.Request(
                                List.of("HVY"), null, null, Timeframe.H4, Timeframe.H1, SignalParams.defaults(), 0));
                assertThat(replica(ctx).reads()).as("and the evaluation's").isGreaterThan(before);
                assertThat(replica(ctx).fallbacks()).isZero();
                assertThat(first.record().barSteps())
                        .as("the same bars as on the primary alone")
                        .isEqualTo(alone);
                assertThat(evaluated.symbols()).containsKey("HVY");

                pair.pauseReplay();
                ingest(ctx, 300, 48);
                long reads = replica(ctx).reads();
                BacktestReport second = backtest(ctx);
                assertThat(second.record().barSteps())
                        .as("the 48 bars the replica has not replayed are in the next backtest")
                        .isEqualTo(alone + 48);
                assertThat(replica(ctx).reads()).as("read on the primary").isEqualTo(reads);
                pair.resumeReplay();
            }
        }
    }

    private static ReplicaStatus replica(AppContext ctx) {
        return ctx.database().routing().status().get(0);
    }

    /** Polls until a routed read is served by the replica (it holds every write announced so far). */
    private static void awaitServing(AppContext ctx) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!ctx.database()
                .routing()
                .reading(() -> ctx.database()
                        .queryOne(
                                "t.where", "SELECT pg_is_in_recovery()", SqlSession.Binder.NONE, rs -> rs.getBoolean(1))
                        .orElseThrow())) {
            assertThat(System.nanoTime())
                    .as("a read served by the replica within 30 s")
                    .isLessThan(deadline);
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
        }
    }

    /** {@code count} hourly bars of the seeded wave from bar {@code first} on, through the ingest (announced). */
    private static void ingest(AppContext ctx, int first, int count) {
        double[] closes = new double[count];
        for (int k = 0; k < count; k++) {
            int i = first + k;
            closes[k] = 100 * (1 + 0.0015 * i + 0.04 * Math.sin(i / 7.0) + 0.01 * Math.sin(i * 1.3));
        }
        String start = Instant.parse("2025-01-06T00:00:00Z")
                .plus(Duration.ofHours(first))
                .toString();
        ctx.ingest()
                .bars(
                        "hvy.csv",
                        BarsBuilder.of("HVY", Timeframe.H1, start)
                                .closes(closes)
                                .csv(),
                        ctx.ingest().options(ZoneOffset.UTC).withCreateSymbols(true));
    }

    private BacktestReport backtest(AppContext ctx) {
        return new BacktestService(ctx.database(), clock, ctx.cache(), ctx.mtfParams())
                .run(new BacktestRequest(
                        List.of("HVY"),
                        FROM,
                        TO,
                        Timeframe.H4,
                        Timeframe.H1,
                        new BigDecimal("100000"),
                        new RiskLimits(new BigDecimal("50000"), new BigDecimal("200000"), new BigDecimal("10000"), 60),
                        PaperRules.fixedCash(new BigDecimal("10000")),
                        SignalParams.defaults()));
    }

    private DgasConfig config(String url, String replica) {
        return TestConfigs.withReplica(dir, url, replica);
    }
}
