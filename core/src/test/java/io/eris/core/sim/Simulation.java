package io.eris.core.sim;

import io.eris.core.consensus.ChainObserver;
import io.eris.core.consensus.ConsensusEvent;
import io.eris.core.consensus.ConsensusEvent.BlockReceived;
import io.eris.core.consensus.ConsensusEvent.SyncReplied;
import io.eris.core.consensus.ConsensusEvent.SyncRequested;
import io.eris.core.consensus.ConsensusEvent.TxReceived;
import io.eris.core.consensus.ConsensusEvent.VoteReceived;
import io.eris.core.consensus.ConsensusNode;
import io.eris.core.consensus.EquivocationEvidence;
import io.eris.core.consensus.InMemoryLeaderLease;
import io.eris.core.consensus.NodeConfig;
import io.eris.core.consensus.NodePorts;
import io.eris.core.consensus.PowWorker;
import io.eris.core.consensus.SyncReply;
import io.eris.core.consensus.SyncRequest;
import io.eris.core.consensus.Transmitter;
import io.eris.core.consensus.Tuning;
import io.eris.core.consensus.TxStatus;
import io.eris.core.crypto.Address;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.KeyPair;
import io.eris.core.crypto.SignatureCache;
import io.eris.core.ledger.PowTargets;
import io.eris.core.ledger.Verdict;
import io.eris.core.model.Block;
import io.eris.core.model.Genesis;
import io.eris.core.model.Transaction;
import io.eris.core.model.Vote;
import io.eris.core.scenario.Cluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A deterministic world of consensus nodes: one virtual clock, one queue of timed deliveries, one
 * seeded random source for the network (delay, loss, duplication, reordering) and nothing else.
 * Each node is the real {@link ConsensusNode} with in-memory ports; a crash drops the node object
 * (its memory) and keeps its store, journal and outbox; the lease row is shared by the leader and
 * the standby, as their common database would be. The same seed gives the same run.
 */
public final class Simulation implements Cluster {
  private static final long GENESIS_TIME = 1_700_000_000_000L;
  private static final long MINE_STEP_MS = 20;
  private static final long MINE_ATTEMPTS = 8;
  private static final int ACCOUNTS = 5;

  private record Item(
      long at, long seq, int node, int incarnation, Supplier<ConsensusEvent> event) {}

  private final SimParams params;
  private final Random rng;
  private final Genesis genesis;
  private final List<KeyPair> accounts = new ArrayList<>();
  private final List<SimNode> nodes = new ArrayList<>();
  private final Map<Address, Integer> byAddress = new HashMap<>();
  private final PriorityQueue<Item> queue =
      new PriorityQueue<>(Comparator.comparingLong(Item::at).thenComparingLong(Item::seq));
  private final InMemoryLeaderLease lease = new InMemoryLeaderLease();
  private final SafetyMonitor safety = new SafetyMonitor();
  // One cache for the whole world: a signature's validity does not depend on who checks it, and
  // verifying each signature once per run instead of once per node keeps runs fast.
  private final SignatureCache signatures = new SignatureCache(1 << 16);
  private final List<Set<Integer>> partition = new ArrayList<>();
  private double dropRate;
  private long seq;
  private long now = GENESIS_TIME + 1_000;
  private long delivered;
  private boolean trace = Boolean.getBoolean("sim.trace");

  /** One simulated node: its durable stores, its clock skew and, while up, its live object. */
  private final class SimNode {
    final int index;
    final KeyPair validatorKey;
    final KeyPair leaderKey;
    final Address address;
    final long skew;
    final MemoryChainStore store = new MemoryChainStore();
    final MemoryVoteJournal journal = new MemoryVoteJournal();
    final MemoryOutbox outbox = new MemoryOutbox();
    final Map<Hash, TxStatus> reported = new HashMap<>();
    ConsensusNode node;
    int incarnation;

    SimNode(int index, KeyPair validatorKey, KeyPair leaderKey, long skew) {
      this.index = index;
      this.validatorKey = validatorKey;
      this.leaderKey = leaderKey;
      this.address =
          validatorKey != null
              ? validatorKey.address()
              : KeyPair.deterministic("sim-node-" + index).address();
      this.skew = skew;
    }

    long clock() {
      return now + skew;
    }

    void start() {
      incarnation++;
      int inc = incarnation;
      NodeConfig config =
          new NodeConfig(genesis, address, validatorKey, leaderKey, signatures, tuning());
      NodePorts ports =
          new NodePorts(
              new SimTransmitter(index),
              store,
              journal,
              outbox,
              lease,
              (event, at) -> enqueue(Math.max(now, at - skew), index, inc, () -> event),
              this::clock,
              PowWorker.LOCAL,
              update -> reported.put(update.tx(), update.status()),
              new Observer(index));
      node = new ConsensusNode(config, ports);
      guarded(node::start);
    }

    void crash() {
      node = null;
      incarnation++;
    }
  }

  public Simulation(long seed) {
    this(seed, SimParams.random(new Random(seed ^ 0x5eed5eedL)));
  }

