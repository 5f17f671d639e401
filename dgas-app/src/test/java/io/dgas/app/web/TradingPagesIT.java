package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dgas.app.Json;
import io.dgas.app.trading.BacktestRequest;
import io.dgas.app.trading.BacktestService;
import io.dgas.app.trading.PortfolioService;
import io.dgas.calc.drummond.MtfParams;
import io.dgas.calc.drummond.SignalParams;
import io.dgas.domain.Timeframe;
import io.dgas.ledger.PaperRules;
import io.dgas.ledger.RiskLimits;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The portfolio and backtest pages and the market page's news panel in headless chromium against an in-process
 * server: a seeded portfolio (positions marked at the latest close, orders with fills, equity, risk against limits),
 * a backtest run by {@link BacktestService} over seeded bars, news loaded through the service. Screenshots go to
 * {@code target/screenshots/}.
 */
class TradingPagesIT {
    @TempDir
    static Path profile;

    @RegisterExtension
    static final ApiClient api = ApiClient.onOwnDatabase(Map.of());

    private static ChromeDriver driver;
    private static long portfolio;
    private static long backtest;

    @BeforeAll
    static void start() throws Exception {
        PagesSeed.recentBars(api.ctx, "PFA1", 400, 100);
        PagesSeed.recentBars(api.ctx, "PFA2", 400, 50);
        PortfolioService portfolios = new PortfolioService(api.ctx.database(), Clock.systemUTC(), api.ctx.cache());
        portfolio = portfolios
                .create("ann", "paper", "USD", new BigDecimal("10000"))
                .id();
        portfolios.startSession(
                portfolio,
                "paper",
                new RiskLimits(new BigDecimal("5000"), new BigDecimal("20000"), new BigDecimal("500"), 60),
                PaperRules.fixedCash(new BigDecimal("1000")));
        LedgerSeed.trades(api.ctx.database(), "PFA", portfolio, 2);
        backtest = new BacktestService(api.ctx.database(), Clock.systemUTC(), api.ctx.cache(), MtfParams.defaults())
                .run(new BacktestRequest(
                        List.of("PFA1", "PFA2"),
                        PagesSeed.hoursAgo(400),
                        PagesSeed.hoursAgo(0),
                        Timeframe.H4,
                        Timeframe.H1,
                        new BigDecimal("100000"),
                        new RiskLimits(new BigDecimal("50000"), new BigDecimal("200000"), new BigDecimal("10000"), 60),
                        PaperRules.fixedCash(new BigDecimal("10000")),
                        SignalParams.defaults()))
                .record()
                .id();
        String day = PagesSeed.hoursAgo(0).toString().substring(0, 10);
        api.ctx
                .news()
                .load(
                        "seed",
                        new java.io.StringReader("symbol,published_at,source,url,headline,sentiment\n"
                                + "PFA1," + day + ",wire,https://n.example/pfa1,PFA1 beats estimates,0.8\n"
                                + "PFA1," + day + ",blog,https://n.example/pfa2,PFA1 faces a probe,-0.2\n"));
        new io.dgas.store.optimizer.MaterializedViews(api.ctx.database()).refreshAll();
        driver = Browser.start(profile);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    private static String url(String page) {
        return "http://127.0.0.1:" + api.server.port() + "/" + page;
    }

    private static void awaitBody(String attribute, String value) {
        Browser.awaitBody(driver, attribute, value);
    }

    private static List<List<String>> rows(String boxId) {
        return Browser.rows(driver, boxId);
    }

    @Test
    void portfolioPage_seededPortfolio_showsEquityPositionsOrdersAndRiskAgainstLimits() throws Exception {
        driver.get(url("portfolio.html?id=" + portfolio));
        awaitBody("loaded", "portfolio:" + portfolio);

        List<List<String>> positions = rows("positions-table");
        assertThat(positions).hasSize(2);
        assertThat(positions.get(0).get(0)).startsWith("PFA");
        assertThat(positions.get(0).get(4))
                .as("unrealized P&L marked at the latest close")
                .isNotEmpty();
        assertThat(rows("orders-table")).hasSize(2);
        assertThat(rows("orders-table").get(0).get(6)).isEqualTo("10.0000 @ 100.00");
        List<List<String>> days = rows("performance-table");
        assertThat(days).hasSize(3);
        // amounts with their thousands grouped on the page (the CSV below keeps the plain digits)
        assertThat(days.get(0)).containsExactly("2025-01-03", "9,690.00", "-510.00", "-5.00", "-1.000", "0");
        List<List<String>> risk = rows("risk-table");
        assertThat(risk).anySatisfy(r -> assertThat(r).containsExactly("Gross exposure", r.get(1), "20,000.00"));
        assertThat(risk).anySatisfy(r -> assertThat(r.get(0)).isEqualTo("Daily P&L"));
        Object points = driver.executeScript("return window.dgasEquityChart.getOption().series[0].data.length;");
        assertThat(((Number) points).intValue())
                .as("three snapshots and the current mark")
                .isEqualTo(4);
        Object lastValue = driver.executeScript(
                "var d = window.dgasEquityChart.getOption().series[0].data; return d[d.length - 1][1];");
        Object marked = driver.executeScript("var m = window.dgasEquityChart.getOption().series[0].markPoint.data;"
                + " return m.length === 1 ? [m[0].name, m[0].coord[1]] : m.length;");
        String summaryEquity = driver.findElement(
                        By.xpath("//dl[@id='summary']/dt[text()='Equity']/following-sibling::dd[1]"))
                .getText();
        assertThat(String.format(java.util.Locale.ROOT, "%,.2f", ((Number) lastValue).doubleValue()))
                .as("the chart ends at the summary's equity, to the cent")
                .isEqualTo(summaryEquity);
        assertThat(marked).as("the mark point, named").isInstanceOf(List.class);
        assertThat(((List<?>) marked).get(0)).isEqualTo("current mark");
        assertThat(((Number) ((List<?>) marked).get(1)).doubleValue()).isEqualTo(((Number) lastValue).doubleValue());
        String csv = (String) driver.executeScript("return window.dgasEquityCsv();");
        String[] lines = csv.split("\\R");
        assertThat(lines).hasSize(5);
        assertThat(lines[0]).isEqualTo("Time (UTC),Cash,Equity,Drawdown %,Point");
        assertThat(lines[4])
                .contains("," + summaryEquity.replace(",", "") + ",")
                .endsWith(",current mark (latest closes)");
        assertThat(lines[3]).endsWith(",9690.00,-5.00,snapshot");
        assertThat(driver.findElement(By.cssSelector("#nav a[aria-current=page]"))
                        .getText())
                .isEqualTo("Portfolio");
        assertThat(Files.size(Browser.screenshot(driver, "portfolio"))).isPositive();
    }

    @Test
    void backtestPage_storedBacktest_showsMetricsEquityDrawdownAndTrades() throws Exception {
        driver.get(url("backtest.html?id=" + backtest));
        awaitBody("detail", "" + backtest);

        // the settings in one line, so that backtests run with other options can be told apart in the list
        assertThat(rows("backtests-table"))
                .filteredOn(r -> r.get(0).equals("#" + backtest))
                .singleElement()
                .satisfies(r -> assertThat(r).anyMatch(c -> c.contains(" a trade, ") && c.endsWith(" bps")));
        String metrics = driver.findElement(By.id("metrics")).getText();
        assertThat(metrics).contains("sharpe").contains("fill limits").doesNotContain("[object Object]");
        assertThat(metrics).containsPattern("settings\n[0-9.]+ a trade, [0-9.]+ bps");
        Object stored = driver.executeScript("var x = new XMLHttpRequest(); x.open('GET', '/api/v1/backtests/"
                + backtest + "', false); x.send(); return JSON.parse(x.responseText).backtest;");
        Map<?, ?> m = (Map<?, ?>) ((Map<?, ?>) stored).get("metrics");
        // settings and metrics are objects with the API's snake_case names (they were strings holding camelCase JSON)
        Map<?, ?> rules = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) stored).get("settings")).get("rules");
        assertThat(rules.get("sizing")).isEqualTo("fixed_cash");
        assertThat(rules.containsKey("slippage_bps")).isTrue();
        // fractions were shown raw (total return 0.0155): a trader reads them in percent, ratios with two decimals
        assertThat(metrics)
                .contains("total return\n" + percent(m.get("total_return")))
                .contains("max drawdown\n" + percent(m.get("max_drawdown")))
                .contains("CAGR\n" + percent(m.get("cagr")))
                .contains("sharpe\n"
                        + String.format(java.util.Locale.ROOT, "%.2f", ((Number) m.get("sharpe")).doubleValue()));
        Object equity = driver.executeScript("return window.dgasBacktestCharts[0].getOption().series[0].data.length;");
        Object worst = driver.executeScript("return Math.min.apply(null,"
                + " window.dgasBacktestCharts[1].getOption().series[0].data.map(function (p) { return p[1]; }));");
        assertThat(((Number) equity).intValue()).isPositive();
        assertThat(((Number) worst).doubleValue()).isLessThanOrEqualTo(0);
        // the benchmark drawn dashed beside the equity, point for point, ending at the stored buy-and-hold return
        @SuppressWarnings("unchecked")
        Map<String, Object> benchmark = (Map<String, Object>)
                driver.executeScript("var s = window.dgasBacktestCharts[0].getOption().series[1], d = s.data;"
                        + " return {name: s.name, dash: s.lineStyle.type, n: d.length, first: d[0][1],"
                        + " last: d[d.length - 1][1]};");
        assertThat(benchmark.get("name")).isEqualTo("buy and hold");
        assertThat(benchmark.get("dash")).isEqualTo("dashed");
        assertThat(((Number) benchmark.get("n")).intValue()).isEqualTo(((Number) equity).intValue());
        assertThat(((Number) benchmark.get("last")).doubleValue() / ((Number) benchmark.get("first")).doubleValue() - 1)
                .isCloseTo(((Number) m.get("buy_and_hold_return")).doubleValue(), within(1e-9));
        assertThat(metrics).contains("buy and hold return\n" + percent(m.get("buy_and_hold_return")));
        assertThat(Files.size(Browser.screenshot(driver, "backtest"))).isPositive();

        // a figure without meaning is stored as "NaN" (the win rate of a backtest without a trade): it read "NaN"
        long portfolioOf = api.ctx
                .database()
                .queryOne(
                        "test.bt-portfolio",
                        "UPDATE backtests SET metrics = jsonb_set(metrics, '{win_rate}', '\"NaN\"') WHERE id = ?"
                                + " RETURNING portfolio_id",
                        ps -> ps.setLong(1, backtest),
                        rs -> rs.getLong(1))
                .orElseThrow();
        new io.dgas.app.trading.LedgerCache(api.ctx.cache()).changed(portfolioOf);
        driver.navigate().refresh();
        awaitBody("detail", "" + backtest);
        assertThat(driver.findElement(By.id("metrics")).getText())
                .contains("win rate\n-\n")
                .doesNotContain("NaN");
    }

    @Test
    void backtestPage_runForm_runsABacktestWithTheTokenListsAndOpensIt() throws Exception {
        driver.get(url("backtest.html"));
        awaitBody("loaded", "backtests");
        driver.executeScript("sessionStorage.clear();");
        int before = rows("backtests-table").size();
        driver.findElement(By.id("b-symbols")).sendKeys("pfa1 PFA2");
        // a date input takes the browser's own format when typed: its value is set as the page reads it
        driver.executeScript(
                "document.getElementById('b-from').value = arguments[0];"
                        + " document.getElementById('b-to').value = arguments[1];",
                PagesSeed.hoursAgo(400).toString().substring(0, 10),
                PagesSeed.hoursAgo(-48).toString().substring(0, 10));
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("b-sizing"))).selectByValue("fixed_cash");
        driver.findElement(By.id("b-sizing-value")).clear();
        driver.findElement(By.id("b-sizing-value")).sendKeys("5000");
        driver.findElement(By.id("b-reward")).sendKeys("2");

        driver.findElement(By.id("run")).sendKeys(org.openqa.selenium.Keys.ENTER);
        driver.findElement(By.id("token-input")).sendKeys(ApiClient.TOKEN);
        driver.findElement(By.id("token-ok")).click();
        new WebDriverWait(driver, Duration.ofSeconds(60))
                .withMessage("the backtest did not finish")
                .until(d -> !driver.executeScript("return document.body.dataset.ran || '';")
                        .equals(""));
        String ran = (String) driver.executeScript("return document.body.dataset.ran;");

        assertThat(ran).as(driver.findElement(By.id("run-status")).getText()).matches("[0-9]+");
        String job = (String) driver.executeScript("return document.body.dataset.job;");
        assertThat(api.json("/api/v1/jobs/" + job, 200).at("/result/backtest").asText())
                .as("run as a job")
                .isEqualTo(ran);
        assertThat(driver.findElement(By.id("cancel-run")).isDisplayed()).isFalse();
        awaitBody("detail", ran);
        assertThat(driver.findElement(By.id("run-status")).getText())
                .startsWith("Backtest #" + ran + ": ")
                .contains(" bar-steps, total return ");
        assertThat(rows("backtests-table")).hasSize(before + 1);
        assertThat(driver.findElement(By.id("metrics")).getText())
                .contains("settings\n5000 a trade, 5 bps; min_reward_risk 2");
        driver.executeScript("window.scrollTo(0, 0);");
        Browser.screenshot(driver, "backtest-run");

        // a refused option is said with the parameter the server names
        driver.findElement(By.id("b-sizing-value")).clear();
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("b-sizing")))
                .selectByValue("percent_equity");
        driver.findElement(By.id("b-sizing-value")).sendKeys("150");
        driver.findElement(By.id("run")).click();
        awaitBody("ran", "error");
        assertThat(driver.findElement(By.id("run-status")).getText()).contains("sizing_value");
    }

    @Test
    void backtestPage_cancel_aQueuedBacktestEndsCancelledAndNothingIsStored() throws Exception {
        // the one worker is held by a job of this process, so the page's backtest waits in the queue
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        io.dgas.app.jobs.ScriptedJobs.on(api.ctx.jobs()).hold(release);
        try {
            driver.get(url("backtest.html"));
            awaitBody("loaded", "backtests");
            int before = rows("backtests-table").size();
            driver.executeScript("sessionStorage.setItem('dgas.token', arguments[0]);", ApiClient.TOKEN);
            driver.findElement(By.id("b-symbols")).sendKeys("PFA1");
            driver.executeScript(
                    "document.getElementById('b-from').value = arguments[0];"
                            + " document.getElementById('b-to').value = arguments[1];",
                    PagesSeed.hoursAgo(400).toString().substring(0, 10),
                    PagesSeed.hoursAgo(-48).toString().substring(0, 10));
            driver.findElement(By.id("run")).click();
            new WebDriverWait(driver, Duration.ofSeconds(30))
                    .until(d -> d.findElement(By.id("run-status")).getText().contains(": queued…"));
            assertThat(driver.findElement(By.id("run-status")).getText()).startsWith("Backtest job #");

            driver.findElement(By.id("cancel-run")).sendKeys(org.openqa.selenium.Keys.ENTER);
            awaitBody("ran", "cancelled");

            assertThat(driver.findElement(By.id("run-status")).getText())
                    .endsWith("was cancelled; nothing was stored.");
            assertThat(driver.findElement(By.id("cancel-run")).isDisplayed()).isFalse();
            assertThat(driver.findElement(By.id("run")).isEnabled()).isTrue();
            String job = (String) driver.executeScript("return document.body.dataset.job;");
            assertThat(api.json("/api/v1/jobs/" + job, 200).get("state").asText())
                    .isEqualTo("cancelled");
            assertThat(api.json("/api/v1/backtests", 200).get("items")).hasSize(before);
        } finally {
            release.countDown();
        }
    }

    @Test
    void backtestPage_openedWhileABacktestJobWaits_followsItToItsBacktest() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        io.dgas.app.jobs.ScriptedJobs.on(api.ctx.jobs()).hold(release);
        try {
            java.net.http.HttpResponse<String> posted = api.post(
                    "/api/v1/backtests",
                    ApiClient.TOKEN,
                    "application/json",
                    ("{\"symbols\": \"PFA1\", \"from\": \"" + PagesSeed.hoursAgo(400) + "\", \"to\": \""
                                    + PagesSeed.hoursAgo(-48) + "\", \"async\": true}")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
            String job = Json.MAPPER.readTree(posted.body()).get("id").asText();

            driver.get(url("backtest.html"));
            new WebDriverWait(driver, Duration.ofSeconds(30))
                    .until(d ->
                            d.findElement(By.id("run-status")).getText().equals("Backtest job #" + job + ": queued…"));
            assertThat(driver.findElement(By.id("cancel-run")).isDisplayed()).isTrue();
            assertThat(driver.findElement(By.id("run")).isEnabled()).isFalse();
            release.countDown();

            new WebDriverWait(driver, Duration.ofSeconds(60))
                    .until(d -> driver.executeScript("return document.body.dataset.ran || '';")
                            .toString()
                            .matches("[0-9]+"));
            String ran = (String) driver.executeScript("return document.body.dataset.ran;");
            assertThat(api.json("/api/v1/jobs/" + job, 200)
                            .at("/result/backtest")
                            .asText())
                    .isEqualTo(ran);
            awaitBody("detail", ran);
            assertThat(driver.findElement(By.id("run")).isEnabled()).isTrue();
        } finally {
            release.countDown();
        }
    }

    @Test
    void backtestPage_twoChosen_comparedSideBySideWithTheirReturnCurves() throws Exception {
        java.net.http.HttpResponse<String> other = api.post(
                "/api/v1/backtests",
                ApiClient.TOKEN,
                "application/json",
                ("{\"symbols\": \"PFA1\", \"from\": \"" + PagesSeed.hoursAgo(400) + "\", \"to\": \""
                                + PagesSeed.hoursAgo(0) + "\", \"sizing\": \"fixed_cash\", \"sizing_value\": 2000}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(other.statusCode()).as(other.body()).isEqualTo(200);
        long second = Json.MAPPER.readTree(other.body()).get("backtest").asLong();
        driver.get(url("backtest.html"));
        awaitBody("loaded", "backtests");

        // one ticked is not a comparison
        driver.findElement(By.cssSelector("input.compare[value='" + backtest + "']"))
                .click();
        driver.findElement(By.id("compare")).click();
        awaitBody("compared", "error");
        driver.findElement(By.cssSelector("input.compare[value='" + second + "']"))
                .sendKeys(org.openqa.selenium.Keys.SPACE);
        driver.findElement(By.id("compare")).sendKeys(org.openqa.selenium.Keys.ENTER);
        awaitBody("compared", second > backtest ? second + "," + backtest : backtest + "," + second);

        List<List<String>> rows = rows("comparison-table");
        assertThat(rows.get(0))
                .containsExactly(
                        "symbols", second > backtest ? "PFA1" : "PFA1 PFA2", second > backtest ? "PFA1 PFA2" : "PFA1");
        assertThat(rows).anySatisfy(r -> assertThat(r.get(0)).isEqualTo("total return"));
        assertThat(rows)
                .anySatisfy(r -> assertThat(r).contains("settings").anyMatch(c -> c.startsWith("2000 a trade")));
        @SuppressWarnings("unchecked")
        List<Object> dashes = (List<Object>) driver.executeScript("return window.dgasCompareChart.getOption()"
                + ".series.map(function (s) { return s.lineStyle.type; });");
        assertThat(dashes).hasSize(2).doesNotHaveDuplicates();
        Number start =
                (Number) driver.executeScript("return window.dgasCompareChart.getOption().series[0].data[0][1];");
        assertThat(start.doubleValue()).as("each curve starts at 0 % return").isZero();
        driver.executeScript("document.getElementById('comparison').scrollIntoView();");
        Browser.screenshot(driver, "backtest-compare");
    }

    @Test
    void marketPage_newsPanel_showsDailySentimentOfTheChosenSymbol() throws Exception {
        driver.get(url("index.html"));
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> d.findElement(By.tagName("body")).getAttribute("data-news") != null);
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("symbol"))).selectByValue("PFA1");
        awaitBody("news", "PFA1");

        List<List<String>> days = rows("news");
        assertThat(days).hasSize(1);
        assertThat(days.get(0).get(1)).isEqualTo("0.30");
        assertThat(days.get(0).get(2)).isEqualTo("2");
        assertThat(driver.findElements(By.cssSelector("#headlines li"))).hasSize(2);
        // PFA1's signal has its target above every bar: the price axis reaches it, so its line is drawn
        awaitBody("loaded", "PFA1:1h");
        Object within = driver.executeScript("var c = window.dgasChart;"
                + " var e = c.getModel().getComponent('yAxis', 0).axis.scale.getExtent();"
                + " var levels = c.getOption().series[0].markLine.data.map(function (d) { return d.yAxis; });"
                + " return levels.length === 3 && levels.every(function (y) { return y >= e[0] && y <= e[1]; });");
        assertThat(within).as("entry, stop and target within the price axis").isEqualTo(true);
        assertThat(Files.size(Browser.screenshot(driver, "market-news"))).isPositive();
    }

    private static String percent(Object fraction) {
        return String.format(java.util.Locale.ROOT, "%.2f %%", 100 * ((Number) fraction).doubleValue());
    }
}
