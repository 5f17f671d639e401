package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.app.alerts.RuleInput;
import io.dgas.app.cycle.CycleRequest;
import io.dgas.app.cycle.CycleResult;
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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The signals and alerts pages refresh from the event stream in headless chromium: a cycle's new signals and a fired
 * alert appear without a reload.
 */
class LivePagesIT {
    @TempDir
    static Path profile;

    @RegisterExtension
    static final ApiClient api = ApiClient.onOwnDatabase(Map.of());

    private static ChromeDriver driver;

    @BeforeAll
    static void start() {
        MarketSeed.syntheticUniverse(api.ctx, 12, 400);
        driver = Browser.start(profile);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    private static void openLive(String page, String attribute, String value) {
        driver.get("http://127.0.0.1:" + api.server.port() + "/" + page);
        PageWaits.awaitBody(driver, attribute, value);
        PageWaits.awaitLive(driver);
    }

    private static int rows(String boxId) {
        return driver.findElements(By.cssSelector("#" + boxId + " tbody tr td:not(.empty)"))
                        .isEmpty()
                ? 0
                : driver.findElements(By.cssSelector("#" + boxId + " tbody tr")).size();
    }

    @Test
    void signalsPage_cycleStoresSignals_theyAppearWithoutReload() throws Exception {
        openLive("signals.html", "loaded", "signals:0");
        assertThat(rows("signals-table")).as("no signals before the cycle").isZero();

        CycleResult run = api.ctx
                .cycle(api.ctx::afterRun) // as dgas cycle and the scheduler
                .run(new CycleRequest(null, Timeframe.H4, Timeframe.H1, 300, Duration.ofDays(3)));
        int stored = api.json("/api/v1/signals?limit=50", 200).get("items").size();
        assertThat(run.signals()).as("the cycle stored signals").isNotEmpty();
        assertThat(stored).isPositive();

        new WebDriverWait(driver, Duration.ofSeconds(30))
                .withMessage("the cycle's " + stored + " signals did not show up")
                .ignoring(StaleElementReferenceException.class) // the table is redrawn meanwhile
                .until(d -> rows("signals-table") == stored);
        assertThat(PageWaits.sameDocument(driver)).as("no reload").isTrue();
    }

    @Test
    void alertsPage_alertFires_itsLogEntryAppearsWithoutReload() throws Exception {
        api.ctx
                .alertsService()
                .create(new RuleInput(
                        "live", "signal", null, List.of("SYN0001"), null, 0.5, null, null, null, 0, true));
        openLive("alerts.html", "log", "0");

        MarketSeed.fireSignalAlerts(api.ctx, "SYN0001");

        new WebDriverWait(driver, Duration.ofSeconds(30))
                .withMessage("the fired alert did not show up")
                .ignoring(StaleElementReferenceException.class)
                .until(d -> rows("log-table") == 1);
        assertThat(driver.findElement(By.cssSelector("#log-table tbody tr")).getText())
                .contains("live")
                .contains("SYN0001");
        assertThat(PageWaits.sameDocument(driver)).as("no reload").isTrue();
    }
}
