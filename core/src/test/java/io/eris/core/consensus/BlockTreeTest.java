package io.eris.core.consensus;

import static io.eris.core.model.BlockKind.LEADER;
import static io.eris.core.model.BlockKind.POW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eris.core.consensus.BlockTree.Node;
import io.eris.core.model.Block;
import org.junit.jupiter.api.Test;

class BlockTreeTest {
  private final Block g = TestBlocks.genesis();
  private final BlockTree tree = new BlockTree(g, 0, 0);

  @Test
  void weightsAddUpAlongTheChain() {
    Block a = TestBlocks.child(g, LEADER);
    Block b = TestBlocks.child(a, POW);
    tree.add(a);
    Node nb = tree.add(b);
    assertThat(nb.weight).isEqualTo(3);
    assertThat(tree.leaves()).containsExactly(nb);
  }

  @Test
  void refusesABlockWithAnUnknownParent() {
    Block a = TestBlocks.child(g, LEADER);
    Block b = TestBlocks.child(a, LEADER);
    assertThatThrownBy(() -> tree.add(b)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void addingTwiceChangesNothing() {
    Block a = TestBlocks.child(g, LEADER);
    Node first = tree.add(a);
    assertThat(tree.add(a)).isSameAs(first);
    assertThat(tree.size()).isEqualTo(2);
  }

  @Test
  void theHeaviestChainWinsEvenIfShorter() {
    Block p1 = TestBlocks.child(g, POW, 0, 1);
    Block p2 = TestBlocks.child(p1, POW, 0, 1);
    Block p3 = TestBlocks.child(p2, POW, 0, 1);
    Block l1 = TestBlocks.child(g, LEADER, 1, 0);
    Block l2 = TestBlocks.child(l1, LEADER, 1, 0);
    for (Block b : new Block[] {p1, p2, p3, l1, l2}) {
      tree.add(b);
    }
    assertThat(ForkChoice.head(tree, tree.root()).block).isEqualTo(l2);
  }

  @Test
  void equalWeightsGoToTheLowerHash() {
    Block x = TestBlocks.child(g, POW, 0, 1);
    Block y = TestBlocks.child(g, POW, 0, 2);
    tree.add(x);
    tree.add(y);
    Block lower = x.hash().compareTo(y.hash()) < 0 ? x : y;
    assertThat(ForkChoice.head(tree, tree.root()).block).isEqualTo(lower);
  }

  @Test
  void neverLeavesTheChainOfTheFinalBlock() {
    Block p1 = TestBlocks.child(g, POW, 0, 1);
    Block l1 = TestBlocks.child(g, LEADER, 1, 0);
    Block l2 = TestBlocks.child(l1, LEADER, 1, 0);
    Node final1 = tree.add(p1);
    tree.add(l1);
    tree.add(l2);
    assertThat(ForkChoice.head(tree, final1).block).isEqualTo(p1);
  }

  @Test
  void aReorgUndoesToTheCommonAncestorAndAppliesTheNewBranch() {
    Block a = TestBlocks.child(g, LEADER);
    Block b1 = TestBlocks.child(a, POW, 0, 1);
    Block c1 = TestBlocks.child(b1, POW, 0, 1);
    Block b2 = TestBlocks.child(a, LEADER, 1, 2);
    Block c2 = TestBlocks.child(b2, LEADER, 1, 2);
    for (Block b : new Block[] {a, b1, c1, b2, c2}) {
      tree.add(b);
    }
    Reorg r = tree.reorg(tree.node(c1.hash()), tree.node(c2.hash()));
    assertThat(r.ancestor()).isEqualTo(a);
    assertThat(r.undo()).containsExactly(c1, b1);
    assertThat(r.apply()).containsExactly(b2, c2);
    assertThat(tree.reorg(tree.node(a.hash()), tree.node(c2.hash())).isExtension()).isTrue();
  }

  @Test
  void pruningKeepsOnlyDescendantsOfTheNewRoot() {
    Block a = TestBlocks.child(g, LEADER);
    Block side = TestBlocks.child(g, POW, 0, 9);
    Block b = TestBlocks.child(a, LEADER);
    tree.add(a);
    tree.add(side);
    Node nb = tree.add(b);
    tree.pruneTo(tree.node(a.hash()));
    assertThat(tree.contains(side.hash())).isFalse();
    assertThat(tree.contains(g.hash())).isFalse();
    assertThat(tree.root().block).isEqualTo(a);
    assertThat(tree.leaves()).containsExactly(nb);
    assertThat(tree.ancestorAt(nb, 0)).isNull();
    assertThat(nb.weight).isEqualTo(4);
  }
}
