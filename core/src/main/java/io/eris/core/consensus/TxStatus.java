package io.eris.core.consensus;

/** Where a transaction stands, as users see it (DESIGN.md section 8). */
public enum TxStatus {
  /** Refused at once; the update carries the reason. */
  REJECTED,
  /** Accepted and broadcast, in no block of the canonical chain. */
  PENDING,
  /** In a block of the canonical chain that is not final yet; may go back to PENDING. */
  INCLUDED,
  /** In a final block: settled for good. */
  FINAL,
  /** Another transaction with the same sender and nonce became final: settled for good. */
  CONFLICTED,
  /** Not included within the deadline; dropped from this node's mempool and outbox. */
  EXPIRED
}
