package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dgas.app.config.ConfigKeys;
import io.dgas.app.trading.BacktestRequest;
import io.dgas.app.trading.BacktestService;
import io.dgas.app.trading.PortfolioService;
import io.dgas.calc.drummond.MtfParams;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.domain.Timeframe;
import io.dgas.ledger.PaperRules;
import io.dgas.ledger.RiskLimits;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every GET route of {@code /api/v1}, taken from the OpenAPI document the route table writes (so a new route is
 * covered without touching this test), issues as many statements over a small data set (1 symbol, 120 bars, news and
 * trades) as over a large one (50 symbols, 500 bars and rows): no statement per symbol or per row. Lists are asked for
 * their largest page. Caches are off, so every request reaches the database; the query monitor counts.
 */
class EveryRouteStatementCountIT {
    @RegisterExtension
    static final ApiClient api = ApiClient.onOwnDatabase(Map.of(ConfigKeys.CACHE_ENABLED, "false"));

    /** The event stream never ends: it is not a request that could be counted. */
    private static final String STREAM = "/api/v1/events";

    /**
     * The index advisor plans the server's heaviest statements, as many as have run often enough: a count that follows
     * what ran on the server between the two data sets, not their size (it is tested on the database page).
     */
    private static final String ADVISOR = "/api/v1/database/index-suggestions";

    /** What a path names in one data set. */
    private record Ids(String symbol, long run, long portfolio, long session, long backtest, long job) {}

    /**
     * {@code symbols} symbols {@code <prefix>1..n} with a run and a signal each, {@code rows} hourly bars of the first
     * (and its 4h bars), a portfolio with a position and a filled order on every symbol and an active session, a
     * backtest over the first symbol's bars, {@code rows} news items and an alert rule per symbol.
     */
    private static Ids seed(String prefix, int symbols, int rows) {
        var db = api.ctx.database();
        ApiSeed.symbolsRunsSignals(db, prefix, symbols);
        String first = prefix + "1";
        PagesSeed.recentBars(api.ctx, first, rows, 100);
        MarketSeed.wave(
                api.ctx,
                first,
                Timeframe.H4,
                Math.max(10, rows / 4),
                100,
                // a 4h series starts at a 4h bar's open time, whatever the hour this test runs at
                Instant.ofEpochSecond(Math.floorDiv(
                                        PagesSeed.hoursAgo(4 * Math.max(10, rows / 4))
                                                .getEpochSecond(),
                                        4 * 3600L)
                                * 4
                                * 3600L)
                        .toString());
        PortfolioService portfolios = new PortfolioService(db, Clock.systemUTC(), api.ctx.cache());
        long portfolio = portfolios
                .create(prefix, "book", "USD", new BigDecimal("10000"))
                .id();
        long session = portfolios
                .startSession(
                        portfolio,
                        "paper",
                        new RiskLimits(new BigDecimal("5000"), new BigDecimal("20000"), new BigDecimal("500"), 60),
                        PaperRules.fixedCash(new BigDecimal("1000")))
                .id();
        LedgerSeed.trades(db, prefix, portfolio, symbols);
        db.update("test.seed-session-orders", "UPDATE orders SET session_id = ? WHERE portfolio_id = ?", ps -> {
            ps.setLong(1, session);
            ps.setLong(2, portfolio);
        });
        long backtest = new BacktestService(db, Clock.systemUTC(), api.ctx.cache(), MtfParams.defaults())
                .run(new BacktestRequest(
                        List.of(first),
                        PagesSeed.hoursAgo(rows),
                        PagesSeed.hoursAgo(0),
                        Timeframe.H4,
                        Timeframe.H1,
                        new BigDecimal("100000"),
                        new RiskLimits(new BigDecimal("50000"), new BigDecimal("200000"), new BigDecimal("10000"), 60),
                        PaperRules.fixedCash(new BigDecimal("10000")),
                        SignalParams.defaults()))
                .record()
                .id();
        io.dgas.store.jobs.JobRepository jobs = new io.dgas.store.jobs.JobRepository(db);
        long job = jobs.insert("backtest", prefix, "{}", 100, Instant.now())
                .orElseThrow()
                .id();
        jobs.claim(prefix, List.of("backtest"), Instant.now());
        jobs.finish(
                job,
                1,
                io.dgas.store.jobs.JobRepository.SUCCEEDED,
                "{\"rows\":" + rows + "}",
                null,
                null,
                Instant.now());
        StringBuilder news = new StringBuilder("symbol,published_at,source,url,headline,sentiment\n");
        for (int i = 0; i < rows; i++) {
            news.append(first)
                    .append(',')
                    .append(PagesSeed.hoursAgo(i))
                    .append(",wire,https://n.example/")
                    .append(prefix)
                    .append(i)
                    .append(',')
                    .append(first)
                    .append(" item ")
                    .append(i)
                    .append(',')
                    .append(i % 2 == 0 ? "0.5" : "-0.25")
                    .append('\n');
        }
        api.ctx.news().load("seed", new java.io.StringReader(news.toString()));
        db.update(
                "test.seed-rules",
                "INSERT INTO alert_rules (name, symbol_id, rule_type, condition, threshold) SELECT y.ticker || ' above',"
                        + " y.id, 'threshold', 'above', 1000 FROM symbols y WHERE y.ticker LIKE ? || '%'",
                ps -> ps.setString(1, prefix));
        new io.dgas.store.optimizer.MaterializedViews(db).refreshAll();
        long run = db.queryOne(
                        "t",
                        "SELECT max(id) FROM prediction_runs",
                        io.dgas.store.SqlSession.Binder.NONE,
                        r -> r.getLong(1))
                .orElseThrow();
        return new Ids(first, run, portfolio, session, backtest, job);
    }

