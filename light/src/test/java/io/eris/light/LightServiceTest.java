package io.eris.light;

import static io.eris.light.TestChain.ALICE;
import static io.eris.light.TestChain.BOB;
import static io.eris.light.TestChain.OUTSIDER;
import static io.eris.light.TestChain.V1;
import static io.eris.light.TestChain.V2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eris.core.crypto.Hash;
import io.eris.core.ledger.AccountState;
import io.eris.core.ledger.StateKeys;
import io.eris.core.model.Vote;
import io.eris.core.state.StateChange;
import io.eris.light.service.LightAnswer;
import io.eris.light.service.LightService;
import io.eris.light.service.LightSettings;
import io.eris.light.service.ProblemException;
import io.eris.light.service.TxForward;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The light service against three fake full nodes over real HTTP, serving a real chain built with
 * the core. Time is the test's: back-off, cache TTL and readiness move only when it says.
 */
class LightServiceTest {
  private static final HexFormat HEX = HexFormat.of();

  private final AtomicLong now = new AtomicLong(1_000_000);
  private TestChain chain;
  private FakeNode n1;
  private FakeNode n2;
  private FakeNode n3;

  @BeforeEach
  void start() throws Exception {
    chain = new TestChain("eris-light-test").withFirstBlock();
    n1 = new FakeNode(chain);
    n2 = new FakeNode(chain);
    n3 = new FakeNode(chain);
  }

  @AfterEach
  void stop() {
    n1.close();
    n2.close();
    n3.close();
  }

