package io.eris.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A node that cannot start says why, once: a corrupt genesis file or an unreachable database gives
 * either a failed deployment whose message names the problem, or a deployed application whose
 * readiness is DOWN naming it, and in both cases no stream of repeated stack traces.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class StartupFailureIT {
  private static final Pattern STACK_TRACE_LINE = Pattern.compile("(?m)^\\s+at [\\w$.]+\\(");

  /** A static page: deploying it makes the managed container start the domain. */
  private static final String PROBE = "startup-probe";

  @ArquillianResource Deployer deployer;

  private boolean deployed;

  @Deployment(name = TestNode.APP_NAME, managed = false, testable = false)
  static EnterpriseArchive deployment() {
    return TestNode.ear();
  }

  @Deployment(name = PROBE, managed = false, testable = false)
  static WebArchive probe() {
    return ShrinkWrap.create(WebArchive.class, PROBE + ".war")
        .addAsWebResource(new StringAsset("probe"), "index.html");
  }

  /**
   * The 2.5 Payara adapter starts its domain on the first deployment; these tests change the
   * domain's configuration before deploying, so they make sure it runs first.
   */
  @BeforeEach
  void domainRunning() {
    deployer.deploy(PROBE);
    deployer.undeploy(PROBE);
  }

  @AfterEach
  void undeploy() {
    if (deployed) {
      deployer.undeploy(TestNode.APP_NAME);
      deployed = false;
    }
  }

  @Test
  void corruptGenesisFileIsReportedClearly() throws Exception {
    String good = TestNode.setting("genesis.file");
    Path corrupt = Files.createTempFile("eris-corrupt-genesis-", ".json");
    Files.writeString(corrupt, "{\"chainName\": \"eris-dev\", \"t\": oops", StandardCharsets.UTF_8);
    TestNode.asadmin(
        "create-system-properties",
        "eris.genesis.file=" + TestNode.asadminValue(corrupt.toString()));
    try {
      expectClearStartupError("genesis");
    } finally {
      TestNode.asadmin(
          "create-system-properties", "eris.genesis.file=" + TestNode.asadminValue(good));
      Files.deleteIfExists(corrupt);
    }
  }

  @Test
  void unreachableDatabaseIsReportedClearly() throws Exception {
    String pool = "resources.jdbc-connection-pool.eris-pool.property.URL";
    String good = TestNode.setting("db.url");
    // Port 1 on the loopback address: nothing listens there, the connection is refused.
    String unreachable = good.replaceFirst("//[^/]+/", "//127.0.0.1:1/");
    TestNode.asadmin("set", pool + "=" + unreachable);
    TestNode.asadmin("flush-connection-pool", "eris-pool");
    try {
      expectClearStartupError("database");
    } finally {
      TestNode.asadmin("set", pool + "=" + good);
      TestNode.asadmin("flush-connection-pool", "eris-pool");
    }
  }

  /**
   * Deploys the EAR and expects it to explain the problem ({@code topic} must appear in the
   * deployment error or in the readiness answer), without a loop of stack traces in the log.
   */
  private void expectClearStartupError(String topic) throws Exception {
    long logFrom = TestNode.serverLogSize();
    String deployError = null;
    try {
      deployer.deploy(TestNode.APP_NAME);
      deployed = true;
    } catch (RuntimeException e) {
      deployError = messages(e);
      deployed = false;
    }

    if (deployError != null) {
      assertThat(deployError.toLowerCase(Locale.ROOT))
          .as("the deployment failed; its message must name the %s problem", topic)
          .contains(topic);
    } else {
      // Deployed: it must stay not-ready and say why.
      AtomicReference<TestNode.Answer> ready = new AtomicReference<>();
      await()
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                ready.set(TestNode.tryGet("/health/ready"));
                return ready.get() != null && ready.get().status() != 404;
              });
      // Give a misbehaving node time to come up anyway (it must not).
      Thread.sleep(3_000);
      TestNode.Answer answer = TestNode.get("/health/ready");
      assertThat(answer.status())
          .as("readiness with a %s problem: %s", topic, answer)
          .isEqualTo(503);
      assertThat(answer.body().toLowerCase(Locale.ROOT))
          .as("the readiness answer must name the %s problem", topic)
          .contains("down")
          .contains(topic);
    }

    // Not a stack trace loop: after start-up the log stops growing with stack traces (a
    // loop at T = 250 ms would add thousands of "at ..." lines in 5 s; one late trace is
    // well under the bound).
    int early = stackTraceLines(TestNode.serverLogSince(logFrom));
    Thread.sleep(5_000);
    int late = stackTraceLines(TestNode.serverLogSince(logFrom));
    assertThat(late - early)
        .as("stack trace lines logged during 5 s after a failed start (%d before); a loop?", early)
        .isLessThanOrEqualTo(150);
  }

  private static int stackTraceLines(String log) {
    Matcher m = STACK_TRACE_LINE.matcher(log);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  private static String messages(Throwable e) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      sb.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
    }
    return sb.toString();
  }
}