    /** Every GET route's path, filled in for {@code ids}, with the largest page when it pages. */
    private static Map<String, String> requests(Ids ids) throws Exception {
        JsonNode paths = api.json("/api/v1/openapi.json", 200).get("paths");
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
            String template = it.next();
            JsonNode get = paths.get(template).get("get");
            if (get == null || template.equals(STREAM) || template.equals(ADVISOR)) {
                continue;
            }
            String path = template.replace("{symbol}", ids.symbol())
                    .replace("{exchange}", "HK")
                    .replace("{queryid}", template.contains("{queryid}") ? queryid() : "")
                    .replace("{id}", Long.toString(idFor(template, ids)));
            List<String> query = new ArrayList<>();
            for (JsonNode p : get.get("parameters")) {
                String name = p.get("name").asText();
                if (name.equals("limit") && p.at("/schema/maximum").isNumber()) {
                    query.add("limit=" + p.at("/schema/maximum").asLong());
                } else if (p.get("required").asBoolean() && p.get("in").asText().equals("query")) {
                    query.add(name + "=" + required(template, name));
                }
            }
            out.put(template, query.isEmpty() ? path : path + "?" + String.join("&", query));
        }
        return out;
    }

    /** A statement of pg_stat_statements of this database (the extension made and a statement run for it). */
    private static String queryid() throws Exception {
        try (java.sql.Connection c = api.connect();
                java.sql.Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            st.execute("SELECT count(*) FROM symbols WHERE ticker LIKE 'Q%'");
            try (java.sql.ResultSet rs = st.executeQuery("SELECT queryid FROM pg_stat_statements WHERE query LIKE"
                    + " 'SELECT count(*) FROM symbols WHERE ticker LIKE%' AND dbid = (SELECT oid FROM pg_database"
                    + " WHERE datname = current_database()) LIMIT 1")) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static long idFor(String template, Ids ids) {
        if (!template.contains("{id}")) {
            return 0;
        }
        if (template.startsWith("/api/v1/runs/")) {
            return ids.run();
        }
        if (template.startsWith("/api/v1/portfolios/")) {
            return ids.portfolio();
        }
        if (template.startsWith("/api/v1/sessions/")) {
            return ids.session();
        }
        if (template.startsWith("/api/v1/backtests/")) {
            return ids.backtest();
        }
        if (template.startsWith("/api/v1/jobs/")) {
            return ids.job();
        }
        throw new AssertionError("a new route with an id: say here what it names, " + template);
    }

    private static String required(String template, String name) {
        if ((template.endsWith("/gaps") || template.endsWith("/check") || template.endsWith("/bar-checks"))
                && name.equals("interval")) {
            return "1h"; // the seeded recent hourly bars
        }
        throw new AssertionError("a new required parameter: give it a value here, " + template + " " + name);
    }

    @Test
    void everyGetRoute_oneOrManySymbolsAndRows_sameStatementCount() throws Exception {
        Ids one = seed("F", 1, 120);
        Map<String, String> small = requests(one);
        assertThat(api.json("/api/v1/backtests/" + one.backtest(), 200)
                        .get("trades")
                        .size())
                .as("the small backtest traded too: its trade reads are counted")
                .isPositive();
        Map<String, Long> few = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : small.entrySet()) {
            few.put(e.getKey(), api.statementsOf(e.getValue()));
        }
        Map<String, String> large = requests(seed("M", 50, 500));

        assertThat(large.keySet()).as("every GET route but the stream").hasSizeGreaterThan(25);
        Map<String, Long> many = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : large.entrySet()) {
            many.put(e.getKey(), api.statementsOf(e.getValue()));
        }
        assertThat(many)
                .as("statements per route, 50 symbols and 500 rows vs 1 and 120")
                .isEqualTo(few);
    }
}
