package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.app.config.ConfigKeys;
import io.dgas.domain.Timeframe;
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
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard's event stream under {@code web.auth: all} in headless chromium: EventSource cannot send the
 * Authorization header, so common.js reads the stream with fetch and sends the kept token; refused without it, open
 * once the user gives it, and a new ingest then redraws the chart without a reload.
 */
class EventStreamAuthIT {
    @TempDir
    static Path profile;

    @RegisterExtension
    static final ApiClient api =
            ApiClient.onOwnDatabase(Map.of(ConfigKeys.WEB_AUTH, "all", ConfigKeys.EVENTS_HEARTBEAT, "1"));

    private static ChromeDriver driver;

    @BeforeAll
    static void start() {
        MarketSeed.wave(api.ctx, "AUTHA", Timeframe.H1, 50, 300);
        driver = Browser.start(profile);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    private static void awaitBody(String attribute, String value) {
        PageWaits.awaitBody(driver, attribute, value);
    }

    @Test
    void marketPage_readsClosed_streamRefusedWithoutTokenThenOpenWithItAndLive() throws Exception {
        driver.get("http://127.0.0.1:" + api.server.port() + "/");
        driver.executeScript("sessionStorage.clear();");
        driver.navigate().refresh();

        // no token yet: the reads ask for one, the stream is refused (401) and keeps retrying
        awaitBody("events", "refused");
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> !d.findElements(By.id("token-input")).isEmpty());
        driver.findElement(By.id("token-input")).sendKeys(ApiClient.TOKEN);
        driver.findElement(By.id("token-ok")).click();

        // with the kept token: the page's reads succeed and the stream opens (heartbeats flow every second)
        awaitBody("loaded", "AUTHA:1h");
        PageWaits.awaitLive(driver);
        assertThat(driver.findElements(By.id("token-dialog")))
                .as("one question for all reads")
                .isEmpty();

        MarketSeed.wave(api.ctx, "AUTHA", Timeframe.H1, 5, 300, "2025-01-08T02:00:00Z");

        new WebDriverWait(driver, Duration.ofSeconds(30))
                .withMessage("the chart did not redraw with the 5 new bars")
                .until(d -> ((Number) ((ChromeDriver) d)
                                        .executeScript("return window.dgasChart.getOption().series[0].data.length"))
                                .intValue()
                        == 55);
        assertThat(PageWaits.sameDocument(driver)).as("no reload").isTrue();
    }

    @Test
    void sseParse_chunksSplitAnywhere_dispatchesWholeEventsAndSkipsComments() {
        driver.get("http://127.0.0.1:" + api.server.port() + "/api.html");
        @SuppressWarnings("unchecked")
        List<String> got = (List<String>) driver.executeScript("var out = [], st = {buffer: '', name: '', data: []};"
                + " var chunks = [': heartbeat\\n\\nevent: ba', 'rs\\r\\ndata: {\"a\":', '1}\\r\\n\\r\\n',"
                + " 'data: x\\ndata: y\\n', '\\nevent: run\\ndata:{\"b\":2}\\n\\nevent: cut\\ndata: 3'];"
                + " chunks.forEach(function (c) { dgas.sseParse(st, c, function (n, d) { out.push(n + '|' + d); }); });"
                + " return out;");
        assertThat(got).containsExactly("bars|{\"a\":1}", "message|x\ny", "run|{\"b\":2}");
    }
}
