package io.eris.node.application;

import io.eris.core.ledger.Mempool;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;

/**
 * The node's mempool (the core's {@link Mempool}, thread-safe itself). It is memory only: the
 * outbox table is the durable copy, reloaded into it when the node starts.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class TxPool {
  static final int CAPACITY = 200_000;
  static final int MAX_PER_SENDER = 10_000;

  private final Mempool mempool = new Mempool(CAPACITY, MAX_PER_SENDER);

  public Mempool mempool() {
    return mempool;
  }
}
