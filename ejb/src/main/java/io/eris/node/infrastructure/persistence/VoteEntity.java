package io.eris.node.infrastructure.persistence;

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

/** A validator's vote as received (or cast); the canonical bytes carry the signature. */
@Entity
@Table(name = "vote")
@IdClass(VoteEntity.Key.class)
@NamedQuery(name = "Vote.forBlock", query = "select v from VoteEntity v where v.blockHash = :hash")
public class VoteEntity {
  /** Composite key: one row per (voter, height, block). */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    String voter;
    long height;
    String blockHash;

    public Key() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && height == k.height
          && Objects.equals(voter, k.voter)
          && Objects.equals(blockHash, k.blockHash);
    }

    @Override
    public int hashCode() {
      return Objects.hash(voter, height, blockHash);
    }
  }

  @Id
  @Column(name = "voter", length = 40)
  private String voter;

  @Id
  @Column(name = "height")
  private long height;

  @Id
  @Column(name = "block_hash", length = 64)
  private String blockHash;

  @Column(name = "encoded", nullable = false)
  private byte[] encoded;

  @Column(name = "received_at", nullable = false)
  private Instant receivedAt;

  protected VoteEntity() {}

  public VoteEntity(Vote vote, Instant now) {
    this.voter = vote.voter().address().toHex();
    this.height = vote.height();
    this.blockHash = vote.blockHash().toHex();
    this.encoded = vote.encode();
    this.receivedAt = now;
  }

  public Vote toVote() {
    return Vote.decode(encoded);
  }
}
