package io.eris.core.ledger;

import io.eris.core.crypto.Hash;
import io.eris.core.crypto.SignatureCache;
import io.eris.core.model.Transaction;

/**
 * Mempool admission: the full rules of {@link BlockExecutor} against the head state, except that a
 * nonce up to {@code nonceWindow} above the account's is accepted (it may follow txs still in the
 * mempool). The leader answers a client with this verdict at once.
 */
public final class TxValidator {
  private final TxRules rules;
  private final long nonceWindow;

  public TxValidator(BlockExecutor executor, long nonceWindow) {
    if (nonceWindow < 1) {
      throw new IllegalArgumentException("the nonce window is at least 1");
    }
    this.rules = executor.rules();
    this.nonceWindow = nonceWindow;
  }

  public TxValidator(BlockExecutor executor) {
    this(executor, Ledger.DEFAULT_NONCE_WINDOW);
  }

  /**
   * Whether {@code tx} may enter the mempool, judged at {@code head} for a block at {@code
   * nextHeight}. Writes nothing.
   */
  public Verdict admit(Transaction tx, LedgerState head, long nextHeight, ChainHistory history) {
    return rules.admit(tx, new WorkingState(head), nextHeight, history, nonceWindow);
  }

  /**
   * What can be judged of {@code tx} without any state — size, chain id, signature — with the codes
   * and messages of {@link #admit}. A host answers these on the caller's thread, before the
   * transaction waits for the consensus loop; a signature that verified here is a cache hit there.
   */
  public static Verdict stateless(Transaction tx, Hash chainId, SignatureCache signatures) {
    return TxRules.stateless(tx, chainId, signatures);
  }

  /** Whether {@code tx} could be executed right now, as the next tx of its sender. */
  public Verdict check(Transaction tx, LedgerState head, long nextHeight, ChainHistory history) {
    return rules.admit(tx, new WorkingState(head), nextHeight, history, 1);
  }
}
