package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.app.collect.EodhdFixtureServer;
import io.dgas.domain.Timeframe;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The data page in headless chromium against an in-process server over three stock series of daily bars (one, two
 * and no trading days missing), a Korean one (no calendar here), two hourly ones (one stored in the wrong zone, with a
 * bad print) and a market-data API on loopback: the overview in order, a fill by the keyboard with the admin token
 * (one request for both of a series' gaps), a fill of every series shown, a symbol's link to its market page, and
 * the bar checks of every series, asked for by the keyboard.
 */
class DataPageIT {
    @TempDir
    static Path profile;

    @TempDir
    static Path downloads;

    /** DATB's daily bars of 3-10 July 2024: its two missing days and the three stored between. */
    private static final EodhdFixtureServer SOURCE = new EodhdFixtureServer()
            .on(
                    "/api/eod/DATB.US",
                    EodhdFixtureServer.Reply.ok(EodhdFixtureServer.dailyBars(
                            List.of("2024-07-03", "2024-07-05", "2024-07-08", "2024-07-09", "2024-07-10"))))
            .on("/api/eod/DATA.US", EodhdFixtureServer.Reply.ok(EodhdFixtureServer.dailyBars(List.of("2024-07-10"))))
            .on("/api/eod/DATD.US", EodhdFixtureServer.Reply.ok(EodhdFixtureServer.dailyBars(List.of("2024-07-10"))));

    @RegisterExtension
    static final ApiClient api = ApiClient.onOwnDatabase(Map.of("api.base_url", SOURCE.baseUrl(), "api.key", "k-1"));

    private static ChromeDriver driver;

    @BeforeAll
    static void start() {
        // the trading days of 1-12 July 2024 are 1, 2, 3, 5, 8-12 (4 July is a holiday)
        seed("DATA", List.of("01", "02", "03", "05", "08", "09", "11", "12"));
        seed("DATB", List.of("01", "02", "05", "08", "09", "11", "12"));
        seed("DATC", List.of("01", "02", "03", "05", "08", "09", "10", "11", "12"));
        seed("DATD", List.of("01", "02", "03", "05", "08", "09", "11", "12"));
        // a Korean ticker: no calendar here, listed last and not judged
        seed("DATK.KO", List.of("01", "05"));
        // hourly: DATW's New York times (09:00-15:00 EST) stored as UTC on 13-15 January 2025, closes 100 and 100.1
        // alternating but a bad print of 110; DATX's bars in New York's session, nothing to find
        StringBuilder csv = new StringBuilder("timestamp,symbol,interval,open,high,low,close,volume\n");
        for (int d = 13; d <= 15; d++) {
            for (int h = 9; h <= 15; h++) {
                String ts = String.format("2025-01-%02dT%02d:00:00Z", d, h);
                double close = ts.equals("2025-01-14T12:00:00Z") ? 110 : h % 2 == 0 ? 100 : 100.1;
                csv.append(ts)
                        .append(",DATW,1h,100,")
                        .append(Math.max(close, 100.1))
                        .append(",99.9,");
                csv.append(close).append(",5\n");
            }
        }
        api.ctx
                .ingest()
                .bars(
                        "datw.csv",
                        csv.toString(),
                        api.ctx.ingest().options(java.time.ZoneOffset.UTC).withCreateSymbols(true));
        MarketSeed.flat(
                api.ctx,
                "DATX",
                Timeframe.H1,
                List.of(
                        java.time.Instant.parse("2025-01-13T15:00:00Z"),
                        java.time.Instant.parse("2025-01-13T16:00:00Z")));
        driver = Browser.start(profile, downloads);
    }

    private static void seed(String symbol, List<String> days) {
        MarketSeed.flat(api.ctx, symbol, Timeframe.D1, MarketSeed.july(days));
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        SOURCE.close();
    }

    private static void awaitLoaded(String value) {
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> value.equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));
    }

    /** The table's rows: each row's cell texts. */
    private static List<List<String>> rows() {
        List<List<String>> out = new ArrayList<>();
        for (WebElement tr : driver.findElements(By.cssSelector("#series-table tbody tr"))) {
            List<String> cells = new ArrayList<>();
            tr.findElements(By.tagName("td")).forEach(td -> cells.add(td.getText()));
            out.add(cells);
        }
        return out;
    }

    @Test
    void dataPage_threeSeries_mostMissingFirst_fillByKeyboardWithTheToken_linksToTheMarketPage() throws Exception {
        driver.get("http://127.0.0.1:" + api.server.port() + "/data.html?interval=1d");
        awaitLoaded("1d:0");

        // Symbol, Market, Bars, First, Last, Missing, Gaps, Coverage %, Fill
        assertThat(rows())
                .extracting(r -> List.of(r.get(0), r.get(1), r.get(2), r.get(5), r.get(6), r.get(7), r.get(8)))
                .containsExactly(
                        List.of("DATB", "us-equities", "7", "2", "2", "77.78", "Fill"),
                        List.of("DATA", "us-equities", "8", "1", "1", "88.89", "Fill"),
                        List.of("DATD", "us-equities", "8", "1", "1", "88.89", "Fill"),
                        List.of("DATC", "us-equities", "9", "0", "0", "100.00", ""),
                        List.of("DATK.KO", "ko", "2", "no calendar", "no calendar", "no calendar", ""));
        assertThat(driver.findElement(By.id("status")).getText())
                .isEqualTo("5 series at 1d; 4 bars missing in those shown");
        Browser.screenshot(driver, "data");
        // the CSV holds what the table shows, without the fill buttons
        driver.findElement(By.cssSelector("#series-table button.csv")).click();
        List<String> csv = Browser.awaitDownload(driver, downloads.resolve("missing-bars-1d.csv"));
        assertThat(csv)
                .containsExactly(
                        "Symbol,Market,Bars,First (UTC),Last (UTC),Missing,Gaps,Coverage %",
                        "DATB,us-equities,7,2024-07-01 00:00,2024-07-12 00:00,2,2,77.78",
                        "DATA,us-equities,8,2024-07-01 00:00,2024-07-12 00:00,1,1,88.89",
                        "DATD,us-equities,8,2024-07-01 00:00,2024-07-12 00:00,1,1,88.89",
                        "DATC,us-equities,9,2024-07-01 00:00,2024-07-12 00:00,0,0,100.00",
                        "DATK.KO,ko,2,2024-07-01 00:00,2024-07-05 00:00,no calendar,no calendar,no calendar");

        // Enter on DATB's fill button, the token typed into the dialog and Enter: one request for both gaps
        driver.findElement(By.cssSelector("#series-table tbody tr:first-child button"))
                .sendKeys(Keys.ENTER);
        WebElement token =
                new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("token-input")));
        token.sendKeys(ApiClient.TOKEN, Keys.ENTER);
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> d.findElement(By.id("fill-status")).getText().startsWith("DATB 1d: "));
        assertThat(driver.findElement(By.id("fill-status")).getText())
                .isEqualTo("DATB 1d: 1 request, 2 bars loaded; missing 2 → 0.");
        assertThat(SOURCE.requests())
                .containsExactly("/api/eod/DATB.US?api_token=k-1&fmt=json&period=d&from=2024-07-03&to=2024-07-10");
        awaitLoaded("1d:0");
        assertThat(rows())
                .extracting(r -> r.get(0) + " " + r.get(5))
                .containsExactly("DATA 1", "DATD 1", "DATB 0", "DATC 0", "DATK.KO no calendar");

        // Enter on "Fill every series shown" (the token kept from the first fill): the two with a missing day
        driver.findElement(By.id("fill-all")).sendKeys(Keys.ENTER);
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> d.findElement(By.id("fill-status")).getText().startsWith("2 series 1d: "));
        assertThat(driver.findElement(By.id("fill-status")).getText())
                .isEqualTo("2 series 1d: 2 requests, 2 bars loaded; missing 2 → 0.");
        assertThat(SOURCE.requests())
                .hasSize(3)
                .contains(
                        "/api/eod/DATA.US?api_token=k-1&fmt=json&period=d&from=2024-07-10&to=2024-07-10",
                        "/api/eod/DATD.US?api_token=k-1&fmt=json&period=d&from=2024-07-10&to=2024-07-10");
        awaitLoaded("1d:0");
        assertThat(rows()).extracting(r -> r.get(5)).containsExactly("0", "0", "0", "0", "no calendar");
        assertThat(driver.findElement(By.id("fill-all")).isEnabled())
                .as("nothing left to fill")
                .isFalse();

        // another timeframe: none stored
        new Select(driver.findElement(By.id("interval"))).selectByValue("1w");
        awaitLoaded("1w:0");
        assertThat(driver.findElement(By.id("status")).getText()).startsWith("No series at 1w");

        // a symbol's link opens its market page at the timeframe shown
        new Select(driver.findElement(By.id("interval"))).selectByValue("1d");
        awaitLoaded("1d:0");
        driver.findElement(By.linkText("DATA")).click();
        awaitLoaded("DATA:1d");
        assertThat(driver.getCurrentUrl()).endsWith("/index.html?symbol=DATA&interval=1d");
    }

    @Test
    void checksSection_byKeyboard_theWrongZoneSeriesFirstWithItsShift_linksToTheMarketPage_clearedByAnotherTimeframe()
            throws Exception {
        driver.get("http://127.0.0.1:" + api.server.port() + "/data.html?interval=1h");
        awaitLoaded("1h:0");
        assertThat(driver.findElements(By.cssSelector("#checks-table tbody tr")))
                .as("read only when asked")
                .isEmpty();
        assertThat(driver.findElement(By.id("check-pager")).isDisplayed())
                .as("no pager before a check")
                .isFalse();

        driver.findElement(By.id("check-all")).sendKeys(Keys.ENTER);
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> "1h:0".equals(d.findElement(By.tagName("body")).getAttribute("data-checked")));

        // Symbol, Market, Bars, Outside hours, Spikes, Flat runs, First, Last: DATW's 09:00-13:00 UTC bars of three
        // days meet no New York session (14:30-21:00 UTC), +5 h puts all in; the bad print's two returns are spikes
        List<List<String>> checks = new ArrayList<>();
        for (WebElement tr : driver.findElements(By.cssSelector("#checks-table tbody tr"))) {
            List<String> cells = new ArrayList<>();
            tr.findElements(By.tagName("td")).forEach(td -> cells.add(td.getText()));
            checks.add(cells.subList(0, 6));
        }
        assertThat(checks)
                .containsExactly(
                        List.of("DATW", "us-equities", "21", "15 (wrong zone? +5 h)", "2", "0"),
                        List.of("DATX", "us-equities", "2", "0", "0", "0"));
        assertThat(driver.findElement(By.id("check-status")).getText())
                .isEqualTo("2 series at 1h checked; 1 series of those shown with findings");
        driver.executeScript("document.getElementById('checks-title').scrollIntoView()");
        Browser.screenshot(driver, "data-checks");

        driver.findElement(By.cssSelector("#checks-table a")).sendKeys(Keys.ENTER);
        awaitLoaded("DATW:1h");
        assertThat(driver.getCurrentUrl()).endsWith("/index.html?symbol=DATW&interval=1h");

        // another timeframe: the checks of the last one go until asked for again
        driver.navigate().back();
        awaitLoaded("1h:0");
        driver.findElement(By.id("check-all")).sendKeys(Keys.ENTER);
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> "1h:0".equals(d.findElement(By.tagName("body")).getAttribute("data-checked")));
        new Select(driver.findElement(By.id("interval"))).selectByValue("1d");
        awaitLoaded("1d:0");
        assertThat(driver.findElements(By.cssSelector("#checks-table tbody tr")))
                .isEmpty();
        assertThat(driver.findElement(By.id("check-status")).getText()).isEmpty();
        assertThat(driver.findElement(By.id("check-pager")).isDisplayed()).isFalse();
    }

    @Test
    void softDeleteAndRestore_oneSeriesRange_twoPressesThenRestoredWithTheCounts() throws Exception {
        driver.get("http://127.0.0.1:" + api.server.port() + "/data.html?interval=1h");
        awaitLoaded("1h:0");
        driver.executeScript("sessionStorage.setItem('dgas.token', arguments[0]);", ApiClient.TOKEN);
        driver.findElement(By.id("d-symbol")).sendKeys("datx");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("d-interval"))).selectByValue("1h");
        driver.findElement(By.id("d-from")).sendKeys("2025-01-13");
        driver.findElement(By.id("d-to")).sendKeys("2025-01-14");
        WebElement delete = driver.findElement(By.id("d-delete"));

        delete.click();
        assertThat(delete.getText()).as("a second press confirms").isEqualTo("Confirm soft-delete");
        assertThat(driver.findElement(By.tagName("body")).getAttribute("data-changed"))
                .isNull();
        delete.click();
        awaitChanged("Soft-deleted:2");
        String deleted = driver.findElement(By.id("change-status")).getText();
        driver.findElement(By.id("d-restore")).click();
        awaitChanged("Restored:2");

        assertThat(deleted).isEqualTo("Soft-deleted 2 bars and 0 ticks.");
        assertThat(driver.findElement(By.id("change-status")).getText()).isEqualTo("Restored 2 bars and 0 ticks.");
        driver.executeScript("document.getElementById('change-title').scrollIntoView();");
        Browser.screenshot(driver, "data-changes");
        driver.findElement(By.id("d-symbol")).clear();
        driver.findElement(By.id("d-symbol")).sendKeys("NOPE");
        driver.findElement(By.id("d-restore")).click();
        awaitChanged("error");
        assertThat(driver.findElement(By.id("change-status")).getText()).contains("NOPE");
        // the other tests here type the token into the dialog
        driver.executeScript("sessionStorage.clear();");
    }

    private static void awaitChanged(String value) {
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> value.equals(d.findElement(By.tagName("body")).getAttribute("data-changed")));
    }
}
