package io.eris.core.scenario;

import io.eris.core.model.Block;
import io.eris.core.model.BlockKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The consensus scenarios, written once against {@link Cluster}: the deterministic simulation runs
 * them by the thousand, the host's integration tests on real nodes. Each returns the liveness
 * problems it saw (safety violations are the cluster's own {@link Cluster#violations}).
 *
 * <p>Bounds are in multiples of the block interval T and the leader timeout, generous enough for a
 * lossy network, tight enough that a stuck node fails them.
 */
public final class Scenarios {
  private final Cluster c;
  private final Random rng;
  private final Workload clients;
  private final long t;
  private final long timeout;
  private final List<String> problems = new ArrayList<>();

  public Scenarios(Cluster cluster, Random rng) {
    this.c = cluster;
    this.rng = rng;
    this.clients = new Workload(cluster, rng);
    this.t = cluster.genesis().blockIntervalMs();
    this.timeout = cluster.genesis().leaderTimeoutMs();
  }

  public List<String> problems() {
    return problems;
  }

  public Workload clients() {
    return clients;
  }

  private void expect(boolean ok, String what) {
    if (!ok) {
      problems.add(what + " (at t=" + c.now() + ")");
    }
  }

  private void run(long millis) {
    clients.run(millis, t / 2);
  }

  // ---- named scenarios ----

  /** The leader is up: a block every T, finality close behind, transactions final. */
  public void steadyState() {
    long from = c.now();
    run(3_000);
    expectLeaderBlocks(c.validators().get(1), from + t, c.now());
    expectFinalityWithin(6 * t);
    settle();
  }

  /** The leader dies: its standby takes over within a few T, before the fallback. */
  public void leaderCrashStandbyTakesOver() {
    run(1_000);
    int follower = c.validators().get(1);
    long epoch = Checks.highestEpoch(c, follower, 0);
    long crashedAt = c.now();
    c.crash(c.leader());
    run(3_000);
    boolean tookOver =
        Checks.blocksBetween(c, follower, crashedAt, crashedAt + 10 * t).stream()
            .anyMatch(
                b -> b.header().kind() == BlockKind.LEADER && b.header().leaderEpoch() > epoch);
    expect(tookOver, "the standby did not sign a LEADER block within 10T of the leader's crash");
    expectLeaderBlocks(follower, c.now() - 1_000, c.now());
    expectFinalityWithin(6 * t);
    c.restart(c.leader());
    run(1_000);
    settle();
  }

  /**
   * Leader and standby die: the validators fall back to proof of work and, holding the threshold of
   * stake, keep finalising; the leader returns, catches up and leads again.
   */
  public void fallbackAndLeaderReturn() {
    run(1_000);
    int follower = c.validators().get(1);
    long crashedAt = c.now();
    c.crash(c.leader());
    c.crash(c.standby());
    long finalBefore = c.finalBlock(follower).height();
    run(timeout + 3_000);
    Block pow = Checks.firstSince(c, follower, BlockKind.POW, crashedAt);
    expect(pow != null, "no POW block after the leader and the standby died");
    expect(
        pow == null || pow.header().timestampMillis() <= crashedAt + timeout + 2_000,
        "the first POW block came late");
    expect(
        c.finalBlock(follower).height() > finalBefore + 1,
        "finality stopped in fallback although 3 of 4 validators are up");
    long finalPowTxs =
        Checks.blocksBetween(
                c, follower, crashedAt, c.finalBlock(follower).header().timestampMillis())
            .stream()
            .filter(b -> b.header().kind() == BlockKind.POW)
            .mapToLong(b -> b.txs().size())
            .sum();
    expect(finalPowTxs > 0, "no transaction became final in a POW block during the fallback");
    long returnedAt = c.now();
    c.restart(c.leader());
    run(timeout + 2_000);
    Block led = Checks.firstSince(c, follower, BlockKind.LEADER, returnedAt);
    expect(led != null, "LEADER blocks did not resume after the leader returned");
    expect(
        led == null || led.header().timestampMillis() <= returnedAt + timeout + 1_500,
        "the returning leader took too long to lead again");
    expect(
        c.head(c.leader()).height() + 3 >= c.head(follower).height(),
        "the returning leader did not catch up");
    c.restart(c.standby());
    run(1_000);
    settle();
  }

  /** A partition with no side holding the threshold; after it heals, finality resumes. */
  public void partitionHeals() {
    run(1_000);
    List<Integer> v = c.validators();
    c.partition(List.of(Set.of(c.leader(), v.get(1)), Set.of(v.get(2), v.get(3), c.standby())));
    run(3_000);
    c.heal();
    run(2 * timeout + 3_000);
    expectFinalityWithin(6 * t);
    expectHeadsAgree(3);
    settle();
  }

  /** The leader alone on one side: the others go on without it; all agree once it heals. */
  public void isolatedLeader() {
    run(1_000);
    int follower = c.validators().get(1);
    long finalBefore = c.finalBlock(follower).height();
    Set<Integer> rest = new HashSet<>();
    for (int i = 0; i < c.size(); i++) {
      if (i != c.leader()) {
        rest.add(i);
      }
    }
    c.partition(List.of(Set.of(c.leader()), rest));
    run(4_000);
    long finalNow = 0;
    for (int v : c.validators()) {
      if (v != c.leader()) {
        finalNow = Math.max(finalNow, c.finalBlock(v).height());
      }
    }
    expect(finalNow > finalBefore + 1, "the majority side stopped finalising without the leader");
    c.heal();
    run(2 * timeout + 3_000);
    expectFinalityWithin(6 * t);
    expectHeadsAgree(3);
    settle();
  }

  /** A follower crashes and returns: it catches up from its store and its peers. */
  public void followerCrashRestart() {
    run(1_000);
    int f = c.validators().get(2);
    c.crash(f);
    run(2_000);
    c.restart(f);
    run(2_000);
    expectHeadsAgree(3);
    expectFinalityWithin(6 * t);
    settle();
  }

  /** A third of all messages lost for a while: finality slows, then resumes. */
  public void lossyNetwork() {
    run(1_000);
    c.setDropRate(0.3);
    run(2_000);
    c.setDropRate(0.01);
    run(2 * timeout + 2_000);
    expectFinalityWithin(6 * t);
    settle();
  }

  // ---- random schedules ----

  /** What a random schedule may do to the cluster. */
  enum Fault {
    CRASH_LEADER,
    CRASH_LEADER_AND_STANDBY,
    CRASH_STANDBY,
    CRASH_FOLLOWER,
    PARTITION,
    ISOLATE_ONE,
    STORM
  }

  /**
   * One to three overlapping faults at random times, then everything heals: the chain must finalise
   * again, LEADER blocks must resume, and every accepted transaction must settle.
   */
  public List<String> randomSchedule() {
    List<String> log = new ArrayList<>();
    run(500 + rng.nextInt(1_000));
    int episodes = 1 + rng.nextInt(3);
    for (int i = 0; i < episodes; i++) {
      Fault f = Fault.values()[rng.nextInt(Fault.values().length)];
      log.add(f + "@" + c.now());
      inject(f);
      run(300 + rng.nextInt(2_500));
      if (rng.nextInt(10) < 6) {
        recoverAll();
        log.add("recover@" + c.now());
        run(rng.nextInt(1_000));
      }
    }
    recoverAll();
    long healedAt = c.now();
    log.add("healed@" + healedAt);
    // The key may have signed heights on a branch that lost (isolated, or in a storm): the lease
    // holder leads again once the chain passes them, after a few fallback blocks.
    int follower = c.validators().get(1);
    long bound = 8 * (timeout + 4L * c.genesis().powExpectedBlockMs());
    do {
      run(500);
    } while (c.now() - healedAt < bound && !leading(follower, healedAt));
    log.add("leading@" + c.now());
    expect(
        leading(follower, healedAt),
        "LEADER blocks did not resume within " + bound + " ms of healing");
    run(1_500);
    expectLeaderBlocks(follower, c.now() - 1_000, c.now());
    expectFinalityWithin(10 * t);
    expectHeadsAgree(3);
    settle();
    return log;
  }

  /** True when {@code node}'s chain has LEADER blocks for at least half of the last 500 ms. */
  private boolean leading(int node, long since) {
    long from = Math.max(since, c.now() - 500);
    long led = Checks.count(Checks.blocksBetween(c, node, from, c.now()), BlockKind.LEADER);
    return c.now() - from >= 500 && led * 2 * t >= 500;
  }

  private void inject(Fault f) {
    List<Integer> v = c.validators();
    switch (f) {
      case CRASH_LEADER -> c.crash(c.leader());
      case CRASH_LEADER_AND_STANDBY -> {
        c.crash(c.leader());
        c.crash(c.standby());
      }
      case CRASH_STANDBY -> c.crash(c.standby());
      case CRASH_FOLLOWER -> c.crash(v.get(1 + rng.nextInt(v.size() - 1)));
      case PARTITION -> {
        Set<Integer> a = new HashSet<>();
        Set<Integer> b = new HashSet<>();
        for (int i = 0; i < c.size(); i++) {
          (rng.nextBoolean() ? a : b).add(i);
        }
        c.partition(List.of(a, b));
      }
      case ISOLATE_ONE -> {
        int alone = rng.nextInt(c.size());
        Set<Integer> rest = new HashSet<>();
        for (int i = 0; i < c.size(); i++) {
          if (i != alone) {
            rest.add(i);
          }
        }
        c.partition(List.of(Set.of(alone), rest));
      }
      case STORM -> c.setDropRate(0.2 + rng.nextDouble() * 0.3);
    }
  }

  private void recoverAll() {
    c.heal();
    c.setDropRate(0.01);
    for (int i = 0; i < c.size(); i++) {
      c.restart(i);
    }
  }

  // ---- expectations ----

  private void expectLeaderBlocks(int node, long from, long to) {
    long expected = (to - from) / t;
    long got = Checks.count(Checks.blocksBetween(c, node, from, to), BlockKind.LEADER);
    expect(
        got * 10 >= expected * 6,
        "node "
            + node
            + " has "
            + got
            + " LEADER blocks in "
            + (to - from)
            + " ms, expected ~"
            + expected);
  }

  private void expectFinalityWithin(long bound) {
    for (int node : Checks.up(c)) {
      long lag = c.now() - c.finalBlock(node).header().timestampMillis();
      expect(
          lag <= bound,
          "node "
              + node
              + ": final block is "
              + lag
              + " ms old (head "
              + c.head(node).height()
              + ", final "
              + c.finalBlock(node).height()
              + ")");
    }
  }

  private void expectHeadsAgree(long within) {
    long max = 0;
    long min = Long.MAX_VALUE;
    for (int node : Checks.up(c)) {
      max = Math.max(max, c.head(node).height());
      min = Math.min(min, c.head(node).height());
    }
    expect(max - min <= within, "heads differ by " + (max - min) + " blocks");
  }

  /** Stops the clients, waits for every accepted transaction to settle, and checks them. */
  private void settle() {
    boolean settled = clients.drain(c.genesis().leaderTimeoutMs() * 4L + 12_000, t);
    expect(settled, "accepted transactions still unsettled after the drain");
    problems.addAll(clients.verify());
  }
}
