package io.eris.core.ledger;

import io.eris.core.crypto.Hash;
import io.eris.core.model.Transaction;
import io.eris.core.state.TreeNode;
import java.util.List;

/**
 * The outcome of executing transactions on a parent state.
 *
 * @param verdict OK, or (strict execution of a received block) the first refused transaction's
 *     verdict, with {@code failedIndex} its position; the other fields are then meaningless
 * @param stateRoot the state root after the included transactions
 * @param txRoot the {@link TxMerkle} root of the included transactions
 * @param included the transactions applied, in order
 * @param skipped transactions the builder left out, with the reason (the mempool may drop them)
 * @param newNodes the state tree nodes to persist with the block (insert if absent)
 */
public record ExecutionResult(
    Verdict verdict,
    int failedIndex,
    Hash stateRoot,
    Hash txRoot,
    List<Transaction> included,
    List<TxResult> skipped,
    List<TreeNode> newNodes) {
  public ExecutionResult {
    included = List.copyOf(included);
    skipped = List.copyOf(skipped);
    newNodes = List.copyOf(newNodes);
  }

  public boolean isOk() {
    return verdict.isOk();
  }
}
