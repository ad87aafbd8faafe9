package io.eris.node.infrastructure.persistence;

import io.eris.core.model.Block;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** A verified block as stored; the canonical bytes are the source of truth. */
@Entity
@Table(name = "block")
@NamedQuery(
    name = "Block.canonicalAt",
    query = "select b from BlockEntity b where b.height = :height and b.canonical = true")
public class BlockEntity {
  @Id
  @Column(name = "hash", length = 64)
  private String hash;

  @Column(name = "height", nullable = false)
  private long height;

  @Column(name = "parent_hash", nullable = false, length = 64)
  private String parentHash;

  @Column(name = "kind", nullable = false, length = 8)
  private String kind;

  @Column(name = "proposer", nullable = false, length = 40)
  private String proposer;

  @Column(name = "leader_epoch", nullable = false)
  private long leaderEpoch;

  @Column(name = "block_time", nullable = false)
  private Instant blockTime;

  @Column(name = "tx_count", nullable = false)
  private int txCount;

  @Column(name = "state_root", nullable = false, length = 64)
  private String stateRoot;

  @Column(name = "encoded", nullable = false)
  private byte[] encoded;

  @Column(name = "canonical", nullable = false)
  private boolean canonical;

  @Column(name = "stored_at", nullable = false)
  private Instant storedAt;

  protected BlockEntity() {}

  public BlockEntity(Block block, boolean canonical, Instant storedAt) {
    this.hash = block.hash().toHex();
    this.height = block.height();
    this.parentHash = block.header().parent().toHex();
    this.kind = block.header().kind().name();
    this.proposer = block.header().proposer().toHex();
    this.leaderEpoch = block.header().leaderEpoch();
    this.blockTime = Instant.ofEpochMilli(block.header().timestampMillis());
    this.txCount = block.txs().size();
    this.stateRoot = block.header().stateRoot().toHex();
    this.encoded = block.encode();
    this.canonical = canonical;
    this.storedAt = storedAt;
  }

  public Block toBlock() {
    return Block.decode(encoded);
  }

  public String hash() {
    return hash;
  }

  public long height() {
    return height;
  }

  public boolean canonical() {
    return canonical;
  }

  public void setCanonical(boolean canonical) {
    this.canonical = canonical;
  }

  public Instant storedAt() {
    return storedAt;
  }
}
