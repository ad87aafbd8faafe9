package io.eris.node.infrastructure.persistence;

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
        e.blockKind(),
        e.conflictingTx());
  }

  @Override
  public long pendingCount(String sender) {
    return em.createQuery(
            "select count(t) from LedgerTxEntity t where t.sender = :s and t.status = 'PENDING'",
            Long.class)
        .setParameter("s", sender)
        .getSingleResult();
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
    if (em.find(LedgerTxEntity.class, tx.hash().toHex()) == null) {
      em.persist(new LedgerTxEntity(tx, "PENDING", now));
    }
  }
}
