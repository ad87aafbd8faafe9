package io.eris.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.eris.core.crypto.Address;
import io.eris.core.crypto.PublicKey;
import io.eris.core.ledger.AccountState;
import io.eris.core.ledger.StateKeys;
import io.eris.core.model.BlockHeader;
import io.eris.core.model.Genesis;
import io.eris.core.model.Vote;
import io.eris.core.state.StateProof;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The light WAR, as built, deployed at {@code /light} in the same Payara domain as the real node,
 * configured with two nodes — one that does not exist, then the node — and the chain id of the test
 * genesis. Reads through it are verified against the node's real headers, proofs and votes, and
 * checked again here with the core.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LightIT {
  private static final HexFormat HEX = HexFormat.of();

  @Deployment(name = TestNode.APP_NAME, order = 1, testable = false)
  static EnterpriseArchive node() {
    return TestNode.ear();
  }

  @Deployment(name = "light", order = 2, testable = false)
  static WebArchive light() throws IOException {
    File built =
        new File(System.getProperty("eris.it.light.war", "../light/target/eris-light.war"));
    if (!built.isFile()) {
      throw new IllegalStateException(built + " is missing: build it with mvn -pl light package");
    }
    String config =
        "eris.light.nodes=down=http://127.0.0.1:"
            + unusedPort()
            + ",node=http://127.0.0.1:"
            + TestNode.setting("httpPort")
            + "\neris.light.genesis.hash="
            + genesis().chainId().toHex()
            + "\neris.light.probe.interval.ms=2000\neris.light.backoff.ms=2000\n";
    // Named light.war: deployed at /light, next to the node's "/".
    return ShrinkWrap.create(WebArchive.class, "light.war")
        .merge(ShrinkWrap.createFromZipFile(WebArchive.class, built))
        .addAsResource(new StringAsset(config), "META-INF/microprofile-config.properties");
  }

  private static Genesis genesis() throws IOException {
    return Genesis.fromJson(Files.readString(Path.of(TestNode.setting("genesis.file"))));
  }

  private static int unusedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** A GET through the light service that answers 200, waiting while the node starts. */
  private static TestNode.Answer light(String path) {
    AtomicReference<TestNode.Answer> last = new AtomicReference<>();
    try {
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                last.set(TestNode.tryGet("/light/api/v1/" + path));
                return last.get() != null && last.get().status() == 200;
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("no verified answer to " + path + "; last: " + last.get(), e);
    }
    return last.get();
  }

  @Test
  @Order(1)
  void anAccountReadThroughTheLightServiceVerifiesAgainstTheNode() throws Exception {
    NodeIT.awaitReady(Duration.ofMinutes(4));
    Genesis genesis = genesis();
    PublicKey leader = genesis.leaderKey();
    Address address = leader.address();
    // A block after genesis is final, so the answer carries votes, not just block 0.
    await()
        .atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> TestNode.head().getJsonNumber("finalHeight").longValue() >= 1);

    JsonObject a = light("accounts/" + address.toHex()).json();
    assertThat(a.getBoolean("stale")).isFalse();
    assertThat(a.getJsonObject("verifiedBy").getString("node")).isEqualTo("node");
    assertThat(a.getString("address")).isEqualTo(address.toHex());
    assertThat(a.getJsonObject("account").getString("publicKey")).isEqualTo(leader.toHex());
    long height = a.getJsonNumber("height").longValue();
    assertThat(height).isGreaterThanOrEqualTo(1);

    // The header is the node's block at that height, final.
    JsonObject block = TestNode.get("/api/v1/blocks/" + height).json();
    assertThat(block.getString("hash")).isEqualTo(a.getString("blockHash"));
    assertThat(block.getBoolean("final")).isTrue();

    // And everything checks out again here, with the core: proof, value, votes.
    BlockHeader header = BlockHeader.decode(HEX.parseHex(a.getString("header")));
    assertThat(header.hash().toHex()).isEqualTo(a.getString("blockHash"));
    assertThat(header.chainId()).isEqualTo(genesis.chainId());
    byte[] value = HEX.parseHex(a.getString("value"));
    assertThat(
            StateProof.decode(HEX.parseHex(a.getString("proof")))
                .verify(header.stateRoot(), StateKeys.account(address), value))
        .isTrue();
    assertThat(AccountState.decode(value).publicKey()).isEqualTo(leader);
    assertThat(a.getJsonArray("votes")).isNotEmpty();
    long stake = 0;
    for (JsonString v : a.getJsonArray("votes").getValuesAs(JsonString.class)) {
      Vote vote = Vote.decode(HEX.parseHex(v.getString()));
      assertThat(vote.verifySignature()).isTrue();
      assertThat(vote.blockHash()).isEqualTo(header.hash());
      stake +=
          genesis.validators().stream()
              .filter(g -> g.key().equals(vote.voter()))
              .mapToLong(Genesis.Validator::stake)
              .sum();
    }
    assertThat(stake * genesis.finalityDenominator())
        .isGreaterThanOrEqualTo(genesis.totalStake() * genesis.finalityNumerator());
  }

  @Test
  @Order(2)
  void theHeadAndGenesisAreTheNodesFinalOnesAndTheDeadNodeIsBackedOff() throws Exception {
    JsonObject head = light("head").json();
    long h = head.getJsonNumber("finalHeight").longValue();
    assertThat(TestNode.head().getJsonNumber("finalHeight").longValue()).isGreaterThanOrEqualTo(h);
    assertThat(TestNode.get("/api/v1/blocks/" + h).json().getString("hash"))
        .isEqualTo(head.getString("finalHash"));
    assertThat(light("genesis").json().getString("chainId")).isEqualTo(genesis().chainId().toHex());

    JsonObject status = light("light").json();
    assertThat(status.getBoolean("ready")).isTrue();
    assertThat(status.getJsonArray("nodes").getJsonObject(0).getString("name")).isEqualTo("down");
    assertThat(status.getJsonArray("nodes").getJsonObject(1).getBoolean("genesisChecked")).isTrue();
  }

  @Test
  @Order(3)
  void badInputIsAProblemWithAStableCode() throws Exception {
    TestNode.Answer bad = TestNode.get("/light/api/v1/accounts/not-an-address");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().getString("code")).isEqualTo("BAD_ADDRESS");
    TestNode.Answer key = TestNode.get("/light/api/v1/kv/shared/xyz");
    assertThat(key.json().getString("code")).isEqualTo("BAD_KEY");
  }
}
