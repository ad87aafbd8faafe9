package io.eris.node.application;

import io.eris.core.model.Transaction;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Transactions the node knows and their statuses. Callers own the transaction. */
public interface TxRepository {
  Optional<TxStatusView> status(String hash);

  /** Records an accepted tx as PENDING (the core keeps the outbox), in the caller's transaction. */
  void accept(Transaction tx, Instant now);

  /** How many of {@code sender}'s transactions are PENDING. */
  long pendingCount(String sender);

  /** The newest transactions sent by {@code sender} (an address), newest first. */
  List<TxStatusView> history(String sender, int max);
}
