package io.eris.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real EAR on a managed Payara domain with PostgreSQL and an Artemis broker: a single leader
 * node produces heartbeat blocks, stores them, receives them back over JMS, and resumes from its
 * stored head after a restart.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeIT {

  @Deployment(name = TestNode.APP_NAME, testable = false)
  static EnterpriseArchive deployment() {
    return TestNode.ear();
  }

  /** Ready (database and broker answer, node running) within the first deployment's time. */
  static void awaitReady(Duration within) {
    AtomicReference<TestNode.Answer> last = new AtomicReference<>();
    try {
      await()
          .atMost(within)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                last.set(TestNode.tryGet("/health/ready"));
                return last.get() != null && last.get().status() == 200;
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("node not ready within " + within + "; last answer: " + last, e);
    }
  }

  @Test
  @Order(1)
  void becomesReadyAndLive() throws Exception {
    awaitReady(Duration.ofMinutes(3));
    assertThat(TestNode.get("/health/live").status()).isEqualTo(200);
  }

  @Test
  @Order(2)
  void blocksAdvance() throws Exception {
    awaitReady(Duration.ofMinutes(2));
    JsonObject head = TestNode.head();
    long h0 = head.getJsonNumber("height").longValue();
    assertThat(head.getString("mode")).isEqualTo("LEADER");
    assertThat(head.getString("hash")).matches("[0-9a-f]{64}");
    // Heartbeat blocks every T (250 ms in tests): five more within 30 s even on a busy machine.
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> TestNode.height() >= h0 + 5);
    JsonObject later = TestNode.head();
    assertThat(later.getString("hash")).isNotEqualTo(head.getString("hash"));
    assertThat(later.getJsonNumber("finalHeight").longValue()).isGreaterThanOrEqualTo(0);
  }

  @Test
  @Order(3)
  void blockByHeightMatchesTheHead() throws Exception {
    JsonObject head = TestNode.head();
    long h = head.getJsonNumber("height").longValue();
    TestNode.Answer block = TestNode.get("/api/v1/blocks/" + h);
    assertThat(block.status()).as("GET /api/v1/blocks/%d: %s", h, block).isEqualTo(200);
    assertThat(block.body()).contains(head.getString("hash"));
    TestNode.Answer missing = TestNode.get("/api/v1/blocks/" + (h + 1_000_000));
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body()).contains("\"status\"");
  }

  @Test
  @Order(4)
  void blocksAreStoredInPostgres() throws Exception {
    JsonObject head = TestNode.head();
    long h = head.getJsonNumber("height").longValue();
    String hash = head.getString("hash");
    try (Connection c = TestNode.database()) {
      try (PreparedStatement ps =
          c.prepareStatement("SELECT count(*) FROM block WHERE height = ? AND hash = ?")) {
        ps.setLong(1, h);
        ps.setString(2, hash);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          assertThat(rs.getLong(1)).as("the head block %d %s in table block", h, hash).isEqualTo(1);
        }
      }
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT max(height), count(DISTINCT height) FROM block")) {
        rs.next();
        assertThat(rs.getLong(1)).isGreaterThanOrEqualTo(h);
        // Every height from 1 to the head is stored (the genesis may or may not be a row).
        assertThat(rs.getLong(2)).isGreaterThanOrEqualTo(h);
      }
    }
  }

  @Test
  @Order(5)
  void blocksArriveOverJms() throws Exception {
    long n0 = blocksReceivedOverJms();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> blocksReceivedOverJms() >= n0 + 3);
    assertThat(blocksReceivedOverJms()).isGreaterThan(0);
  }

  private static long blocksReceivedOverJms() throws Exception {
    TestNode.Answer a = TestNode.get("/api/v1/node");
    assertThat(a.status()).as("GET /api/v1/node: %s", a).isEqualTo(200);
    return a.json().getJsonNumber("blocksReceivedOverJms").longValue();
  }

  @Test
  @Order(6)
  void restartResumesFromTheStoredHead() throws Exception {
    long before = TestNode.height();
    assertThat(before).isGreaterThan(0);
    TestNode.asadmin("restart-domain", TestNode.setting("domain"));

    // The first head the restarted node reports is the stored one (or later), never zero.
    AtomicLong first = new AtomicLong(-1);
    await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              TestNode.Answer a = TestNode.tryGet("/api/v1/head");
              if (a != null && a.status() == 200) {
                first.set(a.json().getJsonNumber("height").longValue());
                return true;
              }
              return false;
            });
    assertThat(first.get())
        .as("first height after the restart (before: %d)", before)
        .isGreaterThanOrEqualTo(before);

    awaitReady(Duration.ofMinutes(2));
    long resumed = TestNode.height();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> TestNode.height() >= resumed + 3);
    try (Connection c = TestNode.database();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM block WHERE height = 1")) {
      rs.next();
      assertThat(rs.getLong(1))
          .as("one block at height 1: the chain did not start over")
          .isEqualTo(1);
    }
  }
}
