package io.cryptolakehouse.local;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The dashboard page in a real headless Chromium (Debian's {@code chromium} and {@code
 * chromium-driver}, which {@code .ci/run} installs; {@code CHROMIUM_BINARY} / {@code CHROMEDRIVER}
 * point elsewhere). Without them the test is skipped locally and fails in CI ({@code CI} set).
 */
final class DashboardPage implements AutoCloseable {

  private static final Duration WAIT = Duration.ofSeconds(60);

  private final ChromeDriver driver;

  private DashboardPage(ChromeDriver driver) {
    this.driver = driver;
  }

  static DashboardPage open(String baseUrl) {
    File chromium = executable("CHROMIUM_BINARY", "/usr/bin/chromium");
    File chromedriver = executable("CHROMEDRIVER", "/usr/bin/chromedriver");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,900");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(chromedriver).build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.get(baseUrl + "/");
    // A marker that a reload would erase: "without reloading" is then checkable.
    driver.executeScript("window.__loads = (window.__loads || 0) + 1;");
    return new DashboardPage(driver);
  }

  private static File executable(String env, String fallback) {
    File file = new File(System.getenv().getOrDefault(env, fallback));
    if (!file.canExecute()) {
      String message =
          file + " not found: install Debian's chromium and chromium-driver, or set " + env;
      if (System.getenv("CI") != null) {
        throw new IllegalStateException(message);
      }
      Assumptions.abort(message);
    }
    return file;
  }

  void awaitCoins(int count) {
    await()
        .atMost(WAIT)
        .until(() -> driver.findElements(By.cssSelector("#coins tr[data-coin]")).size() >= count);
  }

  void select(String coin) {
    driver.findElement(By.cssSelector("#coins tr[data-coin='" + coin + "']")).click();
  }

  void awaitCandles(String coin, int count) {
    await()
        .atMost(WAIT)
        .until(
            () ->
                text("selected-coin").equals(coin)
                    && text("candle-count").equals(String.valueOf(count)));
  }

  /** Chooses a candle interval with the picker. */
  void chooseInterval(String interval) {
    driver
        .findElement(By.cssSelector("#intervals button[data-interval='" + interval + "']"))
        .click();
  }

  /** Waits until the chart shows {@code count} candles of {@code interval}. */
  void awaitInterval(String interval, int count) {
    await()
        .atMost(WAIT)
        .until(
            () ->
                text("interval-label").equals(interval)
                    && text("candle-count").equals(String.valueOf(count)));
  }

  /** The buckets the chart draws as gaps (no observation there). */
  int gaps() {
    return Integer.parseInt(text("gap-count"));
  }

  String latestPrice() {
    return text("latest-price");
  }

  List<String> alertIds() {
    return driver.findElements(By.cssSelector("#alerts li[data-alert-id]")).stream()
        .map(li -> li.getDomAttribute("data-alert-id"))
        .toList();
  }

  long loads() {
    return (Long) ((JavascriptExecutor) driver).executeScript("return window.__loads || 0;");
  }

  void screenshot(Path target) throws IOException {
    Files.createDirectories(target.getParent());
    File shot = driver.getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
  }

  private String text(String id) {
    WebElement element = driver.findElement(By.id(id));
    return element.getText().trim();
  }

  @Override
  public void close() {
    driver.quit();
  }
}
