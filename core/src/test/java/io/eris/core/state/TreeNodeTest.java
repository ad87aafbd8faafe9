package io.eris.core.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eris.core.crypto.Hash;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class TreeNodeTest {

  private static byte[] leaf(int keyLength, int keyBytes, int valueLength, int valueBytes) {
    return ByteBuffer.allocate(9 + keyBytes + valueBytes)
        .put((byte) 0)
        .putInt(keyLength)
        .put(new byte[keyBytes])
        .putInt(valueLength)
        .put(new byte[valueBytes])
        .array();
  }

  @Test
  void roundTripsAtTheSizeLimits() {
    byte[] encoded = leaf(1024, 1024, 65536, 65536);
    TreeNode node = TreeNode.decode(encoded);
    assertThat(node.encode()).isEqualTo(encoded);
    assertThat(node.hash())
        .isEqualTo(TreeNode.leafHash(Hash.sha256(new byte[1024]), Hash.sha256(new byte[65536])));

    byte[] internal = new byte[65];
    internal[0] = 1;
    internal[64] = 7;
    assertThat(TreeNode.decode(internal).encode()).isEqualTo(internal);
  }

  @Test
  void decodeRejectsMalformedInput() {
    assertThatThrownBy(() -> TreeNode.decode(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty input");
    assertThatThrownBy(() -> TreeNode.decode(new byte[] {2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown tag 2");
    assertThatThrownBy(() -> TreeNode.decode(new byte[66]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trailing");
    byte[] internalTooLong = new byte[66];
    internalTooLong[0] = 1;
    assertThatThrownBy(() -> TreeNode.decode(internalTooLong))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("65 bytes, got 66");
    byte[] bothEmpty = new byte[65];
    bothEmpty[0] = 1;
    assertThatThrownBy(() -> TreeNode.decode(bothEmpty))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two empty children");
    assertThatThrownBy(() -> TreeNode.decode(leaf(1025, 1025, 0, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key length 1025, limit 1024");
    assertThatThrownBy(() -> TreeNode.decode(leaf(0, 0, 65537, 65537)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("value length 65537, limit 65536");
    assertThatThrownBy(() -> TreeNode.decode(leaf(-1, 0, 0, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("key length 4294967295");
    assertThatThrownBy(() -> TreeNode.decode(leaf(20, 4, 0, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("input ends inside the key");
    assertThatThrownBy(() -> TreeNode.decode(new byte[] {0, 0, 0, 0, 0, 0, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("inside the value length");
  }
}
