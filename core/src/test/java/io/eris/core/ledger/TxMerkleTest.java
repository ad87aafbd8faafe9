package io.eris.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.eris.core.crypto.Hash;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TxMerkleTest {
  private static List<Hash> hashes(int n) {
    List<Hash> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(Hash.sha256(new byte[] {(byte) i, (byte) (i >> 8)}));
    }
    return out;
  }

  /** RFC 6962 section 2.1, written recursively as the RFC states it. */
  private static Hash rfc6962(List<Hash> d) {
    if (d.isEmpty()) {
      return Hash.sha256();
    }
    if (d.size() == 1) {
      return Hash.sha256(new byte[] {0}, d.get(0).unsafeBytes());
    }
    int k = Integer.highestOneBit(d.size() - 1);
    return Hash.sha256(
        new byte[] {1},
        rfc6962(d.subList(0, k)).unsafeBytes(),
        rfc6962(d.subList(k, d.size())).unsafeBytes());
  }

  @Test
  void emptyAndSingleRoots() {
    assertThat(TxMerkle.root(List.of()).toHex())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    Hash one = hashes(1).get(0);
    assertThat(TxMerkle.root(List.of(one))).isEqualTo(TxMerkle.leafHash(one));
  }

  @Test
  void matchesTheRecursiveRfc6962Definition() {
    for (int n = 0; n <= 70; n++) {
      assertThat(TxMerkle.root(hashes(n))).as("n=" + n).isEqualTo(rfc6962(hashes(n)));
    }
  }

  @Test
  void everyLeafHasAVerifyingProofAndTamperingFails() {
    for (int n = 1; n <= 33; n++) {
      List<Hash> leaves = hashes(n);
      Hash root = TxMerkle.root(leaves);
      for (int i = 0; i < n; i++) {
        List<Hash> path = TxMerkle.proof(leaves, i);
        assertThat(TxMerkle.verify(root, leaves.get(i), i, n, path)).as(n + "/" + i).isTrue();
        if (n > 1) {
          assertThat(TxMerkle.verify(root, leaves.get((i + 1) % n), i, n, path)).isFalse();
        }
        if (n > 1) {
          assertThat(TxMerkle.verify(root, leaves.get(i), (i + 1) % n, n, path)).isFalse();
        }
        assertThat(TxMerkle.verify(root, leaves.get(i), n, n, path)).isFalse();
        if (!path.isEmpty()) {
          List<Hash> bad = new ArrayList<>(path);
          bad.set(0, Hash.sha256(new byte[] {9}));
          assertThat(TxMerkle.verify(root, leaves.get(i), i, n, bad)).isFalse();
          assertThat(TxMerkle.verify(root, leaves.get(i), i, n, path.subList(1, path.size())))
              .isFalse();
        }
      }
    }
  }

  @Test
  void oddLastNodesAreCarriedNotDuplicated() {
    List<Hash> three = hashes(3);
    List<Hash> four = new ArrayList<>(three);
    four.add(three.get(2));
    assertThat(TxMerkle.root(three)).isNotEqualTo(TxMerkle.root(four));
  }
}
