package io.eris.core.consensus;

import io.eris.core.codec.ErrorCode;
import io.eris.core.crypto.Hash;
import io.eris.core.ledger.LedgerState;
import io.eris.core.ledger.Mempool;
import io.eris.core.ledger.TxValidator;
import io.eris.core.ledger.Verdict;
import io.eris.core.model.Block;
import io.eris.core.model.Transaction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The transactions waiting for a block: admission against the head state, the mempool, the outbox
 * of transactions this node accepted from its own clients (re-broadcast until settled), and the
 * lifecycle tracking.
 */
final class TxPool {
  private final TxValidator validator;
  private final Mempool mempool;
  private final Outbox outbox;
  private final TxTracker tracker;
  private final Transmitter transmitter;
  private final Set<Hash> own = new HashSet<>();

  TxPool(
      TxValidator validator,
      Mempool mempool,
      Outbox outbox,
      TxTracker tracker,
      Transmitter transmitter) {
    this.validator = validator;
    this.mempool = mempool;
    this.outbox = outbox;
    this.tracker = tracker;
    this.transmitter = transmitter;
  }

  Mempool mempool() {
    return mempool;
  }

  TxTracker tracker() {
    return tracker;
  }

  /** After a restart: the outbox goes back into the mempool, pending again. */
  void restore(Chain chain, long nowMillis) {
    for (Transaction tx : outbox.all()) {
      own.add(tx.hash());
      if (admit(chain, tx).isOk()) {
        tracker.pending(tx, nowMillis, chain.head().height());
      } else {
        outbox.remove(tx.hash());
      }
    }
  }

  /**
   * A client's transaction: admitted, stored in the outbox before the answer, broadcast. The
   * verdict is the client's immediate answer.
   */
  Verdict submit(Chain chain, Transaction tx, long nowMillis) {
    Verdict v = admit(chain, tx);
    if (!v.isOk()) {
      return v;
    }
    outbox.add(tx);
    own.add(tx.hash());
    tracker.pending(tx, nowMillis, chain.head().height());
    transmitter.broadcastTx(tx);
    return v;
  }

  /** A transaction gossiped by a peer: kept if admissible, never re-broadcast from here. */
  void received(Chain chain, Transaction tx, long nowMillis) {
    if (mempool.contains(tx.hash())) {
      return;
    }
    if (admit(chain, tx).isOk()) {
      tracker.pending(tx, nowMillis, chain.head().height());
    }
  }

  private Verdict admit(Chain chain, Transaction tx) {
    if (mempool.contains(tx.hash())) {
      return Verdict.reject(ErrorCode.DUPLICATE, "tx " + tx.hash() + " is already pending");
    }
    LedgerState head = chain.headState();
    Verdict v = validator.admit(tx, head, chain.head().height() + 1, chain.historyOf(chain.head()));
    if (!v.isOk()) {
      return v;
    }
    return mempool.add(tx, head.nonce(tx.sender().address()));
  }

  /** The canonical chain moved: orphaned txs back in, included and stale ones out. */
  void onReorg(Chain chain, Reorg reorg, long nowMillis) {
    LedgerState head = chain.headState();
    long height = chain.head().height();
    List<Transaction> orphaned = new ArrayList<>();
    for (Block b : reorg.undo()) {
      orphaned.addAll(b.txs());
    }
    for (Block b : reorg.apply()) {
      mempool.remove(b.txs());
    }
    for (Transaction tx : mempool.reinject(orphaned, head)) {
      tracker.pending(tx, nowMillis, height);
    }
    for (Block b : reorg.undo()) {
      tracker.undone(b, nowMillis, height);
    }
    for (Block b : reorg.apply()) {
      tracker.applied(b);
    }
    mempool.removeStale(head);
  }

  /** Blocks became final: their txs and rivals are settled and leave the outbox. */
  void onFinal(List<Block> blocks) {
    for (Block b : blocks) {
      tracker.finalized(b);
      for (Transaction tx : b.txs()) {
        if (own.remove(tx.hash())) {
          outbox.remove(tx.hash());
        }
      }
    }
    for (Hash h : new ArrayList<>(own)) {
      if (tracker.status(h).isEmpty()) {
        own.remove(h);
        outbox.remove(h);
      }
    }
  }

  /** Housekeeping: expire overdue txs, re-broadcast this node's own long-pending ones. */
  void tick(Chain chain, long nowMillis, long rebroadcastAfterMillis) {
    List<Transaction> expired = tracker.expire(nowMillis, chain.head().height());
    mempool.remove(expired);
    for (Transaction tx : expired) {
      if (own.remove(tx.hash())) {
        outbox.remove(tx.hash());
      }
    }
    for (Transaction tx : tracker.pendingSince(outbox.all(), nowMillis - rebroadcastAfterMillis)) {
      transmitter.broadcastTx(tx);
    }
  }
}
