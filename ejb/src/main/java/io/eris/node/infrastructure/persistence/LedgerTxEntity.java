package io.eris.node.infrastructure.persistence;

import io.eris.core.model.Transaction;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** A transaction the node accepted, with the lifecycle status users see. */
@Entity
@Table(name = "ledger_tx")
@NamedQuery(
    name = "LedgerTx.bySender",
    query = "select t from LedgerTxEntity t where t.sender = :sender order by t.nonce desc")
public class LedgerTxEntity {
  @Id
  @Column(name = "hash", length = 64)
  private String hash;

  @Column(name = "sender", nullable = false, length = 40)
  private String sender;

  @Column(name = "nonce", nullable = false)
  private long nonce;

  @Column(name = "kind", nullable = false, length = 16)
  private String kind;

  @Column(name = "encoded", nullable = false)
  private byte[] encoded;

  @Column(name = "status", nullable = false, length = 12)
  private String status;

  @Column(name = "reason", length = 512)
  private String reason;

  @Column(name = "block_hash", length = 64)
  private String blockHash;

  @Column(name = "height")
  private Long height;

  @Column(name = "block_kind", length = 8)
  private String blockKind;

  @Column(name = "conflicting_tx", length = 64)
  private String conflictingTx;

  @Column(name = "received_at", nullable = false)
  private Instant receivedAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected LedgerTxEntity() {}

  public LedgerTxEntity(Transaction tx, String status, Instant now) {
    this.hash = tx.hash().toHex();
    this.sender = tx.sender().address().toHex();
    this.nonce = tx.nonce();
    this.kind = tx.kind().name();
    this.encoded = tx.encode();
    this.status = status;
    this.receivedAt = now;
    this.updatedAt = now;
  }

  public void included(String status, String blockHash, long height, String blockKind, Instant at) {
    this.status = status;
    this.blockHash = blockHash;
    this.height = height;
    this.blockKind = blockKind;
    this.updatedAt = at;
  }

  public void conflicted(String winner, Instant at) {
    this.status = "CONFLICTED";
    this.conflictingTx = winner;
    this.updatedAt = at;
  }

  public void reason(String reason) {
    this.reason = reason == null || reason.length() <= 512 ? reason : reason.substring(0, 512);
  }

  public void status(String status, Instant at) {
    this.status = status;
    this.updatedAt = at;
  }

  public Transaction toTransaction() {
    return Transaction.decode(encoded);
  }

  public String hash() {
    return hash;
  }

  public String sender() {
    return sender;
  }

  public long nonce() {
    return nonce;
  }

  public String kind() {
    return kind;
  }

  public String status() {
    return status;
  }

  public String reason() {
    return reason;
  }

  public String blockHash() {
    return blockHash;
  }

  public Long height() {
    return height;
  }

  public String blockKind() {
    return blockKind;
  }

  public String conflictingTx() {
    return conflictingTx;
  }

  public Instant receivedAt() {
    return receivedAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }
}
