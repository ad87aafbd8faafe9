package io.eris.node.infrastructure.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** An accepted transaction not yet in a final block: kept until it is, across restarts. */
@Entity
@Table(name = "outbox")
@NamedQuery(name = "Outbox.all", query = "select o from OutboxEntity o order by o.createdAt")
public class OutboxEntity {
  @Id
  @Column(name = "tx_hash", length = 64)
  private String txHash;

  @Column(name = "encoded", nullable = false)
  private byte[] encoded;

  @Column(name = "attempts", nullable = false)
  private int attempts;

  @Column(name = "next_attempt_at", nullable = false)
  private Instant nextAttemptAt;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected OutboxEntity() {}

  public OutboxEntity(String txHash, byte[] encoded, Instant now) {
    this.txHash = txHash;
    this.encoded = encoded;
    this.attempts = 0;
    this.nextAttemptAt = now;
    this.createdAt = now;
  }

  public String txHash() {
    return txHash;
  }

  public byte[] encoded() {
    return encoded;
  }
}
