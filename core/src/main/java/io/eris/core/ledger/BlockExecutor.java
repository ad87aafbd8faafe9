package io.eris.core.ledger;

import io.eris.core.crypto.Hash;
import io.eris.core.crypto.SignatureCache;
import io.eris.core.model.BlockHeader;
import io.eris.core.model.Limits;
import io.eris.core.model.Transaction;
import io.eris.core.state.TreeNodeStore;
import io.eris.core.state.UpdateResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a block's transactions to its parent's state: one working state for the block and one
 * {@link io.eris.core.state.StateTree#apply} at the end, so a block of thousands of transactions
 * costs one tree update. Signatures go through the shared {@link SignatureCache}, so those verified
 * on arrival are not verified again.
 *
 * <p>Deterministic: the same parent root, height, transactions and history give the same root.
 * Governance proposals take effect at the transaction carrying their M-th approval, so later
 * transactions of the same block already see the change. RECOVER restores user data as {@code
 * TxRules.Governance#recover} documents: key-value entries and balances of height h; chain
 * parameters, validators, governance, proposals, anchors, keys, roles, revocations and nonces stay
 * as they are.
 */
public final class BlockExecutor {
  /** Block encoding bytes besides its txs: tag, version, header, signature, count. */
  static final int BLOCK_OVERHEAD_BYTES = 2 + BlockHeader.SIZE + 64 + 4;

  private final TreeNodeStore store;
  private final TxRules rules;

  /**
   * @param chainId the chain every transaction must name
   * @param store the state tree nodes of every state root executed on
   * @param signatures the node's signature cache
   * @param bitcoin the network anchors must come from (same on all nodes of a chain)
   */
  public BlockExecutor(
      Hash chainId, TreeNodeStore store, SignatureCache signatures, BitcoinNetwork bitcoin) {
    this.store = store;
    this.rules = new TxRules(chainId, signatures, bitcoin);
  }

  public TreeNodeStore store() {
    return store;
  }

  TxRules rules() {
    return rules;
  }

  /**
   * Executes a received block's transactions strictly: the first refused one makes the result not
   * OK (and the block invalid).
   */
  public ExecutionResult execute(
      Hash parentStateRoot, long height, List<Transaction> txs, ChainHistory history) {
    WorkingState s = new WorkingState(LedgerState.at(store, parentStateRoot));
    for (int i = 0; i < txs.size(); i++) {
      Verdict v = rules.execute(txs.get(i), s, height, history);
      if (!v.isOk()) {
        Verdict failed =
            Verdict.reject(v.code(), "tx " + i + " (" + txs.get(i).hash() + "): " + v.message());
        return new ExecutionResult(
            failed, i, parentStateRoot, Hash.ZERO, List.of(), List.of(), List.of());
      }
    }
    return finish(s, txs, List.of());
  }

  /**
   * Executes candidates for a new block, leaving out those refused (a sender's later nonces then
   * fail in turn, so per-sender order holds), and stopping at {@code maxTxs} included or when the
   * next would push the block over {@link Limits#MAX_BLOCK_BYTES}.
   */
  public ExecutionResult executeSkipping(
      Hash parentStateRoot,
      long height,
      List<Transaction> candidates,
      int maxTxs,
      ChainHistory history) {
    WorkingState s = new WorkingState(LedgerState.at(store, parentStateRoot));
    List<Transaction> included = new ArrayList<>(Math.min(maxTxs, candidates.size()));
    List<TxResult> skipped = new ArrayList<>();
    long bytes = BLOCK_OVERHEAD_BYTES;
    for (Transaction tx : candidates) {
      if (included.size() >= maxTxs || bytes + 4 + tx.encodedSize() > Limits.MAX_BLOCK_BYTES) {
        break;
      }
      Verdict v = rules.execute(tx, s, height, history);
      if (v.isOk()) {
        included.add(tx);
        bytes += 4 + tx.encodedSize();
      } else {
        skipped.add(new TxResult(tx, v));
      }
    }
    return finish(s, included, skipped);
  }

  private static ExecutionResult finish(
      WorkingState s, List<Transaction> included, List<TxResult> skipped) {
    UpdateResult update = s.commit();
    List<Hash> hashes = new ArrayList<>(included.size());
    for (Transaction tx : included) {
      hashes.add(tx.hash());
    }
    return new ExecutionResult(
        Verdict.OK, -1, update.root(), TxMerkle.root(hashes), included, skipped, update.newNodes());
  }
}
