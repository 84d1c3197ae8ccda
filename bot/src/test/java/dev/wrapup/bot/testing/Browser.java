package dev.wrapup.bot.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A real headless Chromium driven through chromedriver, both Debian's packages (.ci/run installs
 * them). Missing binaries fail the test rather than skip it: a browser test that quietly does not
 * run would let CI pass without ever opening a page.
 *
 * <p>Selenium Manager is never asked for anything: given both paths it has nothing to look up, so
 * the tests run offline and always use the browser the machine has, not one downloaded on the fly.
 */
public final class Browser implements AutoCloseable {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String MISSING =
            "%s is missing (%s). The browser tests need Debian's chromium and chromium-driver;"
                    + " .ci/run installs them: apt-get install -y chromium chromium-driver";

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static Browser start() {
        // Should Selenium Manager ever run after all, it passes SE_* properties on to it.
        System.setProperty("SE_OFFLINE", "true");
        if (!Files.isExecutable(CHROMIUM)) {
            throw new AssertionError(String.format(MISSING, "Chromium", CHROMIUM));
        }
        Path chromedriver =
                chromedriver()
                        .orElseThrow(
                                () ->
                                        new AssertionError(
                                                String.format(
                                                        MISSING,
                                                        "chromedriver",
                                                        "not on PATH nor " + CHROMEDRIVER)));
        Path profile;
        try {
            profile = Files.createTempDirectory("wrapup-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                // Containers and CI runners often lack the user namespaces the sandbox needs, and
                // a small /dev/shm crashes tabs; the pages under test are our own.
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--window-size=1280,900",
                "--user-data-dir=" + profile,
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(chromedriver.toFile())
                        .usingAnyFreePort()
                        .build();
        try {
            return new Browser(new ChromeDriver(service, options), profile);
        } catch (RuntimeException e) {
            service.stop();
            delete(profile);
            throw e;
        }
    }

    private static Optional<Path> chromedriver() {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.concat(
                        Stream.of(path.split(File.pathSeparator))
                                .filter(dir -> !dir.isEmpty())
                                .map(dir -> Path.of(dir, "chromedriver")),
                        Stream.of(CHROMEDRIVER))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Selenium's own driver, for what this class does not wrap. */
    public ChromeDriver driver() {
        return driver;
    }

    /** Opens the address and waits until the page has loaded. */
    public void open(String url) {
        driver.get(url);
    }

    /** The text of the page's body as a reader sees it. */
    public String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /**
     * Makes the page's JavaScript see this timezone (an IANA id such as "Pacific/Auckland"), for
     * local-time checks; it holds for this tab until changed, across navigations.
     */
    public void timezone(String zoneId) {
        driver.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", zoneId));
    }

    /** What the page wrote to the console, CSP refusals included, since the last call. */
    public List<String> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .toList();
    }

    /** Saves what the browser shows as target/screenshots/NAME.png and returns that file. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves what one element of the page shows as target/screenshots/NAME.png. */
    public Path screenshot(String name, WebElement element) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, element.getScreenshotAs(OutputType.BYTES));
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            delete(profile);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
