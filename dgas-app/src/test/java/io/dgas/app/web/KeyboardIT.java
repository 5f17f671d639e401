package io.dgas.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dgas.app.alerts.RuleInput;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
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
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Every dashboard page by keyboard in headless chromium: Tab reaches every control of the page (one stop per radio
 * group), each focused control has an accessible name (from the browser's accessibility tree) and a visible focus
 * outline; a table page (signals: filter, page, open a reason) and a form (alerts: create a rule, give the token) are
 * operated with keys only.
 */
class KeyboardIT {
    @TempDir
    static Path profile;

    /** Marks the page's controls (visible, enabled, in the tab order) with data-kbd keys; returns the keys. */
    private static final String MARK = "var scope = arguments[0]; var keys = [];"
            + " document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex]')"
            + ".forEach(function (el, i) {"
            + "  if (el.disabled || el.tabIndex < 0 || !el.getClientRects().length) { return; }"
            + "  if (scope && el.closest(scope)) { return; }"
            + "  if (el.closest('details:not([open])') && el.tagName !== 'SUMMARY') { return; }"
            + "  var k = el.type === 'radio' ? 'radio:' + el.name : el.tagName.toLowerCase() + ':' + (el.id || i);"
            + "  el.dataset.kbd = k; if (keys.indexOf(k) < 0) { keys.push(k); } });"
            + " return keys;";

    /** The focused element's key, and whether its focus is visible (its own outline, or its label's for radios). */
    private static final String FOCUSED = "var el = document.activeElement;"
            + " if (!el || el === document.body) { return ['body', 'true']; }"
            + " function shown(e) { var s = getComputedStyle(e);"
            + "  return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'; }"
            + " var visible = shown(el);"
            + " if (!visible && el.type === 'radio' && el.labels && el.labels.length) { visible = shown(el.labels[0]); }"
            + " return [el.dataset.kbd || ('unmarked:' + el.tagName + '#' + el.id), String(visible)];";

    @RegisterExtension
    static final ApiClient api = ApiClient.onOwnDatabase(Map.of());

    private static ChromeDriver driver;

    @BeforeAll
    static void start() {
        PagesSeed.recentBars(api.ctx, "KEYA", 160, 100);
        long run = PagesSeed.run(api.ctx, "success", 40, 300, 20, "[]");
        for (int i = 0; i < 14; i++) {
            PagesSeed.signal(api.ctx, run, "KEYA", 100 - 5 * i, i % 2 == 0 ? "long" : "short", 0.5 + 0.03 * i);
        }
        MarketSeed.explain(
                api.ctx,
                "KEYA",
                io.dgas.domain.Timeframe.H1,
                PagesSeed.hoursAgo(100).toString(),
                0.62,
                0.55,
                40);
        api.ctx
                .alertsService()
                .create(new RuleInput("seed", "signal", null, List.of("KEYA"), null, 0.5, null, null, null, 0, true));
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
        PageWaits.awaitBody(driver, attribute, value);
    }

    /** Waits until the page has filled {@code attribute} with anything (a count the other tests may change). */
    private static void awaitLoaded(String attribute) {
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .withMessage("body data-" + attribute)
                .until(d -> {
                    String v = d.findElement(By.tagName("body")).getAttribute("data-" + attribute);
                    return v != null && !v.isEmpty();
                });
    }

    private static void press(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    @SuppressWarnings("unchecked")
    private static List<String> focused() {
        return (List<String>) driver.executeScript(FOCUSED);
    }

    /**
     * Tabs through the whole page from its top; asserts every marked control is reached, named and visibly focused.
     *
     * @param outside a selector of a part not checked (a third-party widget), or null
     */
    @SuppressWarnings("unchecked")
    private static void tabsThrough(String page, String outside) {
        List<String> controls = (List<String>) driver.executeScript(MARK, outside);
        Set<String> reached = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        int leftThePage = 0;
        // from wherever focus starts, Tab goes round the page (leaving it once, to the browser) back to a control
        // already reached: then every stop has been seen
        for (int i = 0; i < 400; i++) {
            press(Keys.TAB);
            List<String> f = focused();
            String key = f.get(0);
            if (key.equals("body")) {
                if (++leftThePage > 2) {
                    break;
                }
                continue;
            }
            if ((leftThePage > 0 && reached.contains(key))
                    || (reached.size() > 1 && key.equals(reached.iterator().next()))) {
                break;
            }
            if (key.startsWith("unmarked:")) {
                if (outside != null) {
                    continue; // inside the unchecked widget
                }
                problems.add(key + ": focusable but not a recognised control");
            }
            reached.add(key);
            String name = driver.switchTo().activeElement().getAccessibleName();
            if (name == null || name.isBlank()) {
                problems.add(key + ": no accessible name");
            }
            if (!"true".equals(f.get(1))) {
                problems.add(key + ": focus not visible");
            }
        }
        assertThat(problems).as(page + ": keyboard problems").isEmpty();
        assertThat(reached).as(page + ": controls reached by Tab").containsAll(controls);
        assertThat(controls)
                .as(page + ": the header's page links")
                .contains("a:0", "a:1")
                .hasSizeGreaterThan(6);
    }

    @Test
    void everyPage_tabbedThrough_reachesNamesAndShowsFocusOnEveryControl() {
        driver.get(url("index.html"));
        awaitBody("loaded", "KEYA:1h");
        // the news panel draws its table (and its CSV button) on its own: mark the controls once both are there
        awaitBody("news", "KEYA");
        tabsThrough("market", null);

        driver.get(url("signals.html"));
        awaitBody("loaded", "signals:0");
        awaitBody("calibration", "7");
        tabsThrough("signals", null);

        driver.get(url("runs.html"));
        awaitBody("loaded", "runs:0");
        tabsThrough("runs", null);

        driver.get(url("alerts.html"));
        awaitLoaded("rules");
        awaitBody("log", "0");
        tabsThrough("alerts", null);

        driver.get(url("caches.html"));
        awaitBody("loaded", "caches");
        tabsThrough("caches", null);

        driver.get(url("api.html"));
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> d.findElements(By.cssSelector(".opblock")).size() > 10);
        tabsThrough("api", "#swagger");
    }

    /** Presses Tab until the focused element satisfies {@code wanted} (at most 200 times). */
    private static WebElement tabTo(Predicate<WebElement> wanted, String what) {
        for (int i = 0; i < 200; i++) {
            press(Keys.TAB);
            WebElement e = driver.switchTo().activeElement();
            if (wanted.test(e)) {
                return e;
            }
        }
        throw new AssertionError("Tab never reached " + what);
    }

    private static WebElement tabToId(String id) {
        return tabTo(e -> id.equals(e.getAttribute("id")), "#" + id);
    }

    @Test
    void signalsPage_keyboardOnly_filtersPagesAndOpensAReason() {
        driver.get(url("signals.html"));
        awaitBody("loaded", "signals:0");
        driver.executeScript("document.activeElement && document.activeElement.blur();");

        tabToId("f-direction");
        press(Keys.ARROW_DOWN); // any → long
        tabToId("f-limit");
        press(Keys.ARROW_UP, Keys.ARROW_UP); // 50 → 10
        tabTo(e -> "Apply".equals(e.getText()), "the Apply button");
        press(Keys.ENTER);
        awaitBody("loaded", "signals:0");
        List<WebElement> rows = driver.findElements(By.cssSelector("#signals-table tbody tr"));
        assertThat(rows).hasSize(7); // the 7 longs of 14, one page of 10
        assertThat(driver.findElement(By.id("f-direction")).getAttribute("value"))
                .isEqualTo("long");

        // every long, then the first page of both directions, page two by the Next button
        assertThat(driver.findElement(By.id("f-limit")).getAttribute("value")).isEqualTo("10");
        tabToId("f-direction"); // round the page again
        press(Keys.ARROW_UP, Keys.TAB, Keys.TAB, Keys.TAB, Keys.ENTER); // long → any, past run and limit, Apply
        awaitBody("loaded", "signals:0");
        assertThat(driver.findElements(By.cssSelector("#signals-table tbody tr")))
                .hasSize(10);
        tabToId("next");
        press(Keys.ENTER);
        awaitBody("loaded", "signals:10");
        assertThat(driver.findElements(By.cssSelector("#signals-table tbody tr")))
                .hasSize(4);

        // the explained signal (the oldest, so on page two): its reason line opens with Enter
        WebElement summary = tabTo(e -> e.getTagName().equals("summary"), "a reason line");
        press(Keys.ENTER);
        WebElement list = driver.findElement(By.cssSelector("#signals-table details[open] dl.reasons"));
        assertThat(summary.getText()).startsWith("LONG KEYA 1h: HTF 4h trend up");
        assertThat(list.getText()).contains("Zone used");
    }

    @Test
    void alertsPage_keyboardOnly_createsARuleWithTheToken() throws Exception {
        driver.get(url("alerts.html"));
        driver.executeScript("sessionStorage.clear();");
        awaitBody("rules", "1"); // the seeded rule
        driver.executeScript("document.activeElement && document.activeElement.blur();");

        tabToId("r-name");
        press("kbd-rule");
        press(Keys.TAB); // type: threshold (the default)
        press(Keys.TAB, "KEYA");
        press(Keys.TAB, Keys.ARROW_DOWN); // condition: default → above
        press(Keys.TAB, "150");
        tabToId("save");
        press(Keys.ENTER);

        // the token dialog takes the focus; Enter in its field gives the token
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(d -> "token-input".equals(d.switchTo().activeElement().getAttribute("id")));
        press(ApiClient.TOKEN, Keys.ENTER);
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(d -> d.findElement(By.id("form-status")).getText().contains("Created rule"));
        awaitBody("rules", "2");
        com.fasterxml.jackson.databind.JsonNode created =
                api.json("/api/v1/alerts/rules", 200).get("items").get(1);
        assertThat(created.get("name").asText()).isEqualTo("kbd-rule");
        assertThat(created.get("symbol").asText()).isEqualTo("KEYA");
        assertThat(created.get("condition").asText()).isEqualTo("above");
        assertThat(created.get("threshold").asDouble()).isEqualTo(150.0);
    }
}
