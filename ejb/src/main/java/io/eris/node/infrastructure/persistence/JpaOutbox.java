package io.eris.node.infrastructure.persistence;

import io.eris.core.consensus.Outbox;
import io.eris.core.crypto.Hash;
import io.eris.core.model.Transaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;

/** Accepted transactions not yet final, in the caller's transaction; survives restarts. */
@ApplicationScoped
public class JpaOutbox implements Outbox {
  @PersistenceContext(unitName = "eris")
  EntityManager em;

  @Override
  public void add(Transaction tx) {
    String hash = tx.hash().toHex();
    if (em.find(OutboxEntity.class, hash) == null) {
      em.persist(new OutboxEntity(hash, tx.encode(), Instant.now()));
    }
  }

  @Override
  public void remove(Hash tx) {
    OutboxEntity e = em.find(OutboxEntity.class, tx.toHex());
    if (e != null) {
      em.remove(e);
    }
  }

  @Override
  public List<Transaction> all() {
    return em.createNamedQuery("Outbox.all", OutboxEntity.class).getResultList().stream()
        .map(o -> Transaction.decode(o.encoded()))
        .toList();
  }

  public long size() {
    return em.createQuery("select count(o) from OutboxEntity o", Long.class).getSingleResult();
  }
}
