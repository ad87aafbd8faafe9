package io.eris.core.scenario;

import io.eris.core.codec.ErrorCode;
import io.eris.core.consensus.TxStatus;
import io.eris.core.crypto.Address;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.KeyPair;
import io.eris.core.crypto.PublicKey;
import io.eris.core.ledger.Verdict;
import io.eris.core.model.Block;
import io.eris.core.model.Transaction;
import io.eris.core.model.TransferBody;
import io.eris.core.model.TxKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Clients sending transfers from the genesis accounts, one transaction in flight per account, to
 * the leader when it is up and to another node otherwise. A transaction that expires is replaced by
 * a new one with the same nonce, so some end CONFLICTED. Every accepted transaction is remembered
 * for {@link #verify}.
 */
public final class Workload {
  /** An accepted transaction and the node that accepted it. */
  public record Accepted(Transaction tx, int node) {}

  private static final class Account {
    final KeyPair key;
    long nextNonce = 1;
    Accepted inFlight;

    Account(KeyPair key) {
      this.key = key;
    }
  }

  private final Cluster cluster;
  private final Random rng;
  private final List<Account> accounts = new ArrayList<>();
  private final List<Accepted> accepted = new ArrayList<>();
  private int sent;

  public Workload(Cluster cluster, Random rng) {
    this.cluster = cluster;
    this.rng = rng;
    for (KeyPair k : cluster.accounts()) {
      accounts.add(new Account(k));
    }
  }

  public List<Accepted> accepted() {
    return accepted;
  }

  /** Runs the clients for {@code millis}, acting every {@code everyMillis}. */
  public void run(long millis, long everyMillis) {
    long until = cluster.now() + millis;
    while (cluster.now() < until) {
      step();
      cluster.advance(Math.min(everyMillis, until - cluster.now()));
    }
  }

  /** Lets time pass without new transactions until all accepted ones settle, or the deadline. */
  public boolean drain(long maxMillis, long everyMillis) {
    long until = cluster.now() + maxMillis;
    while (cluster.now() < until) {
      if (unsettled().isEmpty()) {
        return true;
      }
      cluster.advance(everyMillis);
    }
    return unsettled().isEmpty();
  }

  /** One round: settle what can be settled, send the next transaction of each idle account. */
  public void step() {
    for (Account a : accounts) {
      if (a.inFlight != null) {
        Optional<TxStatus> s = status(a.inFlight);
        if (s.isEmpty()) {
          continue;
        }
        switch (s.get()) {
          case FINAL, CONFLICTED -> {
            a.nextNonce = Math.max(a.nextNonce, a.inFlight.tx().nonce() + 1);
            a.inFlight = null;
          }
          case EXPIRED -> a.inFlight = null;
          default -> {
            continue;
          }
        }
      }
      send(a);
    }
  }

  private void send(Account a) {
    int node = pickNode();
    if (node < 0) {
      return;
    }
    List<KeyPair> all = cluster.accounts();
    Address to = all.get(rng.nextInt(all.size())).address();
    Transaction tx =
        Transaction.sign(
            a.key,
            cluster.genesis().chainId(),
            a.nextNonce,
            TxKind.TRANSFER,
            new TransferBody(to, 1 + rng.nextInt(10), "t" + sent++).encode());
    Verdict v = cluster.submit(node, tx);
    if (v.isOk()) {
      a.inFlight = new Accepted(tx, node);
      accepted.add(a.inFlight);
    } else if (v.code() == ErrorCode.NONCE_USED || v.code() == ErrorCode.BAD_NONCE) {
      a.nextNonce = cluster.accountNonce(node, a.key.address()) + 1;
    }
  }

  private int pickNode() {
    if (cluster.isUp(cluster.leader())) {
      return cluster.leader();
    }
    List<Integer> up = new ArrayList<>();
    for (int i = 0; i < cluster.size(); i++) {
      if (cluster.isUp(i)) {
        up.add(i);
      }
    }
    return up.isEmpty() ? -1 : up.get(rng.nextInt(up.size()));
  }

  /** What the nodes told about {@code a}: FINAL or CONFLICTED by any node, EXPIRED by its own. */
  private Optional<TxStatus> status(Accepted a) {
    boolean expired = false;
    for (int i = 0; i < cluster.size(); i++) {
      Optional<TxStatus> s = cluster.reportedStatus(i, a.tx().hash());
      if (s.isPresent() && (s.get() == TxStatus.FINAL || s.get() == TxStatus.CONFLICTED)) {
        return s;
      }
      if (i == a.node() && s.isPresent() && s.get() == TxStatus.EXPIRED) {
        expired = true;
      }
    }
    return expired ? Optional.of(TxStatus.EXPIRED) : Optional.empty();
  }

  private List<Accepted> unsettled() {
    List<Accepted> out = new ArrayList<>();
    for (Accepted a : accepted) {
      if (status(a).isEmpty()) {
        out.add(a);
      }
    }
    return out;
  }

  /**
   * Checks that no accepted transaction is lost, against the longest final chain of the nodes that
   * are up (safety makes the others its prefixes): each is in it (FINAL), or another transaction of
   * its sender and nonce is (CONFLICTED), or its node reported it EXPIRED; and no node reported
   * FINAL or CONFLICTED wrongly.
   */
  public List<String> verify() {
    int reference = -1;
    for (int i = 0; i < cluster.size(); i++) {
      if (cluster.isUp(i)
          && (reference < 0
              || cluster.finalBlock(i).height() > cluster.finalBlock(reference).height())) {
        reference = i;
      }
    }
    Map<Hash, Long> finalTx = new HashMap<>();
    Map<String, Hash> slots = new HashMap<>();
    long top = cluster.finalBlock(reference).height();
    for (long h = 1; h <= top; h++) {
      Block b = cluster.canonicalBlock(reference, h).orElseThrow();
      for (Transaction tx : b.txs()) {
        finalTx.put(tx.hash(), h);
        slots.put(slot(tx.sender(), tx.nonce()), tx.hash());
      }
    }
    List<String> problems = new ArrayList<>();
    for (Accepted a : accepted) {
      Hash h = a.tx().hash();
      Hash winner = slots.get(slot(a.tx().sender(), a.tx().nonce()));
      boolean isFinal = finalTx.containsKey(h);
      boolean conflicted = winner != null && !winner.equals(h);
      for (int i = 0; i < cluster.size(); i++) {
        Optional<TxStatus> told = cluster.reportedStatus(i, h);
        if (told.filter(s -> s == TxStatus.FINAL).isPresent() && !isFinal) {
          problems.add("node " + i + " told FINAL for " + h + ", not in the final chain");
        }
        if (told.filter(s -> s == TxStatus.CONFLICTED).isPresent() && !conflicted) {
          problems.add("node " + i + " told CONFLICTED for " + h + " without a final rival");
        }
      }
      if (isFinal || conflicted) {
        continue;
      }
      boolean expired =
          cluster.reportedStatus(a.node(), h).filter(s -> s == TxStatus.EXPIRED).isPresent();
      if (!expired) {
        problems.add(
            "accepted tx "
                + h
                + " (nonce "
                + a.tx().nonce()
                + ", node "
                + a.node()
                + ") is neither final, conflicted nor expired: "
                + cluster.reportedStatus(a.node(), h));
      }
    }
    return problems;
  }

  private static String slot(PublicKey sender, long nonce) {
    return sender.toHex() + ":" + nonce;
  }
}
