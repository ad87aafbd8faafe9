package io.eris.core.consensus;

import io.eris.core.codec.ErrorCode;
import io.eris.core.crypto.Hash;
import io.eris.core.model.BlockKind;

/**
 * One change of a transaction's status. {@code height}, {@code block} and {@code mode} are set for
 * INCLUDED and FINAL (mode says whether the leader or a proof-of-work miner included it); {@code
 * winner} for CONFLICTED; {@code reason} and {@code message} for REJECTED.
 */
public record TxStatusUpdate(
    Hash tx,
    TxStatus status,
    long height,
    Hash block,
    BlockKind mode,
    Hash winner,
    ErrorCode reason,
    String message) {

  static TxStatusUpdate rejected(Hash tx, ErrorCode reason, String message) {
    return new TxStatusUpdate(tx, TxStatus.REJECTED, 0, null, null, null, reason, message);
  }

  static TxStatusUpdate pending(Hash tx) {
    return new TxStatusUpdate(tx, TxStatus.PENDING, 0, null, null, null, null, null);
  }

  static TxStatusUpdate included(Hash tx, long height, Hash block, BlockKind mode) {
    return new TxStatusUpdate(tx, TxStatus.INCLUDED, height, block, mode, null, null, null);
  }

  static TxStatusUpdate finalIn(Hash tx, long height, Hash block, BlockKind mode) {
    return new TxStatusUpdate(tx, TxStatus.FINAL, height, block, mode, null, null, null);
  }

  static TxStatusUpdate conflicted(Hash tx, Hash winner) {
    return new TxStatusUpdate(tx, TxStatus.CONFLICTED, 0, null, null, winner, null, null);
  }

  static TxStatusUpdate expired(Hash tx) {
    return new TxStatusUpdate(tx, TxStatus.EXPIRED, 0, null, null, null, null, null);
  }
}
