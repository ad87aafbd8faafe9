package io.eris.core.state;

import io.eris.core.crypto.Hash;
import io.eris.core.state.TreeNode.Internal;
import io.eris.core.state.TreeNode.Leaf;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The authenticated state: a persistent sparse Merkle tree with short-cut leaves. Nodes are
 * immutable and addressed by their hash, and an update only adds nodes, so every earlier root stays
 * readable for as long as its nodes are kept.
 *
 * <h2>Specification</h2>
 *
 * This is the contract the browser client re-implements; keep it stable.
 *
 * <ul>
 *   <li>Keys and values are byte strings: a key has at most {@value StateChange#MAX_KEY_BYTES}
 *       bytes, a value at most {@value StateChange#MAX_VALUE_BYTES} (the empty value is a value,
 *       distinct from absence).
 *   <li>{@code path(key) = SHA-256(key)}, 256 bits, most significant bit first: bit i of a path is
 *       bit 7 - (i mod 8) of byte floor(i / 8), so bit 0 is the top bit of byte 0. A node at depth
 *       i (the root is at depth 0) sends bit i = 0 to its left child, 1 to its right.
 *   <li>The hash of an empty subtree is 32 zero bytes ({@link Hash#ZERO}); so is the root of the
 *       empty tree.
 *   <li>{@code leaf hash = SHA-256(0x00 || path(key) || SHA-256(value))}, 65 bytes hashed.
 *   <li>{@code internal hash = SHA-256(0x01 || left child hash || right child hash)}, 65 bytes
 *       hashed.
 *   <li>Shape: a subtree with no leaf is empty, a subtree with exactly one leaf is that leaf itself
 *       (placed at the shallowest depth where no other key shares its path prefix), a subtree with
 *       two or more leaves is an internal node. So an internal node never has two empty children,
 *       nor one empty child and one leaf; it has an empty child and an internal one where several
 *       keys share a longer prefix. Deletions restore this shape (a leaf left alone moves up), so
 *       the root depends only on the set of (key, value) pairs, never on the order in which they
 *       were written.
 * </ul>
 *
 * Proofs and their encoding are specified in {@link StateProof}, node storage in {@link TreeNode}.
 *
 * <p>Costs: depth is about log2(n) for n keys, and at most 256; an update of k keys reads and
 * writes O(k log n) nodes. Nothing here recurses deeper than 257 frames. The class is stateless:
 * safe from several threads over a thread-safe store.
 */
public final class StateTree {
  private static final int PATH_BITS = 256;

  private StateTree() {}

  /**
   * Applies {@code changes} to the tree with root {@code root}, in one step; their order does not
   * matter, but each key may appear only once.
   *
   * @throws IllegalArgumentException if two changes have the same key
   * @throws IllegalStateException if a node below {@code root} is missing from {@code store}
   */
  public static UpdateResult apply(
      TreeNodeStore store, Hash root, Collection<StateChange> changes) {
    Pending[] pending = new Pending[changes.size()];
    int i = 0;
    for (StateChange change : changes) {
      pending[i++] = Pending.of(change);
    }
    Arrays.sort(pending, Comparator.comparing(Pending::path));
    for (int j = 1; j < pending.length; j++) {
      if (pending[j].path.equals(pending[j - 1].path)) {
        throw new IllegalArgumentException(
            "two changes to one state key in one update, key path " + pending[j].path);
      }
    }
    Update update = new Update(store, pending);
    Hash newRoot = update.update(root, 0, 0, pending.length);
    return new UpdateResult(newRoot, new ArrayList<>(update.created.values()));
  }

  /** The value stored under {@code key} in the tree with root {@code root}. */
  public static Optional<byte[]> get(TreeNodeStore store, Hash root, byte[] key) {
    StateChange.checkKey(key);
    byte[] path = Hash.sha256(key).unsafeBytes();
    Hash at = root;
    for (int depth = 0; !at.equals(Hash.ZERO); depth++) {
      TreeNode node = load(store, at);
      if (node instanceof Leaf leaf) {
        return Arrays.equals(leaf.key, key) ? Optional.of(leaf.value.clone()) : Optional.empty();
      }
      Internal internal = internalAt(node, depth);
      at = bit(path, depth) == 0 ? internal.left : internal.right;
    }
    return Optional.empty();
  }

  /** A proof of the value under {@code key}, or of its absence, against {@code root}. */
  public static StateProof prove(TreeNodeStore store, Hash root, byte[] key) {
    StateChange.checkKey(key);
    byte[] path = Hash.sha256(key).unsafeBytes();
    List<Hash> siblings = new ArrayList<>();
    Hash at = root;
    for (int depth = 0; !at.equals(Hash.ZERO); depth++) {
      TreeNode node = load(store, at);
      if (node instanceof Leaf leaf) {
        return Arrays.equals(leaf.key, key)
            ? StateProof.member(siblings)
            : StateProof.otherLeaf(siblings, leaf.path, Hash.sha256(leaf.value));
      }
      Internal internal = internalAt(node, depth);
      boolean right = bit(path, depth) == 1;
      siblings.add(right ? internal.left : internal.right);
      at = right ? internal.right : internal.left;
    }
    return StateProof.empty(siblings);
  }

  /**
   * Passes every (key, value) of the tree with root {@code root} to {@code action}, in path order.
   * The arrays are copies.
   */
  public static void forEach(TreeNodeStore store, Hash root, BiConsumer<byte[], byte[]> action) {
    Deque<Hash> stack = new ArrayDeque<>();
    stack.push(root);
    while (!stack.isEmpty()) {
      Hash at = stack.pop();
      if (at.equals(Hash.ZERO)) {
        continue;
      }
      TreeNode node = load(store, at);
      if (node instanceof Leaf leaf) {
        action.accept(leaf.key.clone(), leaf.value.clone());
      } else {
        Internal internal = (Internal) node;
        stack.push(internal.right);
        stack.push(internal.left);
      }
    }
  }

  static int bit(byte[] path, int i) {
    return (path[i >>> 3] >>> (7 - (i & 7))) & 1;
  }

  private static TreeNode load(TreeNodeStore store, Hash hash) {
    return store
        .get(hash)
        .orElseThrow(() -> new IllegalStateException("state tree node missing: " + hash));
  }

  /** Guards against a store that holds a chain of internal nodes deeper than any path. */
  private static Internal internalAt(TreeNode node, int depth) {
    if (depth >= PATH_BITS) {
      throw new IllegalStateException("state tree has an internal node at depth " + depth);
    }
    return (Internal) node;
  }

  /** A change with its path; {@code leaf} is the new leaf of a put, null for a delete. */
  private record Pending(Hash path, Leaf leaf) {
    static Pending of(StateChange change) {
      if (change.value() == null) {
        return new Pending(Hash.sha256(change.key()), null);
      }
      Leaf leaf = Leaf.of(change.key(), change.value());
      return new Pending(leaf.path, leaf);
    }
  }

  /** One batch update: sorted changes, pushed down the tree together. */
  private static final class Update {
    private final TreeNodeStore store;
    private final Pending[] pending;
    private final Map<Hash, TreeNode> created = new LinkedHashMap<>();

    Update(TreeNodeStore store, Pending[] pending) {
      this.store = store;
      this.pending = pending;
    }

    /**
     * The new hash of the subtree {@code at} at {@code depth} after the changes [lo, hi), which all
     * lie under it.
     */
    Hash update(Hash at, int depth, int lo, int hi) {
      if (lo == hi) {
        return at;
      }
      if (at.equals(Hash.ZERO)) {
        return build(puts(lo, hi, null), depth, null);
      }
      TreeNode node = load(store, at);
      if (node instanceof Leaf leaf) {
        return updateLeaf(leaf, depth, lo, hi);
      }
      Internal internal = internalAt(node, depth);
      int mid = firstRight(pending, depth, lo, hi);
      Hash left = update(internal.left, depth + 1, lo, mid);
      Hash right = update(internal.right, depth + 1, mid, hi);
      if (left.equals(internal.left) && right.equals(internal.right)) {
        return at;
      }
      return join(left, right);
    }

    /** The changes [lo, hi) meet an existing leaf: rebuild that subtree from what remains. */
    private Hash updateLeaf(Leaf existing, int depth, int lo, int hi) {
      for (int i = lo; i < hi; i++) {
        if (pending[i].path.equals(existing.path)) {
          return build(puts(lo, hi, null), depth, existing);
        }
      }
      return build(puts(lo, hi, existing), depth, existing);
    }

    /** The puts among [lo, hi), with {@code extra} (if not null) added in path order. */
    private Pending[] puts(int lo, int hi, Leaf extra) {
      List<Pending> out = new ArrayList<>(hi - lo + 1);
      boolean placed = extra == null;
      for (int i = lo; i < hi; i++) {
        Pending p = pending[i];
        if (!placed && extra.path.compareTo(p.path) < 0) {
          out.add(new Pending(extra.path, extra));
          placed = true;
        }
        if (p.leaf != null) {
          out.add(p);
        }
      }
      if (!placed) {
        out.add(new Pending(extra.path, extra));
      }
      return out.toArray(new Pending[0]);
    }

    /**
     * The canonical subtree at {@code depth} holding exactly {@code leaves}; {@code existing} is
     * the stored leaf being replaced, which is not new even if it reappears unchanged.
     */
    private Hash build(Pending[] leaves, int depth, Leaf existing) {
      return build(leaves, 0, leaves.length, depth, existing);
    }

    private Hash build(Pending[] leaves, int lo, int hi, int depth, Leaf existing) {
      if (lo == hi) {
        return Hash.ZERO;
      }
      if (hi - lo == 1) {
        Leaf leaf = leaves[lo].leaf;
        if (existing == null || !leaf.hash().equals(existing.hash())) {
          created.put(leaf.hash(), leaf);
        }
        return leaf.hash();
      }
      // Two distinct paths differ at some bit below 256, so depth stays below 256 here.
      int mid = firstRight(leaves, depth, lo, hi);
      Hash left = build(leaves, lo, mid, depth + 1, existing);
      Hash right = build(leaves, mid, hi, depth + 1, existing);
      return join(left, right);
    }

    /** The canonical parent of two updated subtrees: empty, a lone leaf moved up, or internal. */
    private Hash join(Hash left, Hash right) {
      boolean leftEmpty = left.equals(Hash.ZERO);
      boolean rightEmpty = right.equals(Hash.ZERO);
      if (leftEmpty && rightEmpty) {
        return Hash.ZERO;
      }
      if (leftEmpty && isLeaf(right)) {
        return right;
      }
      if (rightEmpty && isLeaf(left)) {
        return left;
      }
      Internal internal = new Internal(left, right);
      created.put(internal.hash(), internal);
      return internal.hash();
    }

    private boolean isLeaf(Hash hash) {
      TreeNode node = created.get(hash);
      return (node != null ? node : load(store, hash)) instanceof Leaf;
    }
  }

  /** The first index in [lo, hi) whose path has bit {@code depth} set; the range is sorted. */
  private static int firstRight(Pending[] sorted, int depth, int lo, int hi) {
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (bit(sorted[mid].path.unsafeBytes(), depth) == 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
