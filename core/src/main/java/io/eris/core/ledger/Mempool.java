package io.eris.core.ledger;

import io.eris.core.codec.ErrorCode;
import io.eris.core.crypto.Address;
import io.eris.core.crypto.Hash;
import io.eris.core.model.Transaction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * Transactions waiting for a block: a queue per sender ordered by nonce, bounded in total and per
 * sender, de-duplicated by hash and by (sender, nonce) (the first one wins). Admission rules are
 * the {@link TxValidator}'s; this only keeps order and bounds. Thread-safe.
 */
public final class Mempool {
  private final int capacity;
  private final int maxPerSender;
  private final Map<Hash, Entry> byHash = new HashMap<>();
  private final Map<Address, TreeMap<Long, Entry>> bySender = new HashMap<>();
  private long arrivals;

  private record Entry(Transaction tx, long seq) {}

  public Mempool(int capacity, int maxPerSender) {
    if (capacity < 1 || maxPerSender < 1) {
      throw new IllegalArgumentException("mempool bounds must be positive");
    }
    this.capacity = capacity;
    this.maxPerSender = maxPerSender;
  }

  /**
   * Adds an admitted transaction; {@code accountNonce} is its sender's nonce at the head. Refuses
   * DUPLICATE (same hash, or another tx holds that nonce), NONCE_USED, or MEMPOOL_FULL.
   */
  public synchronized Verdict add(Transaction tx, long accountNonce) {
    if (byHash.containsKey(tx.hash())) {
      return Verdict.reject(ErrorCode.DUPLICATE, "tx " + tx.hash() + " is already pending");
    }
    if (tx.nonce() <= accountNonce) {
      return Verdict.reject(ErrorCode.NONCE_USED, "nonce " + tx.nonce() + " is used");
    }
    Address sender = tx.sender().address();
    TreeMap<Long, Entry> queue = bySender.get(sender);
    if (queue != null && queue.containsKey(tx.nonce())) {
      return Verdict.reject(
          ErrorCode.DUPLICATE, "another tx with nonce " + tx.nonce() + " is pending");
    }
    if (byHash.size() >= capacity) {
      return Verdict.reject(ErrorCode.MEMPOOL_FULL, "mempool holds " + capacity + " txs");
    }
    if (queue != null && queue.size() >= maxPerSender) {
      return Verdict.reject(
          ErrorCode.MEMPOOL_FULL, "sender has " + maxPerSender + " txs pending already");
    }
    Entry e = new Entry(tx, arrivals++);
    byHash.put(tx.hash(), e);
    bySender.computeIfAbsent(sender, k -> new TreeMap<>()).put(tx.nonce(), e);
    return Verdict.OK;
  }

  /**
   * Up to {@code maxTxs} transactions for the next block on {@code head}: for each sender the run
   * of consecutive nonces from its next one, senders interleaved by arrival order.
   */
  public synchronized List<Transaction> select(LedgerState head, int maxTxs) {
    record Cursor(TreeMap<Long, Entry> queue, Entry entry) {}
    PriorityQueue<Cursor> ready =
        new PriorityQueue<>((a, b) -> Long.compare(a.entry.seq, b.entry.seq));
    for (Map.Entry<Address, TreeMap<Long, Entry>> s : bySender.entrySet()) {
      Entry first = s.getValue().get(head.nonce(s.getKey()) + 1);
      if (first != null) {
        ready.add(new Cursor(s.getValue(), first));
      }
    }
    List<Transaction> out = new ArrayList<>(Math.min(maxTxs, byHash.size()));
    while (out.size() < maxTxs && !ready.isEmpty()) {
      Cursor c = ready.poll();
      out.add(c.entry.tx);
      Entry next = c.queue.get(c.entry.tx.nonce() + 1);
      if (next != null) {
        ready.add(new Cursor(c.queue, next));
      }
    }
    return out;
  }

  /** Removes transactions that a block included (or that the builder refused). */
  public synchronized void remove(Collection<Transaction> txs) {
    for (Transaction tx : txs) {
      Entry e = byHash.remove(tx.hash());
      if (e != null) {
        TreeMap<Long, Entry> queue = bySender.get(tx.sender().address());
        queue.remove(tx.nonce());
        if (queue.isEmpty()) {
          bySender.remove(tx.sender().address());
        }
      }
    }
  }

  /** Removes included transactions: {@link #remove}, then whatever their nonces made stale. */
  public synchronized void removeIncluded(Collection<Transaction> txs, LedgerState head) {
    remove(txs);
    removeStale(head);
  }

  /** Drops every transaction whose nonce {@code head} has used (conflicted or included). */
  public synchronized List<Transaction> removeStale(LedgerState head) {
    List<Transaction> dropped = new ArrayList<>();
    Iterator<Map.Entry<Address, TreeMap<Long, Entry>>> it = bySender.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Address, TreeMap<Long, Entry>> s = it.next();
      Map<Long, Entry> used = s.getValue().headMap(head.nonce(s.getKey()), true);
      for (Entry e : used.values()) {
        byHash.remove(e.tx.hash());
        dropped.add(e.tx);
      }
      used.clear();
      if (s.getValue().isEmpty()) {
        it.remove();
      }
    }
    return dropped;
  }

  /**
   * Puts back the transactions of orphaned blocks after a reorganisation, except those whose nonce
   * the new head has used; returns those re-added.
   */
  public synchronized List<Transaction> reinject(
      Collection<Transaction> orphaned, LedgerState newHead) {
    List<Transaction> added = new ArrayList<>();
    for (Transaction tx : orphaned) {
      if (add(tx, newHead.nonce(tx.sender().address())).isOk()) {
        added.add(tx);
      }
    }
    return added;
  }

  public synchronized boolean contains(Hash txHash) {
    return byHash.containsKey(txHash);
  }

  public synchronized Optional<Transaction> get(Hash txHash) {
    Entry e = byHash.get(txHash);
    return e == null ? Optional.empty() : Optional.of(e.tx);
  }

  /** The pending transactions of one sender, by nonce. */
  public synchronized List<Transaction> pending(Address sender) {
    TreeMap<Long, Entry> queue = bySender.get(sender);
    if (queue == null) {
      return List.of();
    }
    return queue.values().stream().map(Entry::tx).toList();
  }

  public synchronized int size() {
    return byHash.size();
  }
}
