package io.eris.core.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.eris.core.crypto.Hash;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Proofs stay logarithmic: short-cut leaves keep the depth near log2(n), not 256. */
class StateTreeProofSizeTest {
  private static final int KEYS = 100_000;
  private static final int BLOCK = 10_000;

  @Test
  void averageProofOfOneHundredThousandKeysHasAtMostTwiceLog2NSiblings() {
    Random random = new Random(42);
    InMemoryTreeNodeStore store = new InMemoryTreeNodeStore();
    List<byte[]> keys = new ArrayList<>(KEYS);
    Hash root = Hash.ZERO;
    for (int start = 0; start < KEYS; start += BLOCK) {
      List<StateChange> block = new ArrayList<>(BLOCK);
      for (int i = 0; i < BLOCK; i++) {
        byte[] key = new byte[16];
        random.nextBytes(key);
        keys.add(key);
        block.add(StateChange.put(key, key));
      }
      UpdateResult result = StateTree.apply(store, root, block);
      store.putAll(result.newNodes());
      root = result.root();
    }
    double bound = 2 * Math.log(KEYS) / Math.log(2);

    long present = 0;
    for (byte[] key : keys) {
      StateProof proof = StateTree.prove(store, root, key);
      present += proof.depth();
      assertThat(proof.verify(root, key, key)).isTrue();
    }
    long absent = 0;
    for (int i = 0; i < KEYS; i++) {
      byte[] key = new byte[17];
      random.nextBytes(key);
      StateProof proof = StateTree.prove(store, root, key);
      absent += proof.depth();
      assertThat(proof.verify(root, key, null)).isTrue();
    }

    assertThat((double) present / KEYS).isLessThanOrEqualTo(bound);
    assertThat((double) absent / KEYS).isLessThanOrEqualTo(bound);
  }
}
