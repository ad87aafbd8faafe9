package io.eris.node.infrastructure.persistence;

import io.eris.core.model.Block;
import io.eris.core.model.Transaction;
import io.eris.node.application.TxRepository;
import io.eris.node.application.TxStatusView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** JPA side of {@link TxRepository}. */
@ApplicationScoped
public class JpaTxRepository implements TxRepository {
  @PersistenceContext(unitName = "eris")
  EntityManager em;

  @Override
  public Optional<TxStatusView> status(String hash) {
    return Optional.ofNullable(em.find(LedgerTxEntity.class, hash)).map(JpaTxRepository::view);
  }

  private static TxStatusView view(LedgerTxEntity e) {
    return new TxStatusView(
        e.hash(),
        e.status(),
        null,
        e.reason(),
        e.sender(),
        e.nonce(),
        e.kind(),
        e.height(),
        e.blockHash(),
        e.blockKind());
  }

  @Override
  public List<TxStatusView> history(String sender, int max) {
    return em
        .createNamedQuery("LedgerTx.bySender", LedgerTxEntity.class)
        .setParameter("sender", sender)
        .setMaxResults(max)
        .getResultList()
        .stream()
        .map(JpaTxRepository::view)
        .toList();
  }

  @Override
  public void accept(Transaction tx, Instant now) {
    em.persist(new LedgerTxEntity(tx, "PENDING", now));
    em.persist(new OutboxEntity(tx.hash().toHex(), tx.encode(), now));
  }

  @Override
  public void included(Block block, boolean isFinal, Instant now) {
    String status = isFinal ? "FINAL" : "INCLUDED";
    for (Transaction tx : block.txs()) {
      String hash = tx.hash().toHex();
      LedgerTxEntity e = em.find(LedgerTxEntity.class, hash);
      if (e == null) {
        e = new LedgerTxEntity(tx, status, now);
        em.persist(e);
      }
      e.included(status, block.hash().toHex(), block.height(), block.header().kind().name(), now);
      if (isFinal) {
        OutboxEntity o = em.find(OutboxEntity.class, hash);
        if (o != null) {
          em.remove(o);
        }
      }
    }
  }

  @Override
  public List<Transaction> outbox() {
    return em.createNamedQuery("Outbox.all", OutboxEntity.class).getResultList().stream()
        .map(o -> Transaction.decode(o.encoded()))
        .toList();
  }
}
