package io.eris.core.state;

import io.eris.core.crypto.Hash;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * A proof that a key has a given value, or is absent, in the state tree with a given root (see
 * {@link StateTree} for the tree). Checking one needs nothing but the root, the key, the value and
 * the proof: {@link #verify}.
 *
 * <h2>Content</h2>
 *
 * The search for {@code p = path(K)} goes down from the root, taking bit {@code i} of {@code p} at
 * depth {@code i}, until it meets a leaf or an empty subtree at depth {@code n}. The proof holds
 * the {@code n} siblings met on the way, top-down ({@code sibling[0]} is the root's child on the
 * side away from {@code p}, {@code sibling[n-1]} the sibling of the terminal), and the terminal,
 * one of:
 *
 * <ul>
 *   <li>{@code MEMBER}: the leaf of {@code K} itself; it carries nothing, the verifier recomputes
 *       it from {@code K} and the claimed value;
 *   <li>{@code EMPTY}: an empty subtree, so {@code K} is absent;
 *   <li>{@code OTHER_LEAF}: the leaf of another key, given by its path {@code q} and its value
 *       hash, so {@code K} is absent.
 * </ul>
 *
 * <h2>Verification</h2>
 *
 * {@code verify(R, K, V)}, with {@code V} null to claim absence, accepts if and only if:
 *
 * <ol>
 *   <li>{@code n <= 256};
 *   <li>the terminal fits the claim: {@code MEMBER} needs {@code V} not null, and then {@code h =
 *       SHA-256(0x00 || p || SHA-256(V))}; {@code EMPTY} needs {@code V} null, and {@code h} = 32
 *       zero bytes; {@code OTHER_LEAF} needs {@code V} null, {@code q != p}, the first {@code n}
 *       bits of {@code q} equal to those of {@code p}, and {@code h = SHA-256(0x00 || q || value
 *       hash)};
 *   <li>if {@code n > 0}, {@code sibling[n-1]} is not 32 zero bytes (in the canonical shape a
 *       terminal's sibling is never empty);
 *   <li>for {@code i} from {@code n-1} down to 0, {@code h = SHA-256(0x01 || h || sibling[i])} if
 *       bit {@code i} of {@code p} is 0, else {@code h = SHA-256(0x01 || sibling[i] || h)};
 *   <li>finally {@code h == R}.
 * </ol>
 *
 * <h2>Encoding</h2>
 *
 * Big-endian, no padding, {@code 3 + 32 n} bytes, plus 64 for {@code OTHER_LEAF}:
 *
 * <pre>
 * u8  terminal: 0x00 MEMBER, 0x01 EMPTY, 0x02 OTHER_LEAF
 * [OTHER_LEAF only] q (32 bytes) || value hash (32 bytes)
 * u16 n, the number of siblings, at most 256
 * n x 32 bytes: sibling[0] .. sibling[n-1]
 * </pre>
 *
 * {@link #decode} rejects, with an {@link IllegalArgumentException}, an unknown terminal tag, more
 * than 256 siblings, short input and trailing bytes.
 */
public final class StateProof {
  /** A path has 256 bits, so no search meets more siblings. */
  public static final int MAX_SIBLINGS = 256;

  private static final int MEMBER = 0;
  private static final int EMPTY = 1;
  private static final int OTHER_LEAF = 2;

  private final int terminal;
  private final Hash[] siblings;
  private final Hash otherPath;
  private final Hash otherValueHash;

  private StateProof(int terminal, Hash[] siblings, Hash otherPath, Hash otherValueHash) {
    if (siblings.length > MAX_SIBLINGS) {
      throw new IllegalArgumentException(
          "state proof: " + siblings.length + " siblings, limit " + MAX_SIBLINGS);
    }
    this.terminal = terminal;
    this.siblings = siblings;
    this.otherPath = otherPath;
    this.otherValueHash = otherValueHash;
  }

  static StateProof member(List<Hash> siblings) {
    return new StateProof(MEMBER, siblings.toArray(new Hash[0]), null, null);
  }

  static StateProof empty(List<Hash> siblings) {
    return new StateProof(EMPTY, siblings.toArray(new Hash[0]), null, null);
  }

  static StateProof otherLeaf(List<Hash> siblings, Hash path, Hash valueHash) {
    return new StateProof(OTHER_LEAF, siblings.toArray(new Hash[0]), path, valueHash);
  }

  /**
   * Whether this proves that {@code key} has {@code valueOrNull} (null: is absent) in the tree with
   * root {@code root}. Pure; never throws on a wrong proof, it returns false.
   */
  public boolean verify(Hash root, byte[] key, byte[] valueOrNull) {
    Hash path = Hash.sha256(key);
    int n = siblings.length;
    Hash h;
    switch (terminal) {
      case MEMBER -> {
        if (valueOrNull == null) {
          return false;
        }
        h = TreeNode.leafHash(path, Hash.sha256(valueOrNull));
      }
      case EMPTY -> {
        if (valueOrNull != null) {
          return false;
        }
        h = Hash.ZERO;
      }
      default -> {
        if (valueOrNull != null
            || otherPath.equals(path)
            || !samePrefix(otherPath.unsafeBytes(), path.unsafeBytes(), n)) {
          return false;
        }
        h = TreeNode.leafHash(otherPath, otherValueHash);
      }
    }
    if (n > 0 && siblings[n - 1].equals(Hash.ZERO)) {
      return false;
    }
    byte[] p = path.unsafeBytes();
    for (int i = n - 1; i >= 0; i--) {
      h =
          StateTree.bit(p, i) == 0
              ? TreeNode.internalHash(h, siblings[i])
              : TreeNode.internalHash(siblings[i], h);
    }
    return h.equals(root);
  }

  /** The number of siblings, that is the depth where the search for the key ended. */
  public int depth() {
    return siblings.length;
  }

  public byte[] encode() {
    ByteBuffer out =
        ByteBuffer.allocate(
            3 + Hash.SIZE * siblings.length + (terminal == OTHER_LEAF ? 2 * Hash.SIZE : 0));
    out.put((byte) terminal);
    if (terminal == OTHER_LEAF) {
      out.put(otherPath.unsafeBytes()).put(otherValueHash.unsafeBytes());
    }
    out.putShort((short) siblings.length);
    for (Hash sibling : siblings) {
      out.put(sibling.unsafeBytes());
    }
    return out.array();
  }

  /** Parses the canonical encoding; throws {@link IllegalArgumentException} on anything else. */
  public static StateProof decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    need(in, 1, "the terminal tag");
    int terminal = in.get() & 0xff;
    if (terminal != MEMBER && terminal != EMPTY && terminal != OTHER_LEAF) {
      throw new IllegalArgumentException("state proof: unknown terminal tag " + terminal);
    }
    Hash otherPath = null;
    Hash otherValueHash = null;
    if (terminal == OTHER_LEAF) {
      otherPath = readHash(in, "the other leaf's path");
      otherValueHash = readHash(in, "the other leaf's value hash");
    }
    need(in, 2, "the sibling count");
    int n = in.getShort() & 0xffff;
    if (n > MAX_SIBLINGS) {
      throw new IllegalArgumentException("state proof: " + n + " siblings, limit " + MAX_SIBLINGS);
    }
    Hash[] siblings = new Hash[n];
    for (int i = 0; i < n; i++) {
      siblings[i] = readHash(in, "sibling " + i);
    }
    if (in.hasRemaining()) {
      throw new IllegalArgumentException(
          "state proof: " + in.remaining() + " trailing bytes after the last sibling");
    }
    return new StateProof(terminal, siblings, otherPath, otherValueHash);
  }

  private static void need(ByteBuffer in, int n, String field) {
    if (in.remaining() < n) {
      throw new IllegalArgumentException("state proof: input ends inside " + field);
    }
  }

  private static Hash readHash(ByteBuffer in, String field) {
    need(in, Hash.SIZE, field);
    byte[] out = new byte[Hash.SIZE];
    in.get(out);
    return Hash.wrap(out);
  }

  private static boolean samePrefix(byte[] a, byte[] b, int bits) {
    int whole = bits >>> 3;
    if (!Arrays.equals(a, 0, whole, b, 0, whole)) {
      return false;
    }
    int rest = bits & 7;
    return rest == 0 || ((a[whole] ^ b[whole]) & (0xff << (8 - rest)) & 0xff) == 0;
  }
}
