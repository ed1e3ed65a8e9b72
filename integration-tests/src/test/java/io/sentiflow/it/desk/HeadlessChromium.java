package io.sentiflow.it.desk;

import java.io.File;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's {@code chromium}, headless, through Debian's {@code chromium-driver} (both installed by
 * {@code .ci/run}): named by path, so Selenium never looks for, or downloads, a browser of its own.
 */
final class HeadlessChromium {

    static final File BROWSER = new File("/usr/bin/chromium");
    static final File DRIVER = new File("/usr/bin/chromedriver");

    private HeadlessChromium() {}

    /** A new browser with a window of {@code width} by {@code height}; the caller quits it. */
    static ChromeDriver start(int width, int height) {
        if (!BROWSER.canExecute() || !DRIVER.canExecute()) {
            throw new IllegalStateException("the desk's browser test needs " + BROWSER + " and " + DRIVER
                    + ": apt-get install chromium chromium-driver (.ci/run does when they are missing)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER);
        // Root in a container has no user namespace for the sandbox, and /dev/shm is small there.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER)
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(60))
                .build();
        return new ChromeDriver(service, options);
    }
}
