package io.eris.core.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Each named scenario as a test, for any {@link Cluster}. A transport runs the suite with a
 * subclass that says how to build a cluster (the simulation here; JMS in the host's integration
 * tests), as Apache Ratis runs its scenarios per transport.
 */
public abstract class ScenarioSuite {
  /** A fresh cluster for {@code seed}. */
  protected abstract Cluster newCluster(long seed);

  /** False for transports that cannot cut the network: the partition scenarios are skipped. */
  protected boolean supportsPartitions() {
    return true;
  }

  /** The seeds each scenario runs with. */
  protected long[] seeds() {
    return new long[] {1, 2, 3};
  }

  private void check(String name, Consumer<Scenarios> scenario) {
    List<String> failures = new ArrayList<>();
    for (long seed : seeds()) {
      Cluster cluster = newCluster(seed);
      Scenarios s = new Scenarios(cluster, new Random(seed));
      scenario.accept(s);
      for (String p : s.problems()) {
        failures.add("seed " + seed + ": " + p);
      }
      for (String v : cluster.violations()) {
        failures.add("seed " + seed + " SAFETY: " + v);
      }
      assertThat(s.clients().accepted()).as("seed %d accepted transactions", seed).isNotEmpty();
    }
    assertThat(failures).as(name + " (reproduce with -Dsim.seed=N)").isEmpty();
  }

  @Test
  void steadyState() {
    check("steady state", Scenarios::steadyState);
  }

  @Test
  void leaderCrashStandbyTakesOver() {
    check("leader crash", Scenarios::leaderCrashStandbyTakesOver);
  }

  @Test
  void fallbackAndLeaderReturn() {
    check("fallback and leader return", Scenarios::fallbackAndLeaderReturn);
  }

  @Test
  void partitionHeals() {
    Assumptions.assumeTrue(supportsPartitions(), "the transport cannot partition");
    check("partition heals", Scenarios::partitionHeals);
  }

  @Test
  void isolatedLeader() {
    Assumptions.assumeTrue(supportsPartitions(), "the transport cannot partition");
    check("isolated leader", Scenarios::isolatedLeader);
  }

  @Test
  void followerCrashRestart() {
    check("follower crash and restart", Scenarios::followerCrashRestart);
  }

  @Test
  void lossyNetwork() {
    check("lossy network", Scenarios::lossyNetwork);
  }
}
