package io.dgas.app.web;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian chromium driven through Debian's chromedriver, both by explicit path so that Selenium Manager never
 * runs and nothing is downloaded. A machine without them fails the browser tests with a message, never skips them.
 */
final class Browser {
    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    private Browser() {}

    /** A headless browser with its own profile under {@code profile}. */
    static ChromeDriver start(Path profile) {
        return start(profile, null);
    }

    /**
     * A headless browser with its own profile under {@code profile} that saves downloads into {@code downloads}
     * without asking (none: the browser's default).
     */
    static ChromeDriver start(Path profile, Path downloads) {
        for (File f : new File[] {CHROMIUM, CHROMEDRIVER}) {
            if (!f.canExecute()) {
                throw new AssertionError(f + " is missing: the browser tests need Debian's chromium and"
                        + " chromium-driver (apt-get install -y chromium chromium-driver; .ci/run installs them)");
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--window-size=1400,900",
                "--user-data-dir=" + profile.toAbsolutePath());
        if (downloads != null) {
            options.setExperimentalOption(
                    "prefs",
                    java.util.Map.of(
                            "download.default_directory",
                            downloads.toAbsolutePath().toString(),
                            "download.prompt_for_download",
                            false));
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort()
                .build();
        return new ChromeDriver(service, options);
    }

    /** Saves a screenshot of the page as {@code target/screenshots/<name>.png} of the module. */
    static Path screenshot(ChromeDriver driver, String name) throws Exception {
        Path out = Path.of("target", "screenshots", name + ".png");
        Files.createDirectories(out.getParent());
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), out, StandardCopyOption.REPLACE_EXISTING);
        return out;
    }

    /** Waits (30 s at most) until the page's {@code <body data-attribute>} is {@code value}. */
    static void awaitBody(ChromeDriver driver, String attribute, String value) {
        new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(30))
                .until(d -> value.equals(
                        d.findElement(org.openqa.selenium.By.tagName("body")).getAttribute("data-" + attribute)));
    }

    /**
     * The lines of a finished download (30 s at most). Chromium reserves the file's name with an empty file while it
     * writes {@code <name>.crdownload}, so the name existing is not enough: the partial file must be gone and the file
     * must hold something.
     */
    static java.util.List<String> awaitDownload(ChromeDriver driver, Path file) throws java.io.IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".crdownload");
        new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(30))
                .until(d -> !Files.exists(partial) && file.toFile().length() > 0);
        return Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The cell texts of the body rows of the table inside {@code boxId}. */
    static java.util.List<java.util.List<String>> rows(ChromeDriver driver, String boxId) {
        java.util.List<java.util.List<String>> out = new java.util.ArrayList<>();
        for (org.openqa.selenium.WebElement tr :
                driver.findElements(org.openqa.selenium.By.cssSelector("#" + boxId + " tbody tr"))) {
            out.add(tr.findElements(org.openqa.selenium.By.tagName("td")).stream()
                    .map(org.openqa.selenium.WebElement::getText)
                    .toList());
        }
        return out;
    }
}
