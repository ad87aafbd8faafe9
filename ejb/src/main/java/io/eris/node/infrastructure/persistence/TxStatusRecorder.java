package io.eris.node.infrastructure.persistence;

import io.eris.core.consensus.TxStatus;
import io.eris.core.consensus.TxStatusListener;
import io.eris.core.consensus.TxStatusUpdate;
import io.eris.core.crypto.Hash;
import io.eris.core.model.Block;
import io.eris.core.model.Transaction;
import io.eris.node.application.NodeEvents;
import io.eris.node.application.TxRepository;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps {@code ledger_tx} in step with the consensus core's transaction lifecycle, in the caller's
 * transaction, and raises the change for the events stream and the tx-status topic (delivered after
 * commit). A peer's transaction gets its row when a block includes it.
 *
 * <p>A block moves all its transactions at once (INCLUDED, then FINAL): the first update for a
 * block in a transaction decodes the block once and loads the rows of all its transactions with one
 * query per {@value #CHUNK}, instead of a block decode and a row read per transaction.
 */
@ApplicationScoped
public class TxStatusRecorder implements TxStatusListener {
  static final int CHUNK = 500;

  @PersistenceContext(unitName = "eris")
  EntityManager em;

  @Resource TransactionSynchronizationRegistry registry;

  @Inject TxRepository txs;
  @Inject JpaChainStore store;
  @EJB NodeEvents events;

  /** What one database transaction has learnt about blocks: their txs and their rows. */
  private static final class BlockRows {
    final Map<Hash, Map<Hash, Transaction>> txsByBlock = new HashMap<>();
    final Map<String, LedgerTxEntity> rows = new HashMap<>();
  }

  private static final Object KEY = BlockRows.class;

  @Override
  public void onStatus(TxStatusUpdate u) {
    if (u.status() == TxStatus.REJECTED) {
      return;
    }
    Instant now = Instant.now();
    String hash = u.tx().toHex();
    LedgerTxEntity e;
    if (u.block() != null) {
      BlockRows cache = blockRows();
      Map<Hash, Transaction> inBlock = txsOf(cache, u.block());
      e = cache.rows.get(hash);
      if (e == null) {
        Transaction tx = inBlock.get(u.tx());
        if (tx == null) {
          return;
        }
        e = new LedgerTxEntity(tx, u.status().name(), now);
        em.persist(e);
        cache.rows.put(hash, e);
      }
    } else {
      e = em.find(LedgerTxEntity.class, hash);
      if (e == null) {
        return;
      }
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

  private BlockRows blockRows() {
    BlockRows cache = (BlockRows) registry.getResource(KEY);
    if (cache == null) {
      cache = new BlockRows();
      registry.putResource(KEY, cache);
    }
    return cache;
  }

  /** The block's transactions by hash; on first sight, their existing rows are loaded too. */
  private Map<Hash, Transaction> txsOf(BlockRows cache, Hash blockHash) {
    Map<Hash, Transaction> known = cache.txsByBlock.get(blockHash);
    if (known != null) {
      return known;
    }
    Block block = store.block(blockHash).orElse(null);
    Map<Hash, Transaction> byHash = new HashMap<>();
    if (block != null) {
      for (Transaction tx : block.txs()) {
        byHash.put(tx.hash(), tx);
      }
      List<String> hashes = new ArrayList<>(byHash.size());
      byHash.keySet().forEach(h -> hashes.add(h.toHex()));
      for (int i = 0; i < hashes.size(); i += CHUNK) {
        for (LedgerTxEntity row :
            em.createQuery(
                    "select t from LedgerTxEntity t where t.hash in :h", LedgerTxEntity.class)
                .setParameter("h", hashes.subList(i, Math.min(hashes.size(), i + CHUNK)))
                .getResultList()) {
          cache.rows.put(row.hash(), row);
        }
      }
    }
    cache.txsByBlock.put(blockHash, byHash);
    return byHash;
  }
}
