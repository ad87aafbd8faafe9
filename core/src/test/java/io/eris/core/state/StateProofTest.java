package io.eris.core.state;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eris.core.crypto.Hash;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateProofTest {
  private static byte[] b(String s) {
    return s.getBytes(UTF_8);
  }

  private static byte[] withSiblings(int tag, int count, int siblingBytes) {
    return ByteBuffer.allocate(3 + siblingBytes).put((byte) tag).putShort((short) count).array();
  }

  @Test
  void decodeRejectsMalformedInput() {
    assertThatThrownBy(() -> StateProof.decode(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("terminal tag");
    assertThatThrownBy(() -> StateProof.decode(withSiblings(3, 0, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown terminal tag 3");
    assertThatThrownBy(() -> StateProof.decode(withSiblings(0, 257, 257 * 32)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("257 siblings, limit 256");
    assertThatThrownBy(() -> StateProof.decode(withSiblings(0, 2, 63)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input ends inside sibling 1");
    assertThatThrownBy(() -> StateProof.decode(withSiblings(1, 1, 33)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1 trailing bytes");
    assertThatThrownBy(() -> StateProof.decode(new byte[] {2, 0, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("other leaf's path");
    assertThatThrownBy(() -> StateProof.decode(new byte[] {1, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sibling count");
  }

  @Test
  void decodeAcceptsTheLargestProof() {
    StateProof proof = StateProof.decode(withSiblings(1, 256, 256 * 32));
    assertThat(proof.depth()).isEqualTo(256);
    assertThat(proof.encode()).isEqualTo(withSiblings(1, 256, 256 * 32));
  }

  @Test
  void aTerminalWhoseSiblingIsEmptyIsNotCanonicalAndRejected() {
    // The leaf of "a" hung one level down beside an empty subtree: the hashes chain up fine,
    // but no canonical tree has that shape.
    Hash leaf = TreeNode.leafHash(Hash.sha256(b("a")), Hash.sha256(b("1")));
    Hash root = TreeNode.internalHash(Hash.ZERO, leaf); // path("a") starts with bit 1
    assertThat(StateProof.member(List.of(Hash.ZERO)).verify(root, b("a"), b("1"))).isFalse();
    assertThat(StateProof.member(List.of()).verify(leaf, b("a"), b("1"))).isTrue();
  }

  @Test
  void anotherLeafProvesAbsenceOnlyWhereItsPathCouldHang() {
    InMemoryTreeNodeStore store = new InMemoryTreeNodeStore();
    UpdateResult ab =
        StateTree.apply(
            store,
            Hash.ZERO,
            List.of(StateChange.put(b("a"), b("1")), StateChange.put(b("b"), b("2"))));
    store.putAll(ab.newNodes());
    Hash root = ab.root();
    Hash leafB = TreeNode.leafHash(Hash.sha256(b("b")), Hash.sha256(b("2")));
    Hash pathA = Hash.sha256(b("a"));
    Hash valueA = Hash.sha256(b("1"));

    // "g" (path 0xcd...) ends at the leaf of "a" (0xca...): a genuine proof of absence.
    assertThat(StateProof.otherLeaf(List.of(leafB), pathA, valueA).verify(root, b("g"), null))
        .isTrue();
    // The same leaf offered for "a" itself must not prove its absence.
    assertThat(StateProof.otherLeaf(List.of(leafB), pathA, valueA).verify(root, b("a"), null))
        .isFalse();
    // "b" (path 0x3e...) does not share the first bit with "a": the prefix check refuses.
    Hash leafA = TreeNode.leafHash(pathA, valueA);
    Hash mirrored = TreeNode.internalHash(leafA, leafB);
    assertThat(StateProof.otherLeaf(List.of(leafB), pathA, valueA).verify(mirrored, b("b"), null))
        .isFalse();
  }

  @Test
  void proofsOfTheWrongKindFail() {
    InMemoryTreeNodeStore store = new InMemoryTreeNodeStore();
    UpdateResult one = StateTree.apply(store, Hash.ZERO, List.of(StateChange.put(b("a"), b("1"))));
    store.putAll(one.newNodes());
    StateProof member = StateTree.prove(store, one.root(), b("a"));
    StateProof absent = StateTree.prove(store, one.root(), b("z"));
    assertThat(member.verify(one.root(), b("a"), b("1"))).isTrue();
    assertThat(member.verify(one.root(), b("a"), null)).isFalse();
    assertThat(absent.verify(one.root(), b("z"), null)).isTrue();
    assertThat(absent.verify(one.root(), b("z"), b("1"))).isFalse();
    assertThat(absent.verify(one.root(), b("a"), b("1"))).isFalse();

    byte[] asEmpty = member.encode();
    asEmpty[0] = 1;
    assertThat(StateProof.decode(asEmpty).verify(one.root(), b("a"), null)).isFalse();
    assertThat(Arrays.equals(StateProof.decode(asEmpty).encode(), asEmpty)).isTrue();
  }
}
