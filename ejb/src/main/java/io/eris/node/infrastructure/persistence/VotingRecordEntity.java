package io.eris.node.infrastructure.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The height this node last voted at; written before the vote is sent. */
@Entity
@Table(name = "voting_record")
public class VotingRecordEntity {
  static final short ID = 1;

  @Id
  @Column(name = "id")
  private short id = ID;

  @Column(name = "last_voted_height", nullable = false)
  private long lastVotedHeight;

  protected VotingRecordEntity() {}

  VotingRecordEntity(long height) {
    this.lastVotedHeight = height;
  }

  long lastVotedHeight() {
    return lastVotedHeight;
  }

  void votedAt(long height) {
    this.lastVotedHeight = height;
  }
}
