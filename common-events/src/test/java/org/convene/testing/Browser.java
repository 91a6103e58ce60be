package org.convene.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, driven through Debian's chromedriver. Both paths are given explicitly: left to
 * itself, Selenium would try to download a driver and a browser, which these machines cannot. A
 * missing or broken browser fails the tests with a message saying how to install it.
 */
public final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Path.of(System.getProperty("convene.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER =
      Path.of(System.getProperty("convene.chromedriver", "/usr/bin/chromedriver"));

  /** The browser's zone; the tests' meetings are elsewhere, so the pages must convert. */
  public static final String ZONE = "Asia/Shanghai";

  private static final String INSTALL =
      " Install Debian's packages (apt-get install -y chromium chromium-driver), as .ci/run does,"
          + " or point -Dconvene.chromium and -Dconvene.chromedriver at a Chromium and its matching driver.";

  private final ChromeDriver driver;

  private Browser(ChromeDriver driver) {
    this.driver = driver;
  }

  public static Browser start() {
    if (!Files.isExecutable(CHROMIUM)) {
      throw new IllegalStateException("No Chromium at " + CHROMIUM + "." + INSTALL);
    }
    if (!Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException("No chromedriver at " + CHROMEDRIVER + "." + INSTALL);
    }
    Path profile;
    try {
      Files.createDirectories(Path.of("target"));
      profile = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "chromium-profile-");
    } catch (IOException e) {
      throw new IllegalStateException("Cannot create a browser profile under target/", e);
    }
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .withEnvironment(Map.of("TZ", ZONE))
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1280,1000",
        "--lang=en-US",
        "--user-data-dir=" + profile);
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en"));
    try {
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
      return new Browser(driver);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "Chromium at "
              + CHROMIUM
              + " did not start through "
              + CHROMEDRIVER
              + ": "
              + e.getMessage()
              + "."
              + INSTALL,
          e);
    }
  }

  public WebDriver driver() {
    return driver;
  }

  /** Saves what the browser shows, as PNG. */
  public void screenshot(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
  }

  @Override
  public void close() {
    driver.quit();
  }
}
