package io.eris.node.application;

import io.eris.core.model.Block;
import io.eris.core.model.Transaction;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Accepted transactions, their statuses and the outbox. Callers own the transaction. */
public interface TxRepository {
  Optional<TxStatusView> status(String hash);

  /** Stores an accepted tx as PENDING and puts it in the outbox, in the caller's transaction. */
  void accept(Transaction tx, Instant now);

  /** Marks the block's txs INCLUDED, or FINAL (and out of the outbox) when the block is final. */
  void included(Block block, boolean isFinal, Instant now);

  List<Transaction> outbox();

  /** The newest transactions sent by {@code sender} (an address), newest first. */
  List<TxStatusView> history(String sender, int max);
}
