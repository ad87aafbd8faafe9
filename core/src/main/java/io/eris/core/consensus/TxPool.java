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
import java.util.Optional;
import java.util.Set;

/**
 * The transactions waiting for a block: admission against the head state, the mempool, the outbox
 * of transactions this node accepted from its own clients (re-broadcast until settled), and the
 * lifecycle tracking.
 */
final class TxPool {
  /** How far back a restart looks for the final rival of an outbox transaction. */
  private static final int RIVAL_SEARCH_BLOCKS = 10_000;

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

  /**
   * After a restart: the outbox is tracked again. A transaction already on the stored chain is
   * INCLUDED (or FINAL, and leaves the outbox); one whose nonce a final rival used is CONFLICTED;
   * the others go back into the mempool.
   */
  void restore(Chain chain, long nowMillis) {
    long height = chain.head().height();
    long finalHeight = chain.finalNode().height();
    for (Transaction tx : outbox.all()) {
      own.add(tx.hash());
      tracker.pending(tx, nowMillis, height);
      Optional<Block> in = chain.store().canonicalBlockWithTx(tx.hash());
      if (in.isPresent()) {
        tracker.applied(in.get());
        if (in.get().height() <= finalHeight) {
          settle(List.of(in.get()));
        }
        continue;
      }
      Verdict v = admit(chain, tx);
      if (!v.isOk()
          && v.code() == ErrorCode.NONCE_USED
          && chain.stateAt(chain.finalNode()).nonce(tx.sender().address()) >= tx.nonce()) {
        tracker.conflicted(tx, finalRival(chain, tx));
        own.remove(tx.hash());
        outbox.remove(tx.hash());
      }
    }
  }

  /** The final transaction that used {@code tx}'s nonce, searched back from the final block. */
  private static Hash finalRival(Chain chain, Transaction tx) {
    long bottom = Math.max(1, chain.finalNode().height() - RIVAL_SEARCH_BLOCKS);
    for (long h = chain.finalNode().height(); h >= bottom; h--) {
      Optional<Block> b = chain.canonicalAt(h);
      if (b.isEmpty()) {
        break;
      }
      for (Transaction t : b.get().txs()) {
        if (t.sender().equals(tx.sender()) && t.nonce() == tx.nonce()) {
          return t.hash();
        }
      }
    }
    return null;
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
    settle(blocks);
  }

  private void settle(List<Block> blocks) {
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
