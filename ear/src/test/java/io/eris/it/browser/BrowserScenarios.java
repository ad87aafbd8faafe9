package io.eris.it.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.eris.core.crypto.KeyFile;
import io.eris.core.crypto.KeyPair;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The browser client in a real headless Chromium against a deployed node, as a person uses it: make
 * a key, enrol it, transfer and see the tx become FINAL; a tampered proof answer is flagged; a
 * reload with the node unreachable still shows the account; a transfer made offline is queued and
 * becomes FINAL once the node is back. The browser reaches the node through a {@link Relay}, which
 * the tests cut and restore. Screenshots go to target/screenshots/.
 *
 * <p>The tests share one browser profile and run in order: each starts from the state the one
 * before left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class BrowserScenarios {
  static final Duration FINAL_WITHIN = Duration.ofSeconds(60);
  static final long START_BALANCE = 1_000_000;
  static final long FIRST_TRANSFER = 1_250;
  static final long OFFLINE_TRANSFER = 250;

  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  static final Path SCREENSHOTS =
      Path.of(System.getProperty("eris.browser.screenshots", "target/screenshots"));

  static URI node;
  static Relay relay;
  static Browser browser;
  static String base;
  static String address;
  static String recipient;

  /** Set once the first test has an enrolled account with a final transfer: the others need it. */
  static boolean accountReady;

  /** The node under test: {@code -Deris.browser.node=URL}, else the IT test node's HTTP port. */
  static URI nodeUri() {
    String url = System.getProperty("eris.browser.node");
    if (url != null && !url.isBlank()) {
      return URI.create(url.endsWith("/") ? url : url + "/");
    }
    String port = System.getProperty("eris.it.httpPort");
    if (port == null || port.isBlank()) {
      throw new IllegalStateException(
          "no node to test: run through `mvn verify` (ear/target/it.properties names the test"
              + " node) or pass -Deris.browser.node=http://127.0.0.1:8080/");
    }
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  @BeforeAll
  static void openBrowser() throws Exception {
    String missing = Browser.missing();
    if (missing != null) {
      String message =
          "browser tests SKIPPED: "
              + missing
              + " (install Debian's chromium and chromium-driver: apt-get install -y chromium"
              + " chromium-driver)";
      System.err.println("[WARNING] " + message);
      Assumptions.abort(message);
    }
    node = nodeUri();
    awaitNodeReady();
    relay = new Relay(node.getHost(), node.getPort()).start();
    base = "http://127.0.0.1:" + relay.port() + "/";
    browser = new Browser();
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
    if (relay != null) {
      relay.close();
      relay = null;
    }
  }

  // ---------------------------------------------------------------------------------------------

  @Test
  @Order(1)
  void createEnrolTransferAndSeeItFinal() throws Exception {
    browser.driver.get(base);
    browser.await("the welcome card", Duration.ofSeconds(30), d -> isShown("create-account"));
    browser.byId("create-account").click();
    browser.await("the account view", Duration.ofSeconds(30), d -> isShown("account-view"));
    address = browser.text("address");
    assertThat(address).matches("[0-9a-f]{40}");
    // A new key is proven absent: the page offers enrolment.
    browser.await("the enrol button", Duration.ofSeconds(30), d -> isShown("enrol"));
    browser.byId("enrol").click();
    browser.await(
        "the enrolled account, verified",
        FINAL_WITHIN,
        d ->
            "yes".equals(browser.byId("account-card").getAttribute("data-enrolled"))
                && "verified".equals(badgeState()));
    assertThat(browser.text("balance")).isEqualTo(amount(START_BALANCE));
    assertThat(browser.text("verify-badge")).matches("✓ Verified at height \\d+");
    assertThat(browser.text("roles")).contains("writer:shared");

    recipient = enrolOutsideTheBrowser();
    String hash = transfer(recipient, FIRST_TRANSFER, "browser test");
    // The row goes PENDING -> INCLUDED -> FINAL; it must end FINAL with its height.
    assertThat(awaitTxStatus(hash, "FINAL")).contains("final at height");
    browser.await(
        "the balance after the transfer",
        FINAL_WITHIN,
        d -> amount(START_BALANCE - FIRST_TRANSFER).equals(browser.text("balance")));
    assertThat(browser.text("nonce")).isEqualTo("1");

    // A transfer the node refuses is shown REJECTED with the reason, at once.
    String refused = transfer("ab".repeat(20), 10, "nobody");
    assertThat(awaitTxStatus(refused, "REJECTED")).contains("UNKNOWN_RECIPIENT");

    // A key-value entry written here is read back with its proof.
    List<String> before = txHashes();
    browser.byId("write-key").sendKeys("greeting");
    browser.byId("write-value").sendKeys("hello, ledger");
    browser.byId("write-submit").click();
    String write =
        browser.await(
            "the write's row",
            Duration.ofSeconds(15),
            d -> txHashes().stream().filter(h -> !before.contains(h)).findFirst().orElse(null));
    awaitTxStatus(write, "FINAL");
    String entry =
        browser.await(
            "the entry read back with a proof",
            FINAL_WITHIN,
            d -> {
              Object text =
                  browser.js(
                      "const r = document.querySelector(\"#kv-list tr[data-key='greeting']\");"
                          + " return r ? r.innerText : null;");
              return text != null && text.toString().contains("✓ h") ? text.toString() : null;
            });
    assertThat(entry).contains("hello, ledger");
    browser.await("nonce 2", FINAL_WITHIN, d -> "2".equals(browser.text("nonce")));
    accountReady = true;
    awaitServiceWorker();
    browser.screenshot(SCREENSHOTS.resolve("main-page.png"));
  }

  @Test
  @Order(2)
  void aTamperedProofIsFlagged() throws Exception {
    needAccount();
    // The node's answers for this account reach the page altered: the client code is unchanged,
    // only what fetch() returns for GET /api/v1/accounts/{address} differs.
    String proof =
        "const p = body.proof; body.proof = p.slice(0, -1) + (p.endsWith('0') ? '1' : '0');";
    String id = tamperAccountAnswers(proof);
    try {
      browser.driver.navigate().refresh();
      browser.await(
          "the verification warning", Duration.ofSeconds(30), d -> "failed".equals(badgeState()));
      assertThat(browser.text("verify-badge")).contains("Verification failed");
      String problems = browser.text("verify-problems");
      assertThat(problems).contains("Merkle proof does not hold");
      assertThat(problems).contains("last verified state");
      // The last verified figures stay; nothing unverified replaces them.
      assertThat(browser.text("balance")).isEqualTo(amount(START_BALANCE - FIRST_TRANSFER));
      browser.screenshot(SCREENSHOTS.resolve("main-page-tampered-proof.png"));
    } finally {
      untamper(id);
    }

    id = tamperAccountAnswers("body.votes = [];");
    try {
      browser.driver.navigate().refresh();
      browser.await(
          "the finality warning", Duration.ofSeconds(30), d -> "failed".equals(badgeState()));
      assertThat(browser.text("verify-problems")).contains("below the 2/3 finality threshold");
    } finally {
      untamper(id);
    }

    browser.driver.navigate().refresh();
    browser.await(
        "verified again with honest answers",
        Duration.ofSeconds(30),
        d -> "verified".equals(badgeState()));
  }

  @Test
  @Order(3)
  void anOfflineReloadStillShowsTheAccount() throws Exception {
    needAccount();
    awaitServiceWorker();
    String height = browser.text("verify-badge").replaceAll("\\D+", "");
    relay.stop();
    browser.driver.navigate().refresh();
    browser.await(
        "the account marked offline", Duration.ofSeconds(30), d -> "offline".equals(badgeState()));
    assertThat(browser.text("verify-badge")).matches("Offline — as of height \\d+");
    assertThat(Long.parseLong(browser.text("verify-badge").replaceAll("\\D+", "")))
        .isGreaterThanOrEqualTo(Long.parseLong(height));
    assertThat(browser.text("address")).isEqualTo(address);
    assertThat(browser.text("balance")).isEqualTo(amount(START_BALANCE - FIRST_TRANSFER));
    assertThat(browser.text("banner")).contains("Offline");
    assertThat(browser.text("conn-text")).isEqualTo("Offline");
    browser.screenshot(SCREENSHOTS.resolve("main-page-offline.png"));
  }

  @Test
  @Order(4)
  void aTransferMadeOfflineBecomesFinalAfterReconnection() throws Exception {
    needAccount();
    if (relay.running()) {
      relay.stop();
      browser.driver.navigate().refresh();
      browser.await("offline", Duration.ofSeconds(30), d -> "offline".equals(badgeState()));
    }
    String hash = transfer(recipient, OFFLINE_TRANSFER, "made offline");
    awaitTxStatus(hash, "QUEUED");
    assertThat(browser.text("outbox-count")).contains("1 waiting to be sent");
    Thread.sleep(2000);
    assertThat(txRow(hash).get("status")).isEqualTo("QUEUED");

    relay.start();
    awaitTxStatus(hash, "FINAL");
    browser.await(
        "the balance after the offline transfer",
        FINAL_WITHIN,
        d ->
            amount(START_BALANCE - FIRST_TRANSFER - OFFLINE_TRANSFER)
                .equals(browser.text("balance")));
    assertThat(badgeState()).isEqualTo("verified");
    assertThat(browser.text("outbox-count")).isEmpty();
    browser.screenshot(SCREENSHOTS.resolve("main-page-after-reconnection.png"));
  }

  @Test
  @Order(5)
  void theOperatorPageShowsHeadModeValidatorsAndIntervals() throws Exception {
    if (!relay.running()) {
      relay.start();
    }
    browser.driver.get(base + "operator.html");
    browser.await(
        "the head height",
        Duration.ofSeconds(30),
        d -> browser.text("head-height").matches("[\\d,]+"));
    browser.await(
        "the interval chart",
        Duration.ofSeconds(60),
        d -> browser.text("interval-stats").contains("intervals"));
    assertThat(browser.text("mode")).isIn("LEADER", "FALLBACK");
    assertThat(browser.text("final-height")).matches("[\\d,]+");
    List<WebElement> validators =
        browser.driver.findElements(By.cssSelector("#validators tbody tr"));
    assertThat(validators).isNotEmpty();
    // The chart is drawn: the canvas has non-blank pixels.
    Object painted =
        browser.js(
            "const c = document.getElementById('interval-chart');"
                + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "let n = 0; for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) n++; }"
                + "return n;");
    assertThat(((Number) painted).longValue()).isGreaterThan(1000);
    browser.screenshot(SCREENSHOTS.resolve("operator-page.png"));
  }

  @Test
  @Order(6)
  void theBackupFileRestoresTheAccount() throws Exception {
    needAccount();
    if (!relay.running()) {
      relay.start();
    }
    browser.driver.get(base);
    browser.await("the account", Duration.ofSeconds(30), d -> "verified".equals(badgeState()));
    Path downloads = Files.createTempDirectory("eris-downloads-");
    try {
      browser.cdp(
          "Page.setDownloadBehavior",
          Map.of("behavior", "allow", "downloadPath", downloads.toString()));
      browser.byId("export-key").click();
      Path file =
          browser.await(
              "the backup file",
              Duration.ofSeconds(30),
              d -> {
                try (Stream<Path> files = Files.list(downloads)) {
                  return files
                      .filter(f -> f.getFileName().toString().endsWith(".json"))
                      .findFirst()
                      .orElse(null);
                } catch (IOException e) {
                  return null;
                }
              });
      // The browser's backup is the key file the Java side reads.
      KeyPair key = KeyFile.read(file);
      assertThat(key.address().toHex()).isEqualTo(address);

      browser.byId("forget-key").click();
      browser.driver.switchTo().alert().accept();
      browser.await("the welcome card", Duration.ofSeconds(30), d -> isShown("create-account"));
      browser.byId("import-file").sendKeys(file.toAbsolutePath().toString());
      browser.await(
          "the restored account, verified",
          Duration.ofSeconds(30),
          d -> "verified".equals(badgeState()) && address.equals(browser.text("address")));
      assertThat(browser.text("balance"))
          .isEqualTo(amount(START_BALANCE - FIRST_TRANSFER - OFFLINE_TRANSFER));
    } finally {
      try (Stream<Path> files = Files.list(downloads)) {
        files.forEach(f -> f.toFile().delete());
      }
      Files.deleteIfExists(downloads);
    }
  }

  // ---------------------------------------------------------------------------------------------

  static void needAccount() {
    Assumptions.assumeTrue(accountReady, "needs the account of createEnrolTransferAndSeeItFinal");
  }

  static boolean isShown(String id) {
    List<WebElement> found = browser.driver.findElements(By.id(id));
    return !found.isEmpty() && found.get(0).isDisplayed();
  }

  static String badgeState() {
    return browser.byId("verify-badge").getAttribute("data-state");
  }

  static String amount(long v) {
    return String.format("%,d", v).replace('\u00a0', ',');
  }

  /** Fills and sends the transfer form; returns the hash of the new tx (the newest row). */
  static String transfer(String to, long amount, String memo) {
    List<String> before = txHashes();
    WebElement toField = browser.byId("transfer-to");
    toField.clear();
    toField.sendKeys(to);
    WebElement amountField = browser.byId("transfer-amount");
    amountField.clear();
    amountField.sendKeys(Long.toString(amount));
    WebElement memoField = browser.byId("transfer-memo");
    memoField.clear();
    memoField.sendKeys(memo);
    browser.byId("transfer-submit").click();
    return browser.await(
        "a new transaction row",
        Duration.ofSeconds(15),
        d -> {
          assertThat(browser.byId("transfer-error").isDisplayed())
              .as("form error: %s", browser.text("transfer-error"))
              .isFalse();
          return txHashes().stream().filter(h -> !before.contains(h)).findFirst().orElse(null);
        });
  }

  /** The hashes of the transaction rows, read in one script (the list is redrawn often). */
  @SuppressWarnings("unchecked")
  static List<String> txHashes() {
    return (List<String>)
        browser.js(
            "return [...document.querySelectorAll('#tx-list .tx')].map(e => e.dataset.hash);");
  }

  /** A transaction row's status and text, read in one script; null when there is no such row. */
  @SuppressWarnings("unchecked")
  static Map<String, String> txRow(String hash) {
    return (Map<String, String>)
        browser.js(
            "const r = document.querySelector(`#tx-list .tx[data-hash='${arguments[0]}']`);"
                + " return r ? {status: r.dataset.status, text: r.innerText} : null;",
            hash);
  }

  /** Waits for the row of the tx to show the status; returns its text. */
  static String awaitTxStatus(String hash, String status) {
    return browser.await(
        "tx " + hash + " " + status,
        FINAL_WITHIN,
        d -> {
          Map<String, String> row = txRow(hash);
          if (row == null) {
            return null;
          }
          String now = row.get("status");
          if (!status.equals(now)) {
            assertThat(now)
                .as("tx %s: %s", hash, row.get("text"))
                .isNotIn("REJECTED", "CONFLICTED", "EXPIRED", "FINAL");
          }
          return status.equals(now) ? row.get("text") : null;
        });
  }

  static void awaitServiceWorker() {
    browser.await(
        "the service worker controlling the page",
        Duration.ofSeconds(30),
        d ->
            Boolean.TRUE.equals(
                browser.js(
                    "return document.documentElement.dataset.sw === 'ready'"
                        + " && navigator.serviceWorker.controller !== null")));
  }

  /**
   * Installs, for every page loaded from now on, a wrapper of fetch() that runs {@code mutation} on
   * the JSON body of GET /api/v1/accounts/{40 hex} answers (variable {@code body}).
   */
  static String tamperAccountAnswers(String mutation) {
    String source =
        "(() => {"
            + " const realFetch = window.fetch.bind(window);"
            + " window.fetch = async (input, init) => {"
            + "  const res = await realFetch(input, init);"
            + "  const url = new URL(input instanceof Request ? input.url : String(input),"
            + "                      location.href);"
            + "  if (!res.ok || !/\\/api\\/v1\\/accounts\\/[0-9a-f]{40}$/.test(url.pathname)) {"
            + "   return res;"
            + "  }"
            + "  const body = await res.json();"
            + "  "
            + mutation
            + "  window.__erisTampered = (window.__erisTampered || 0) + 1;"
            + "  return new Response(JSON.stringify(body), {"
            + "   status: res.status, headers: {'Content-Type': 'application/json'}});"
            + " };"
            + "})();";
    Map<String, Object> r =
        browser.cdp("Page.addScriptToEvaluateOnNewDocument", Map.of("source", source));
    return (String) r.get("identifier");
  }

  static void untamper(String identifier) {
    browser.cdp("Page.removeScriptToEvaluateOnNewDocument", Map.of("identifier", identifier));
  }

  // ---- the node, directly -----------------------------------------------------------------------

  static JsonObject json(String body) {
    try (JsonReader r = Json.createReader(new StringReader(body))) {
      return r.readObject();
    }
  }

  static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(node.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  static void awaitNodeReady() throws InterruptedException {
    long until = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    String last = "no answer";
    while (System.nanoTime() < until) {
      try {
        HttpResponse<String> r = get("health/ready");
        if (r.statusCode() == 200) {
          return;
        }
        last = r.statusCode() + " " + r.body();
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the node at " + node + " is not ready: " + last);
  }

  /** Enrols a fresh key through the node's dev enrolment; returns its address once it exists. */
  static String enrolOutsideTheBrowser() throws Exception {
    byte[] spki =
        KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
    byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
    String publicKey = HexFormat.of().formatHex(raw);
    String addr =
        HexFormat.of()
            .formatHex(Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(raw), 20));
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(node.resolve("api/v1/enrol"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"publicKey\":\"" + publicKey + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as("POST /api/v1/enrol: %s", r.body()).isEqualTo(202);
    assertThat(json(r.body()).getString("address")).isEqualTo(addr);
    long until = System.nanoTime() + FINAL_WITHIN.toNanos();
    while (System.nanoTime() < until) {
      HttpResponse<String> a = get("api/v1/accounts/" + addr);
      if (a.statusCode() == 200 && !json(a.body()).isNull("account")) {
        return addr;
      }
      Thread.sleep(300);
    }
    throw new AssertionError("the recipient " + addr + " was not enrolled within " + FINAL_WITHIN);
  }
}