  private LightService service(String... extra) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put(LightSettings.NODES, n1.url() + ", " + n2.url() + "/," + n3.url());
    s.put(LightSettings.GENESIS_HASH, chain.chainId.toHex());
    s.put(LightSettings.REQUEST_TIMEOUT_MS, "10000");
    for (int i = 0; i < extra.length; i += 2) {
      s.put(extra[i], extra[i + 1]);
    }
    return new LightService(LightSettings.from(name -> Optional.ofNullable(s.get(name))), now::get);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> body(LightAnswer a) {
    return (Map<String, Object>) a.body();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> member(Map<String, Object> m, String name) {
    return (Map<String, Object>) m.get(name);
  }

  private static ProblemException problem(Runnable call) {
    try {
      call.run();
    } catch (ProblemException e) {
      return e;
    }
    throw new AssertionError("expected a problem");
  }

  @SuppressWarnings("unchecked")
  private static List<String> nodeCodes(ProblemException e) {
    List<String> codes = new ArrayList<>();
    for (Map<String, Object> n : (List<Map<String, Object>>) e.extra().get("nodes")) {
      codes.add(n.get("node") + ":" + n.get("code"));
    }
    return codes;
  }

  @Test
  void aGoodAnswerIsVerifiedAndRebuiltFromVerifiedData() {
    LightAnswer a = service().account(ALICE.address().toHex());
    Map<String, Object> m = body(a);
    assertThat(a.stale()).isFalse();
    assertThat(a.node()).isEqualTo("node1");
    assertThat(m.get("height")).isEqualTo(1L);
    assertThat(m.get("blockHash")).isEqualTo(chain.head().hash().toHex());
    assertThat(m.get("header")).isEqualTo(HEX.formatHex(chain.head().encode()));
    assertThat(m.get("stateKey")).isEqualTo(HEX.formatHex(StateKeys.account(ALICE.address())));
    assertThat(member(m, "account"))
        .containsEntry("balance", 900L)
        .containsEntry("nonce", 1L)
        .containsEntry("publicKey", ALICE.publicKey().toHex());
    assertThat((List<?>) m.get("votes")).hasSize(3);
    assertThat(member(m, "verifiedBy")).containsEntry("node", "node1").containsEntry("height", 1L);
    assertThat(m.get("stale")).isEqualTo(false);
    assertThat(n1.reads.get()).isEqualTo(1);
    assertThat(n2.requests.get()).isZero();
  }

  @Test
  void keyValueEntriesAndTheirAbsenceAreVerified() {
    LightService light = service();
    Map<String, Object> hit = body(light.kv("shared", "6b31"));
    assertThat(hit.get("value")).isEqualTo(HEX.formatHex(TestChain.bytes("hello")));
    assertThat(hit).containsEntry("namespace", "shared").containsEntry("key", "6b31");
    Map<String, Object> miss = body(light.kv("shared", "6b32"));
    assertThat(miss.get("value")).isNull();
    assertThat(miss.get("height")).isEqualTo(1L);
    Map<String, Object> nobody = body(light.account(OUTSIDER.address().toHex()));
    assertThat(nobody.get("account")).isNull();
  }

  @Test
  void aTamperedValueIsRejectedAndTheNextNodeAnswers() {
    n1.tamper =
        m -> {
          m.put("value", HEX.formatHex(TestChain.bytes("forged")));
          return m;
        };
    LightService light = service();
    LightAnswer a = light.kv("shared", "6b31");
    assertThat(a.node()).isEqualTo("node2");
    assertThat(body(a).get("value")).isEqualTo(HEX.formatHex(TestChain.bytes("hello")));
    assertThat(n1.reads.get()).isEqualTo(1);
    assertThat(light.status().get("nodes").toString()).contains("name=node1, backedOffMs=10000");
  }

  @Test
  void aTamperedBalanceCannotPassAsTheVerifiedAccount() {
    // A node that sends a richer Alice, with the value re-encoded to match: the proof fails.
    n1.tamper =
        m -> {
          byte[] value = HEX.parseHex((String) m.get("value"));
          var forged = AccountState.decode(value).withBalance(1_000_000_000);
          m.put("value", HEX.formatHex(forged.encode()));
          return m;
        };
    Map<String, Object> m = body(service().account(ALICE.address().toHex()));
    assertThat(member(m, "verifiedBy")).containsEntry("node", "node2");
    assertThat(member(m, "account")).containsEntry("balance", 900L);
  }

  @Test
  void aTamperedProofIsRejected() {
    n1.tamper =
        m -> {
          byte[] proof = HEX.parseHex((String) m.get("proof"));
          proof[proof.length - 1] ^= 1;
          m.put("proof", HEX.formatHex(proof));
          return m;
        };
    n2.tamper =
        m -> {
          m.put("proof", "zz");
          return m;
        };
    LightAnswer a = service().account(BOB.address().toHex());
    assertThat(a.node()).isEqualTo("node3");
    n3.close();
    ProblemException e = problem(() -> service().account(BOB.address().toHex()));
    assertThat(nodeCodes(e)).containsExactly("node1:PROOF", "node2:MALFORMED", "node3:UNREACHABLE");
  }

  @Test
  void forgedVotesDoNotMakeABlockFinal() {
    // Votes for the right block by a key outside the genesis set, and a validator's vote whose
    // signature was altered.
    n1.tamper =
        m -> {
          Vote good = chain.headVotes().get(0);
          byte[] broken = good.encode();
          broken[broken.length - 1] ^= 1;
          Vote outsider = Vote.sign(OUTSIDER, chain.chainId, 1, chain.head().hash());
          Vote v2 = Vote.sign(V2, chain.chainId, 1, chain.head().hash());
          m.put(
              "votes",
              List.of(
                  HEX.formatHex(outsider.encode()),
                  HEX.formatHex(broken),
                  HEX.formatHex(v2.encode())));
          return m;
        };
    n2.close();
    n3.close();
    ProblemException e = problem(() -> service().account(ALICE.address().toHex()));
    assertThat(e.status()).isEqualTo(502);
    assertThat(e.code()).isEqualTo("NO_VERIFIED_ANSWER");
    assertThat(nodeCodes(e)).first().isEqualTo("node1:FINALITY");
    @SuppressWarnings("unchecked")
    var first = ((List<Map<String, Object>>) e.extra().get("nodes")).get(0);
    assertThat((String) first.get("detail"))
        .contains("100 of 300")
        .contains("BAD_SIGNATURE=1")
        .contains("UNKNOWN_VOTER=1");
  }

  @Test
  void tooFewOrRepeatedVotesAreNotFinalButTwoThirdsAre() {
    List<Vote> all = chain.headVotes();
    n1.tamper = keepVotes(List.of(all.get(0)));
    n2.tamper = keepVotes(List.of(all.get(1), all.get(1), all.get(1)));
    n3.tamper = keepVotes(List.of(all.get(0), all.get(2)));
    LightAnswer a = service().account(ALICE.address().toHex());
    assertThat(a.node()).isEqualTo("node3");
    assertThat((List<?>) body(a).get("votes")).hasSize(2);

    n3.tamper = keepVotes(List.of());
    ProblemException e = problem(() -> service().account(BOB.address().toHex()));
    assertThat(nodeCodes(e)).containsExactly("node1:FINALITY", "node2:FINALITY", "node3:FINALITY");
  }

  private static java.util.function.UnaryOperator<Map<String, Object>> keepVotes(List<Vote> votes) {
    return m -> {
      m.put("votes", votes.stream().map(v -> HEX.formatHex(v.encode())).toList());
      return m;
    };
  }

  @Test
  void votesForAnotherBlockOrAWrongHeaderAreRejected() {
    Vote other = Vote.sign(V1, chain.chainId, 1, Hash.sha256(new byte[1]));
    n1.tamper =
        m -> {
          m.put("votes", List.of(HEX.formatHex(other.encode())));
          return m;
        };
    n2.tamper =
        m -> {
          m.put("blockHash", "00".repeat(32));
          return m;
        };
    n3.tamper =
        m -> {
          m.put("height", 7L);
          return m;
        };
    ProblemException e = problem(() -> service().account(ALICE.address().toHex()));
    assertThat(nodeCodes(e)).containsExactly("node1:FINALITY", "node2:HEADER_HASH", "node3:HEIGHT");
  }

  @Test
  void aNodeOfAnotherChainIsRefusedOnItsGenesis() {
    n1.chain = new TestChain("another-chain").withFirstBlock();
    LightAnswer a = service().account(ALICE.address().toHex());
    assertThat(a.node()).isEqualTo("node2");
    assertThat(n1.reads.get()).as("never asked for state").isZero();

    n2.chain = n1.chain;
    n3.chain = n1.chain;
    ProblemException e = problem(() -> service().head());
    assertThat(nodeCodes(e))
        .containsExactly("node1:WRONG_GENESIS", "node2:WRONG_GENESIS", "node3:WRONG_GENESIS");
  }

  @Test
  void aHeaderOfAnotherChainIsRefusedEvenFromAGoodGenesis() {
    TestChain other = new TestChain("another-chain").withFirstBlock();
    n1.tamper = m -> other.accountView(ALICE.address());
    LightAnswer a = service().account(ALICE.address().toHex());
    assertThat(a.node()).isEqualTo("node2");
    n2.close();
    n3.close();
    now.addAndGet(60_000);
    ProblemException e = problem(() -> service().account(BOB.address().toHex()));
    assertThat(nodeCodes(e)).first().isEqualTo("node1:WRONG_CHAIN");
  }

  @Test
  void aDownNodeIsSkippedForTheBackOffThenTriedAgain() {
    n1.status = 503;
    LightService light = service(LightSettings.CACHE_TTL_MS, "0");
    assertThat(light.account(ALICE.address().toHex()).node()).isEqualTo("node2");
    int asked = n1.requests.get();
    assertThat(light.account(ALICE.address().toHex()).node()).isEqualTo("node2");
    assertThat(n1.requests.get()).as("in back-off: not asked").isEqualTo(asked);

    n1.status = 200;
    now.addAndGet(10_001);
    assertThat(light.account(ALICE.address().toHex()).node()).isEqualTo("node1");
  }

  @Test
  void aClosedOrSlowFirstNodeFailsOver() {
    n1.close();
    n2.delayMs = 60_000;
    LightService light = service(LightSettings.REQUEST_TIMEOUT_MS, "2000");
    LightAnswer a = light.account(ALICE.address().toHex());
    assertThat(a.node()).isEqualTo("node3");
    assertThat(light.status().get("nodes").toString())
        .contains("name=node1, backedOffMs=10000")
        .contains("name=node2, backedOffMs=10000")
        .contains("name=node3, backedOffMs=0");
  }

  @Test
  void whenNoNodeVerifiesACachedAnswerIsServedMarkedStale() {
    LightService light = service();
    light.account(ALICE.address().toHex());
    n1.close();
    n2.close();
    n3.close();
    now.addAndGet(60_000);
    LightAnswer a = light.account(ALICE.address().toHex());
    assertThat(a.stale()).isTrue();
    Map<String, Object> m = body(a);
    assertThat(m.get("stale")).isEqualTo(true);
    assertThat(member(m, "verifiedBy"))
        .containsEntry("node", "node1")
        .containsEntry("height", 1L)
        .containsEntry("at", 1_000_000L);
    assertThat(member(m, "account")).containsEntry("balance", 900L);

    ProblemException e = problem(() -> light.account(BOB.address().toHex()));
    assertThat(e.status()).isEqualTo(502);
    assertThat(e.code()).isEqualTo("NO_VERIFIED_ANSWER");
    assertThat(nodeCodes(e))
        .containsExactly("node1:BACKED_OFF", "node2:BACKED_OFF", "node3:BACKED_OFF");

    now.addAndGet(600_001);
    ProblemException old = problem(() -> light.account(ALICE.address().toHex()));
    assertThat(old.code()).as("past the stale limit").isEqualTo("NO_VERIFIED_ANSWER");
    assertThat(nodeCodes(old))
        .containsExactly("node1:UNREACHABLE", "node2:UNREACHABLE", "node3:UNREACHABLE");
  }

  @Test
  void theCacheAnswersWithinItsTtlUntilANewerFinalBlockIsSeen() {
    LightService light = service();
    light.account(ALICE.address().toHex());
    assertThat(light.account(ALICE.address().toHex()).stale()).isFalse();
    assertThat(n1.reads.get()).as("second read from the cache").isEqualTo(1);

    chain.commit(
        List.of(StateChange.put(StateKeys.kv("shared", HEX.parseHex("6b32")), new byte[] {1})));
    assertThat(body(light.kv("shared", "6b32")).get("height")).isEqualTo(2L);
    Map<String, Object> m = body(light.account(ALICE.address().toHex()));
    assertThat(m.get("height")).as("height 2 seen: refreshed").isEqualTo(2L);
    assertThat(n1.reads.get()).isEqualTo(3);

    now.addAndGet(2_000);
    light.account(ALICE.address().toHex());
    assertThat(n1.reads.get()).as("TTL over: refreshed").isEqualTo(4);
  }

  @Test
  void theCacheNeverHoldsWhatDidNotVerify() {
    n1.tamper = keepVotes(List.of());
    n2.tamper = keepVotes(List.of());
    n3.tamper = keepVotes(List.of());
    LightService light = service();
    problem(() -> light.account(ALICE.address().toHex()));
    assertThat(light.status().get("cacheEntries")).isEqualTo(0);
  }

  @Test
  void theHeadIsTheNewestFinalBlockProvedByVotes() {
    Map<String, Object> head = body(service().head());
    assertThat(head.get("height")).isEqualTo(1L);
    assertThat(head.get("finalHeight")).isEqualTo(1L);
    assertThat(head.get("hash")).isEqualTo(chain.head().hash().toHex());
    assertThat(head.get("finalHash")).isEqualTo(chain.head().hash().toHex());
    assertThat(head.get("chainId")).isEqualTo(chain.chainId.toHex());
    assertThat(head.get("mode")).isEqualTo("LEADER");
    assertThat((List<?>) head.get("votes")).hasSize(3);
  }

  @Test
  void theGenesisBlockIsFinalWithoutVotes() {
    TestChain fresh = new TestChain("eris-light-test");
    n1.chain = fresh;
    Map<String, Object> head = body(service().head());
    assertThat(head.get("height")).isEqualTo(0L);
    assertThat(head.get("hash")).isEqualTo(fresh.head().hash().toHex());
    assertThat((List<?>) head.get("votes")).isEmpty();
  }

  @Test
  void genesisAndValidatorsComeFromTheTrustedGenesis() {
    LightService light = service();
    Map<String, Object> g = body(light.genesis());
    assertThat(g.get("chainId")).isEqualTo(chain.chainId.toHex());
    assertThat(g.get("chainName")).isEqualTo("eris-light-test");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> before = (List<Map<String, Object>>) light.validators().body();
    assertThat(before).hasSize(3).allSatisfy(v -> assertThat(v.get("lastVoteHeight")).isNull());
    light.account(ALICE.address().toHex());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> after = (List<Map<String, Object>>) light.validators().body();
    assertThat(after).extracting(v -> v.get("lastVoteHeight")).containsExactly(1L, 1L, 1L);
    assertThat(after).extracting(v -> v.get("address")).contains(V1.address().toHex());
  }

  @Test
  void badInputIsRefusedWithStableCodesBeforeAnyNodeIsAsked() {
    LightService light = service();
    assertThat(problem(() -> light.account("xyz")).code()).isEqualTo("BAD_ADDRESS");
    assertThat(problem(() -> light.account(ALICE.address().toHex().toUpperCase())).status())
        .isEqualTo(400);
    assertThat(problem(() -> light.kv("shared", "6b3")).code()).isEqualTo("BAD_KEY");
    assertThat(problem(() -> light.kv("shared", "6B31")).code()).isEqualTo("BAD_KEY");
    assertThat(problem(() -> light.kv("n".repeat(65), "6b31")).code()).isEqualTo("BAD_NAMESPACE");
    assertThat(n1.requests.get() + n2.requests.get() + n3.requests.get()).isZero();
  }

  @Test
  void transactionsAreForwardedAsTheyAreToTheFirstNodeThatAnswers() {
    n1.close();
    n2.status = 503;
    byte[] tx = {1, 2, 3};
    TxForward f = service().submit("application/octet-stream", tx);
    assertThat(f.node()).isEqualTo("node3");
    assertThat(f.response().status()).isEqualTo(202);
    assertThat(n3.posted).singleElement().isEqualTo(tx);
    n3.close();
    assertThatThrownBy(() -> service().submit("application/octet-stream", tx))
        .isInstanceOfSatisfying(
            ProblemException.class, e -> assertThat(e.code()).isEqualTo("NO_NODE_AVAILABLE"));
  }

  @Test
  void readyOnlyWhileVerifiedAnswersAreRecent() {
    LightService light = service(LightSettings.READY_WITHIN_MS, "5000");
    assertThat(light.readiness().up()).isFalse();
    light.probe();
    assertThat(light.readiness().up()).isTrue();
    assertThat(light.readiness().lastNode()).isEqualTo("node1");
    now.addAndGet(5_001);
    assertThat(light.readiness().up()).isFalse();
    n1.tamper = keepVotes(List.of());
    n2.tamper = keepVotes(List.of());
    n3.tamper = keepVotes(List.of());
    light.probe();
    assertThat(light.readiness().up()).as("only unverifiable answers").isFalse();
  }
}
