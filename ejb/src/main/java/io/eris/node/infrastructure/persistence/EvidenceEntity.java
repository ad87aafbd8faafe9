package io.eris.node.infrastructure.persistence;

import io.eris.core.consensus.EquivocationEvidence;
import io.eris.core.model.Vote;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** Two votes by one key at one height for different blocks: proof of equivocation. */
@Entity
@Table(name = "equivocation_evidence")
@IdClass(EvidenceEntity.Key.class)
@NamedQuery(name = "Evidence.all", query = "select e from EvidenceEntity e order by e.height desc")
public class EvidenceEntity {
  /** Composite key: one record per (voter, height). */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    String voter;
    long height;

    public Key() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && height == k.height && Objects.equals(voter, k.voter);
    }

    @Override
    public int hashCode() {
      return Objects.hash(voter, height);
    }
  }

  @Id
  @Column(name = "voter", length = 40)
  private String voter;

  @Id
  @Column(name = "height")
  private long height;

  @Column(name = "vote_a", nullable = false)
  private byte[] voteA;

  @Column(name = "vote_b", nullable = false)
  private byte[] voteB;

  @Column(name = "detected_at", nullable = false)
  private Instant detectedAt;

  protected EvidenceEntity() {}

  EvidenceEntity(EquivocationEvidence e, Instant now) {
    this.voter = e.voter().address().toHex();
    this.height = e.height();
    this.voteA = e.first().encode();
    this.voteB = e.second().encode();
    this.detectedAt = now;
  }

  public EquivocationEvidence toEvidence() {
    return new EquivocationEvidence(Vote.decode(voteA), Vote.decode(voteB));
  }

  public Instant detectedAt() {
    return detectedAt;
  }
}
