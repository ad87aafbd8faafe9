package io.eris.core.consensus;

import io.eris.core.crypto.Hash;
import io.eris.core.model.Block;
import io.eris.core.state.TreeNode;
import java.util.List;

/**
 * What one {@link ChainStore#commit} writes atomically. {@code blocks} are new validated blocks
 * (parents first); {@code nodes} the state-tree nodes they created (insert if absent); {@code
 * reorg}, if not null, moves the canonical chain to {@code head}; {@code finalBlock} is the highest
 * final block.
 */
public record ChainCommit(
    List<Block> blocks, List<TreeNode> nodes, Hash head, Reorg reorg, Hash finalBlock) {
  public ChainCommit {
    blocks = List.copyOf(blocks);
    nodes = List.copyOf(nodes);
  }
}
