package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.domain.Timeframe;
import java.nio.file.Files;
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
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The market page in headless chromium against an in-process server: what the chart draws is read from the ECharts
 * option ({@code window.dgasChart.getOption()}), not from pixels.
 */
class MarketPageIT {
    @TempDir
    static Path profile;

    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final ApiClient api = ApiClient.onOwnDatabase(Map.of());

    private static final String MKTB_TICKS = "timestamp,price,size,bid,ask,bid_size,ask_size\n"
            + "2025-01-10T14:30:00.000125Z,2500.5,3,2500.25,2500.75,10,12\n"
            + "2025-01-10T14:30:01Z,2501,1,,,,\n";

    private static ChromeDriver driver;
    /** The explained signal's entry, which its reasons are stated against. */
    private static double entry;

    @BeforeAll
    static void start() {
        MarketSeed.wave(api.ctx, "MKTA", Timeframe.H1, 400, 100);
        MarketSeed.wave(api.ctx, "MKTA", Timeframe.H4, 90, 100);
        MarketSeed.wave(api.ctx, "MKTB", Timeframe.H1, 150, 2500);
        MarketSeed.storedLong(api.ctx, "MKTA", Timeframe.H1, "2025-01-22T10:00:00Z");
        entry = MarketSeed.explain(api.ctx, "MKTA", Timeframe.H1, "2025-01-22T10:00:00Z", 0.62, 0.55, 40);
        MarketSeed.wave(api.ctx, "MKTC", Timeframe.H1, 50, 300);
        api.ctx
                .ingest()
                .ticks(
                        "mktb-ticks.csv",
                        MKTB_TICKS,
                        api.ctx.ingest().options(java.time.ZoneOffset.UTC).withSymbol("MKTB", null));
        // MKTA's daily bars of 6-17 January 2025: not the weekend, not 9 January (the exchanges closed), not 15 January
        StringBuilder daily = new StringBuilder("timestamp,symbol,interval,open,high,low,close,volume\n");
        for (String day : List.of("06", "07", "08", "10", "13", "14", "16", "17")) {
            daily.append("2025-01-").append(day).append("T00:00:00Z,MKTA,1d,100,102,99,101,1000\n");
        }
        api.ctx
                .ingest()
                .bars("mkta-daily.csv", daily.toString(), api.ctx.ingest().options(java.time.ZoneOffset.UTC));
        driver = Browser.start(profile);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    /** Waits until the page has drawn {@code symbol} at {@code tf}, then returns what the chart holds. */
    private static JsonNode chartAfter(String symbol, String tf) throws Exception {
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> (symbol + ":" + tf)
                        .equals(d.findElement(By.tagName("body")).getAttribute("data-loaded")));
        String option = (String) driver.executeScript("var o = window.dgasChart.getOption();"
                + " return JSON.stringify({series: o.series.map(function (s) { return {name: s.name, type: s.type,"
                + " data: s.data, markArea: (s.markArea || {}).data || [], markLine: (s.markLine || {}).data || [],"
                + " markPoint: (s.markPoint || {}).data || []}; })});");
        return JSON.readTree(option);
    }

