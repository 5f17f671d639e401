package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.app.Json;
import io.dgas.app.alerts.RuleInput;
import io.dgas.app.cycle.CycleRequest;
import io.dgas.domain.Timeframe;
import io.dgas.testkit.Await;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The signals, runs, caches and API pages in headless chromium against an in-process server over seeded runs and
 * signals: what they show is read from the DOM and the ECharts options, downloads from the browser's download folder.
 */
class DashboardPagesIT {
    @TempDir
    static Path profile;

    @TempDir
    static Path downloads;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Seeded signals: hours back, type, confidence (exit signals are not calibrated). */
    private static final String[] TYPES = {
        "long", "short", "long", "short", "long", "short", "exit_long", "long", "short", "long", "short", "long"
    };

    private static final double[] CONFIDENCES = {0.45, 0.55, 0.62, 0.65, 0.68, 0.72, 0.75, 0.78, 0.85, 0.88, 0.95, 0.99
    };

    @RegisterExtension
    static final ApiClient api = ApiClient.onOwnDatabase(Map.of());

    private static ChromeDriver driver;
    private static long partialRun;
    /** The entry of the explained signal, which its reasons are stated against. */
    private static double explainedEntry;

    @BeforeAll
    static void start() {
        PagesSeed.recentBars(api.ctx, "SIGA", 160, 100);
        PagesSeed.recentBars(api.ctx, "SIGB", 160, 40);
        PagesSeed.recentBars(api.ctx, "SIGD", 10, 20);
        long ok = PagesSeed.run(api.ctx, "success", 40, 300, 20, "[]");
        partialRun = PagesSeed.run(
                api.ctx, "partial", 60, 500, 30, "[{\"symbol\": \"SIGC\", \"error\": \"no bars in the window\"}]");
        for (int i = 0; i < TYPES.length; i++) {
            PagesSeed.signal(
                    api.ctx,
                    i % 2 == 0 ? ok : partialRun,
                    i < 6 ? "SIGA" : "SIGB",
                    120 - 5 * i,
                    TYPES[i],
                    CONFIDENCES[i]);
        }
        // each run's count of the signals it stored, as a cycle records it
        api.ctx
                .database()
                .update(
                        "test.run-signal-counts",
                        "UPDATE prediction_runs r SET signals_generated = (SELECT count(*) FROM signals g"
                                + " WHERE g.run_id = r.id)",
                        io.dgas.store.SqlSession.Binder.NONE);
        // [C] the first (a long at 0.45, outside the filters of the signals test) explained and calibrated
        explainedEntry = MarketSeed.explain(
                api.ctx, "SIGA", Timeframe.H1, PagesSeed.hoursAgo(120).toString(), 0.62, 0.55, 40);
        driver = Browser.start(profile, downloads);
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
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> value.equals(d.findElement(By.tagName("body")).getAttribute("data-" + attribute)));
    }

    /** The cell texts of the body rows of the table inside {@code boxId}. */
    private static List<List<String>> rows(String boxId) {
        List<List<String>> out = new ArrayList<>();
        for (WebElement tr : driver.findElements(By.cssSelector("#" + boxId + " tbody tr"))) {
            List<String> cells = new ArrayList<>();
            for (WebElement td : tr.findElements(By.tagName("td"))) {
                cells.add(td.getText());
            }
            out.add(cells);
        }
        return out;
    }

    private static int column(String boxId, String label) {
        List<WebElement> th = driver.findElements(By.cssSelector("#" + boxId + " thead th"));
        for (int i = 0; i < th.size(); i++) {
            if (th.get(i).getText().equals(label)) {
                return i;
            }
        }
        throw new AssertionError("no column '" + label + "' in #" + boxId);
    }

    private static void submit(String formId) {
        driver.findElement(By.cssSelector("#" + formId + " button[type=submit]"))
                .click();
    }

    @Test
    void signalsPage_seededSignals_filtersPagesCalibratesAndDownloadsCsv() throws Exception {
        driver.get(url("signals.html"));
        awaitBody("loaded", "signals:0");
        assertThat(rows("signals-table")).hasSize(TYPES.length);
        assertThat(driver.findElement(By.cssSelector("#nav a[aria-current=page]"))
                        .getText())
                .isEqualTo("Signals");
        // each bar time reads on one line (it wrapped over three: "2026- / 12-03 / 07:00")
        assertThat(driver.executeScript("return Array.from(document.querySelectorAll('#signals-table tbody tr'))"
                        + ".map(function (tr) { var r = document.createRange(); r.selectNodeContents(tr.cells[0]);"
                        + " return r.getClientRects().length; })"))
                .asList()
                .hasSize(TYPES.length)
                .containsOnly(1L);

        // calibration: the entry signals counted in their confidence bucket of [0,.5) [.5,.6) … [.9,1]
        awaitBody("calibration", "7");
        int[] expected = new int[6];
        for (int i = 0; i < TYPES.length; i++) {
            if (!TYPES[i].startsWith("exit")) {
                expected[Math.max(0, Math.min(5, (int) Math.floor(CONFIDENCES[i] * 10) - 4))]++;
            }
        }
        int signalsCol = column("calibration-table", "Signals");
        assertThat(rows("calibration-table"))
                .extracting(r -> Integer.parseInt(r.get(signalsCol)))
                .containsExactly(expected[0], expected[1], expected[2], expected[3], expected[4], expected[5]);
        assertThat(rows("calibration-settings-table")).extracting(r -> r.get(0)).containsExactly("not recorded");
        Browser.screenshot(driver, "signals");

        // filters: long entries and exits at confidence ≥ 0.7
        driver.findElement(By.id("f-min")).sendKeys("0.7");
        new Select(driver.findElement(By.id("f-direction"))).selectByValue("long");
        submit("filters");
        awaitBody("loaded", "signals:0");
        long longAbove = 0;
        for (int i = 0; i < TYPES.length; i++) {
            longAbove += TYPES[i].endsWith("long") && CONFIDENCES[i] >= 0.7 ? 1 : 0;
        }
        int typeCol = column("signals-table", "Type");
        int confCol = column("signals-table", "Confidence");
        List<List<String>> filtered = rows("signals-table");
        assertThat(filtered).hasSize((int) longAbove);
        assertThat(filtered).allSatisfy(r -> {
            assertThat(r.get(typeCol)).endsWith("long");
            assertThat(Double.parseDouble(r.get(confCol))).isGreaterThanOrEqualTo(0.7);
        });

        // CSV of what the table shows: the header and the same cell texts, row by row
        driver.findElement(By.cssSelector("#signals-table button.csv")).click();
        Path csv = downloads.resolve("signals.csv");
        List<String> lines = Browser.awaitDownload(driver, csv);
        assertThat(lines.get(0)).startsWith("Bar (UTC),Symbol,Timeframe,Type,");
        assertThat(lines.subList(1, lines.size()))
                .containsExactlyElementsOf(
                        filtered.stream().map(r -> String.join(",", r)).toList());

        // paging: 10 a page, the rest on the next
        driver.findElement(By.id("f-min")).clear();
        new Select(driver.findElement(By.id("f-direction"))).selectByValue("");
        new Select(driver.findElement(By.id("f-limit"))).selectByValue("10");
        submit("filters");
        awaitBody("loaded", "signals:0");
        assertThat(rows("signals-table")).hasSize(10);
        assertThat(driver.findElement(By.id("prev")).isEnabled()).isFalse();
        driver.findElement(By.id("next")).click();
        awaitBody("loaded", "signals:10");
        assertThat(rows("signals-table")).hasSize(TYPES.length - 10);
        assertThat(driver.findElement(By.id("next")).isEnabled()).isFalse();

        // an unknown symbol is the API's 404, shown as it words it
        driver.findElement(By.id("f-symbol")).sendKeys("NOSUCH");
        submit("filters");
        awaitBody("loaded", "signals:error");
        assertThat(driver.findElement(By.id("status")).getText()).contains("NOSUCH");
        assertThat(driver.findElement(By.id("status")).getAttribute("class")).contains("error");

        // the evaluation, a job (the token asked): SIGA's stored bars replayed, the groups of the GET in a table
        driver.executeScript("sessionStorage.clear();");
        driver.findElement(By.id("e-symbols")).sendKeys("siga");
        submit("evaluation-form");
        driver.findElement(By.id("token-input")).sendKeys(ApiClient.TOKEN);
        driver.findElement(By.id("token-ok")).click();
        new WebDriverWait(driver, Duration.ofSeconds(60))
                .until(d -> !"".equals(d.findElement(By.tagName("body")).getAttribute("data-evaluated")));
        JsonNode evaluation = api.json("/api/v1/signals/evaluation?symbols=SIGA", 200);
        assertThat(groups(evaluation)).first().asString().startsWith("all ");
        assertThat(rows("evaluation-table"))
                .extracting(r -> r.get(0) + " " + r.get(1))
                .containsExactlyElementsOf(groups(evaluation));
        assertThat(driver.findElement(By.id("evaluation-status")).getText()).startsWith("1 symbol replayed at 4h/1h");
        driver.executeScript("document.getElementById('evaluation-title').scrollIntoView();");
        Browser.screenshot(driver, "signals-evaluation");
    }

    @Test
    void runsPage_aRunsSignalsLink_opensTheSignalsPageFilteredByThatRun() throws Exception {
        driver.get(url("runs.html"));
        awaitBody("loaded", "runs:0");
        driver.findElement(By.cssSelector("button[aria-label='Show run " + partialRun + "']"))
                .click();
        awaitBody("detail", Long.toString(partialRun));
        JsonNode page = api.json("/api/v1/signals?run=" + partialRun + "&limit=100", 200);
        WebElement link = driver.findElement(By.id("run-signals"));
        assertThat(link.getText()).isEqualTo(page.get("items").size() + " (show them)");

        link.click();
        awaitBody("loaded", "signals:0");

        assertThat(driver.findElement(By.id("f-run")).getAttribute("value")).isEqualTo(Long.toString(partialRun));
        int runCol = column("signals-table", "Run");
        assertThat(rows("signals-table"))
                .hasSize(page.get("items").size())
                .allSatisfy(r -> assertThat(r.get(runCol)).isEqualTo(Long.toString(partialRun)));
        assertThat(page.get("items").size()).isPositive().isLessThan(TYPES.length);
        assertThat(api.json("/api/v1/signals?run=999999", 404).get("parameter").asText())
                .isEqualTo("run");
        assertThat(api.json("/api/v1/signals?run=0", 400).get("parameter").asText())
                .isEqualTo("run");
    }

    @Test
    void runsPage_backgroundJobs_listedLiveWithTheirLinkAndAQueuedOneCancelledByKeyboard() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try {
            io.dgas.app.jobs.ScriptedJobs scripted = io.dgas.app.jobs.ScriptedJobs.on(api.ctx.jobs());
            // a real backtest job over the seeded bars: its answer names the backtest it stored, linked from the list
            long made = api.ctx
                    .jobs()
                    .submit(
                            io.dgas.app.jobs.JobKinds.BACKTEST,
                            new io.dgas.app.trading.BacktestRequest(
                                    List.of("SIGA"),
                                    PagesSeed.hoursAgo(160),
                                    PagesSeed.hoursAgo(-1),
                                    Timeframe.H4,
                                    Timeframe.H1,
                                    new java.math.BigDecimal("100000"),
                                    io.dgas.app.trading.BacktestRequest.limits(
                                            new java.math.BigDecimal("100000"), null, null, null),
                                    io.dgas.ledger.PaperRules.fixedCash(new java.math.BigDecimal("10000")),
                                    io.dgas.calc.drummond.SignalParams.defaults()))
                    .id();
            Await.until(() -> api.ctx.jobs().get(made).ended(), "the first job to end");
            String link = "backtest.html?id="
                    + JSON.readTree(api.ctx.jobs().get(made).result())
                            .get("backtest")
                            .asText();
            long holding = scripted.hold(release).id();
            long queued = api.ctx
                    .jobs()
                    .submit(
                            io.dgas.app.jobs.JobKinds.EVALUATION,
                            new io.dgas.app.evaluate.SignalEvaluation.Request(
                                    List.of("SIGA"),
                                    PagesSeed.hoursAgo(160),
                                    PagesSeed.hoursAgo(-1),
                                    Timeframe.H4,
                                    Timeframe.H1,
                                    io.dgas.calc.drummond.SignalParams.defaults(),
                                    0))
                    .id();
            // a job of a kind no server here runs, claimed a second time by a server since gone: said so
            io.dgas.store.jobs.JobRepository repo = new io.dgas.store.jobs.JobRepository(api.ctx.database());
            java.time.Instant now = java.time.Instant.now();
            long again = repo.insert("report", "gone:7", "{}", 100, now)
                    .orElseThrow()
                    .id();
            repo.claim("gone:7", List.of("report"), now);
            repo.release(again, 1, now);
            repo.claim("gone:7", List.of("report"), now);
            driver.get(url("runs.html"));
            driver.executeScript("sessionStorage.setItem('dgas.token', arguments[0]);", ApiClient.TOKEN);
            awaitJob(queued, "queued");
            awaitJob(again, "running (attempt 2)");

            awaitJob(made, "succeeded");
            assertThat(jobRow(made)).contains("open the backtest").contains("succeeded done");
            assertThat(driver.findElement(By.cssSelector("#jobs-table a[href='" + link + "']"))
                            .getText())
                    .isEqualTo("open the backtest");
            awaitJob(holding, "running");
            WebElement cancel = driver.findElement(By.cssSelector("button[aria-label='Cancel job " + queued + "']"));
            cancel.sendKeys(Keys.ENTER);
            cancel.sendKeys(Keys.ENTER);
            awaitJob(queued, "cancelled");
            assertThat(jobRow(queued)).contains("cancelled before it started; nothing was stored");
            // the cancelled evaluation run again by keyboard: a new job with its request, queued behind the held one
            WebElement runAgain =
                    driver.findElement(By.cssSelector("button[aria-label='Run job " + queued + " again']"));
            runAgain.sendKeys(Keys.ENTER);
            runAgain.sendKeys(Keys.ENTER);
            Await.until(() -> newestJob() > again, "the job run again");
            long rerun = newestJob();
            awaitJob(rerun, "queued");
            assertThat(api.json("/api/v1/jobs/" + rerun, 200).get("request"))
                    .isEqualTo(api.json("/api/v1/jobs/" + queued, 200).get("request"));
            awaitText("jobs-status", "Job #" + rerun + " queued: the request of job #" + queued + " again.");
            Browser.screenshot(driver, "runs-jobs");
            repo.finish(again, 2, io.dgas.store.jobs.JobRepository.FAILED, null, null, "{\"error\": \"test\"}", now);

            release.countDown();
            // the job event of the held job's end redraws the list without a reload
            awaitJob(holding, "succeeded");
            assertThat(driver.findElements(By.cssSelector("button[aria-label='Cancel job " + holding + "']")))
                    .isEmpty();
            awaitJob(rerun, "succeeded");
        } finally {
            release.countDown();
        }
    }

    @Test
    void signalsPage_openedWhileAnEvaluationJobWaits_followsItToItsReport() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try {
            // the one worker is held, so the posted evaluation waits in the queue until the page has opened
            io.dgas.app.jobs.ScriptedJobs.on(api.ctx.jobs()).hold(release);
            HttpResponse<String> posted = api.post(
                    "/api/v1/signals/evaluation",
                    ApiClient.TOKEN,
                    "application/json",
                    "{\"symbols\": \"SIGA\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);
            String job = JSON.readTree(posted.body()).get("id").asText();

            driver.get(url("signals.html"));
            new WebDriverWait(driver, Duration.ofSeconds(30))
                    .until(d -> d.findElement(By.id("evaluation-status"))
                            .getText()
                            .equals("Evaluation job #" + job + ": queued…"));
            assertThat(driver.findElement(By.id("cancel-evaluation")).isDisplayed())
                    .isTrue();
            assertThat(driver.findElement(By.id("evaluate")).isEnabled()).isFalse();
            release.countDown();

            // unset until the followed job ends: then the number of groups shown
            new WebDriverWait(driver, Duration.ofSeconds(60))
                    .until(d -> String.valueOf(d.findElement(By.tagName("body")).getAttribute("data-evaluated"))
                            .matches("[0-9]+"));
            JsonNode evaluation = api.json("/api/v1/signals/evaluation?symbols=SIGA", 200);
            assertThat(rows("evaluation-table"))
                    .extracting(r -> r.get(0) + " " + r.get(1))
                    .containsExactlyElementsOf(groups(evaluation));
            assertThat(driver.findElement(By.id("evaluate")).isEnabled()).isTrue();
            assertThat(driver.findElement(By.id("cancel-evaluation")).isDisplayed())
                    .isFalse();
        } finally {
            release.countDown();
        }
    }

    private static long newestJob() {
        return api.ctx.jobs().list(null, null, 1, 0).items().get(0).id();
    }

    /** Waits until job {@code id}'s row says {@code state} (the table may be redrawn meanwhile). */
    private static void awaitJob(long id, String state) {
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .ignoring(StaleElementReferenceException.class)
                .withMessage(() -> "job " + id + " not shown " + state + ": " + rows("jobs-table"))
                .until(d -> jobRow(id).contains(" " + state + " "));
    }

    /** The cells of job {@code id}'s row in the runs page's jobs table, joined by spaces ("" when not shown). */
    private static String jobRow(long id) {
        return rows("jobs-table").stream()
                .filter(r -> r.get(0).equals("#" + id))
                .map(r -> String.join(" ", r))
                .findFirst()
                .orElse("");
    }

    @Test
    void navigation_byLinksBetweenPagesWithEventStreams_eachPageStillDrawsItsData() {
        // a page left by a link may stay in the back/forward cache: were its event stream kept open there, the six
        // connections a browser gives a host would be used up after a few pages and the next page's reads would wait
        driver.get(url("runs.html"));
        awaitBody("loaded", "runs:0");
        for (int round = 0; round < 4; round++) {
            for (String page : List.of("signals.html", "alerts.html", "runs.html")) {
                driver.findElement(By.cssSelector("#nav a[href='" + page + "']"))
                        .click();
                new WebDriverWait(driver, Duration.ofSeconds(10))
                        .withMessage("round " + round + ": " + page + " drew nothing")
                        .until(d -> d.getCurrentUrl().endsWith(page)
                                && !d.findElements(By.cssSelector("main table")).isEmpty());
            }
        }
    }

    /** "key signals" of each group of an evaluation, in order. */
    private static List<String> groups(JsonNode evaluation) {
        List<String> out = new ArrayList<>();
        evaluation
                .at("/report/groups")
                .forEach(g ->
                        out.add(g.get("key").asText() + " " + g.get("signals").asText()));
        return out;
    }

    @Test
    void signalsPage_explainedSignal_showsReasonsProbabilityExpiryAndOpensTheBreakdownByKeyboard() throws Exception {
        driver.get(url("signals.html"));
        awaitBody("loaded", "signals:0");
        int reasonsCol = column("signals-table", "Reasons");
        int probabilityCol = column("signals-table", "Win probability");
        int expiresCol = column("signals-table", "Expires");
        int typeCol = column("signals-table", "Type");
        List<List<String>> all = rows("signals-table");
        List<String> explained = all.stream()
                .filter(r -> r.get(reasonsCol).startsWith("LONG SIGA 1h: HTF 4h trend up 0.82"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row with the reason line in " + all));
        assertThat(explained.get(probabilityCol)).isEqualTo("62 % (lower bound 55 %, 40 decided with any settings)");
        String expires = PagesSeed.hoursAgo(120)
                .plus(Duration.ofHours(6))
                .toString()
                .substring(0, 16)
                .replace('T', ' ');
        assertThat(explained.get(expiresCol)).isEqualTo("5 bars, until " + expires + " UTC");
        assertThat(all)
                .filteredOn(r -> r != explained && !r.get(typeCol).startsWith("exit"))
                .extracting(r -> r.get(probabilityCol))
                .containsOnly("uncalibrated (n 0 decided)");
        WebElement list = driver.findElement(By.cssSelector("#signals-table details dl.reasons"));
        assertThat(list.isDisplayed()).as("closed until asked").isFalse();

        // the reason line is a disclosure: Enter on it shows the breakdown
        WebElement summary = driver.findElement(By.cssSelector("#signals-table details summary"));
        driver.executeScript("arguments[0].focus();", summary);
        new org.openqa.selenium.interactions.Actions(driver)
                .sendKeys(org.openqa.selenium.Keys.ENTER)
                .perform();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> list.isDisplayed());
        assertThat(list.getText())
                .contains("Zone used")
                .contains(MarketSeed.zoneLine(true, explainedEntry))
                .contains("c wave up (bars 290–294, strength 0.75)")
                .contains("2.0 (target capped by the opposing zone)");
        Browser.screenshot(driver, "signals-reasons");
    }

    @Test
    void calibrationApi_seededSignals_countsBucketsAndRefusesAnOutOfRangeWindow() throws Exception {
        JsonNode c = api.json("/api/v1/signals/calibration?days=30", 200);
        long entries = java.util.Arrays.stream(TYPES)
                .filter(t -> !t.startsWith("exit"))
                .count();
        assertThat(c.get("days").asInt()).isEqualTo(30);
        assertThat(c.get("signals").asLong()).isEqualTo(entries);
        assertThat(c.get("buckets")).hasSize(6);
        assertThat(c.get("buckets").findValues("signals").stream()
                        .mapToLong(JsonNode::asLong)
                        .sum())
                .isEqualTo(entries);
        assertThat(c.at("/buckets/0/from").asDouble()).isZero();
        assertThat(c.at("/buckets/5/to").asDouble()).isEqualTo(1.0);
        assertThat(c.at("/by_settings/0/settings").asText())
                .as("the seeded runs kept no settings")
                .isEqualTo("not recorded");
        assertThat(c.at("/by_settings/0/signals").asLong()).isEqualTo(entries);
        JsonNode bad = api.json("/api/v1/signals/calibration?days=0", 400);
        assertThat(bad.get("parameter").asText()).isEqualTo("days");
        assertThat(bad.get("accepted").toString()).contains("90");
        assertThat(api.json("/api/v1/monitor/calculations", 200).isArray()).isTrue();
    }

    @Test
    void runsPage_seededRuns_drawsStageBarsShowsARunsErrorsAndANewRunLive() throws Exception {
        driver.get(url("runs.html"));
        awaitBody("loaded", "runs:0");
        assertThat(rows("runs-table")).hasSize(2);
        // the scheduler in one line: no scheduler runs beside this test server
        awaitBody("scheduler", "0");
        assertThat(driver.findElement(By.id("scheduler")).getText())
                .startsWith("Scheduler: every ")
                .endsWith("; next cycle none (no scheduler running: dgas serve or dgas scheduler start); no instance"
                        + " live.");
        JsonNode option = JSON.readTree((String) driver.executeScript(
                "var o = window.dgasRunsChart.getOption(); return JSON.stringify({x: o.xAxis[0].data,"
                        + " series: o.series.map(function (s) { return {name: s.name, data: s.data,"
                        + " stacked: !!s.stack}; })});"));
        assertThat(option.get("x")).hasSize(2);
        assertThat(option.at("/x/1").asText()).isEqualTo("#" + partialRun);
        // load and analyse are summed over the workers and can exceed the wall-clock total: nothing is stacked into it
        assertThat(option.get("series"))
                .extracting(s -> s.get("name").asText())
                .containsExactly("load (Σ workers)", "analyse (Σ workers)", "persist", "alerts", "total (wall clock)");
        assertThat(option.get("series"))
                .allSatisfy(s -> assertThat(s.get("stacked").asBoolean()).isFalse());
        // oldest run first: the seeded stage times, load, analyse and the total (their sum with persist)
        assertThat(option.at("/series/0/data/0").asDouble()).isEqualTo(40.0);
        assertThat(option.at("/series/0/data/1").asDouble()).isEqualTo(60.0);
        assertThat(option.at("/series/1/data/1").asDouble()).isEqualTo(500.0);
        assertThat(option.at("/series/4/data/1").asDouble()).isEqualTo(60.0 + 500.0 + 30.0);

        driver.findElement(By.cssSelector("#runs-table button[aria-label='Show run " + partialRun + "']"))
                .click();
        awaitBody("detail", Long.toString(partialRun));
        assertThat(rows("errors-table")).containsExactly(List.of("SIGC", "no bars in the window"));
        assertThat(driver.findElement(By.id("detail-fields")).getText()).contains("1 failed");
        Browser.screenshot(driver, "runs");
        // the reports, linked: the SLA page served whole, with the seeded runs in it
        driver.findElement(By.linkText("SLA, last 7 days")).click();
        new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(10))
                .until(d -> d.getTitle().equals("dgas SLA report"));
        assertThat(driver.findElement(By.tagName("body")).getText())
                .contains("cycle success")
                .contains("verdict");
        driver.navigate().back();

        // a cycle that ends stores a run: the page lists it without a reload (too few bars of SIGD for a signal)
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .withMessage("the page's event stream (/api/v1/events) did not open")
                .until(d -> "open".equals(d.findElement(By.tagName("body")).getAttribute("data-events")));
        driver.executeScript("window.sameDocument = true;");
        long id = api.ctx
                .cycle(api.ctx::afterRun) // as dgas cycle and the scheduler: drops cached runs
                .run(new CycleRequest(List.of("SIGD"), Timeframe.H4, Timeframe.H1, 200, Duration.ofHours(3)))
                .run()
                .id();
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .withMessage("run " + id + " did not show up")
                .ignoring(StaleElementReferenceException.class) // the table is redrawn meanwhile
                .until(d -> rows("runs-table").size() == 3);
        assertThat(rows("runs-table").get(0).get(0)).isEqualTo("#" + id);
        assertThat(driver.executeScript("return window.sameDocument === true"))
                .as("no reload")
                .isEqualTo(true);

        // "Run cycle now" (by keyboard): asks for the token, runs the configured cycle, and the new run arrives by the
        // stream
        driver.executeScript("sessionStorage.clear();");
        // with a minimum reward:risk of its own, recorded with the run and said
        driver.findElement(By.id("c-reward")).sendKeys("3");
        WebElement button = driver.findElement(By.id("run-cycle"));
        assertThat(button.getAccessibleName()).isEqualTo("Run cycle now");
        button.sendKeys(Keys.ENTER);
        driver.findElement(By.id("token-input")).sendKeys(ApiClient.TOKEN);
        driver.findElement(By.id("token-ok")).click();
        awaitText("cycle-status", "finished");
        String started = driver.findElement(By.id("cycle-status")).getText();
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .withMessage("the run of the button did not show up")
                .ignoring(StaleElementReferenceException.class)
                .until(d -> rows("runs-table").size() == 4);
        // no 4h bars are seeded, so the configured 4h/1h cycle stores no signal for the other tests to trip over; the
        // page says the status the run record has (SIGD's 10 hourly bars make 2 complete 4h bars: partial)
        String newest = rows("runs-table").get(0).get(0);
        String status = Json.MAPPER
                .readTree(api.get("/api/v1/runs/" + newest.substring(1)).body())
                .path("status")
                .asText();
        assertThat(status).isIn("success", "partial");
        assertThat(started)
                .isEqualTo(
                        "Run " + newest + " finished (" + status + "): 0 signals stored; settings min_reward_risk 3.");
        driver.findElement(By.id("c-reward")).clear();

        // while a cycle runs (here one held on the run table), the button's cycle is refused with a 409 in words
        CompletableFuture<java.net.http.HttpResponse<String>> held;
        try (Connection lock = api.connect()) {
            lock.setAutoCommit(false);
            try (Statement st = lock.createStatement()) {
                st.execute("LOCK TABLE prediction_runs IN ACCESS EXCLUSIVE MODE");
            }
            held = CompletableFuture.supplyAsync(() -> {
                try {
                    return api.post("/api/v1/cycle?symbols=SIGD", ApiClient.TOKEN, "text/plain", new byte[0]);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            new WebDriverWait(driver, Duration.ofSeconds(30))
                    .until(d -> api.ctx.cycles().isRunning());
            driver.findElement(By.id("run-cycle")).click();
            awaitText("cycle-status", "already running (409)");
            assertThat(driver.findElement(By.id("cycle-status")).getAttribute("class"))
                    .contains("error");
            lock.rollback();
        }
        assertThat(held.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(driver.findElements(By.id("token-dialog")))
                .as("the token was kept")
                .isEmpty();
    }

    @Test
    void cachesPage_traffic_showsHitRatesProfilerAndClearNeedsTheToken() throws Exception {
        api.json("/api/v1/signals?symbol=SIGA", 200);
        api.json("/api/v1/signals?symbol=SIGA", 200);
        api.json("/api/v1/analysis/SIGA?interval=1h&last=100", 200);
        driver.get(url("caches.html"));
        awaitBody("loaded", "caches");
        int regionCol = column("cache-table", "Region");
        int hitsCol = column("cache-table", "Hits");
        List<String> signalsRegion = rows("cache-table").stream()
                .filter(r -> r.get(regionCol).equals("signals"))
                .findFirst()
                .orElseThrow();
        assertThat(Long.parseLong(signalsRegion.get(hitsCol))).isPositive();
        assertThat(signalsRegion.get(column("cache-table", "TTL s")))
                .as("5 min")
                .isEqualTo("300");
        assertThat(driver.executeScript("return window.dgasCacheChart.getOption().yAxis[0].data.length"))
                .isEqualTo((long) rows("cache-table").size());
        int computedCol = column("calc-table", "Computed");
        assertThat(rows("calc-table").stream()
                        .mapToLong(r -> Long.parseLong(r.get(computedCol)))
                        .sum())
                .as("the analysis request computed")
                .isPositive();
        Browser.screenshot(driver, "caches");

        driver.executeScript("sessionStorage.clear();");
        // no token: the request goes without one and the server's 401 is shown
        driver.findElement(By.id("clear")).click();
        driver.findElement(By.id("token-cancel")).click();
        awaitStatus("Refused (401)");
        // a wrong token: 403, and it is not kept
        driver.findElement(By.id("clear")).click();
        driver.findElement(By.id("token-input")).sendKeys("wrong");
        driver.findElement(By.id("token-ok")).click();
        awaitStatus("Refused (403)");
        assertThat(driver.executeScript("return sessionStorage.getItem('dgas.token')"))
                .isNull();
        // the right token clears, and is kept in this tab only: the next clear does not ask
        driver.findElement(By.id("clear")).click();
        driver.findElement(By.id("token-input")).sendKeys(ApiClient.TOKEN);
        driver.findElement(By.id("token-ok")).click();
        awaitStatus("Cleared all regions");
        assertThat(driver.executeScript("return sessionStorage.getItem('dgas.token')"))
                .isEqualTo(ApiClient.TOKEN);
        assertThat(driver.executeScript("return localStorage.length")).isEqualTo(0L);
        new Select(driver.findElement(By.id("region"))).selectByValue("signals");
        driver.findElement(By.id("clear")).click();
        awaitStatus("Cleared signals");
        assertThat(driver.findElements(By.id("token-dialog"))).isEmpty();
    }

    private static void awaitStatus(String text) {
        awaitText("status", text);
    }

    private static void awaitText(String id, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(d -> d.findElement(By.id(id)).getText().contains(text));
    }

    @Test
    void alertsPage_ruleAndFiredAlert_showsDeliveryAndWritesOnlyWithTheToken() throws Exception {
        api.ctx
                .alertsService()
                .create(new RuleInput(
                        "sig-seed", "signal", null, List.of("SIGA"), null, 0.5, null, null, null, 0, true));
        MarketSeed.fireSignalAlerts(api.ctx, "SIGA");
        JsonNode logged = api.json("/api/v1/alerts/log", 200).get("items");
        assertThat(logged).isNotEmpty();

        driver.get(url("alerts.html"));
        driver.executeScript("sessionStorage.clear();");
        awaitBody("rules", "1");
        awaitBody("log", Integer.toString(logged.size()));
        int deliveryCol = column("log-table", "Delivery");
        assertThat(rows("log-table"))
                .extracting(r -> r.get(deliveryCol))
                .containsExactlyElementsOf(logged.findValuesAsText("delivery_status"));
        assertThat(rows("log-table").get(0)).contains("sig-seed", "SIGA");
        // a count with its noun in the right number ("1 entries", "1 rules" before)
        assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("1 rule");
        assertThat(driver.findElement(By.id("log-status")).getText())
                .isEqualTo(logged.size() + (logged.size() == 1 ? " entry" : " entries"));

        // a new rule without the token: refused by the server, shown, nothing stored
        driver.findElement(By.id("r-name")).sendKeys("page-rule");
        new Select(driver.findElement(By.id("r-type"))).selectByValue("threshold");
        driver.findElement(By.id("r-symbol")).sendKeys("siga");
        new Select(driver.findElement(By.id("r-condition"))).selectByValue("above");
        driver.findElement(By.id("r-threshold")).sendKeys("150");
        driver.findElement(By.id("save")).click();
        driver.findElement(By.id("token-cancel")).click();
        awaitText("form-status", "Refused (401)");
        assertThat(api.json("/api/v1/alerts/rules", 200).get("items")).hasSize(1);

        // with the token: created, listed
        driver.findElement(By.id("save")).click();
        driver.findElement(By.id("token-input")).sendKeys(ApiClient.TOKEN);
        driver.findElement(By.id("token-ok")).click();
        awaitText("form-status", "Created rule");
        awaitBody("rules", "2");
        JsonNode created = api.json("/api/v1/alerts/rules", 200).get("items").get(1);
        assertThat(created.get("name").asText()).isEqualTo("page-rule");
        assertThat(created.get("symbol").asText()).isEqualTo("SIGA");
        assertThat(created.get("threshold").asDouble()).isEqualTo(150.0);
        long id = created.get("id").asLong();

        // edit the threshold (the kept token: no second question), then delete in two steps
        driver.findElement(By.cssSelector("button[aria-label='Edit rule " + id + "']"))
                .click();
        driver.findElement(By.id("r-threshold")).clear();
        driver.findElement(By.id("r-threshold")).sendKeys("175");
        driver.findElement(By.id("save")).click();
        awaitText("form-status", "Saved rule #" + id);
        awaitBody("rules", "2");
        assertThat(api.json("/api/v1/alerts/rules", 200)
                        .at("/items/1/threshold")
                        .asDouble())
                .isEqualTo(175.0);
        Browser.screenshot(driver, "alerts");
        WebElement delete = driver.findElement(By.cssSelector("button[aria-label='Delete rule " + id + "']"));
        delete.click();
        assertThat(delete.getText()).isEqualTo("Confirm delete");
        delete.click();
        awaitText("form-status", "Deleted rule #" + id);
        awaitBody("rules", "1");
        assertThat(driver.findElements(By.id("token-dialog"))).isEmpty();

        // a percent change over 5 bars on 4h bars, which the form could not say (bars, and timeframes past 15m–1d)
        driver.findElement(By.id("r-name")).sendKeys("pct-rule");
        new Select(driver.findElement(By.id("r-type"))).selectByValue("percent_change");
        driver.findElement(By.id("r-symbol")).sendKeys("SIGA");
        driver.findElement(By.id("r-threshold")).sendKeys("3");
        new Select(driver.findElement(By.id("r-timeframe"))).selectByValue("1w");
        driver.findElement(By.id("r-bars")).sendKeys("5");
        driver.findElement(By.id("save")).click();
        awaitText("form-status", "Created rule");
        awaitBody("rules", "2");
        JsonNode pct = api.json("/api/v1/alerts/rules", 200).get("items").get(1);
        assertThat(pct.get("bars").asInt()).isEqualTo(5);
        assertThat(pct.get("timeframe").asText()).isEqualTo("1w");
        assertThat(rows("rules-table").get(1).get(column("rules-table", "Span (bars)")))
                .isEqualTo("5");
        // the signal rule's symbol set, shown for editing
        driver.findElement(By.cssSelector("button[aria-label='Edit rule "
                        + logged.get(0).get("rule_id").asLong() + "']"))
                .click();
        assertThat(driver.findElement(By.id("r-symbols")).getAttribute("value")).isEqualTo("SIGA");
        driver.findElement(By.id("cancel-edit")).click();
        api.ctx.alertsService().remove("pct-rule");
    }

    @Test
    void databasePage_migratedDatabase_showsOverviewVerdictsStatementsTablesAndIndexes() throws Exception {
        driver.get(url("database.html"));
        awaitBody("loaded", "database");

        String overview = driver.findElement(By.id("overview")).getText();
        assertThat(overview).contains("Cache hit ratio").contains("Transactions left before wraparound");
        JsonNode checks = api.json("/api/v1/database/checks", 200);
        assertThat(overview).contains("Health\n" + checks.get("overall").asText());
        // every verdict a word, as the API gives it
        assertThat(rows("checks-table"))
                .hasSize(checks.get("findings").size())
                .allSatisfy(r -> assertThat(r.get(1)).isIn("healthy", "warning", "critical"));
        assertThat(driver.findElement(By.id("replicas-status")).getText())
                .isEqualTo("No read replicas (database.replicas): every read goes to the primary.");
        assertThat(rows("replicas-table")).isEmpty();
        assertThat(rows("tables-table")).extracting(r -> r.get(0)).contains("bars", "ticks", "signals");
        // the settings judged, as the API judges them: each current value as the server shows it
        JsonNode settings = api.json("/api/v1/database/settings", 200);
        List<List<String>> shown = rows("settings-table");
        assertThat(shown).hasSize(settings.get("advice").size());
        assertThat(shown.get(0).get(0)).isEqualTo("shared_buffers");
        assertThat(shown.get(0).get(1))
                .isEqualTo(settings.at("/advice/0/current").asText());
        assertThat(driver.findElement(By.id("settings-status")).getText()).contains("memory");
        // a statement's plan, by keyboard (the extension in this database, a statement of its own to plan): its
        // generic plan under the table, nothing run
        try (Connection c = api.connect();
                Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            // slow enough to be among the 25 heaviest the page shows
            st.execute("SELECT pg_sleep(0.5), count(*) FROM bars WHERE timeframe = '1h'");
        }
        driver.findElement(By.id("refresh")).sendKeys(Keys.ENTER);
        String mine = "//div[@id='statements-table']//tr[td[contains(., 'pg_sleep($1), count(*) FROM bars')]]//button";
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .ignoring(StaleElementReferenceException.class)
                .until(d -> !d.findElements(By.xpath(mine)).isEmpty());
        driver.findElement(By.xpath(mine)).sendKeys(Keys.ENTER);
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            String planned = d.findElement(By.tagName("body")).getAttribute("data-plan");
            return planned != null && !planned.isEmpty();
        });
        assertThat(driver.findElement(By.id("plan-text")).getText()).isNotBlank();
        assertThat(driver.findElement(By.id("plan-status")).getText()).contains("nothing was run");
        // the index advisor on demand, by keyboard: its method and what it found, in words
        driver.findElement(By.id("suggest")).sendKeys(Keys.ENTER);
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
            String suggested = d.findElement(By.tagName("body")).getAttribute("data-suggested");
            return suggested != null && !suggested.isEmpty();
        });
        JsonNode advice = api.json("/api/v1/database/index-suggestions", 200);
        assertThat(driver.findElement(By.id("suggestions-status")).getText())
                .startsWith("Method: " + advice.get("method").asText());
        // the connections by who holds them, this page's server among them
        JsonNode connections = api.json("/api/v1/database/connections", 200);
        assertThat(connections.get("max").asLong()).isPositive();
        assertThat(rows("connections-table")).hasSize(connections.get("groups").size());
        assertThat(driver.findElement(By.id("connections-status")).getText())
                .contains("client connections of max_connections "
                        + connections.get("max").asLong());
        // the maintenance of each table, those needing work first, as the API orders them
        JsonNode maintenance = api.json("/api/v1/database/maintenance?limit=1000", 200);
        assertThat(rows("maintenance-table"))
                .extracting(r -> r.get(0))
                .containsExactlyElementsOf(maintenance.get("items").findValuesAsText("table"));
        assertThat(rows("maintenance-table"))
                .allSatisfy(r -> assertThat(r.get(6)).isIn("vacuum", "analyze", "vacuum, analyze", "nothing"));
        assertThat(rows("indexes-table")).extracting(r -> r.get(1)).contains("bars_pkey");
        assertThat(driver.findElement(By.cssSelector("#nav a[aria-current=page]"))
                        .getText())
                .isEqualTo("Database");
        assertThat(java.nio.file.Files.size(Browser.screenshot(driver, "database")))
                .isPositive();
    }

    @Test
    void databasePage_aClientAtWork_listedAndCancelledByKeyboardWithTheToken() throws Exception {
        try (io.dgas.testkit.BusyClient busy = io.dgas.testkit.BusyClient.sleeping(api.jdbcUrl(), 60)) {
            String pid = Integer.toString(busy.pid());
            // the API first: a cancel needs the token, and a pid no client at work has is a 404 naming it
            assertThat(api.post("/api/v1/database/queries/" + pid + "/cancel", null, "text/plain", new byte[0])
                            .statusCode())
                    .isEqualTo(401);
            HttpResponse<String> unknown =
                    api.post("/api/v1/database/queries/999999/cancel", ApiClient.TOKEN, "text/plain", new byte[0]);
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(Json.MAPPER.readTree(unknown.body()).get("parameter").asText())
                    .isEqualTo("pid");
            new WebDriverWait(driver, Duration.ofSeconds(20))
                    .withMessage("the sleeping client is not at work yet")
                    .until(d -> {
                        try {
                            return api.get("/api/v1/database/queries").body().contains("pg_sleep(60)");
                        } catch (Exception e) {
                            return false;
                        }
                    });

            driver.get(url("database.html"));
            awaitBody("loaded", "database");
            driver.executeScript("sessionStorage.clear();");
            List<String> row = rows("live-table").stream()
                    .filter(r -> r.get(0).equals(pid))
                    .findFirst()
                    .orElseThrow();
            assertThat(row.get(2)).isEqualTo("active");
            assertThat(row.get(6)).contains("SELECT pg_sleep(60)");
            WebElement cancel = driver.findElement(
                    By.cssSelector("#live-table button[aria-label='Cancel the statement of " + pid + "']"));
            // two presses, so one stray key press stops nothing
            cancel.sendKeys(Keys.ENTER);
            assertThat(cancel.getText()).isEqualTo("Confirm cancel");
            assertThat(busy.outcome()).isNotDone();
            cancel.sendKeys(Keys.ENTER);
            driver.findElement(By.id("token-input")).sendKeys(ApiClient.TOKEN);
            driver.findElement(By.id("token-ok")).click();
            awaitText("live-status", "Cancel sent to " + pid);

            java.sql.SQLException ended = busy.outcome().get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(ended == null ? "ran to its end" : ended.getSQLState())
                    .isEqualTo(io.dgas.testkit.BusyClient.CANCELLED);
        }
    }

    @Test
    void everyPage_aLaptopsNarrowerWindow_nothingPushedOffThePage() throws Exception {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1024, 768));
        try {
            java.util.Map<String, Integer> overflow = new java.util.TreeMap<>();
            for (String page : List.of(
                    "signals.html",
                    "runs.html",
                    "alerts.html",
                    "database.html",
                    "caches.html",
                    "api.html",
                    "data.html")) {
                driver.get(url(page));
                // the tables arrive after the page (every page has one, "none" when empty; the API page its routes)
                new WebDriverWait(driver, Duration.ofSeconds(30))
                        .withMessage(page + " drew nothing")
                        .until(d -> !d.findElements(By.cssSelector("table, .opblock"))
                                .isEmpty());
                overflow.put(
                        page,
                        ((Number)
                                        driver.executeScript(
                                                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;"))
                                .intValue());
            }
            assertThat(overflow)
                    .as("px wider than a 1024 px window")
                    .allSatisfy((page, px) -> assertThat(px).as(page).isLessThanOrEqualTo(0));
        } finally {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 900));
        }
    }

    @Test
    void apiPage_openApiDocument_rendersEveryRoute() throws Exception {
        driver.get(url("api.html"));
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> d.findElements(By.cssSelector(".opblock")).size() > 10);
        JsonNode doc = api.json("/api/v1/openapi.json", 200);
        int operations = 0;
        for (JsonNode path : doc.get("paths")) {
            operations += path.size();
        }
        assertThat(driver.findElements(By.cssSelector(".opblock"))).hasSize(operations);
        assertThat(driver.findElements(By.cssSelector(".opblock-tag-section")))
                .as("one section per tag")
                .hasSize(doc.get("tags").size());
        assertThat(driver.findElement(By.id("swagger")).getText()).contains("/api/v1/signals/calibration");
        Browser.screenshot(driver, "api");
    }
}
