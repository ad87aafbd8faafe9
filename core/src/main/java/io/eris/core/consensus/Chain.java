package io.eris.core.consensus;

import io.eris.core.consensus.BlockTree.Node;
import io.eris.core.crypto.Hash;
import io.eris.core.ledger.ChainHistory;
import io.eris.core.ledger.GenesisState;
import io.eris.core.ledger.LedgerState;
import io.eris.core.model.Block;
import io.eris.core.model.BlockKind;
import io.eris.core.state.TreeNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A node's chain: the tree of validated blocks above the last final block, the canonical head
 * chosen by {@link ForkChoice}, the final block, and the leader-epoch fence; every change is
 * committed to the {@link ChainStore} in one step before anything else learns of it.
 */
final class Chain {
  /** What adding a block or a final block changed: the head move (null if none). */
  record Change(Reorg reorg, List<Block> newlyFinal) {
    static final Change NONE = new Change(null, List.of());
  }

  private static final int STATE_CACHE = 64;

  private final ChainStore store;
  private final BlockTree tree;
  private final EpochFence fence = new EpochFence();
  private final Map<Hash, LedgerState> states =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Hash, LedgerState> eldest) {
          return size() > STATE_CACHE;
        }
      };
  private Node head;
  private Node finalNode;

  private Chain(ChainStore store, BlockTree tree, Node head, Node finalNode) {
    this.store = store;
    this.tree = tree;
    this.head = head;
    this.finalNode = finalNode;
  }

  /** The stored chain, or a new one from the genesis (committed at once). */
  static Chain open(ChainStore store, GenesisState genesis) {
    Optional<ChainSnapshot> stored = store.load();
    if (stored.isEmpty()) {
      Block g = genesis.block();
      store.commit(new ChainCommit(List.of(g), genesis.nodes(), g.hash(), null, g.hash()));
      BlockTree tree = new BlockTree(g, 0, 0);
      return new Chain(store, tree, tree.root(), tree.root());
    }
    ChainSnapshot s = stored.get();
    Block root =
        s.blocks().stream()
            .filter(b -> b.hash().equals(s.finalBlock()))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("the stored final block is missing"));
    BlockTree tree = new BlockTree(root, 0, BlockTree.epochOf(root));
    Chain chain = new Chain(store, tree, tree.root(), tree.root());
    chain.recordEpoch(root);
    for (Block b : s.blocks()) {
      if (b.height() > root.height() && tree.contains(b.header().parent())) {
        tree.add(b);
        chain.recordEpoch(b);
      }
    }
    Node head = tree.node(s.head());
    chain.head = head != null ? head : ForkChoice.head(tree, chain.finalNode);
    return chain;
  }

  Node head() {
    return head;
  }

  Node finalNode() {
    return finalNode;
  }

  Node node(Hash hash) {
    return tree.node(hash);
  }

  boolean knows(Hash hash) {
    return tree.contains(hash);
  }

  BlockTree tree() {
    return tree;
  }

  ChainStore store() {
    return store;
  }

  /** The lowest epoch a LEADER block on {@code parent} may carry. */
  long minEpochOn(Node parent) {
    return Math.max(parent.maxEpoch, fence.minEpochAt(parent.height() + 1));
  }

  LedgerState stateAt(Node node) {
    Hash root = node.block.header().stateRoot();
    return states.computeIfAbsent(root, r -> LedgerState.at(store, r));
  }

  LedgerState headState() {
    return stateAt(head);
  }

  /** The canonical block at {@code height}, from the tree or, below its root, the store. */
  Optional<Block> canonicalAt(long height) {
    if (height > head.height()) {
      return Optional.empty();
    }
    if (height >= tree.root().height()) {
      return Optional.of(tree.ancestorAt(head, height).block);
    }
    return store.canonicalBlock(height);
  }

  /** The branch below {@code parent} (inclusive), as the ledger rules see it. */
  ChainHistory historyOf(Node parent) {
    return new ChainHistory() {
      @Override
      public Optional<Hash> blockHashAt(long height) {
        return blockAt(height).map(Block::hash);
      }

      @Override
      public Optional<Hash> stateRootAt(long height) {
        return blockAt(height).map(b -> b.header().stateRoot());
      }

      private Optional<Block> blockAt(long height) {
        if (height > parent.height()) {
          return Optional.empty();
        }
        if (height >= tree.root().height()) {
          return Optional.of(tree.ancestorAt(parent, height).block);
        }
        return store.canonicalBlock(height);
      }
    };
  }

  /**
   * Adds a validated block whose parent is in the tree, with the state nodes its execution created,
   * and moves the head if the fork choice says so; all in one commit.
   */
  Change add(Block block, List<TreeNode> nodes) {
    tree.add(block);
    recordEpoch(block);
    Node newHead = ForkChoice.head(tree, finalNode);
    Reorg reorg = newHead == head ? null : tree.reorg(head, newHead);
    store.commit(new ChainCommit(List.of(block), nodes, newHead.hash(), reorg, finalNode.hash()));
    head = newHead;
    return new Change(reorg, List.of());
  }

  /**
   * Makes {@code node} final with its ancestors, if it descends from the current final block (else
   * the caller has evidence of a safety failure); prunes what it rules out and moves the head if it
   * was on a branch that no longer counts.
   */
  Change finalize(Node node) {
    if (node.height() <= finalNode.height() || !tree.isAncestorOrSelf(finalNode, node)) {
      return Change.NONE;
    }
    Deque<Block> path = new ArrayDeque<>();
    for (Node n = node; n != finalNode; n = n.parent) {
      path.addFirst(n.block);
    }
    finalNode = node;
    Node newHead = ForkChoice.head(tree, finalNode);
    Reorg reorg = newHead == head ? null : tree.reorg(head, newHead);
    store.commit(new ChainCommit(List.of(), List.of(), newHead.hash(), reorg, node.hash()));
    head = newHead;
    tree.pruneTo(finalNode);
    return new Change(reorg, new ArrayList<>(path));
  }

  private void recordEpoch(Block b) {
    if (b.header().kind() == BlockKind.LEADER) {
      fence.record(b.header().leaderEpoch(), b.height());
    }
  }
}
