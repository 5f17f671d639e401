package io.dgas.app.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.app.cli.CliRun;
import io.dgas.app.cycle.CalibrationJob;
import io.dgas.app.cycle.SymbolAnalyzer;
import io.dgas.app.sample.SampleData;
import io.dgas.calc.cache.CalculationCache;
import io.dgas.calc.drummond.Calibration;
import io.dgas.calc.drummond.DrummondAnalysis;
import io.dgas.calc.drummond.DrummondAnalyzer;
import io.dgas.calc.drummond.EvaluationReport;
import io.dgas.calc.drummond.MtfParams;
import io.dgas.calc.drummond.Signal;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.calc.drummond.SignalReasons;
import io.dgas.calc.drummond.SignalReplay;
import io.dgas.calc.drummond.ZoneRole;
import io.dgas.domain.BarAggregator;
import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.ingest.IngestListener;
import io.dgas.testkit.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * [C] The shipped real series (AAPL daily, BTCUSD from its trades) through the replay: every entry signal valid when
 * issued, within reach, on a zone whose role matches its side, lapsing at its expiry; and {@code dgas signals
 * evaluate} over them as a user runs it (table, --json, --csv, a bad parameter refused).
 */
class SignalEvaluationIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final double EPS = 1e-9;
    private static Database db;

    @TempDir
    Path home;

    @BeforeAll
    static void load() {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), (n, t, r, f) -> {});
        SampleData.load(db, IngestListener.NONE);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void replay_shippedRealSeries_everyEntrySignalHoldsTheIssueTimeInvariants() {
        int entries = 0;
        entries += check(SampleData.AAPL, Timeframe.D1, Timeframe.W1);
        entries += check(SampleData.BTC, Timeframe.H1, Timeframe.H4);
        entries += check(SampleData.BTC, Timeframe.M15, Timeframe.H1);
        entries += check(SampleData.BTC, Timeframe.M5, Timeframe.M15);
        assertThat(entries).as("entry signals checked on real data").isGreaterThan(10);
    }

    private static int check(String symbol, Timeframe trading, Timeframe higher) {
        BarRepository bars = new BarRepository(db);
        BarSeries t = SymbolAnalyzer.series(
                bars.range(symbol, trading, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z")));
        BarSeries h = BarAggregator.complete(t, higher, t.ts()[t.size() - 1] + trading.seconds());
        DrummondAnalysis ta = DrummondAnalyzer.analyze(t);
        DrummondAnalysis ha = DrummondAnalyzer.analyze(h);
        SignalParams p = SignalParams.defaults();
        List<SignalReplay.Trade> trades =
                SignalReplay.trades(ha, ta, MtfParams.defaults(), p, CalibrationJob.WINDOW.toSeconds(), 0);
        for (SignalReplay.Trade trade : trades) {
            Signal s = trade.signal();
            String ctx = symbol + " " + trading + " " + s;
            int dir = s.type() == Signal.Type.LONG ? 1 : -1;
            double c = t.close()[s.bar()];
            SignalReasons r = s.reasons();
            assertThat(dir * (s.entry() - s.stop())).as(ctx).isPositive();
            assertThat(dir * (c - s.entry())).as(ctx).isGreaterThanOrEqualTo(0);
            assertThat(dir * (s.target() - c)).as(ctx).isPositive();
            assertThat(Math.abs(c - s.entry())).as(ctx).isLessThanOrEqualTo(p.entryReachAtr() * r.atr() + EPS);
            assertThat(r.zone().role(c)).as(ctx).isNotEqualTo(dir > 0 ? ZoneRole.RESISTANCE : ZoneRole.SUPPORT);
            int lastFill = s.bar() + s.expiryBars();
            boolean traded = false;
            for (int i = s.bar() + 1; i <= lastFill && i < t.size(); i++) {
                traded |= dir > 0 ? t.low()[i] <= s.entry() : t.high()[i] >= s.entry();
            }
            if (!traded && lastFill < t.size()) {
                assertThat(trade.result().outcome()).as(ctx).isEqualTo(Calibration.Outcome.NOT_FILLED);
            }
            if (trade.result().fillBar() >= 0) {
                assertThat(trade.result().fillBar()).as(ctx).isBetween(s.bar() + 1, lastFill);
            }
        }
        return trades.size();
    }

    @Test
    void service_realSeries_reportsNoViolationsAndConsistentCounts() {
        SignalEvaluation.Result r = new SignalEvaluation(db, CalculationCache.none(), MtfParams.defaults())
                .evaluate(new SignalEvaluation.Request(
                        List.of(SampleData.BTC), null, null, Timeframe.M15, Timeframe.M5, SignalParams.defaults(), 5));

        EvaluationReport.Group all = r.report().groups().get(0);
        assertThat(all.key()).isEqualTo("all");
        assertThat(all.signals()).isEqualTo(r.symbols().get(SampleData.BTC)).isPositive();
        assertThat(all.filled() + all.notFilled() + all.pending()).isLessThanOrEqualTo(all.signals());
        assertThat(all.wins() + all.losses() + all.timeExits()).isLessThanOrEqualTo(all.filled());
        assertThat(r.report().violations()).isZero();
        assertThat(r.report().medianEntryAtr()).isBetween(0.0, 2.0);
        int byType = r.report().groups().stream()
                .filter(g -> g.key().startsWith("type="))
                .mapToInt(EvaluationReport.Group::signals)
                .sum();
        assertThat(byType).isEqualTo(all.signals());
    }

    @Test
    void command_evaluate_printsTableJsonAndCsvPairsTradingAndRefusesBadParameters() throws Exception {
        Path csv = home.resolve("eval.csv");
        CliRun table = CliRun.of(
                home,
                PG.jdbcUrl(),
                Map.of(),
                "signals",
                "evaluate",
                "--symbols",
                "BTCUSD",
                "--trading",
                "5m",
                "--htf",
                "15m",
                "--csv",
                csv.toString());
        CliRun json = CliRun.of(
                home, PG.jdbcUrl(), Map.of(), "--json", "signals", "evaluate", "--symbols", "AAPL", "--trading", "1d");
        CliRun unpaired = CliRun.of(
                home,
                PG.jdbcUrl(),
                Map.of(),
                "signals",
                "evaluate",
                "--symbols",
                "AAPL",
                "--trading",
                "1d",
                "--htf",
                "4h");
        CliRun bad = CliRun.of(
                home, PG.jdbcUrl(), Map.of(), "signals", "evaluate", "--symbols", "AAPL", "--expiry-bars", "0");
        CliRun unknown = CliRun.of(home, PG.jdbcUrl(), Map.of(), "signals", "evaluate", "--symbols", "NOPE");
        // AAPL has daily bars alone: at the default pair it is skipped, saying so (it said "only 0 1h bars")
        CliRun hourly = CliRun.of(home, PG.jdbcUrl(), Map.of(), "signals", "evaluate", "--symbols", "BTCUSD,AAPL");

        assertThat(table.code()).as(table.err()).isZero();
        assertThat(table.out()).contains("expectancy R (95 %)", "issue-time violations: 0", "type=long");
        assertThat(Files.readAllLines(csv).get(0)).startsWith("group,signals,filled,not_filled,wins,losses");
        assertThat(Files.readAllLines(csv).get(1)).startsWith("all,");
        assertThat(json.code()).as(json.err()).isZero();
        assertThat(json.out()).contains("\"violations\" : 0", "\"groups\"", "\"calibration\"");
        assertThat(unpaired.code()).isEqualTo(2);
        assertThat(unpaired.err())
                .startsWith("error: higher timeframe 4h is not coarser than and a whole multiple of the trading"
                        + " timeframe 1d");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--expiry-bars must be an integer from 1 to 10000");
        assertThat(unknown.code()).isNotZero();
        assertThat(unknown.err()).contains("NOPE");
        assertThat(hourly.code()).as(hourly.err()).isZero();
        assertThat(hourly.out()).contains("skipped AAPL: no 1h bars (--trading and --htf choose the pair)");
    }
}
