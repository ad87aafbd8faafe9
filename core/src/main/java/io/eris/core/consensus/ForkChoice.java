package io.eris.core.consensus;

import io.eris.core.consensus.BlockTree.Node;

/**
 * The fork-choice rule: never leave the chain that holds the highest final block; among the chains
 * that keep it, the heaviest (LEADER 2, POW 1); equal weights go to the lower block hash, so every
 * node that knows the same blocks picks the same head.
 */
final class ForkChoice {
  private ForkChoice() {}

  static Node head(BlockTree tree, Node finalBlock) {
    Node best = finalBlock;
    for (Node leaf : tree.leaves()) {
      if (better(leaf, best) && tree.isAncestorOrSelf(finalBlock, leaf)) {
        best = leaf;
      }
    }
    return best;
  }

  static boolean better(Node a, Node b) {
    if (a.weight != b.weight) {
      return a.weight > b.weight;
    }
    return a.hash().compareTo(b.hash()) < 0;
  }
}
