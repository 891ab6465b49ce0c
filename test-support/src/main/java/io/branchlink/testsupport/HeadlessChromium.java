package io.branchlink.testsupport;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's Chromium driven by Playwright without any browser download: the browser tests' one way to start it.
 *
 * <p>On a machine without Chromium a test using it is reported as skipped (a JUnit assumption), never as passed, and
 * the build output says why and how to install it: surefire and failsafe only list skipped tests by name, so the
 * reason is also printed on the test's standard error.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path EXECUTABLE = Path.of("/usr/bin/chromium");
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final String MISSING = "browser test skipped: " + EXECUTABLE + " is missing; install Debian's Chromium with"
            + " `apt-get update && apt-get install -y chromium` (.ci/run does this itself)";

    private static final List<String> ARGUMENTS = List.of("--headless", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync");

    private final Playwright playwright;
    private final Browser browser;

    private HeadlessChromium(Playwright playwright, Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    /**
     * Skips the calling test, saying how to install Chromium, when it is missing. A test that launches the browser in
     * {@code @BeforeAll} skips its whole class.
     */
    public static void assumeInstalled() {
        if (!Files.isExecutable(EXECUTABLE)) {
            System.err.println("[WARNING] " + MISSING);
        }
        Assumptions.assumeTrue(Files.isExecutable(EXECUTABLE), MISSING);
    }

    /** Starts headless Chromium, or skips the calling test (with the install command) when it is missing. */
    public static HeadlessChromium launch() throws IOException {
        assumeInstalled();
        Files.createDirectories(SCREENSHOTS);
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        try {
            Browser browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(EXECUTABLE)
                    .setHeadless(true)
                    .setArgs(ARGUMENTS));
            return new HeadlessChromium(playwright, browser);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    public Browser browser() {
        return browser;
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
