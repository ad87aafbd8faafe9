package io.eris.core.scenario;

import io.eris.core.consensus.TxStatus;
import io.eris.core.crypto.Address;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.KeyPair;
import io.eris.core.ledger.Verdict;
import io.eris.core.model.Block;
import io.eris.core.model.Genesis;
import io.eris.core.model.Transaction;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A running set of nodes that a scenario drives and observes. Scenarios are written once against
 * this interface; the deterministic simulation implements it with a virtual clock and a seeded
 * network, the host's integration tests with real nodes on JMS (where {@link #advance} sleeps and
 * partitions may be unsupported).
 *
 * <p>Nodes are numbered 0..{@link #size()}-1. The layout is fixed: {@link #leader()} is a validator
 * holding the leader key, {@link #standby()} holds the same key and does not vote, the other
 * validators are followers.
 */
public interface Cluster {
  int size();

  int leader();

  int standby();

  List<Integer> validators();

  Genesis genesis();

  /** Keys of the genesis accounts that clients send from. */
  List<KeyPair> accounts();

  /** The cluster's clock, milliseconds. */
  long now();

  /** Lets {@code millis} of cluster time pass. */
  void advance(long millis);

  boolean isUp(int node);

  /** Stops a node at once: it loses its memory, keeps its store. */
  void crash(int node);

  void restart(int node);

  /** Only nodes in one group reach each other; nodes in no group are cut off from all. */
  void partition(List<Set<Integer>> groups);

  void heal();

  /** Sets the message loss rate of the network (0 heals a storm). */
  void setDropRate(double rate);

  /** A client submits {@code tx} to {@code node}: the node's immediate verdict. */
  Verdict submit(int node, Transaction tx);

  Block head(int node);

  Block finalBlock(int node);

  Optional<Block> canonicalBlock(int node, long height);

  /** The last status {@code node} reported for {@code tx} to its listeners. */
  Optional<TxStatus> reportedStatus(int node, Hash tx);

  /** The account's nonce in the state at {@code node}'s head. */
  long accountNonce(int node, Address account);

  /** Safety violations seen so far (empty in a correct run). */
  List<String> violations();
}
