package io.eris.it.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by Debian's chromedriver, with a fresh profile, and the few
 * things the tests need beyond WebDriver: DevTools commands (through chromedriver, so no DevTools
 * version of Selenium has to match the browser), full-page screenshots and page scripts.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM =
      Path.of(System.getProperty("eris.browser.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER =
      Path.of(System.getProperty("eris.browser.chromedriver", "/usr/bin/chromedriver"));

  final ChromeDriver driver;
  private final Path profile;

  /** Why the browser tests cannot run here, or null when chromium and chromedriver are present. */
  static String missing() {
    StringBuilder sb = new StringBuilder();
    for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(p)) {
        sb.append(sb.length() == 0 ? "" : ", ").append(p).append(" is missing");
      }
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  Browser() throws IOException {
    profile = Files.createTempDirectory("eris-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  Object asyncJs(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
  }

  Map<String, Object> cdp(String command, Map<String, Object> params) {
    return driver.executeCdpCommand(command, params);
  }

  WebElement byId(String id) {
    return driver.findElement(By.id(id));
  }

  String text(String id) {
    return byId(id).getText();
  }

  /** Waits until the condition is non-null and not false; fails with what it last saw. */
  <T> T await(String what, Duration within, Function<WebDriver, T> condition) {
    try {
      return new WebDriverWait(driver, within, Duration.ofMillis(200))
          .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
          .ignoring(org.openqa.selenium.NoSuchElementException.class)
          .until(condition);
    } catch (TimeoutException e) {
      throw new AssertionError(
          "timed out after " + within + " waiting for " + what + "; page shows:\n" + pageText(), e);
    }
  }

  String pageText() {
    try {
      return String.valueOf(js("return document.body ? document.body.innerText : ''"));
    } catch (RuntimeException e) {
      return "(page text unavailable: " + e + ")";
    }
  }

  /** A PNG of the whole page (beyond the viewport) to the file. */
  void screenshot(Path file) throws IOException {
    Map<String, Object> shot =
        cdp("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true));
    Files.createDirectories(file.getParent());
    Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temp directory left behind
      }
    }
  }
}
