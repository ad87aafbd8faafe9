package io.eris.core.consensus;

import io.eris.core.crypto.Hash;
import io.eris.core.model.Block;
import io.eris.core.model.BlockKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The validated blocks a node knows above its root (the last final block it pruned to), linked to
 * their parents, each with the fork-choice weight of the chain it ends and the highest leader epoch
 * on that chain. Only blocks whose parent is already in the tree can be added, so every block here
 * is connected to the root.
 */
final class BlockTree {

  /** One block in the tree. */
  static final class Node {
    final Block block;
    Node parent;
    final long weight;
    final long maxEpoch;
    private final List<Node> children = new ArrayList<>(1);

    Node(Block block, Node parent, long weight, long maxEpoch) {
      this.block = block;
      this.parent = parent;
      this.weight = weight;
      this.maxEpoch = maxEpoch;
    }

    Hash hash() {
      return block.hash();
    }

    long height() {
      return block.height();
    }

    List<Node> children() {
      return Collections.unmodifiableList(children);
    }

    @Override
    public String toString() {
      return block + " w=" + weight;
    }
  }

  private final Map<Hash, Node> nodes = new HashMap<>();
  private final Set<Node> leaves = new LinkedHashSet<>();
  private Node root;

  /**
   * A tree rooted at {@code root}, whose chain from genesis weighs {@code weight} and carries
   * epochs up to {@code maxEpoch}.
   */
  BlockTree(Block root, long weight, long maxEpoch) {
    this.root = new Node(root, null, weight, maxEpoch);
    nodes.put(root.hash(), this.root);
    leaves.add(this.root);
  }

  static long weightOf(Block block) {
    return block.header().kind().weight();
  }

  static long epochOf(Block block) {
    return block.header().kind() == BlockKind.LEADER ? block.header().leaderEpoch() : 0;
  }

  Node root() {
    return root;
  }

  Node node(Hash hash) {
    return nodes.get(hash);
  }

  boolean contains(Hash hash) {
    return nodes.containsKey(hash);
  }

  int size() {
    return nodes.size();
  }

  Collection<Node> leaves() {
    return Collections.unmodifiableSet(leaves);
  }

  /** Adds a block whose parent is in the tree; adding a known block returns its node. */
  Node add(Block block) {
    Node known = nodes.get(block.hash());
    if (known != null) {
      return known;
    }
    Node parent = nodes.get(block.header().parent());
    if (parent == null) {
      throw new IllegalArgumentException("parent of " + block + " is not in the tree");
    }
    if (block.height() != parent.height() + 1) {
      throw new IllegalArgumentException(block + " does not sit one above its parent");
    }
    Node node =
        new Node(
            block,
            parent,
            parent.weight + weightOf(block),
            Math.max(parent.maxEpoch, epochOf(block)));
    nodes.put(block.hash(), node);
    parent.children.add(node);
    leaves.remove(parent);
    leaves.add(node);
    return node;
  }

  /** The ancestor of {@code node} at {@code height} (itself at its own height); null if pruned. */
  Node ancestorAt(Node node, long height) {
    if (height > node.height()) {
      return null;
    }
    Node n = node;
    while (n != null && n.height() > height) {
      n = n.parent;
    }
    return n;
  }

  /** True when {@code ancestor} is {@code node} or one of its ancestors. */
  boolean isAncestorOrSelf(Node ancestor, Node node) {
    return ancestorAt(node, ancestor.height()) == ancestor;
  }

  /** What moving the head from {@code from} to {@code to} undoes and applies. */
  Reorg reorg(Node from, Node to) {
    Node a = from;
    Node b = to;
    List<Block> undo = new ArrayList<>();
    Deque<Block> apply = new ArrayDeque<>();
    while (a.height() > b.height()) {
      undo.add(a.block);
      a = a.parent;
    }
    while (b.height() > a.height()) {
      apply.addFirst(b.block);
      b = b.parent;
    }
    while (a != b) {
      undo.add(a.block);
      apply.addFirst(b.block);
      a = a.parent;
      b = b.parent;
    }
    return new Reorg(a.block, undo, new ArrayList<>(apply));
  }

  /**
   * Makes {@code newRoot} the root and forgets every block that does not descend from it: they can
   * never be on a chain that keeps the final block.
   */
  void pruneTo(Node newRoot) {
    if (newRoot == root) {
      return;
    }
    if (!isAncestorOrSelf(root, newRoot) || nodes.get(newRoot.hash()) != newRoot) {
      throw new IllegalArgumentException(newRoot + " is not in the tree");
    }
    Map<Hash, Node> kept = new HashMap<>();
    Deque<Node> todo = new ArrayDeque<>();
    todo.add(newRoot);
    while (!todo.isEmpty()) {
      Node n = todo.pop();
      kept.put(n.hash(), n);
      todo.addAll(n.children);
    }
    nodes.keySet().retainAll(kept.keySet());
    leaves.removeIf(leaf -> !kept.containsKey(leaf.hash()));
    // Cutting the link lets the pruned ancestors be collected and stops walks at the root.
    newRoot.parent = null;
    root = newRoot;
  }
}
