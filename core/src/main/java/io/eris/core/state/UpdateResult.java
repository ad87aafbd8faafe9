package io.eris.core.state;

import io.eris.core.crypto.Hash;
import java.util.List;

/**
 * The outcome of {@link StateTree#apply}: the new root and the nodes it needs that the update
 * created, children before parents. Persist them with the block, as insert-if-absent: a node is
 * content-addressed, so one may already be stored (say, a value set back to an earlier one).
 */
public record UpdateResult(Hash root, List<TreeNode> newNodes) {
  public UpdateResult {
    newNodes = List.copyOf(newNodes);
  }
}
