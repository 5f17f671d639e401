package io.dgas.app.web;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Waits of the browser tests on what the pages announce on {@code <body data-…>} (polled, with a deadline). */
final class PageWaits {
    private PageWaits() {}

    /** Until {@code <body data-attribute>} is {@code value} (within 30 s). */
    static void awaitBody(ChromeDriver driver, String attribute, String value) {
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .withMessage("body data-" + attribute + " = " + value)
                .until(d -> value.equals(d.findElement(By.tagName("body")).getAttribute("data-" + attribute)));
    }

    /** Until the page's event stream is open, then marks the document so that a reload would show. */
    static void awaitLive(ChromeDriver driver) {
        awaitBody(driver, "events", "open");
        driver.executeScript("window.sameDocument = true;");
    }

    /** Whether the document marked by {@link #awaitLive} is still the one shown (no reload happened). */
    static boolean sameDocument(ChromeDriver driver) {
        return Boolean.TRUE.equals(driver.executeScript("return window.sameDocument === true"));
    }
}