  public Simulation(long seed, SimParams params) {
    this.params = params;
    this.rng = new Random(seed);
    this.dropRate = params.dropRate();
    List<KeyPair> validatorKeys = new ArrayList<>();
    for (int i = 0; i < params.validators(); i++) {
      validatorKeys.add(KeyPair.deterministic("sim-validator-" + i));
    }
    for (int i = 0; i < ACCOUNTS; i++) {
      accounts.add(KeyPair.deterministic("sim-account-" + i));
    }
    KeyPair leaderKey = KeyPair.deterministic("sim-leader");
    this.genesis = genesis(params, validatorKeys, accounts, leaderKey);
    for (int i = 0; i < params.validators(); i++) {
      nodes.add(new SimNode(i, validatorKeys.get(i), i == 0 ? leaderKey : null, skew(params)));
    }
    nodes.add(new SimNode(params.validators(), null, leaderKey, skew(params)));
    for (SimNode n : nodes) {
      byAddress.put(n.address, n.index);
    }
    for (SimNode n : nodes) {
      n.start();
    }
  }

  private long skew(SimParams p) {
    return p.maxSkewMs() == 0 ? 0 : rng.nextLong() % (p.maxSkewMs() + 1);
  }

  private static Genesis genesis(
      SimParams p, List<KeyPair> validators, List<KeyPair> accounts, KeyPair leader) {
    List<Genesis.Validator> vs = new ArrayList<>();
    for (KeyPair k : validators) {
      vs.add(new Genesis.Validator(k.publicKey(), 1, List.of()));
    }
    vs.sort(Comparator.comparing(Genesis.Validator::key));
    List<Genesis.Account> as = new ArrayList<>();
    for (KeyPair k : accounts) {
      as.add(new Genesis.Account(k.publicKey(), 1_000_000, List.of()));
    }
    as.sort(Comparator.comparing(Genesis.Account::key));
    // Miners try MINE_ATTEMPTS nonces every MINE_STEP_MS of virtual time: a base target for that
    // hash rate makes real proof of work cost a few hundred hashes per block.
    Hash base = PowTargets.forHashRate(MINE_ATTEMPTS * 1000.0 / MINE_STEP_MS, p.powExpectedMs());
    return new Genesis(
        "eris-sim",
        GENESIS_TIME,
        p.blockIntervalMs(),
        p.leaderTimeoutMs(),
        leader.publicKey(),
        vs,
        as,
        List.of(KeyPair.deterministic("sim-governor").publicKey()),
        1,
        Genesis.POW_SHA256D,
        base,
        p.powExpectedMs(),
        2,
        3,
        1000,
        500);
  }

  private Tuning tuning() {
    return Tuning.defaults(genesis)
        .withMining(MINE_STEP_MS, MINE_ATTEMPTS)
        .withTxExpiry(params.txExpiryMs(), params.txExpiryBlocks())
        .withClockSkew(100);
  }

  // ---- the event loop ----

  private void enqueue(long at, int node, int incarnation, Supplier<ConsensusEvent> event) {
    queue.add(new Item(at, seq++, node, incarnation, event));
  }

  @Override
  public void advance(long millis) {
    long until = now + millis;
    while (!queue.isEmpty() && queue.peek().at() <= until) {
      Item item = queue.poll();
      now = Math.max(now, item.at());
      SimNode n = nodes.get(item.node());
      if (n.node == null || (item.incarnation() >= 0 && item.incarnation() != n.incarnation)) {
        continue;
      }
      delivered++;
      ConsensusEvent event = item.event().get();
      ConsensusNode target = n.node;
      guarded(() -> target.handle(event));
    }
    now = until;
  }

