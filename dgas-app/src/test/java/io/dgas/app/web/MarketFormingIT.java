package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dgas.app.stream.FormingFeed;
import io.dgas.app.stream.StreamSink;
import io.dgas.app.stream.Trade;
import io.dgas.calc.drummond.DrummondAnalysis;
import io.dgas.calc.drummond.DrummondAnalyzer;
import io.dgas.domain.BarSeries;
import io.dgas.domain.Timeframe;
import io.dgas.store.Database;
import io.dgas.store.bars.BarColumns;
import io.dgas.store.bars.BarRepository;
import io.dgas.store.events.EventPublisher;
import io.dgas.store.ingest.BarIngestor;
import io.dgas.store.ingest.IngestOptions;
import io.dgas.store.ingest.TickIngestor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The market page follows the trade stream's forming bar: live trades go into a real {@link StreamSink}, its {@link
 * FormingFeed} publishes {@code forming} events through {@code pg_notify}, the in-process server forwards them over
 * {@code /api/v1/events}, and headless chromium redraws the last candle and its PLdot (read from the ECharts option).
 * The completed bar, once stored, replaces the forming one.
 */
class MarketFormingIT {
    @TempDir
    static Path profile;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STORED = 300;

    @RegisterExtension
    static final ApiClient api = ApiClient.onOwnDatabase(Map.of());

    private static ChromeDriver driver;

