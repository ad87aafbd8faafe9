package io.eris.node.infrastructure.persistence;

import io.eris.core.consensus.TxStatus;
import io.eris.core.consensus.TxStatusListener;
import io.eris.core.consensus.TxStatusUpdate;
import io.eris.core.model.Block;
import io.eris.core.model.Transaction;
import io.eris.node.application.NodeEvents;
import io.eris.node.application.TxRepository;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;

/**
 * Keeps {@code ledger_tx} in step with the consensus core's transaction lifecycle, in the caller's
 * transaction, and raises the change for the events stream and the tx-status topic (delivered after
 * commit). A peer's transaction gets its row when a block includes it.
 */
@ApplicationScoped
public class TxStatusRecorder implements TxStatusListener {
  @PersistenceContext(unitName = "eris")
  EntityManager em;

  @Inject TxRepository txs;
  @Inject JpaChainStore store;
  @EJB NodeEvents events;

  @Override
  public void onStatus(TxStatusUpdate u) {
    if (u.status() == TxStatus.REJECTED) {
      return;
    }
    Instant now = Instant.now();
    String hash = u.tx().toHex();
    LedgerTxEntity e = em.find(LedgerTxEntity.class, hash);
    if (e == null) {
      if (u.block() == null) {
        return;
      }
      Block block = store.block(u.block()).orElse(null);
      Transaction tx =
          block == null
              ? null
              : block.txs().stream().filter(t -> t.hash().equals(u.tx())).findFirst().orElse(null);
      if (tx == null) {
        return;
      }
      e = new LedgerTxEntity(tx, u.status().name(), now);
      em.persist(e);
    }
    switch (u.status()) {
      case INCLUDED, FINAL ->
          e.included(u.status().name(), u.block().toHex(), u.height(), u.mode().name(), now);
      case CONFLICTED -> e.conflicted(u.winner() == null ? null : u.winner().toHex(), now);
      default -> e.status(u.status().name(), now);
    }
    if (u.message() != null) {
      e.reason(u.message());
    }
    txs.status(hash).ifPresent(events::tx);
  }
}
