package io.eris.node.application;

/**
 * A transaction's lifecycle status as users see it: PENDING, INCLUDED (height, block, LEADER or
 * POW), FINAL, CONFLICTED (with the transaction that won its nonce), EXPIRED, or REJECTED with a
 * stable code and reason.
 */
public record TxStatusView(
    String hash,
    String status,
    String code,
    String reason,
    String sender,
    Long nonce,
    String kind,
    Long height,
    String blockHash,
    String blockKind,
    String conflictedBy) {
  /** The view of a transaction the node has just accepted (no need to read it back). */
  public static TxStatusView pending(io.eris.core.model.Transaction tx) {
    return new TxStatusView(
        tx.hash().toHex(),
        "PENDING",
        null,
        null,
        tx.sender().address().toHex(),
        tx.nonce(),
        tx.kind().name(),
        null,
        null,
        null,
        null);
  }

  public static TxStatusView rejected(String hash, String code, String reason) {
    return new TxStatusView(
        hash, "REJECTED", code, reason, null, null, null, null, null, null, null);
  }
}
