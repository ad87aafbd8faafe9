package io.eris.core.consensus;

import io.eris.core.crypto.Hash;
import io.eris.core.crypto.PublicKey;
import io.eris.core.model.Block;
import io.eris.core.model.Transaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Follows the transactions in a node's mempool through PENDING, INCLUDED, FINAL, CONFLICTED and
 * EXPIRED, and tells the listener of each change. Settled transactions (FINAL, CONFLICTED) are
 * forgotten; expired ones are remembered for a while, because a peer that still had one may get it
 * into a block after all, and then its user must hear so.
 */
final class TxTracker {
  private static final class Entry {
    final Transaction tx;
    TxStatus status;
    long sinceMillis;
    long sinceHeight;

    Entry(Transaction tx, long sinceMillis, long sinceHeight) {
      this.tx = tx;
      this.status = TxStatus.PENDING;
      this.sinceMillis = sinceMillis;
      this.sinceHeight = sinceHeight;
    }
  }

  private record Slot(PublicKey sender, long nonce) {
    static Slot of(Transaction tx) {
      return new Slot(tx.sender(), tx.nonce());
    }
  }

  private final TxStatusListener listener;
  private final long expiryMillis;
  private final long expiryBlocks;
  private final int maxExpired;
  private final Map<Hash, Entry> entries = new HashMap<>();
  private final Map<Slot, Set<Hash>> bySlot = new HashMap<>();
  private final LinkedHashMap<Hash, Entry> expired = new LinkedHashMap<>();

  TxTracker(TxStatusListener listener, long expiryMillis, long expiryBlocks, int maxExpired) {
    this.listener = listener;
    this.expiryMillis = expiryMillis;
    this.expiryBlocks = expiryBlocks;
    this.maxExpired = maxExpired;
  }

  /** A transaction entered the mempool (again): PENDING, with a fresh deadline. */
  void pending(Transaction tx, long nowMillis, long headHeight) {
    Entry e = entries.get(tx.hash());
    if (e == null) {
      e = expired.remove(tx.hash());
      if (e == null) {
        e = new Entry(tx, nowMillis, headHeight);
        bySlot.computeIfAbsent(Slot.of(tx), s -> new HashSet<>()).add(tx.hash());
      }
      entries.put(tx.hash(), e);
    } else if (e.status == TxStatus.PENDING) {
      return;
    }
    e.status = TxStatus.PENDING;
    e.sinceMillis = nowMillis;
    e.sinceHeight = headHeight;
    listener.onStatus(TxStatusUpdate.pending(tx.hash()));
  }

  /** {@code block} joined the canonical chain. */
  void applied(Block block) {
    for (Transaction tx : block.txs()) {
      Entry e = revive(tx.hash());
      if (e != null && e.status != TxStatus.INCLUDED) {
        e.status = TxStatus.INCLUDED;
        listener.onStatus(
            TxStatusUpdate.included(
                tx.hash(), block.height(), block.hash(), block.header().kind()));
      }
    }
  }

  /** {@code block} left the canonical chain; its transactions went back to the mempool. */
  void undone(Block block, long nowMillis, long headHeight) {
    for (Transaction tx : block.txs()) {
      Entry e = entries.get(tx.hash());
      if (e != null && e.status == TxStatus.INCLUDED) {
        pending(tx, nowMillis, headHeight);
      }
    }
  }

  /** {@code block} became final: its transactions are FINAL, their rivals CONFLICTED. */
  void finalized(Block block) {
    for (Transaction tx : block.txs()) {
      Entry e = revive(tx.hash());
      if (e != null) {
        listener.onStatus(
            TxStatusUpdate.finalIn(tx.hash(), block.height(), block.hash(), block.header().kind()));
      }
      Set<Hash> rivals = bySlot.remove(Slot.of(tx));
      if (rivals == null) {
        continue;
      }
      for (Hash rival : rivals) {
        Entry r = entries.remove(rival);
        if (r == null) {
          r = expired.remove(rival);
        }
        if (r != null && !rival.equals(tx.hash())) {
          listener.onStatus(TxStatusUpdate.conflicted(rival, tx.hash()));
        }
      }
    }
  }

  /** {@code tx} lost its nonce to {@code winner}, found final by other means (a restart). */
  void conflicted(Transaction tx, Hash winner) {
    Entry e = entries.remove(tx.hash());
    if (e == null) {
      e = expired.remove(tx.hash());
    }
    Set<Hash> slot = bySlot.get(Slot.of(tx));
    if (slot != null) {
      slot.remove(tx.hash());
      if (slot.isEmpty()) {
        bySlot.remove(Slot.of(tx));
      }
    }
    listener.onStatus(TxStatusUpdate.conflicted(tx.hash(), winner));
  }

  /** Expires the PENDING transactions past their deadline and returns them. */
  List<Transaction> expire(long nowMillis, long headHeight) {
    List<Transaction> out = new ArrayList<>();
    Iterator<Entry> it = entries.values().iterator();
    while (it.hasNext()) {
      Entry e = it.next();
      if (e.status == TxStatus.PENDING
          && (nowMillis - e.sinceMillis > expiryMillis
              || headHeight - e.sinceHeight > expiryBlocks)) {
        it.remove();
        e.status = TxStatus.EXPIRED;
        expired.put(e.tx.hash(), e);
        out.add(e.tx);
        listener.onStatus(TxStatusUpdate.expired(e.tx.hash()));
      }
    }
    while (expired.size() > maxExpired) {
      Entry oldest = expired.remove(expired.keySet().iterator().next());
      Set<Hash> slot = bySlot.get(Slot.of(oldest.tx));
      if (slot != null) {
        slot.remove(oldest.tx.hash());
        if (slot.isEmpty()) {
          bySlot.remove(Slot.of(oldest.tx));
        }
      }
    }
    return out;
  }

  /** The PENDING transactions among {@code txs} that have waited since before {@code before}. */
  List<Transaction> pendingSince(List<Transaction> txs, long before) {
    List<Transaction> out = new ArrayList<>();
    for (Transaction tx : txs) {
      Entry e = entries.get(tx.hash());
      if (e != null && e.status == TxStatus.PENDING && e.sinceMillis < before) {
        out.add(tx);
      }
    }
    return out;
  }

  Optional<TxStatus> status(Hash tx) {
    Entry e = entries.get(tx);
    if (e == null) {
      e = expired.get(tx);
    }
    return e == null ? Optional.empty() : Optional.of(e.status);
  }

  int tracked() {
    return entries.size();
  }

  /** The entry for {@code tx}, brought back from the expired ones if a block carries it now. */
  private Entry revive(Hash tx) {
    Entry e = entries.get(tx);
    if (e == null) {
      e = expired.remove(tx);
      if (e != null) {
        entries.put(tx, e);
      }
    }
    return e;
  }
}
