package io.eris.core.state;

import io.eris.core.crypto.Hash;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A node of the state tree, stored under its {@link #hash()}. Empty subtrees are not nodes: they
 * are the hash {@link Hash#ZERO} and never stored.
 *
 * <p>Canonical encoding, one form per node (u32 is 4 bytes, big-endian):
 *
 * <pre>
 * leaf:     0x00 || u32 key length || key || u32 value length || value
 * internal: 0x01 || left child hash (32) || right child hash (32)
 * </pre>
 *
 * {@link #decode} rejects anything else: an unknown tag, a key over {@value
 * StateChange#MAX_KEY_BYTES} or a value over {@value StateChange#MAX_VALUE_BYTES} bytes, short
 * input, trailing bytes, and an internal node whose children are both empty. The hash is computed
 * from the content as {@link StateTree} specifies, so a node decoded from storage proves itself.
 */
public abstract sealed class TreeNode permits TreeNode.Leaf, TreeNode.Internal {
  private static final byte[] LEAF_PREFIX = {0x00};
  private static final byte[] INTERNAL_PREFIX = {0x01};
  private static final int INTERNAL_SIZE = 1 + 2 * Hash.SIZE;

  private final Hash hash;

  private TreeNode(Hash hash) {
    this.hash = hash;
  }

  public final Hash hash() {
    return hash;
  }

  public abstract byte[] encode();

  /** Parses a node's canonical encoding; throws {@link IllegalArgumentException} otherwise. */
  public static TreeNode decode(byte[] bytes) {
    if (bytes.length == 0) {
      throw new IllegalArgumentException("tree node: empty input");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    int tag = in.get();
    if (tag == INTERNAL_PREFIX[0]) {
      if (bytes.length != INTERNAL_SIZE) {
        throw new IllegalArgumentException(
            "tree node: an internal node has " + INTERNAL_SIZE + " bytes, got " + bytes.length);
      }
      Hash left = Hash.wrap(Arrays.copyOfRange(bytes, 1, 1 + Hash.SIZE));
      Hash right = Hash.wrap(Arrays.copyOfRange(bytes, 1 + Hash.SIZE, INTERNAL_SIZE));
      if (left.equals(Hash.ZERO) && right.equals(Hash.ZERO)) {
        throw new IllegalArgumentException("tree node: an internal node with two empty children");
      }
      return new Internal(left, right);
    }
    if (tag != LEAF_PREFIX[0]) {
      throw new IllegalArgumentException("tree node: unknown tag " + (tag & 0xff));
    }
    byte[] key = readBytes(in, StateChange.MAX_KEY_BYTES, "key");
    byte[] value = readBytes(in, StateChange.MAX_VALUE_BYTES, "value");
    if (in.hasRemaining()) {
      throw new IllegalArgumentException(
          "tree node: " + in.remaining() + " trailing bytes after the leaf");
    }
    return Leaf.of(key, value);
  }

  private static byte[] readBytes(ByteBuffer in, int max, String field) {
    if (in.remaining() < 4) {
      throw new IllegalArgumentException("tree node: input ends inside the " + field + " length");
    }
    long length = Integer.toUnsignedLong(in.getInt());
    if (length > max) {
      throw new IllegalArgumentException(
          "tree node: " + field + " length " + length + ", limit " + max);
    }
    if (in.remaining() < length) {
      throw new IllegalArgumentException("tree node: input ends inside the " + field);
    }
    byte[] out = new byte[(int) length];
    in.get(out);
    return out;
  }

  static Hash leafHash(Hash path, Hash valueHash) {
    return Hash.sha256(LEAF_PREFIX, path.unsafeBytes(), valueHash.unsafeBytes());
  }

  static Hash internalHash(Hash left, Hash right) {
    return Hash.sha256(INTERNAL_PREFIX, left.unsafeBytes(), right.unsafeBytes());
  }

  /** A key and its value, at the highest position where it is alone in its subtree. */
  static final class Leaf extends TreeNode {
    final byte[] key;
    final byte[] value;
    final Hash path;

    private Leaf(byte[] key, byte[] value, Hash path) {
      super(leafHash(path, Hash.sha256(value)));
      this.key = key;
      this.value = value;
      this.path = path;
    }

    /** Takes ownership of both arrays. */
    static Leaf of(byte[] key, byte[] value) {
      return new Leaf(key, value, Hash.sha256(key));
    }

    @Override
    public byte[] encode() {
      return ByteBuffer.allocate(9 + key.length + value.length)
          .put(LEAF_PREFIX)
          .putInt(key.length)
          .put(key)
          .putInt(value.length)
          .put(value)
          .array();
    }
  }

  /** A subtree with at least two leaves; a child is {@link Hash#ZERO} when empty. */
  static final class Internal extends TreeNode {
    final Hash left;
    final Hash right;

    Internal(Hash left, Hash right) {
      super(internalHash(left, right));
      this.left = left;
      this.right = right;
    }

    @Override
    public byte[] encode() {
      return ByteBuffer.allocate(INTERNAL_SIZE)
          .put(INTERNAL_PREFIX)
          .put(left.unsafeBytes())
          .put(right.unsafeBytes())
          .array();
    }
  }
}
