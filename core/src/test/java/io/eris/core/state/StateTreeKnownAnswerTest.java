package io.eris.core.state;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.eris.core.crypto.Hash;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Roots, proofs and node encodings worked out from the specification, not from the tree. The hex
 * constants come from an independent implementation (Python hashlib) and are the test vectors the
 * browser verifier must pass too.
 */
class StateTreeKnownAnswerTest {
  private static final HexFormat HEX = HexFormat.of();

  private static final String LEAF_A1 =
      "565388d4bc00257133f799d9366ac97f6e949c18acc53d17457f8859ba0f08d3";
  private static final String ROOT_AB =
      "70a50295110313dd28320faccbee14d04dc2894e877a2e407115a2f337ed4efa";
  private static final String ROOT_BC =
      "4b5e5b4885a797d155a82f66fa0dec93706f71f6fb2ae779d42b4c04dfc630de";
  private static final String LEAF_B2 =
      "9a958649c9e8e0668b509754fd662e5e68b0a04c203a6fb7ebaf19a65d1e3e1d";
  private static final String ZERO = "00".repeat(32);

  private final InMemoryTreeNodeStore store = new InMemoryTreeNodeStore();

  private static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }

  private static Hash leaf(String key, String value) {
    return Hash.sha256(
        new byte[] {0x00}, Hash.sha256(b(key)).toBytes(), Hash.sha256(b(value)).toBytes());
  }

  private static Hash internal(Hash left, Hash right) {
    return Hash.sha256(new byte[] {0x01}, left.toBytes(), right.toBytes());
  }

  private Hash rootOf(StateChange... changes) {
    UpdateResult result = StateTree.apply(store, Hash.ZERO, List.of(changes));
    store.putAll(result.newNodes());
    return result.root();
  }

  @Test
  void emptyTreeHasTheZeroRoot() {
    assertThat(rootOf()).isEqualTo(Hash.ZERO);
  }

  @Test
  void oneKeyTreeIsItsLeaf() {
    Hash expected = leaf("a", "1");
    assertThat(expected.toHex()).isEqualTo(LEAF_A1);
    assertThat(rootOf(StateChange.put(b("a"), b("1")))).isEqualTo(expected);
  }

  @Test
  void twoKeysSplitAtTheFirstBit() {
    // path("a") starts with byte 0xca (bit 0 = 1), path("b") with 0x3e (bit 0 = 0): b goes left.
    assertThat(Hash.sha256(b("a")).unsafeBytes()[0]).isEqualTo((byte) 0xca);
    assertThat(Hash.sha256(b("b")).unsafeBytes()[0]).isEqualTo((byte) 0x3e);
    Hash expected = internal(leaf("b", "2"), leaf("a", "1"));
    assertThat(expected.toHex()).isEqualTo(ROOT_AB);
    assertThat(rootOf(StateChange.put(b("a"), b("1")), StateChange.put(b("b"), b("2"))))
        .isEqualTo(expected);
  }

  @Test
  void keysSharingAPrefixHangUnderAChainWithEmptySiblings() {
    // path("b") starts 0011 1110, path("c") 0010 1110: they share 001 and part at bit 3.
    Hash split = internal(leaf("c", "3"), leaf("b", "2"));
    Hash expected = internal(internal(internal(Hash.ZERO, split), Hash.ZERO), Hash.ZERO);
    assertThat(expected.toHex()).isEqualTo(ROOT_BC);
    assertThat(rootOf(StateChange.put(b("b"), b("2")), StateChange.put(b("c"), b("3"))))
        .isEqualTo(expected);
  }

  @Test
  void deletingASiblingMovesTheLoneLeafUp() {
    Hash both = rootOf(StateChange.put(b("a"), b("1")), StateChange.put(b("b"), b("2")));
    UpdateResult result = StateTree.apply(store, both, List.of(StateChange.delete(b("b"))));
    assertThat(result.root().toHex()).isEqualTo(LEAF_A1);
    assertThat(result.newNodes()).isEmpty();
  }

  @Test
  void proofVectors() {
    Hash ab = rootOf(StateChange.put(b("a"), b("1")), StateChange.put(b("b"), b("2")));
    assertThat(HEX.formatHex(StateTree.prove(store, ab, b("a")).encode()))
        .isEqualTo("000001" + LEAF_B2);
    // path("g") starts 0xcd, so its search ends at the leaf of "a" (path 0xca...).
    assertThat(HEX.formatHex(StateTree.prove(store, ab, b("g")).encode()))
        .isEqualTo(
            "02" + Hash.sha256(b("a")).toHex() + Hash.sha256(b("1")).toHex() + "0001" + LEAF_B2);

    Hash bc = rootOf(StateChange.put(b("b"), b("2")), StateChange.put(b("c"), b("3")));
    String split = internal(leaf("c", "3"), leaf("b", "2")).toHex();
    // path("d") starts 0001 1000: it leaves the chain at depth 3 into an empty subtree.
    assertThat(HEX.formatHex(StateTree.prove(store, bc, b("d")).encode()))
        .isEqualTo("010003" + ZERO + ZERO + split);
    assertThat(HEX.formatHex(StateTree.prove(store, bc, b("c")).encode()))
        .isEqualTo("000004" + ZERO + ZERO + ZERO + LEAF_B2);

    assertThat(StateProof.decode(HEX.parseHex("000001" + LEAF_B2)).verify(ab, b("a"), b("1")))
        .isTrue();
    assertThat(
            StateProof.decode(HEX.parseHex("010003" + ZERO + ZERO + split))
                .verify(bc, b("d"), null))
        .isTrue();
  }

  @Test
  void nodeEncodingVectors() {
    Hash ab = rootOf(StateChange.put(b("a"), b("1")), StateChange.put(b("b"), b("2")));
    TreeNode root = store.get(ab).orElseThrow();
    assertThat(HEX.formatHex(root.encode())).isEqualTo("01" + LEAF_B2 + LEAF_A1);
    TreeNode leafA = store.get(Hash.fromHex(LEAF_A1)).orElseThrow();
    assertThat(HEX.formatHex(leafA.encode())).isEqualTo("0000000001610000000131");
  }
}
