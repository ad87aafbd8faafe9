package io.eris.core.consensus;

import io.eris.core.crypto.Hash;
import io.eris.core.model.Transaction;
import java.util.List;

/**
 * Port: transactions this node accepted from its clients, stored before the client hears "accepted"
 * and re-broadcast until they are settled (final, conflicted or expired), across restarts of the
 * node, the broker or the database.
 */
public interface Outbox {
  void add(Transaction tx);

  void remove(Hash tx);

  List<Transaction> all();
}