    private static JsonNode series(JsonNode chart, String name) {
        for (JsonNode s : chart.get("series")) {
            if (s.get("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no series '" + name + "' in " + chart);
    }

    private static long numbers(JsonNode data) {
        long n = 0;
        for (JsonNode v : data) {
            n += v.isNumber() ? 1 : 0;
        }
        return n;
    }

    /**
     * Where the chart puts its zone labels, from its option and its axes' pixel mapping: each outside its zone's right
     * end, starting beyond the newest candle's right edge; one below the other at least a line apart; the signal
     * lines' labels in a column right of the widest zone label, inside the chart.
     */
    private static void assertZoneLabelsClearOfCandlesAndEachOther() throws Exception {
        JsonNode g = JSON.readTree((String)
                driver.executeScript("var c = window.dgasChart, o = c.getOption(), s = o.series[0], w = c.getWidth();"
                        + " var plotRight = w - o.grid[0].right, n = s.data.length;"
                        + " var band = c.convertToPixel({xAxisIndex: 0}, 1) - c.convertToPixel({xAxisIndex: 0}, 0);"
                        + " var ctx = document.createElement('canvas').getContext('2d');"
                        + " var zones = s.markArea.data.map(function (z) { var l = z[0].label;"
                        + "   ctx.font = l.fontSize + 'px sans-serif';"
                        + "   return {position: l.position, left: plotRight + l.distance,"
                        + "     right: plotRight + l.distance + ctx.measureText(l.formatter).width,"
                        + "     y: c.convertToPixel({yAxisIndex: 0}, (z[0].yAxis + z[1].yAxis) / 2) + l.offset[1]}; });"
                        + " var ll = s.markLine.label; ctx.font = ll.fontSize + 'px sans-serif';"
                        + " var lineRight = Math.max.apply(null, s.markLine.data.map(function (d) {"
                        + "   return plotRight + ll.distance + ctx.measureText(d.name + ' ' + d.yAxis.toFixed(2)).width; }));"
                        + " return JSON.stringify({width: w, plotRight: plotRight,"
                        + "   lastCandleRight: c.convertToPixel({xAxisIndex: 0}, n - 1) + band / 2,"
                        + "   zones: zones, lineLeft: plotRight + ll.distance, lineRight: lineRight});"));
        JsonNode zones = g.get("zones");
        assertThat(zones).as("zone labels").isNotEmpty();
        double candles = g.get("lastCandleRight").asDouble();
        assertThat(candles).isLessThanOrEqualTo(g.get("plotRight").asDouble() + 0.5);
        java.util.List<Double> ys = new java.util.ArrayList<>();
        double widest = 0;
        for (JsonNode z : zones) {
            assertThat(z.get("position").asText()).isEqualTo("right");
            assertThat(z.get("left").asDouble())
                    .as("the label starts beyond the newest candle")
                    .isGreaterThan(candles);
            ys.add(z.get("y").asDouble());
            widest = Math.max(widest, z.get("right").asDouble());
        }
        java.util.Collections.sort(ys);
        for (int i = 1; i < ys.size(); i++) {
            assertThat(ys.get(i) - ys.get(i - 1))
                    .as("zone labels a line apart: %s", ys)
                    .isGreaterThanOrEqualTo(12.0);
        }
        assertThat(g.get("lineLeft").asDouble())
                .as("the signal lines' labels right of the zone labels")
                .isGreaterThanOrEqualTo(widest);
        assertThat(g.get("lineRight").asDouble())
                .isLessThanOrEqualTo(g.get("width").asDouble());
    }

    @Test
    void marketPage_seededSymbols_drawsOverlaysAndFollowsSymbolAndTimeframe() throws Exception {
        driver.get("http://127.0.0.1:" + api.server.port() + "/");

        JsonNode first = chartAfter("MKTA", "1h");
        JsonNode candles = series(first, "Candles");
        assertThat(candles.get("type").asText()).isEqualTo("candlestick");
        assertThat(candles.get("data")).hasSize(300);
        assertThat(numbers(series(first, "PLdot").get("data"))).isGreaterThan(250);
        assertThat(numbers(series(first, "Envelope upper").get("data"))).isGreaterThan(250);
        assertThat(numbers(series(first, "Envelope lower").get("data"))).isGreaterThan(250);
        assertThat(numbers(series(first, "Envelope band").get("data"))).isGreaterThan(250);
        // drummond.md §1: a bar's PLdot (and envelope) is drawn one bar ahead of it, the newest one at the next bar
        // time, one place past the newest candle
        JsonNode served = api.json("/api/v1/analysis/MKTA?interval=1h&last=300", 200);
        assertThat(served.get("displacement").asInt()).isEqualTo(1);
        JsonNode pldot = series(first, "PLdot").get("data");
        assertThat(pldot).hasSize(301);
        assertThat(pldot.get(0).asText()).isEqualTo("-");
        assertThat(pldot.get(300).asDouble())
                .isEqualTo(served.at("/bars/299/pldot").asDouble());
        assertThat(pldot.get(150).asDouble())
                .isEqualTo(served.at("/bars/149/pldot").asDouble());
        assertThat(series(first, "Envelope upper").get("data").get(300).asDouble())
                .isEqualTo(served.at("/bars/299/upper").asDouble());
        assertThat(driver.executeScript("var x = window.dgasChart.getOption().xAxis[0].data;"
                        + " return x.length + ' ' + x[x.length - 1];"))
                .isEqualTo("301 "
                        + java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                                .withZone(java.time.ZoneOffset.UTC)
                                .format(java.time.Instant.ofEpochSecond(
                                        served.at("/bars/299/ts").asLong() + 3600)));
        // drummond.md §4's patterns but the termination ones: a lettered marker each, a series per type
        Map<String, String> names = Map.of(
                "pldot_push", "Push",
                "pldot_refresh", "Refresh",
                "exhaust", "Exhaust",
                "c_wave", "C-wave",
                "congestion_oscillation", "Oscillation");
        Map<String, Integer> served4 = new java.util.TreeMap<>();
        served.get("patterns").forEach(p -> served4.merge(p.get("type").asText(), 1, Integer::sum));
        assertThat(served4).as("patterns served").containsKey("c_wave").doesNotContainKey("termination_touch");
        Map<String, Integer> drawn = new java.util.TreeMap<>();
        names.forEach((type, name) -> {
            int n = series(first, name).get("data").size();
            if (n > 0) {
                drawn.put(type, n);
            }
        });
        assertThat(drawn).isEqualTo(served4);
        // the rare exhausts and C-waves are shown at first; the frequent ones by their checkbox, from the keyboard too
        String selected = "return JSON.stringify(window.dgasChart.getOption().legend[0].selected);";
        assertThat(JSON.readTree((String) driver.executeScript(selected)))
                .isEqualTo(JSON.readTree(
                        "{\"Push\":false,\"Refresh\":false,\"Exhaust\":true,\"C-wave\":true,\"Oscillation\":false}"));
        driver.findElement(By.id("pattern-pldot_refresh")).sendKeys(Keys.SPACE);
        assertThat(JSON.readTree((String) driver.executeScript(selected))
                        .get("Refresh")
                        .asBoolean())
                .as("Refresh switched on by its checkbox")
                .isTrue();
        driver.findElement(By.id("pattern-pldot_refresh")).sendKeys(Keys.SPACE);
        driver.executeScript("window.scrollTo(0, 0);");
        // the axis tooltip: the bar's state, its prices, the lines' values
        Object tip = driver.executeScript("var f = window.dgasChart.getOption().tooltip[0].formatter;"
                + " return f([{dataIndex: 299, axisValueLabel: 'T', seriesType: 'candlestick', data: [1, 2, 0.5, 3],"
                + " marker: ''}, {dataIndex: 299, seriesType: 'line', seriesName: 'PLdot', data: 1.5, marker: ''}]);");
        assertThat(tip)
                .isEqualTo("T<br>state " + served.at("/bars/299/state").asText().replace('_', ' ')
                        + "<br>O 1.00 H 3.00 L 0.50 C 2.00<br>PLdot 1.50");
        assertThat(candles.get("markArea")).as("Drummond zones").isNotEmpty();
        assertThat(candles.at("/markArea/0/0/yAxis").asDouble())
                .isLessThanOrEqualTo(candles.at("/markArea/0/1/yAxis").asDouble());
        assertThat(candles.get("markLine"))
                .as("entry, stop and target of the latest signal")
                .extracting(l -> l.get("name").asText())
                .containsExactly("entry", "stop", "target");
        assertThat(candles.get("markPoint")).as("the signal's bar").hasSize(1);
        assertThat(driver.findElement(By.id("state")).getText()).isNotIn("", "–");
        assertThat(driver.findElement(By.id("signal")).getText()).contains("0.72");
        // [C] the signal explained: reason line, breakdown of the structure, probability with its bound, expiry
        String panel = driver.findElement(By.id("signal")).getText();
        assertThat(panel)
                .contains("LONG MKTA 1h: HTF 4h trend up 0.82")
                .contains("62 % (lower bound 55 %, 40 decided with any settings)")
                .contains("5 bars, until 2025-01-22 16:00 UTC");
        assertThat(driver.findElements(By.cssSelector("#signal dl.reasons dt")))
                .extracting(WebElement::getText)
                .containsExactly("HTF", "Trading", "Alignment", "Zone used", "Opposing zone", "Patterns", "ATR", "R:R");
        assertThat(panel)
                .contains("4h trend up 0.82, strength 0.70")
                .contains(MarketSeed.zoneLine(true, entry))
                .contains(MarketSeed.opposingLine(true, entry))
                .contains("c wave up (bars 290–294, strength 0.75)")
                .contains(String.format(
                        java.util.Locale.ROOT, "%.2f (reach 1.00, stop buffer 0.10)", MarketSeed.atr(entry)))
                .contains("2.0 (target capped by the opposing zone)");
        assertZoneLabelsClearOfCandlesAndEachOther();
        Path shot = Browser.screenshot(driver, "market");
        assertThat(Files.size(shot)).isPositive();
        // more history on asking: all 400 of MKTA's hourly bars, then the 300 again
        new Select(driver.findElement(By.id("last"))).selectByValue("1000");
        assertThat(series(chartAfter("MKTA", "1h"), "Candles").get("data")).hasSize(400);
        new Select(driver.findElement(By.id("last"))).selectByValue("300");
        assertThat(series(chartAfter("MKTA", "1h"), "Candles").get("data")).hasSize(300);

        new Select(driver.findElement(By.id("symbol"))).selectByValue("MKTB");
        JsonNode other = chartAfter("MKTB", "1h");
        assertThat(series(other, "Candles").get("data")).hasSize(150);
        assertThat(series(other, "Candles").at("/data/0/0").asDouble())
                .as("MKTB trades near 2500, MKTA near 100")
                .isGreaterThan(1000);
        assertThat(driver.findElement(By.id("tf-4h")).isEnabled())
                .as("MKTB has no 4h bars")
                .isFalse();
        // its 4h bars are its 1h bars aggregated, so the two timeframes' levels meet: confluence zones (MKTA's seeded
        // 4h wave lies far below its 1h prices, so it has none in the shown range)
        assertConfluenceDrawn(series(other, "Candles"), "MKTB");
        Browser.screenshot(driver, "market-confluence");

        // the timeframe switch is a radio group offering the symbol's timeframes: the arrow key moves it, as a
        // keyboard user would
        new Select(driver.findElement(By.id("symbol"))).selectByValue("MKTA");
        chartAfter("MKTA", "1h");
        assertThat(driver.findElement(By.id("tf-15m")).isEnabled()).isFalse();
        assertThat(driver.findElement(By.id("tf-4h")).isEnabled()).isTrue();
        driver.executeScript("document.getElementById('tf-1h').focus();");
        new Actions(driver).sendKeys(Keys.ARROW_RIGHT).perform();
        JsonNode h4 = chartAfter("MKTA", "4h");
        assertThat(series(h4, "Candles").get("data")).hasSize(90);
        assertThat(h4.toString()).isNotEqualTo(first.toString());
    }

    @Test
    void marketPage_aUniverseBeyondOnePageAndWeeklyBars_listsEverySymbolAndOffersOnlyTheWeek() throws Exception {
        // 1,001 more symbols than the API's page of 1,000 holds (their tickers sort after the MKT ones)
        api.ctx
                .database()
                .update(
                        "test.universe",
                        "INSERT INTO symbols (ticker) SELECT 'ZU' || lpad(g::text, 4, '0') FROM generate_series(0, 1000) g",
                        ps -> {});
        MarketSeed.wave(api.ctx, "MKTW", Timeframe.W1, 60, 50);
        driver.get("http://127.0.0.1:" + api.server.port() + "/index.html?symbol=MKTW");
        JsonNode weekly = chartAfter("MKTW", "1w");

        assertThat(series(weekly, "Candles").get("data")).hasSize(60);
        assertThat(driver.findElements(By.cssSelector("#symbol option[value=ZU1000]")))
                .as("the last symbol of the second page")
                .hasSize(1);
        assertThat(driver.findElements(By.cssSelector("#timeframes label")).stream()
                        .filter(WebElement::isDisplayed)
                        .map(WebElement::getText))
                .as("only the timeframes the symbol has bars of")
                .containsExactly("1w");
        assertThat(driver.executeScript("return window.dgasChart.getOption().xAxis[0].data[0];"))
                .as("a weekly bar by its date alone")
                .isEqualTo("2025-01-06");
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .withMessage("the news panel follows the symbol the link asked for, not the list's first")
                .until(d -> "MKTW".equals(d.findElement(By.tagName("body")).getAttribute("data-news")));
        Browser.screenshot(driver, "market-weekly");

        // a laptop's narrower window: the header wraps, nothing is pushed off the page
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1024, 768));
        try {
            Object overflow = driver.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(((Number) overflow).intValue())
                    .as("horizontal overflow in px")
                    .isLessThanOrEqualTo(0);
            Browser.screenshot(driver, "market-narrow");
        } finally {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, 900));
        }
    }

    /** The chart draws the confluence zones the API gives for {@code symbol} at 1h, by role and bounds. */
    private static void assertConfluenceDrawn(JsonNode candles, String symbol) throws Exception {
        JsonNode confluence = api.json("/api/v1/analysis/" + symbol + "?interval=1h&last=300", 200)
                .get("confluence");
        assertThat(confluence).as("confluence zones of %s", symbol).isNotEmpty();
        List<String> drawn = new ArrayList<>();
        candles.get("markArea").forEach(z -> drawn.add(z.at("/0/name").asText()));
        List<String> expected = new ArrayList<>();
        confluence.forEach(z -> expected.add(String.format(
                java.util.Locale.ROOT,
                "confluence %s %.2f–%.2f",
                z.get("type").asText(),
                z.get("lower").asDouble(),
                z.get("upper").asDouble())));
        assertThat(drawn.stream().filter(n -> n.startsWith("confluence ")))
                .as("drawn confluence zones")
                .containsExactlyElementsOf(expected);
    }

    @Test
    void marketPage_newIngestOfTheShownSeries_redrawsWithoutReload() throws Exception {
        driver.get("http://127.0.0.1:" + api.server.port() + "/");
        chartAfter("MKTA", "1h");
        new Select(driver.findElement(By.id("symbol"))).selectByValue("MKTC");
        assertThat(series(chartAfter("MKTC", "1h"), "Candles").get("data")).hasSize(50);
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .withMessage("the page's event stream (/api/v1/events) did not open")
                .until(d -> "open".equals(d.findElement(By.tagName("body")).getAttribute("data-events")));
        driver.executeScript("window.sameDocument = true;");

        // five more hourly bars after the 50 from 2025-01-06T00:00Z, ingested as `dgas ingest` would
        MarketSeed.wave(api.ctx, "MKTC", Timeframe.H1, 5, 300, "2025-01-08T02:00:00Z");

        new WebDriverWait(driver, Duration.ofSeconds(30))
                .withMessage("the chart did not redraw with the 5 new bars")
                .until(d -> ((Number) ((ChromeDriver) d)
                                        .executeScript("return window.dgasChart.getOption().series[0].data.length"))
                                .intValue()
                        == 55);
        assertThat(driver.executeScript("return window.sameDocument === true"))
                .as("no reload")
                .isEqualTo(true);
        assertThat(driver.findElement(By.id("status")).getText()).contains("55 1h bars of MKTC");
    }

    @Test
    void marketPage_downloadLinks_exportTheShownSeriesAndTheTicksWhenStored() throws Exception {
        driver.get("http://127.0.0.1:" + api.server.port() + "/");
        chartAfter("MKTA", "1h");
        WebElement bars = driver.findElement(By.id("dl-bars"));
        assertThat(bars.getText()).isEqualTo("1h bars of MKTA");
        assertThat(bars.getAttribute("href")).endsWith("/api/v1/bars/MKTA/export?interval=1h");
        assertThat(fetch(bars).split("\n")).as("the header and the 400 bars").hasSize(401);
        assertThat(driver.findElement(By.id("dl-ticks-item")).isDisplayed())
                .as("no ticks stored for MKTA")
                .isFalse();

        new Select(driver.findElement(By.id("symbol"))).selectByValue("MKTB");
        chartAfter("MKTB", "1h");
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> d.findElement(By.id("dl-ticks-item")).isDisplayed());
        WebElement ticks = driver.findElement(By.id("dl-ticks"));
        assertThat(ticks.getText()).isEqualTo("ticks of MKTB");
        assertThat(fetch(ticks)).isEqualTo(MKTB_TICKS);
        assertThat(driver.findElement(By.id("dl-all")).getAttribute("href")).endsWith("/api/v1/bars/MKTB/export");
    }

    @Test
    void marketPage_checkForMissingBarsAndTheBars_withTheKeyboard_listsTheMissingTradingDay() throws Exception {
        driver.get("http://127.0.0.1:" + api.server.port() + "/");
        chartAfter("MKTA", "1h");
        driver.findElement(By.cssSelector("label[for=tf-1d]")).click();
        chartAfter("MKTA", "1d");

        WebElement check = driver.findElement(By.id("gaps-check"));
        new Actions(driver).moveToElement(check).perform();
        check.sendKeys(Keys.ENTER);

        WebElement result = driver.findElement(By.id("gaps-result"));
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> result.getText().contains("coverage"));
        assertThat(result.getText())
                .isEqualTo("1 missing in 1 gap(s) of 8 1d bars (us-equities calendar), coverage 88.89 %:\n"
                        + "2025-01-15 (1)");

        // the bars' checks, by the keyboard too: eight equal candles on trading days
        driver.findElement(By.id("bars-check")).sendKeys(Keys.ENTER);
        WebElement checks = driver.findElement(By.id("checks-result"));
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> checks.getText().contains("did not trade"));
        assertThat(checks.getText())
                .isEqualTo("None of 8 bars outside the market's hours (us-equities calendar).\n"
                        + "No spikes beyond 10 robust sd.\n"
                        + "No runs of 5+ bars that did not trade.");
        driver.executeScript("document.getElementById('downloads-title').scrollIntoView();");
        Browser.screenshot(driver, "market-gaps");
    }

    /** What the link downloads, fetched by the page itself. */
    private static String fetch(WebElement link) {
        return (String) driver.executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + " fetch(arguments[0].href).then(function (r) { return r.text(); }).then(done);",
                link);
    }
}
