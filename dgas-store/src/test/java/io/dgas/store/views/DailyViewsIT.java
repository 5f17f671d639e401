package io.dgas.store.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dgas.store.Database;
import io.dgas.store.DatabaseSettings;
import io.dgas.store.StatementObserver;
import io.dgas.store.optimizer.MaterializedViews;
import io.dgas.testkit.PostgresExtension;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The daily views (V43, V80, V81): each has the unique index that {@code REFRESH … CONCURRENTLY} needs, is refreshed
 * concurrently once populated, and is read by its reader; the news sentiment view's figures by arithmetic.
 */
class DailyViewsIT {
    @RegisterExtension
    static final PostgresExtension PG = new PostgresExtension();

    private static Database db;

    @BeforeAll
    static void open() {
        db = Database.open(DatabaseSettings.defaults(PG.jdbcUrl(), null, null), StatementObserver.NONE);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    private static void exec(String sql) {
        db.update("test.exec", sql, ps -> {});
    }

    @Test
    void views_eachHasAUniqueIndexOnItsKey() {
        List<String> unique = db.query(
                "test.view-indexes",
                "SELECT c.relname || ':' || i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
                        + " JOIN pg_class c ON c.oid = x.indrelid WHERE x.indisunique AND c.relkind = 'm'",
                ps -> {},
                rs -> rs.getString(1));

        assertThat(unique)
                .contains(
                        "daily_bar_rollups:daily_bar_rollups_key_idx",
                        "daily_portfolio_performance:daily_portfolio_performance_key_idx",
                        "daily_news_sentiment:daily_news_sentiment_key_idx");
        assertThat(MaterializedViews.REGISTERED)
                .contains("daily_bar_rollups", "daily_portfolio_performance", "daily_news_sentiment");
    }

    @Test
    void refreshAll_populatedViews_concurrentlyAndReadersSeeNewRows() {
        exec("INSERT INTO symbols (ticker, name) VALUES ('DVA', 'DVA Corp')");
        exec("INSERT INTO news_items (symbol_id, published_at, source, url, headline, sentiment) SELECT id,"
                + " timestamptz '2025-02-03 10:00Z', 'w', 'https://dv.example/' || g, 'h' || g, g / 10.0"
                + " FROM symbols, generate_series(1, 4) g WHERE ticker = 'DVA'");
        db.queryOne(
                "test.partition",
                "SELECT dgas_create_month_partition('bars', timestamptz '2025-02-03')",
                ps -> {},
                rs -> rs.getString(1));
        exec("INSERT INTO bars (symbol_id, timeframe, ts, open, high, low, close, volume) SELECT id, '1h',"
                + " timestamptz '2025-02-03 00:00Z' + g * interval '1 hour', 10 + g, 12 + g, 9 + g, 11 + g, 100"
                + " FROM symbols, generate_series(0, 23) g WHERE ticker = 'DVA'");

        List<MaterializedViews.Refreshed> done = new MaterializedViews(db).refreshAll();
        DailyViews views = new DailyViews(db);
        LocalDate day = LocalDate.parse("2025-02-03");

        assertThat(done).extracting(MaterializedViews.Refreshed::how).containsOnly("concurrently");
        List<DailyViews.SentimentDay> s = views.sentiment("DVA", day, day);
        assertThat(s).hasSize(1);
        assertThat(s.get(0).items()).isEqualTo(4);
        assertThat(s.get(0).avgSentiment()).isCloseTo((0.1 + 0.2 + 0.3 + 0.4) / 4, within(1e-12));
        List<DailyViews.BarDay> b = views.bars("DVA", "1h", day, day);
        assertThat(b).hasSize(1);
        assertThat(b.get(0).open()).isEqualTo(10);
        assertThat(b.get(0).close()).isEqualTo(11 + 23);
        assertThat(b.get(0).high()).isEqualTo(12 + 23);
        assertThat(b.get(0).bars()).isEqualTo(24);
    }

    @Test
    void refresh_portfolioPerformance_eachDaysCloseIsItsLastSnapshotAsTheDistinctOnReadingGives() {
        // two portfolios, snapshots at random minutes over 12 days with empty days, at UTC midnight and just before
        exec("INSERT INTO portfolios (owner, name, starting_capital) VALUES ('dv', 'a', 10000), ('dv', 'b', 5000)");
        exec("INSERT INTO portfolio_equity (portfolio_id, ts, cash, equity)"
                + " SELECT p.id, t, 0, round((9000 + 2000 * random())::numeric, 2)"
                + " FROM portfolios p, LATERAL (SELECT DISTINCT timestamptz '2025-03-01 00:00Z'"
                + " + (floor(random() * 12 * 1440) || ' minutes')::interval AS t FROM generate_series(1, 400)) m"
                + " WHERE p.owner = 'dv'"
                + " AND (t AT TIME ZONE 'UTC')::date NOT IN (date '2025-03-04', date '2025-03-05')");
        exec("INSERT INTO portfolio_equity (portfolio_id, ts, cash, equity) SELECT id, ts, 0, 7777 FROM portfolios,"
                + " (VALUES (timestamptz '2025-03-13 00:00Z'), (timestamptz '2025-03-13 23:59:59.999999Z')) v(ts)"
                + " WHERE owner = 'dv' ON CONFLICT DO NOTHING");

        new MaterializedViews(db).refresh(List.of("daily_portfolio_performance"));
        String view = "SELECT v.portfolio_id || ' ' || v.day || ' ' || v.equity FROM daily_portfolio_performance v"
                + " JOIN portfolios p ON p.id = v.portfolio_id WHERE p.owner = 'dv' ORDER BY 1";
        String reference = "SELECT x FROM (SELECT DISTINCT ON (e.portfolio_id, (e.ts AT TIME ZONE 'UTC')::date)"
                + " e.portfolio_id || ' ' || (e.ts AT TIME ZONE 'UTC')::date || ' ' || e.equity AS x"
                + " FROM portfolio_equity e JOIN portfolios p ON p.id = e.portfolio_id WHERE p.owner = 'dv'"
                + " ORDER BY e.portfolio_id, (e.ts AT TIME ZONE 'UTC')::date, e.ts DESC) r ORDER BY 1";
        List<String> got = db.query("test.view", view, ps -> {}, rs -> rs.getString(1));
        List<String> expected = db.query("test.reference", reference, ps -> {}, rs -> rs.getString(1));

        assertThat(got).hasSize(2 * 11).isEqualTo(expected);
        assertThat(got).noneMatch(r -> r.contains(" 2025-03-04 ") || r.contains(" 2025-03-05 "));
        assertThat(got).filteredOn(r -> r.contains(" 2025-03-13 ")).allMatch(r -> r.endsWith(" 7777.00000000"));
    }

    @Test
    void portfolio_storedBacktest_notInTheViewAndItsDaysComputedAsTheViewComputesATradingPortfolios() {
        // two portfolios with the same capital, snapshots and executions: one trading, one a stored backtest
        exec("INSERT INTO symbols (ticker, name) VALUES ('DVB', 'DVB Corp')");
        exec("INSERT INTO portfolios (owner, name, starting_capital, kind) VALUES ('dvb', 'live', 10000, 'trading'),"
                + " ('dvb', 'bt', 10000, 'backtest')");
        exec("INSERT INTO portfolio_equity (portfolio_id, ts, cash, equity) SELECT p.id, timestamptz"
                + " '2025-05-01 15:00Z' + g * interval '1 day' + (g % 3) * interval '1 hour', 0, 10000 + 37 * g - 5 * g * g"
                + " FROM portfolios p, generate_series(0, 9) g WHERE p.owner = 'dvb' AND g <> 4");
        exec("INSERT INTO orders (portfolio_id, symbol_id, side, quantity, client_order_id) SELECT p.id, s.id, 'buy',"
                + " 1, 'dvb' FROM portfolios p, symbols s WHERE p.owner = 'dvb' AND s.ticker = 'DVB'");
        exec("INSERT INTO executions (order_id, broker_execution_id, quantity, price, executed_at)"
                + " SELECT o.id, 'dvb-' || o.id || '-' || g, 1, 100, timestamptz '2025-05-02 10:00Z' + g * interval"
                + " '5 hours' FROM orders o JOIN portfolios p ON p.id = o.portfolio_id, generate_series(0, 6) g"
                + " WHERE p.owner = 'dvb'");
        long live = portfolioId("live");
        long bt = portfolioId("bt");
        LocalDate from = LocalDate.parse("2025-05-01");
        LocalDate to = LocalDate.parse("2025-05-31");

        new MaterializedViews(db).refresh(List.of("daily_portfolio_performance"));

        List<DailyViews.PortfolioDay> trading = new DailyViews(db).portfolio(live, from, to);
        assertThat(trading).as("9 days with a snapshot").hasSize(9);
        assertThat(new DailyViews(db).portfolio(bt, from, to)).isEqualTo(trading);
        assertThat(db.queryOne(
                                "test.view-rows",
                                "SELECT count(*) FROM daily_portfolio_performance WHERE portfolio_id = ?",
                                ps -> ps.setLong(1, bt),
                                rs -> rs.getLong(1))
                        .orElseThrow())
                .as("the backtest is not refreshed with the view")
                .isZero();
        assertThat(new DailyViews(db).portfolio(bt, LocalDate.parse("2025-05-03"), LocalDate.parse("2025-05-04")))
                .as("a range of its days")
                .isEqualTo(trading.subList(2, 4));
    }

    private static long portfolioId(String name) {
        return db.queryOne(
                        "test.portfolio",
                        "SELECT id FROM portfolios WHERE owner = 'dvb' AND name = ?",
                        ps -> ps.setString(1, name),
                        rs -> rs.getLong(1))
                .orElseThrow();
    }

    @Test
    void refresh_portfolioPerformance_tradesAreTheDaysExecutionsAsWrittenAndDeleted() {
        // executions written in three statements (one of them repeating a broker id: not applied twice), some deleted
        exec("INSERT INTO symbols (ticker, name) VALUES ('DVT', 'DVT Corp')");
        exec("INSERT INTO portfolios (owner, name, starting_capital) VALUES ('dvt', 'a', 10000), ('dvt', 'b', 5000)");
        exec("INSERT INTO orders (portfolio_id, symbol_id, side, quantity, client_order_id)"
                + " SELECT p.id, s.id, 'buy', 1, p.name || g FROM portfolios p, symbols s, generate_series(1, 3) g"
                + " WHERE p.owner = 'dvt' AND s.ticker = 'DVT'");
        exec("INSERT INTO portfolio_equity (portfolio_id, ts, cash, equity) SELECT id, timestamptz '2025-04-01 12:00Z'"
                + " + g * interval '1 day', 0, 10000 FROM portfolios, generate_series(0, 3) g WHERE owner = 'dvt'");
        String executions = "INSERT INTO executions (order_id, broker_execution_id, quantity, price, executed_at)"
                + " SELECT o.id, 'dvt-' || o.id || '-' || g, 1, 100, timestamptz '2025-04-01 00:00Z'"
                + " + (g * 7 || ' hours')::interval FROM orders o JOIN portfolios p ON p.id = o.portfolio_id,"
                + " generate_series(%d, %d) g WHERE p.owner = 'dvt' ON CONFLICT (broker_execution_id) DO NOTHING";
        exec(executions.formatted(0, 5));
        exec(executions.formatted(4, 9));
        exec(executions.formatted(10, 12));
        exec("DELETE FROM executions WHERE broker_execution_id LIKE 'dvt-%-3' OR broker_execution_id LIKE 'dvt-%-11'");

        new MaterializedViews(db).refresh(List.of("daily_portfolio_performance"));
        String view = "SELECT p.name || ' ' || v.day || ' ' || v.trades FROM daily_portfolio_performance v"
                + " JOIN portfolios p ON p.id = v.portfolio_id WHERE p.owner = 'dvt' ORDER BY 1";
        String reference = "SELECT p.name || ' ' || d.day::date || ' ' || count(x.id) FROM portfolios p"
                + " CROSS JOIN generate_series(date '2025-04-01', date '2025-04-04', interval '1 day') d(day)"
                + " LEFT JOIN orders o ON o.portfolio_id = p.id LEFT JOIN executions x ON x.order_id = o.id"
                + " AND (x.executed_at AT TIME ZONE 'UTC')::date = d.day::date WHERE p.owner = 'dvt'"
                + " GROUP BY p.name, d.day ORDER BY 1";
        List<String> got = db.query("test.view", view, ps -> {}, rs -> rs.getString(1));
        List<String> expected = db.query("test.reference", reference, ps -> {}, rs -> rs.getString(1));

        // per portfolio 3 orders with 13 executions each at 0, 7, ..., 84 h; the 4th (21 h) and 12th (77 h) deleted
        assertThat(got).isEqualTo(expected);
        assertThat(got).contains("a 2025-04-01 " + 3 * (4 - 1), "a 2025-04-04 " + 3 * (2 - 1));
    }
}
