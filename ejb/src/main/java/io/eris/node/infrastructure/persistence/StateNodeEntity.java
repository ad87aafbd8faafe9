package io.eris.node.infrastructure.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One content-addressed node of the state tree. */
@Entity
@Table(name = "state_node")
public class StateNodeEntity {
  @Id
  @Column(name = "hash", length = 64)
  private String hash;

  @Column(name = "encoded", nullable = false)
  private byte[] encoded;

  protected StateNodeEntity() {}

  StateNodeEntity(String hash, byte[] encoded) {
    this.hash = hash;
    this.encoded = encoded;
  }

  byte[] encoded() {
    return encoded;
  }
}
