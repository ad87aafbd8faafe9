package io.eris.node.infrastructure.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Which chain (and which node key) this database belongs to. */
@Entity
@Table(name = "node_meta")
public class NodeMetaEntity {
  static final short ID = 1;

  @Id
  @Column(name = "id")
  private short id = ID;

  @Column(name = "chain_id", nullable = false, length = 64)
  private String chainId;

  @Column(name = "genesis", nullable = false)
  private byte[] genesis;

  @Column(name = "node_address", nullable = false, length = 40)
  private String nodeAddress;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected NodeMetaEntity() {}

  NodeMetaEntity(String chainId, byte[] genesis, String nodeAddress, Instant createdAt) {
    this.chainId = chainId;
    this.genesis = genesis;
    this.nodeAddress = nodeAddress;
    this.createdAt = createdAt;
  }

  public String chainId() {
    return chainId;
  }

  public String nodeAddress() {
    return nodeAddress;
  }
}
