package io.dgas.app.collect;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.app.cli.DgasCommand;
import io.dgas.app.cli.ExitCodes;
import io.dgas.app.collect.EodhdFixtureServer.Reply;
import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.StatementObserver;
import io.dgas.store.bars.BarRollup;
import io.dgas.store.collect.CollectReport;
import io.dgas.store.collect.CollectRepository;
import io.dgas.store.events.EventPublisher;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestLimits;
import io.dgas.store.ingest.IngestListener;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.testkit.FakeClock;
import io.dgas.testkit.PostgresExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dgas ingest api} names a ticker at EODHD as the cycle's collect stage does, by the symbol's stored asset class
 * (never by the ticker's shape), against the loopback server serving EODHD JSON from the recorded fixtures; symbols it
 * creates get the class asked for ({@code --asset-class}, or the one their exchange implies, else stock).
 */
class IngestApiTickersIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static final String KEY = "ingest-api-key-7";

    @TempDir
    Path home;

    private EodhdFixtureServer server;

    record Run(int code, String out, String err) {}

    @BeforeEach
    void start() throws Exception {
        try (Database db = open()) {
            db.update("t.clear-bars", "DELETE FROM bars", ps -> {});
            db.update("t.clear-symbols", "DELETE FROM symbols", ps -> {});
        }
        server = new EodhdFixtureServer();
        for (String t : List.of("BTC-USD.CC", "ABC-DEF.US", "ETH-USD.CC", "SPY.US", "ABC-DEF.CC", "BTC-USD.US")) {
            server.on("/api/eod/" + t, Reply.ok("EEE.US-1d.json"));
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Database open() {
        return Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE);
    }

    private Run run(String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("DGAS_HOME", home.toString());
        env.put("DGAS_DATABASE_URL", PG.jdbcUrl());
        env.put("DGAS_API_BASE_URL", server.baseUrl());
        env.put("DGAS_API_KEY", KEY);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = DgasCommand.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private Run api(String... extra) {
        List<String> args = new java.util.ArrayList<>(
                List.of("ingest", "api", "--from", "2024-05-01", "--to", "2024-06-02", "--create-symbols"));
        args.addAll(List.of(extra));
        return run(args.toArray(String[]::new));
    }

    /** The paths asked since the last call, and forgets them. */
    private List<String> asked() {
        List<String> paths = server.requests().stream()
                .map(u -> u.substring(0, u.indexOf('?')))
                .toList();
        server.requests().clear();
        return paths;
    }

    private static Map<String, String> classes() {
        Map<String, String> out = new java.util.TreeMap<>();
        try (Database db = open()) {
            db.query(
                    "t.classes",
                    "SELECT ticker, asset_class FROM symbols",
                    ps -> {},
                    rs -> out.put(rs.getString(1), rs.getString(2)));
        }
        return out;
    }

    private static long bars(String ticker) {
        try (Database db = open()) {
            return db.queryOne(
                            "t.count",
                            "SELECT count(*) FROM bars b JOIN symbols y ON y.id = b.symbol_id WHERE y.ticker = ?",
                            ps -> ps.setString(1, ticker),
                            rs -> rs.getLong(1))
                    .orElseThrow();
        }
    }

    @Test
    void ingestApi_toBeforeFrom_exit2NamingBothDaysAndAsksNothing() {
        Run r = run("ingest", "api", "--symbols", "SPY", "--from", "2024-06-02", "--to", "2024-05-01");

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).startsWith("error: the last day 2024-05-01 is before the first, 2024-06-02");
        assertThat(asked()).isEmpty();
    }

    @Test
    void ingestApi_tickersByAssetClass_askedAsTheCollectorAsksThem() {
        Run crypto = api("--symbols", "BTC-USD", "--asset-class", "crypto");
        assertThat(crypto.code()).as(crypto.err()).isZero();
        assertThat(asked()).containsExactly("/api/eod/BTC-USD.CC");

        // shaped like a crypto pair, created without a class: a stock, asked on the US exchange
        Run stock = api("--symbols", "ABC-DEF");
        assertThat(stock.code()).as(stock.err()).isZero();
        assertThat(asked()).containsExactly("/api/eod/ABC-DEF.US");

        // a ticker naming EODHD's crypto exchange is asked as is and created as crypto
        Run named = api("--symbols", "ETH-USD.CC");
        assertThat(named.code()).as(named.err()).isZero();
        assertThat(asked()).containsExactly("/api/eod/ETH-USD.CC");

        assertThat(classes())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("BTC-USD", "crypto", "ABC-DEF", "stock", "ETH-USD.CC", "crypto"));
        assertThat(bars("BTC-USD")).isEqualTo(9);
        assertThat(bars("ABC-DEF")).isEqualTo(9);
        assertThat(crypto.out()).contains("api BTC-USD 1d").doesNotContain(KEY);
        assertThat(crypto.err()).contains("BTC-USD (as BTC-USD.CC)").doesNotContain(KEY);

        // fetched again: the stored class decides, whatever --asset-class says for an existing symbol
        Run again = api("--symbols", "BTC-USD,ABC-DEF", "--asset-class", "etf");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(asked()).containsExactly("/api/eod/BTC-USD.CC", "/api/eod/ABC-DEF.US");
        assertThat(classes()).containsEntry("BTC-USD", "crypto").containsEntry("ABC-DEF", "stock");

        // the cycle's collect stage asks the same names of the same symbols
        assertThat(collect(List.of("BTC-USD", "ABC-DEF")).failures()).isEmpty();
        assertThat(asked()).containsExactlyInAnyOrder("/api/eod/BTC-USD.CC", "/api/eod/ABC-DEF.US");
    }

    @Test
    void ingestApi_unknownAssetClass_exits2NamingTheValueAndTheClasses() {
        Run r = api("--symbols", "SPY", "--asset-class", "bond");

        assertThat(r.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("--asset-class", "'bond'", "stock, etf, future, crypto, forex, index, other");
        assertThat(asked()).isEmpty();
        assertThat(classes()).isEmpty();
    }

    @Test
    void ingestBars_createSymbolsWithAssetClass_storesTheClass_existingKeepTheirs() throws Exception {
        Path f = Files.writeString(
                home.resolve("etf.csv"),
                "timestamp,symbol,interval,open,high,low,close,volume\n"
                        + "2024-01-02T00:00:00Z,SPY,1d,470,473,468,472,1000\n");
        Run created = run("ingest", "bars", f.toString(), "--create-symbols", "--asset-class", "ETF");
        Run again = run("ingest", "bars", f.toString(), "--create-symbols", "--asset-class", "crypto");

        assertThat(created.code()).as(created.err()).isZero();
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(classes()).containsExactlyEntriesOf(Map.of("SPY", "etf"));
        Run fetched = api("--symbols", "SPY");
        assertThat(fetched.code()).as(fetched.err()).isZero();
        assertThat(asked()).containsExactly("/api/eod/SPY.US");
    }

    @Test
    void ingestApi_adjustedDaily_storesThePricesScaledByTheAdjustedClose() {
        // a 2:1 split between the 29th and the 30th: the raw closes halve overnight, the adjusted ones do not
        server.on("/api/eod/SPL.US", Reply.ok("SPL.US-1d.json"), Reply.ok("SPL.US-1d.json"));
        Run raw = api("--symbols", "SPL");
        List<String> rawPrices = prices("SPL");
        Run adjusted = api("--symbols", "SPL", "--adjusted");

        assertThat(raw.code()).as(raw.err()).isZero();
        assertThat(rawPrices).containsExactly("198 200", "200 202", "100 101", "101 102");
        assertThat(adjusted.code()).as(adjusted.err()).isZero();
        // open × adjusted close ÷ close: 198 × 100 / 200 = 99, 200 × 101 / 202 = 100; the bars after the split stay
        assertThat(prices("SPL")).containsExactly("99 100", "100 101", "100 101", "101 102");
        assertThat(asked()).containsExactly("/api/eod/SPL.US", "/api/eod/SPL.US");
    }

    @Test
    void ingestApi_adjustedIntradayOrGapFill_exit2NamingWhyAndAsksNothing() {
        Run hourly = api("--symbols", "SPL", "--interval", "1h", "--adjusted");
        Run gaps = run("ingest", "api", "--symbols", "SPL", "--fill-gaps", "--adjusted");

        assertThat(hourly.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(hourly.err())
                .contains("the API gives no adjusted close with 1h bars: adjusted prices are fetched as daily bars");
        assertThat(gaps.code()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(gaps.err()).contains("--fill-gaps cannot adjust");
        assertThat(asked()).isEmpty();
    }

    /** "open close" of each stored bar of {@code ticker}, oldest first, in the shortest decimals. */
    private static List<String> prices(String ticker) {
        List<String> out = new java.util.ArrayList<>();
        try (Database db = open()) {
            db.query(
                    "t.prices",
                    "SELECT b.open, b.close FROM bars b JOIN symbols y ON y.id = b.symbol_id WHERE y.ticker = ?"
                            + " ORDER BY b.ts",
                    ps -> ps.setString(1, ticker),
                    rs -> out.add(new java.math.BigDecimal(Double.toString(rs.getDouble(1)))
                                    .stripTrailingZeros()
                                    .toPlainString()
                            + " "
                            + new java.math.BigDecimal(Double.toString(rs.getDouble(2)))
                                    .stripTrailingZeros()
                                    .toPlainString()));
        }
        return out;
    }

    /** The collect stage over {@code symbols}, as the cycle builds it, against the fixture server. */
    private CollectReport collect(List<String> symbols) {
        FakeClock clock = new FakeClock(Instant.parse("2024-06-03T12:00:00Z"));
        CollectSettings s = new CollectSettings(
                "eodhd", server.baseUrl(), KEY, 600, 2, 10, 2, Duration.ofDays(90), 2, Duration.ofSeconds(1));
        try (Database db = open()) {
            CollectStage stage = new CollectStage(
                    s.source(clock, clock::advance),
                    new CollectRepository(db),
                    new BarIngestor(db, IngestListener.NONE),
                    new BarRollup(db, IngestListener.NONE).withEvents(EventPublisher.NONE),
                    IngestOptions.defaults().withLimits(new IngestLimits(0, 86_400, 1e-8, 1e9, 65_536, clock)),
                    clock,
                    s);
            return stage.collect(symbols);
        }
    }
}
