package io.dgas.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.app.AppContext;
import io.dgas.app.config.DgasConfig;
import io.dgas.app.config.TestConfigs;
import io.dgas.app.cycle.SymbolAnalyzer;
import io.dgas.app.demo.SyntheticBars;
import io.dgas.app.trading.BacktestMetrics;
import io.dgas.app.trading.BacktestRequest;
import io.dgas.app.trading.BacktestService;
import io.dgas.app.trading.Backtester;
import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.StatementObserver;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.bars.BarRollup;
import io.dgas.store.cache.QueryCache;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestListener;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.testkit.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code dgas backtest} end to end over stored bars: metrics, the curve file, the stored ledger rows, the list. */
class BacktestCommandIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant END = Instant.parse("2024-06-03T12:00:00Z");

    @TempDir
    static Path home;

    @BeforeAll
    static void seed() {
        try (Database db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE)) {
            new BarIngestor(db, IngestListener.NONE)
                    .ingest(
                            "synthetic",
                            new SyntheticBars(3, 700, Timeframe.H1, END, 7),
                            null,
                            IngestOptions.defaults().withCreateSymbols(true));
            new BarRollup(db, IngestListener.NONE)
                    .fromBars(List.of(), Timeframe.H1, List.of(Timeframe.H4), false, null);
        }
    }

    /** {@code dgas ARGS} on the class's database and home. */
    private CliRun cli(String... args) {
        return CliRun.of(home, PG.jdbcUrl(), Map.of(), args);
    }

    @Test
    void backtest_storedBars_printsMetricsWritesTheCurveAndIsListed() throws Exception {
        Path curve = home.resolve("curve.csv");
        CliRun r = cli(
                "--json",
                "backtest",
                "SYN0001",
                "SYN0002",
                "SYN0003",
                "--from",
                "2024-01-01",
                "--to",
                "2024-07-01",
                "--commission",
                "per_share=0.005,percent=0,min=1",
                "--expiry-bars",
                "3",
                "--entry-reach-atr",
                "3",
                "--curve",
                curve.toString());

        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());
        assertThat(j.get("bar_steps").asLong()).isEqualTo(3 * 700);
        assertThat(j.get("metrics").get("trades").asInt()).isPositive();
        List<String> lines = Files.readAllLines(curve);
        assertThat(lines.get(0)).isEqualTo("timestamp,cash,equity,gross_exposure");
        assertThat(lines).hasSize(700 + 1);

        try (Database db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE)) {
            long portfolio = j.get("portfolio").asLong();
            long executions = db.queryOne(
                            "test.bt-execs",
                            "SELECT count(*) FROM executions e JOIN orders o ON o.id = e.order_id"
                                    + " WHERE o.portfolio_id = ?",
                            ps -> ps.setLong(1, portfolio),
                            rs -> rs.getLong(1))
                    .orElseThrow();
            long points = db.queryOne(
                            "test.bt-curve",
                            "SELECT count(*) FROM portfolio_equity WHERE portfolio_id = ?",
                            ps -> ps.setLong(1, portfolio),
                            rs -> rs.getLong(1))
                    .orElseThrow();
            assertThat(executions)
                    .isGreaterThanOrEqualTo(j.get("metrics").get("trades").asLong());
            // the benchmark: each symbol's first and last stored close in the range, equal weight
            double bh = db.queryOne(
                            "test.bt-buy-and-hold",
                            "SELECT avg(last / first - 1) FROM (SELECT (array_agg(b.close ORDER BY b.ts))[1] AS first,"
                                    + " (array_agg(b.close ORDER BY b.ts DESC))[1] AS last FROM bars b"
                                    + " JOIN symbols y ON y.id = b.symbol_id WHERE b.timeframe = '1h'"
                                    + " AND y.ticker IN ('SYN0001', 'SYN0002', 'SYN0003') GROUP BY y.ticker) t",
                            ps -> {},
                            rs -> rs.getDouble(1))
                    .orElseThrow();
            assertThat(j.get("metrics").get("buy_and_hold_return").asDouble()).isCloseTo(bh, within(1e-12));
            assertThat(j.get("metrics").get("excess_return").asDouble())
                    .isCloseTo(j.get("metrics").get("total_return").asDouble() - bh, within(1e-12));
            assertThat(points).isEqualTo(700);
            String expiry = db.queryOne(
                            "test.bt-settings",
                            "SELECT settings->>'expiry_bars' FROM backtests WHERE id = ?",
                            ps -> ps.setLong(1, j.get("backtest").asLong()),
                            rs -> rs.getString(1))
                    .orElseThrow();
            assertThat(expiry)
                    .as("the limit entries' expiry, as paper sessions take it")
                    .isEqualTo("3");
        }

        CliRun list = cli("--json", "backtest", "--list");
        assertThat(list.code()).as(list.err()).isZero();
        JsonNode listed = JSON.readTree(list.out()).get(0);
        assertThat(listed.get("id").asLong()).isEqualTo(j.get("backtest").asLong());
        // the stored metrics are the run's, as an object with the same names (they were a string of camelCase JSON)
        assertThat(listed.get("metrics").get("total_return").asDouble())
                .isEqualTo(j.get("metrics").get("total_return").asDouble());
        assertThat(listed.get("settings").get("rules").get("sizing").asText()).isEqualTo("percent_equity");
        // every signal parameter is kept (only the expiry was): two runs with other options were not told apart
        assertThat(listed.at("/settings/signals/entry_reach_atr").asDouble()).isEqualTo(3.0);
        assertThat(listed.at("/settings/mtf/zone_lookback_bars").isInt()).isTrue();
        CliRun text = cli("backtest", "--list");
        JsonNode m = j.get("metrics");
        // the metrics' whole JSON text was the column
        assertThat(text.out())
                .contains(String.format(
                        java.util.Locale.ROOT,
                        "return %.2f%% (buy and hold %.2f%%), Sharpe %.2f, max drawdown %.2f%%, %d trades",
                        100 * m.get("total_return").asDouble(),
                        100 * m.get("buy_and_hold_return").asDouble(),
                        m.get("sharpe").asDouble(),
                        100 * m.get("max_drawdown").asDouble(),
                        m.get("trades").asInt()))
                .doesNotContain("{")
                .contains("10% of equity, 5 bps, commission 0.005 a share + at least 1; entry_reach_atr 3,"
                        + " expiry_bars 3");
    }

    @Test
    void backtest_tightGrossLimit_storesAndPrintsTheFillsTheLimitCutOrRefused() throws Exception {
        String[] args = {
            "backtest",
            "SYN0001",
            "SYN0002",
            "SYN0003",
            "--from",
            "2024-01-01",
            "--to",
            "2024-07-01",
            "--max-gross",
            "15000"
        };
        CliRun r = cli(prepend("--json", args));
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = JSON.readTree(r.out());

        Map<String, BacktestMetrics.LimitCount> expected;
        JsonNode stored;
        try (Database db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE)) {
            expected = expectedFillLimits(db, args);
            stored = JSON.readTree(db.queryOne(
                            "test.bt-metrics",
                            "SELECT metrics FROM backtests WHERE id = ?",
                            ps -> ps.setLong(1, j.get("backtest").asLong()),
                            rs -> rs.getString(1))
                    .orElseThrow());
        }
        assertThat(expected).as("the tight limit stops some fills").isNotEmpty();
        JsonNode want = JSON.valueToTree(expected);
        assertThat(stored.get("fill_limits")).as("stored metrics").isEqualTo(want);
        assertThat(j.get("metrics").get("fill_limits")).as("--json report").isEqualTo(want);
        assertThat(want.get("max_gross_exposure").fieldNames()).toIterable().containsExactly("cut", "refused");

        CliRun text = cli(args);
        assertThat(text.code()).as(text.err()).isZero();
        BacktestMetrics.LimitCount gross = expected.get("max_gross_exposure");
        assertThat(text.out())
                .contains("fills cut or refused by a limit: ")
                .contains("max_gross_exposure " + gross.cut() + " cut, " + gross.refused() + " refused");
    }

    /**
     * The fill limits of {@link Backtester#run} over the stored bars, with the request the command builds from
     * {@code args} (parsed as {@code dgas} parses them) and the replay settings the service makes of it.
     */
    private static Map<String, BacktestMetrics.LimitCount> expectedFillLimits(Database db, String[] args) {
        DgasConfig config = TestConfigs.load(home, Map.of());
        CommandLine.ParseResult parsed = new CommandLine(new DgasCommand()).parseArgs(args);
        BacktestRequest request =
                ((BacktestCommand) parsed.subcommand().commandSpec().userObject()).request(config);
        BarRepository bars = new BarRepository(db);
        Map<String, BarSeries> trading = new LinkedHashMap<>();
        Map<String, BarSeries> higher = new LinkedHashMap<>();
        for (String s : request.symbols()) {
            trading.put(s, SymbolAnalyzer.series(bars.range(s, request.trading(), request.from(), request.to())));
            higher.put(s, SymbolAnalyzer.series(bars.range(s, request.htf(), request.from(), request.to())));
        }
        assertThat(higher.get("SYN0001").size())
                .as("stored 4h bars, as the service reads")
                .isPositive();
        BacktestService service =
                new BacktestService(db, Clock.systemUTC(), QueryCache.NONE, AppContext.mtfParams(config));
        Backtester.Result result = Backtester.run(trading, higher, service.config(request));
        return BacktestMetrics.of(List.of(), List.of())
                .withFillLimits(result.fillLimits())
                .fillLimits();
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    @Test
    void backtest_tradingWithoutHtf_takesItsPairAndAnUnpairedHtfIsABadArgument() throws Exception {
        String[] range = {"SYN0001", "--from", "2024-01-01", "--to", "2024-07-01"};
        CliRun paired = cli(prepend("--json", prepend("backtest", range)));
        String[] finer = concat(prepend("backtest", range), "--trading", "1h", "--htf", "30m");
        CliRun unpaired = cli(finer);
        CliRun daily = cli(concat(prepend("--json", prepend("backtest", range)), "--trading", "4h"));

        assertThat(paired.code()).as(paired.err()).isZero();
        assertThat(unpaired.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unpaired.err())
                .isEqualTo("error: higher timeframe 30m is not coarser than and a whole multiple of the trading"
                        + " timeframe 1h; accepted: [4h, 1d, 1w]" + System.lineSeparator());
        assertThat(daily.code()).as(daily.err()).isZero();
        long id = JSON.readTree(daily.out()).get("backtest").asLong();
        try (Database db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE)) {
            String pair = db.queryOne(
                            "test.bt-pair",
                            "SELECT htf || '/' || trading FROM backtests WHERE id = ?",
                            ps -> ps.setLong(1, id),
                            rs -> rs.getString(1))
                    .orElseThrow();
            assertThat(pair).as("4h trading pairs with 1d, not the 4h default").isEqualTo("1d/4h");
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void backtest_aSymbolWithoutTradingBars_isReplayedWithoutItAndNamed() throws Exception {
        Path daily = home.resolve("daily-only.csv");
        Files.writeString(
                daily,
                "date,open,high,low,close,volume\n2024-03-01,10,11,9,10.5,100\n2024-03-04,10.5,11,10,10.8,100\n");
        CliRun load =
                cli("ingest", "bars", daily.toString(), "--symbol", "DLY", "--interval", "1d", "--create-symbols");
        assertThat(load.code()).as(load.err()).isZero();
        String[] args = {"backtest", "SYN0001", "DLY", "--from", "2024-01-01", "--to", "2024-07-01"};

        CliRun text = cli(args);
        CliRun json = cli(prepend("--json", args));

        // the backtest ran over SYN0001 alone and said nothing of DLY
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("not replayed, no 1h bars in the range: DLY");
        JsonNode j = JSON.readTree(json.out());
        assertThat(j.get("bar_steps").asLong()).isEqualTo(700);
        assertThat(j.get("without_bars").toString()).isEqualTo("[\"DLY\"]");
    }

    @Test
    void backtest_noTradingBarInTheRange_isRefusedNamingTheTimeframesItHas() {
        CliRun r =
                cli("backtest", "SYN0001", "--from", "2024-01-01", "--to", "2024-02-01", "--trading", "15m", "--json");

        // a backtest of nothing was stored with every figure NaN
        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err())
                .contains("no 15m bars of SYN0001 from 2024-01-01T00:00:00Z to 2024-02-01T00:00:00Z (it has bars at")
                .contains("\"parameter\":\"trading\"")
                .contains("\"value\":\"15m\"");
    }

    @Test
    void backtest_withoutRange_isABadArgument() {
        CliRun r = cli("backtest", "SYN0001");
        CliRun noTo = cli("backtest", "SYN0001", "--from", "2024-01-01");
        CliRun help = cli("backtest", "--help");

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("missing --from: a backtest runs over --from (included) to --to (excluded)");
        assertThat(noTo.err()).contains("missing --to");
        // the help showed both as optional, without saying a run needs them
        assertThat(help.out()).contains("required unless --list");
    }

    @Test
    void backtest_curveFileOfAnotherFormat_isABadArgumentBeforeAnyRun() {
        Path xlsx = home.resolve("curve.xlsx");

        CliRun r = cli("backtest", "SYN0001", "--from", "2024-01-01", "--to", "2024-02-01", "--curve", xlsx.toString());

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("--curve: " + xlsx + " must end in .csv or .json");
        assertThat(xlsx).doesNotExist();
    }
}