  private void guarded(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      StringWriter w = new StringWriter();
      e.printStackTrace(new PrintWriter(w));
      safety.violation("exception in a node: " + w.toString().lines().limit(12).toList());
    }
  }

  // ---- the network ----

  private boolean connected(int a, int b) {
    if (partition.isEmpty()) {
      return true;
    }
    for (Set<Integer> g : partition) {
      if (g.contains(a) && g.contains(b)) {
        return true;
      }
    }
    return false;
  }

  private void send(int from, int to, Supplier<ConsensusEvent> message) {
    if (!connected(from, to) || rng.nextDouble() < dropRate) {
      return;
    }
    int copies = rng.nextDouble() < params.duplicateRate() ? 2 : 1;
    for (int i = 0; i < copies; i++) {
      long delay =
          params.minDelayMs()
              + (long) (rng.nextDouble() * (params.maxDelayMs() - params.minDelayMs()));
      if (rng.nextInt(50) == 0) {
        delay *= 4;
      }
      enqueue(now + delay, to, -1, message);
    }
  }

  private void broadcast(int from, Supplier<ConsensusEvent> message) {
    for (SimNode n : nodes) {
      if (n.index != from) {
        send(from, n.index, message);
      }
    }
  }

  /** The wire: every message is encoded once and decoded by each receiver. */
  private final class SimTransmitter implements Transmitter {
    private final int from;

    SimTransmitter(int from) {
      this.from = from;
    }

    @Override
    public void broadcastTx(Transaction tx) {
      byte[] bytes = tx.encode();
      broadcast(from, () -> new TxReceived(Transaction.decode(bytes)));
    }

    @Override
    public void broadcastBlock(Block block) {
      safety.signed(block);
      trace(from, "made " + describe(block));
      byte[] bytes = block.encode();
      broadcast(from, () -> new BlockReceived(Block.decode(bytes)));
    }

    @Override
    public void broadcastVote(Vote vote) {
      byte[] bytes = vote.encode();
      broadcast(from, () -> new VoteReceived(Vote.decode(bytes)));
    }

    @Override
    public void requestSync(SyncRequest request) {
      int to = rng.nextInt(nodes.size() - 1);
      if (to >= from) {
        to++;
      }
      byte[] bytes = request.encode();
      send(from, to, () -> new SyncRequested(SyncRequest.decode(bytes)));
    }

    @Override
    public void replySync(Address requester, SyncReply reply) {
      Integer to = byAddress.get(requester);
      if (to != null) {
        byte[] bytes = reply.encode();
        send(from, to, () -> new SyncReplied(SyncReply.decode(bytes)));
      }
    }
  }

  private final class Observer implements ChainObserver {
    private final int node;

    Observer(int node) {
      this.node = node;
    }

    @Override
    public void finalized(Block block) {
      safety.finalized(node, block);
      trace(node, "final " + describe(block));
    }

    @Override
    public void headChanged(Block head, io.eris.core.consensus.Reorg reorg) {
      if (!reorg.isExtension() || reorg.apply().size() > 1) {
        trace(
            node,
            "reorg to "
                + describe(head)
                + " undo "
                + reorg.undo().size()
                + " apply "
                + reorg.apply().size());
      }
    }

    @Override
    public void rejected(String what, String reason) {
      trace(node, "rejected " + what + ": " + reason);
    }

    @Override
    public void equivocation(EquivocationEvidence evidence) {
      safety.violation("node " + node + " saw an honest validator equivocate: " + evidence);
    }
  }

  /** Prints what happens (blocks made, reorganisations, finality) when tracing is on. */
  public void trace(boolean on) {
    trace = on;
  }

  private void trace(int node, String what) {
    if (trace) {
      System.out.println((now - GENESIS_TIME) + " n" + node + " " + what);
    }
  }

  private String describe(Block b) {
    return b.height()
        + (b.header().kind() == io.eris.core.model.BlockKind.LEADER
            ? "L" + b.header().leaderEpoch()
            : "P")
        + ":"
        + b.hash().toHex().substring(0, 4)
        + "/"
        + b.txs().size();
  }

  // ---- Cluster ----

  @Override
  public int size() {
    return nodes.size();
  }

  @Override
  public int leader() {
    return 0;
  }

  @Override
  public int standby() {
    return params.validators();
  }

  @Override
  public List<Integer> validators() {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < params.validators(); i++) {
      out.add(i);
    }
    return out;
  }

  @Override
  public Genesis genesis() {
    return genesis;
  }

  @Override
  public List<KeyPair> accounts() {
    return accounts;
  }

  @Override
  public long now() {
    return now;
  }

  @Override
  public boolean isUp(int node) {
    return nodes.get(node).node != null;
  }

  @Override
  public void crash(int node) {
    trace(node, "CRASH");
    nodes.get(node).crash();
  }

  @Override
  public void restart(int node) {
    SimNode n = nodes.get(node);
    if (n.node == null) {
      trace(node, "RESTART");
      n.start();
    }
  }

  @Override
  public void partition(List<Set<Integer>> groups) {
    trace(-1, "PARTITION " + groups);
    partition.clear();
    partition.addAll(groups);
  }

  @Override
  public void heal() {
    trace(-1, "HEAL");
    partition.clear();
  }

  @Override
  public void setDropRate(double rate) {
    dropRate = rate;
  }

  @Override
  public Verdict submit(int node, Transaction tx) {
    ConsensusNode n = nodes.get(node).node;
    if (n == null) {
      throw new IllegalStateException("node " + node + " is down");
    }
    return n.submit(tx);
  }

  private ConsensusNode live(int node) {
    ConsensusNode n = nodes.get(node).node;
    if (n == null) {
      throw new IllegalStateException("node " + node + " is down");
    }
    return n;
  }

  @Override
  public Block head(int node) {
    return live(node).head();
  }

  @Override
  public Block finalBlock(int node) {
    return live(node).finalBlock();
  }

  @Override
  public Optional<Block> canonicalBlock(int node, long height) {
    return live(node).canonicalBlock(height);
  }

  @Override
  public Optional<TxStatus> reportedStatus(int node, Hash tx) {
    return Optional.ofNullable(nodes.get(node).reported.get(tx));
  }

  @Override
  public long accountNonce(int node, Address account) {
    return live(node).headState().nonce(account);
  }

  @Override
  public List<String> violations() {
    return safety.violations();
  }

  /** Deliveries so far, for the report. */
  public long delivered() {
    return delivered;
  }
}
