package io.eris.node.infrastructure.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** One (transaction, block) pair: which blocks carry a transaction. */
@Entity
@Table(name = "block_tx")
@IdClass(BlockTxEntity.Key.class)
public class BlockTxEntity {
  /** Composite key. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    String txHash;
    String blockHash;

    public Key() {}

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(txHash, k.txHash)
          && Objects.equals(blockHash, k.blockHash);
    }

    @Override
    public int hashCode() {
      return Objects.hash(txHash, blockHash);
    }
  }

  @Id
  @Column(name = "tx_hash", length = 64)
  private String txHash;

  @Id
  @Column(name = "block_hash", length = 64)
  private String blockHash;

  protected BlockTxEntity() {}

  BlockTxEntity(String txHash, String blockHash) {
    this.txHash = txHash;
    this.blockHash = blockHash;
  }
}