    @BeforeAll
    static void start() {
        MarketSeed.wave(api.ctx, "MKTF", Timeframe.H1, STORED, 100);
        driver = Browser.start(profile);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void marketPage_liveTrades_formingCandleAndPldotMoveThenTheStoredBarReplacesIt() throws Exception {
        Database db = api.ctx.database();
        BarColumns stored = new BarRepository(db).last("MKTF", Timeframe.H1, STORED);
        StreamSink sink = new StreamSink(
                new TickIngestor(db),
                new BarIngestor(db, api.ctx.ingestListener()),
                IngestOptions.defaults(),
                List.of(Timeframe.H1),
                500);
        FormingFeed feed = new FormingFeed(sink, new BarRepository(db), EventPublisher.postgres(db), STORED);
        // as the stream runs it: bars events of any process reseed the feed's analysis of the series they touch
        java.util.concurrent.atomic.AtomicInteger heard = new java.util.concurrent.atomic.AtomicInteger();
        io.dgas.app.events.RemoteBarChanges remote = new io.dgas.app.events.RemoteBarChanges(feed);
        io.dgas.app.events.EventListener changes = new io.dgas.app.events.EventListener(db::settings, (n, j) -> {
                    remote.accept(n, j);
                    if (n.equals("bars") && j.contains("\"timeframe\":\"1h\"")) {
                        heard.incrementAndGet();
                    }
                })
                .start();
        try {
            await("the feed's listener", d -> changes.listening());
            run(db, sink, feed, stored, heard);
        } finally {
            changes.close();
        }
    }

    private void run(
            Database db,
            StreamSink sink,
            FormingFeed feed,
            BarColumns stored,
            java.util.concurrent.atomic.AtomicInteger heard)
            throws Exception {
        long bucket = stored.ts()[STORED - 1] + 3600;
        double close = stored.close()[STORED - 1];
        driver.get("http://127.0.0.1:" + api.server.port() + "/");
        await("the chart", d -> "MKTF:1h".equals(body("data-loaded")));
        await("the event stream", d -> "open".equals(body("data-events")));

        // the first forming event: sent again (one more trade) until the server's listener is up and it arrives
        long millis = bucket * 1000 + 5_000;
        double first = close + 0.4;
        for (int k = 0; ; k++) {
            sink.accept(new Trade("MKTF", millis + k, first, 1));
            feed.publish();
            try {
                new WebDriverWait(driver, Duration.ofSeconds(2))
                        .until(d -> (bucket + ":" + first).equals(body("data-forming")));
                break;
            } catch (TimeoutException e) {
                assertThat(k).as("forming event never arrived").isLessThan(15);
            }
        }
        JsonNode chart = chart();
        assertThat(candles(chart)).hasSize(STORED + 1);
        assertThat(last(candles(chart)).at("/value/1").asDouble()).isEqualTo(first);
        assertThat(last(candles(chart)).at("/itemStyle/borderType").asText())
                .as("drawn as forming")
                .isEqualTo("dashed");
        double pldotBefore = last(series(chart, "PLdot")).asDouble();

        // the bar moves: a trade far above; the same candle (same bucket) now closes and peaks there
        double second = close + 6;
        sink.accept(new Trade("MKTF", millis + 60_000, second, 2));
        assertThat(feed.publish()).isEqualTo(1);
        await("the moved forming bar", d -> (bucket + ":" + second).equals(body("data-forming")));
        chart = chart();
        assertThat(candles(chart)).hasSize(STORED + 1);
        JsonNode candle = last(candles(chart)).get("value");
        assertThat(candle.get(1).asDouble()).isEqualTo(second); // [open, close, low, high]
        assertThat(candle.get(3).asDouble()).isEqualTo(second);
        assertThat(candle.get(0).asDouble()).isEqualTo(first);
        // the PLdot moved with it, to what a full analysis of the stored bars plus the forming bar gives
        double pldot = last(series(chart, "PLdot")).asDouble();
        assertThat(pldot).isNotEqualTo(pldotBefore);
        assertThat(pldot).isCloseTo(fullPldot(stored, bucket, first, second, first), within(1e-9));
        assertThat(driver.findElement(By.id("forming")).getText())
                .contains("forming")
                .contains("C " + fmt(second));
        Browser.screenshot(driver, "market-forming");

        // a trade of the next hour completes the bar: stored, announced, and the page redraws it as a stored candle
        sink.accept(new Trade("MKTF", (bucket + 3600) * 1000 + 1_000, second, 1));
        sink.store();
        // (the ticks stored with it announce themselves too, and may reload the page first: wait for the bar itself)
        await(
                "the stored bar",
                d -> formingCleared()
                        && Boolean.TRUE.equals(driver.executeScript(
                                "var d = window.dgasChart.getOption().series[0].data, l = d[d.length - 1];"
                                        + " return Array.isArray(l) && l[1] === arguments[0];",
                                second)));
        chart = chart();
        assertThat(candles(chart)).hasSize(STORED); // the analysis' newest 300: the stored bar is last
        JsonNode done = last(candles(chart));
        assertThat(done.isArray()).as("a stored candle, no longer forming").isTrue();
        assertThat(done.get(1).asDouble()).isEqualTo(second);
        assertThat(new BarRepository(db).last("MKTF", Timeframe.H1, 1).ts()[0]).isEqualTo(bucket);

        // another process corrects that stored bar (its high 3 above); the next forming bar's PLdot counts the
        // correction
        int before = heard.get();
        double high = second + 3;
        new BarIngestor(db, io.dgas.store.ingest.IngestListener.NONE)
                .ingest(
                        "correction",
                        new java.io.StringReader("timestamp,symbol,interval,open,high,low,close,volume\n" + bucket
                                + ",MKTF,1h," + first + "," + high + "," + first + "," + second + ",3\n"),
                        null,
                        IngestOptions.defaults());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (heard.get() <= before) {
            assertThat(System.nanoTime()).as("the feed hearing the correction").isLessThan(deadline);
            java.util.concurrent.locks.LockSupport.parkNanos(
                    Duration.ofMillis(50).toNanos());
        }
        await(
                "the page redrawing the corrected bar",
                d -> Boolean.TRUE.equals(driver.executeScript(
                        "var d = window.dgasChart.getOption().series[0].data, l = d[d.length - 1];"
                                + " return Array.isArray(l) && l[3] === arguments[0];",
                        high)));
        assertThat(feed.publish()).isEqualTo(1); // the next hour's forming bar (one trade at `second`)
        long next = bucket + 3600;
        await("the next forming bar", d -> (next + ":" + second).equals(body("data-forming")));
        BarColumns now = new BarRepository(db).last("MKTF", Timeframe.H1, STORED);
        assertThat(now.high()[STORED - 1]).isEqualTo(high);
        assertThat(last(series(chart(), "PLdot")).asDouble())
                .isCloseTo(fullPldot(now, next, second, second, second), within(1e-9));
    }

    private static double fullPldot(BarColumns stored, long ts, double open, double high, double low) {
        BarSeries s = new BarSeries("MKTF", Timeframe.H1, stored.size() + 1);
        for (int i = 0; i < stored.size(); i++) {
            s.append(
                    stored.ts()[i],
                    stored.open()[i],
                    stored.high()[i],
                    stored.low()[i],
                    stored.close()[i],
                    stored.volume()[i]);
        }
        s.append(ts, open, high, low, high, 3);
        DrummondAnalysis a = DrummondAnalyzer.analyze(s);
        return a.pldot()[a.size() - 1];
    }

    private static boolean formingCleared() {
        return driver.findElement(By.id("forming")).getText().startsWith("none");
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.2f", v);
    }

    private static String body(String attribute) {
        String v = driver.findElement(By.tagName("body")).getAttribute(attribute);
        return v == null ? "" : v;
    }

    private static void await(String what, java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> until) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).withMessage(what).until(until);
    }

    private static JsonNode chart() throws Exception {
        return JSON.readTree((String) driver.executeScript("var o = window.dgasChart.getOption();"
                + " return JSON.stringify({series: o.series.map(function (s) { return {name: s.name, data: s.data};"
                + " })});"));
    }

    private static JsonNode series(JsonNode chart, String name) {
        for (JsonNode s : chart.get("series")) {
            if (s.get("name").asText().equals(name)) {
                return s.get("data");
            }
        }
        throw new AssertionError("no series '" + name + "' in " + chart);
    }

    private static JsonNode candles(JsonNode chart) {
        return series(chart, "Candles");
    }

    private static JsonNode last(JsonNode array) {
        return array.get(array.size() - 1);
    }
}
