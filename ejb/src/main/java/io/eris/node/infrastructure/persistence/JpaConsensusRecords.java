package io.eris.node.infrastructure.persistence;

import io.eris.core.consensus.EquivocationEvidence;
import io.eris.node.application.ConsensusRecords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JPA side of {@link ConsensusRecords}. */
@ApplicationScoped
public class JpaConsensusRecords implements ConsensusRecords {
  @PersistenceContext(unitName = "eris")
  EntityManager em;

  @Override
  public void evidence(EquivocationEvidence e) {
    EvidenceEntity.Key key = new EvidenceEntity.Key();
    key.voter = e.voter().address().toHex();
    key.height = e.height();
    if (em.find(EvidenceEntity.class, key) == null) {
      em.persist(new EvidenceEntity(e, Instant.now()));
    }
  }

  @Override
  public List<EquivocationEvidence> evidence(int max) {
    return em
        .createNamedQuery("Evidence.all", EvidenceEntity.class)
        .setMaxResults(max)
        .getResultList()
        .stream()
        .map(EvidenceEntity::toEvidence)
        .toList();
  }

  @Override
  public Map<String, Long> lastVoteHeights() {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Object[] row :
        em.createQuery(
                "select v.voter, max(v.height) from VoteEntity v group by v.voter", Object[].class)
            .getResultList()) {
      out.put((String) row[0], (Long) row[1]);
    }
    return out;
  }

  @Override
  public long outboxSize() {
    return em.createQuery("select count(o) from OutboxEntity o", Long.class).getSingleResult();
  }
}
