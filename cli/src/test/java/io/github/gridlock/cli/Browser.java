package io.github.gridlock.cli;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium, driven through Selenium's WebDriver client: Debian's {@code chromium} and
 * {@code chromedriver}, which {@code .ci/run} installs. Started with a fresh profile and every kind of background
 * traffic off (the machine has no network). Where they are missing the browser tests are skipped with a reason,
 * on CI ({@code CI} set) too: {@code .ci/run} carries on when the packages cannot be installed (an unreachable
 * mirror), and CI must not go red for that.
 */
final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Paths.get(System.getProperty("gridlock.test.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Paths.get(System.getProperty("gridlock.test.chromedriver", "/usr/bin/chromedriver"));

    final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static Browser start() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String missing = "headless Chromium is not installed (" + CHROMIUM + ", " + CHROMEDRIVER
                + "): apt-get install chromium chromium-driver, as .ci/run does";
        assumeTrue(present, missing + "; skipping the browser test"
                + (System.getenv("CI") != null ? " (CI is set, but a missing browser skips rather than fails)" : ""));
        Path profile = Files.createTempDirectory("gridlock-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--window-size=1400,1800", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options), profile);
    }

    /** Keeps a screenshot of the page as a test artifact: target/browser/NAME.png. */
    Path screenshot(String name) throws IOException {
        Path dir = Paths.get(System.getProperty("gridlock.test.artifacts", "target/browser"));
        Files.createDirectories(dir);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Path target = dir.resolve(name + ".png");
        Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        return target;
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
