package io.eris.node.infrastructure.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The single row naming the canonical head and the highest final block. */
@Entity
@Table(name = "chain_head")
public class ChainHeadEntity {
  static final short ID = 1;

  @Id
  @Column(name = "id")
  private short id = ID;

  @Column(name = "block_hash", nullable = false, length = 64)
  private String blockHash;

  @Column(name = "height", nullable = false)
  private long height;

  @Column(name = "final_hash", nullable = false, length = 64)
  private String finalHash;

  @Column(name = "final_height", nullable = false)
  private long finalHeight;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected ChainHeadEntity() {}

  ChainHeadEntity(String blockHash, long height, String finalHash, long finalHeight, Instant at) {
    this.blockHash = blockHash;
    this.height = height;
    this.finalHash = finalHash;
    this.finalHeight = finalHeight;
    this.updatedAt = at;
  }

  void moveHead(String hash, long newHeight, Instant at) {
    this.blockHash = hash;
    this.height = newHeight;
    this.updatedAt = at;
  }

  void moveFinal(String hash, long newHeight, Instant at) {
    this.finalHash = hash;
    this.finalHeight = newHeight;
    this.updatedAt = at;
  }

  public String blockHash() {
    return blockHash;
  }

  public long height() {
    return height;
  }

  public String finalHash() {
    return finalHash;
  }

  public long finalHeight() {
    return finalHeight;
  }
}
