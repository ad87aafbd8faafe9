package io.eris.core.sim;

import io.eris.core.consensus.Outbox;
import io.eris.core.crypto.Hash;
import io.eris.core.model.Transaction;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A node's outbox table in the simulation: survives crashes. */
public final class MemoryOutbox implements Outbox {
  private final Map<Hash, Transaction> txs = new LinkedHashMap<>();

  @Override
  public void add(Transaction tx) {
    txs.put(tx.hash(), tx);
  }

  @Override
  public void remove(Hash tx) {
    txs.remove(tx);
  }

  @Override
  public List<Transaction> all() {
    return List.copyOf(txs.values());
  }
}
