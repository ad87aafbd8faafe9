package io.eris.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.eris.core.crypto.Hash;
import io.eris.core.model.Genesis;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The cluster's faults on the real stack, under a steady load of signed txs from many accounts:
 * four Payara domains (validators n1..n3, n1 holding the leader key, and the hot standby n4 with
 * the same key), each with its own PostgreSQL database, over one Artemis broker, all started by
 * {@code ops/cluster.sh} on 127.0.0.1. The steps run in order on one cluster and one load; each
 * asserts what the design promises for its fault, and the last one that nothing was lost and every
 * node holds the same final chain. Figures (failover time, fallback rate, catch-up speed) are
 * printed and written to {@code target/cluster-faults.json}; they are measured, not asserted.
 *
 * <p>Run by {@code ./eris test} (Maven profile {@code cluster-it}); alone: {@code mvn -B -pl bench
 * -am verify -Pcluster-it -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultIT {
  static final String SEED = "eris-cluster-it";
  static final int ACCOUNTS = 400;
  static final int CLIENTS = 8;
  static final double RATE = 20;
  static final int INVALID_EVERY = 10;
  static final int T_MS = 250;

  /** Prometheus text: the gauge at 1, whatever tags (mp_scope) and number format. */
  static final java.util.regex.Pattern STANDBY_LEADER_METRIC =
      java.util.regex.Pattern.compile("(?m)^eris_mode_standby_leader(\\{[^}]*\\})? 1(\\.0)?$");

  static ClusterControl cluster;
  static Accounts accounts;
  static Hash chainId;
  static Tracker tracker;
  static LoadGenerator load;
  static EventStream events;
  static BlockWatcher watcher;
  static final Map<String, Object> figures = new LinkedHashMap<>();

  @BeforeAll
  static void startClusterAndLoad() throws Exception {
    cluster = ClusterControl.fromSystemProperties();
    Path keys = cluster.dir().resolve("keys");
    // A fresh chain every run: whatever an earlier run left (domains, databases, broker data).
    cluster.run(600, "clean", "--keep-installs");
    Files.createDirectories(cluster.dir());
    // The bench's genesis (accounts funded for the load), laid out as ops/cluster.sh expects.
    Path gen = cluster.dir().resolve("genesis-work");
    Genesis g =
        BenchMain.writeGenesis(gen, SEED, ACCOUNTS, T_MS, 3, true, System.currentTimeMillis());
    Files.createDirectories(keys);
    for (int i = 1; i <= 3; i++) {
      copy(gen.resolve("validator-" + i + ".key"), keys.resolve("n" + i + ".key"));
    }
    copy(gen.resolve("standby.key"), keys.resolve("n4.key"));
    copy(gen.resolve("leader.key"), keys.resolve("leader.key"));
    copy(gen.resolve("genesis.json"), cluster.dir().resolve("genesis.json"));
    copy(gen.resolve("genesis.json.hash"), cluster.dir().resolve("genesis.json.hash"));
    log("genesis %s with %d accounts", g.chainId().toHex().substring(0, 16), ACCOUNTS);
    chainId =
        Hash.fromHex(
            Files.readString(cluster.dir().resolve("genesis.json.hash"), StandardCharsets.UTF_8)
                .trim());
    long t0 = System.nanoTime();
    cluster.run(30 * 60, "start");
    figures.put("cluster_start_s", seconds(t0));
    for (String n : ClusterControl.NODES) {
      awaitTrue(n + " answers /api/v1/head", 180, () -> cluster.head(n) != null);
    }
    accounts = new Accounts(SEED, ACCOUNTS);
    tracker = new Tracker(accounts);
    watcher = new BlockWatcher(cluster.url("n2"));
    watcher.start();
    events = new EventStream(List.of(cluster.url("n2"), cluster.url("n3")), tracker);
    events.start();
    load =
        new LoadGenerator(
            new LoadGenerator.Config(
                List.of(cluster.url("n1"), cluster.url("n4"), cluster.url("n2"), cluster.url("n3")),
                CLIENTS,
                RATE,
                INVALID_EVERY,
                chainId,
                "c"),
            accounts,
            tracker);
    tracker.measureFromNanos = System.nanoTime();
    load.start();
    log("load: %.0f tx/s from %d accounts on %d clients", RATE, ACCOUNTS, CLIENTS);
  }

  @AfterAll
  static void stopEverything() throws Exception {
    if (load != null) {
      load.stop();
    }
    if (events != null) {
      events.stop();
    }
    if (watcher != null) {
      watcher.stop();
    }
    if (tracker != null) {
      figures.put("submitted", tracker.nSubmittedValid.get() + tracker.nSubmittedInvalid.get());
      figures.put("accepted", tracker.nAccepted.get());
      figures.put("final", tracker.nFinal.get());
      figures.put("conflicted", tracker.nConflicted.get());
      figures.put("expired", tracker.nExpired.get());
      figures.put("rejected_invalid", tracker.nRejectedInvalid.get());
      figures.put("invalid_accepted", tracker.nInvalidAccepted.get());
      if (watcher != null) {
        // Leader epochs in the chain: each is one taking of the lease (a failover, or a lapse
        // when the holder renewed late).
        figures.put("leader_epochs", watcher.maxEpoch());
      }
      // Over the whole run, faults included (latencies of txs sent during an outage count too).
      figures.put("p50_included_ms", ms(tracker.includedLatency, 0.50));
      figures.put("p99_included_ms", ms(tracker.includedLatency, 0.99));
      figures.put("p50_final_ms", ms(tracker.finalLatency, 0.50));
      figures.put("p99_final_ms", ms(tracker.finalLatency, 0.99));
      figures.put("p99_reject_ms", ms(tracker.rejectLatency, 0.99));
    }
    if (cluster != null) {
      writeFigures(cluster.reportFile());
      if (!Boolean.getBoolean("eris.cluster.keep")) {
        cluster.run(300, "stop");
      }
    }
  }

  @Test
  @Order(1)
  void steadyLoadReachesFinalUnderLeaderBlocks() throws Exception {
    // Steady first: the standby has caught up and the validators' txs reach FINAL.
    awaitTrue("the standby caught up", 300, () -> heightOf("n4") >= watcher.latest().height() - 2);
    awaitTrue("txs reach FINAL under the leader", 300, () -> tracker.nFinal.get() >= 50);
    long finalBefore = tracker.nFinal.get();
    double rate = finalRateOver(20);
    figures.put("normal_final_tps", round(rate));
    log("normal: %.1f tx/s FINAL", rate);
    assertTrue(tracker.nFinal.get() > finalBefore, "txs reach FINAL under the leader");
    assertTrue(watcher.latest().kind().equals("LEADER"), "the chain is led: " + watcher.latest());
  }

  /**
   * The node of the two holding the leader key that is not leading when step 2 kills the leader: n4
   * (the standby) normally; n1 if the standby had taken the lease over before.
   */
  static String survivor = "n4";

  @Test
  @Order(2)
  void killedLeaderIsReplacedByTheStandbyWithoutProofOfWork() throws Exception {
    // The leader is whichever key holder signs the head: n1, unless the standby took the lease
    // over before (its holder renewed late); then killing n1 would not be a leader failure.
    Map<String, Object> standbyHead = cluster.head("n4");
    String leader =
        standbyHead != null && "STANDBY-LEADER".equals(standbyHead.get("mode")) ? "n4" : "n1";
    survivor = leader.equals("n1") ? "n4" : "n1";
    figures.put("killed_leader", leader);
    BlockWatcher.Seen before = watcher.latest();
    long killedAt = System.currentTimeMillis();
    cluster.run(60, "kill", leader);
    // The other key holder must take the lease over and lead (a LEADER block of a newer epoch).
    // How fast is measured, not asserted: a takeover after 3 T, with a POW block first, has been
    // seen in about one run in three on this machine (open finding, README "Fault tests").
    BlockWatcher.Seen led =
        awaitValue(
            "a LEADER block of a newer epoch (the other key holder's)",
            60,
            () ->
                watcher.firstAfter(
                    killedAt, b -> b.kind().equals("LEADER") && b.epoch() > before.epoch()));
    BlockWatcher.Seen first = watcher.firstAfter(killedAt, b -> true);
    long failover = led.timestamp() - killedAt;
    boolean powFirst = first != null && isPow(first) && first.height() <= led.height();
    figures.put("failover_ms", failover);
    figures.put("failover_target_ms", 3 * T_MS);
    figures.put("failover_pow_first", powFirst);
    log(
        "failover: %s killed, %s led at height %d, epoch %d, %d ms after kill -9 (3 T = %d ms)%s",
        leader,
        survivor,
        led.height(),
        led.epoch(),
        failover,
        3 * T_MS,
        powFirst ? "; LATE: a POW block came first" : "");
    if (survivor.equals("n4")) {
      awaitTrue(
          "the standby reports STANDBY-LEADER (head and /metrics)",
          60,
          () -> {
            Map<String, Object> h = cluster.head("n4");
            return h != null
                && "STANDBY-LEADER".equals(h.get("mode"))
                && STANDBY_LEADER_METRIC.matcher(cluster.metrics("n4")).find();
          });
    }
    awaitMoreFinal("txs reach FINAL under the standby", tracker.nFinal.get(), 60);
  }

  @Test
  @Order(3)
  void withLeaderAndStandbyDownProofOfWorkKeepsTxsFlowing() throws Exception {
    long killedAt = System.currentTimeMillis();
    cluster.run(60, "kill", survivor);
    BlockWatcher.Seen pow =
        awaitValue(
            "a proof-of-work block",
            120,
            () -> watcher.firstAfter(killedAt, ClusterFaultIT::isPow));
    log(
        "fallback: first POW block at height %d, %d ms after the standby was killed",
        pow.height(), pow.timestamp() - killedAt);
    figures.put("fallback_first_pow_ms", pow.timestamp() - killedAt);
    awaitTrue(
        "the POW block becomes final",
        120,
        () -> {
          Map<String, Object> h = cluster.head("n2");
          return h != null && ((Number) h.get("finalHeight")).longValue() >= pow.height();
        });
    double rate = finalRateOver(30);
    figures.put("fallback_final_tps", round(rate));
    Object normal = figures.get("normal_final_tps");
    if (normal instanceof Number nr && nr.doubleValue() > 0) {
      figures.put("fallback_ratio", round(rate / nr.doubleValue()));
    }
    log("fallback: %.1f tx/s FINAL (normal %s)", rate, normal);
    assertTrue(rate > 0, "txs reach FINAL in proof-of-work fallback");
  }

  @Test
  @Order(4)
  void restartedLeaderCatchesUpAndLeadsAgain() throws Exception {
    long maxEpoch = watcher.maxEpoch();
    long t0 = System.nanoTime();
    cluster.run(15 * 60, "restart", "n1");
    figures.put("leader_restart_s", seconds(t0));
    long upAt = System.currentTimeMillis();
    long target = watcher.latest().height();
    long from = heightOf("n1");
    long c0 = System.nanoTime();
    awaitTrue("the restarted leader catches up", 180, () -> heightOf("n1") >= target);
    double secs = Math.max(0.001, (System.nanoTime() - c0) / 1e9);
    figures.put("catchup_blocks", target - from);
    figures.put("catchup_blocks_per_s", round((target - from) / secs));
    log("catch-up: %d blocks in %.1f s", target - from, secs);
    BlockWatcher.Seen led =
        awaitValue(
            "LEADER blocks again, under a newer epoch",
            180,
            () -> watcher.firstAfter(upAt, b -> b.kind().equals("LEADER") && b.epoch() > maxEpoch));
    log("leading again at height %d, epoch %d", led.height(), led.epoch());
    awaitMoreFinal("txs reach FINAL under the leader", tracker.nFinal.get(), 60);
  }

  @Test
  @Order(5)
  void brokerCrashAndRestartLosesNothing() throws Exception {
    cluster.run(60, "kill-broker");
    Thread.sleep(5_000);
    long restartedAt = System.currentTimeMillis();
    cluster.run(180, "start-broker");
    long heightAt = watcher.latest().height();
    long finalNow = tracker.nFinal.get();
    for (String n : List.of("n1", "n2", "n3")) {
      awaitTrue(n + " receives blocks again", 180, () -> heightOf(n) >= heightAt + 8);
    }
    awaitMoreFinal("txs reach FINAL again", finalNow, 120);
    figures.put("broker_recovery_ms", System.currentTimeMillis() - restartedAt);
  }

  @Test
  @Order(6)
  void databaseOutageOfOneNodeIsRecovered() throws Exception {
    // The standby comes back meanwhile (its database is not the one going down): it is needed
    // for the final comparison.
    cluster.runInBackground("restart", "n4");
    cluster.run(120, "db-outage", "n3", "10");
    long t0 = System.currentTimeMillis();
    awaitTrue(
        "n3 follows the chain again",
        180,
        () -> {
          Map<String, Object> h = cluster.head("n3");
          return h != null && heightOf("n3") >= watcher.latest().height() - 2;
        });
    figures.put("db_outage_recovery_ms", System.currentTimeMillis() - t0);
    awaitMoreFinal("txs reach FINAL", tracker.nFinal.get(), 60);
  }

  @Test
  @Order(7)
  void nothingIsLostAndEveryNodeHasTheSameFinalChain() throws Exception {
    cluster.awaitBackground(15 * 60);
    load.stop();
    long stopped = System.nanoTime();
    // A backlog may take a while on a slow machine: wait as long as txs keep settling (up to 15
    // minutes), and fail only when a minute passes without any settling.
    long deadline = System.nanoTime() + 15 * 60 * 1_000_000_000L;
    long lastUnsettled = Long.MAX_VALUE;
    long lastProgress = System.nanoTime();
    while (!(tracker.unsettled() == 0 || polled())) {
      long u = tracker.unsettled();
      if (u < lastUnsettled) {
        lastUnsettled = u;
        lastProgress = System.nanoTime();
      }
      if (System.nanoTime() - lastProgress > 60_000_000_000L || System.nanoTime() > deadline) {
        break;
      }
      Thread.sleep(1_000);
    }
    figures.put("drain_s", seconds(stopped));
    assertEquals(0, tracker.nInvalidAccepted.get(), "no invalid tx was accepted");
    assertTrue(tracker.nRejectedInvalid.get() > 0, "invalid txs were refused");
    List<String> lost = new ArrayList<>();
    for (Map.Entry<String, TxRecord> e : tracker.txs.entrySet()) {
      TxRecord r = e.getValue();
      synchronized (r) {
        if (r.known && !r.rejected && !r.invalid && r.terminal == null) {
          lost.add(e.getKey());
        }
      }
    }
    figures.put("lost_txs", lost.size());
    assertTrue(
        lost.isEmpty(),
        lost.size()
            + " accepted txs never settled, e.g. "
            + lost.subList(0, Math.min(5, lost.size())));
    assertTrue(tracker.nFinal.get() > 0, "txs were final");

    // Same final chain: every node reaches the highest final height any node reports (the
    // restarted standby has to sync to it); the blocks there (and at every 25th height below)
    // have the same hash on every node. Hashes chain, so the tip alone implies the rest; the
    // samples name the first difference if there is one.
    awaitTrue(
        "all four nodes answer",
        300,
        () -> ClusterControl.NODES.stream().allMatch(n -> cluster.head(n) != null));
    long highest = 0;
    for (String n : ClusterControl.NODES) {
      highest = Math.max(highest, ((Number) cluster.head(n).get("finalHeight")).longValue());
    }
    long target = highest;
    awaitTrue(
        "every node final at " + target,
        300,
        () ->
            ClusterControl.NODES.stream()
                .allMatch(
                    n -> ((Number) cluster.head(n).get("finalHeight")).longValue() >= target));
    Map<Long, String> reference = new TreeMap<>();
    for (long h = target; h > 0; h -= 25) {
      reference.put(h, null);
    }
    reference.put(0L, null);
    for (String n : ClusterControl.NODES) {
      for (Map.Entry<Long, String> e : reference.entrySet()) {
        Map<String, Object> b = cluster.block(n, e.getKey());
        assertTrue(b != null, n + " has no block at " + e.getKey());
        assertEquals(Boolean.TRUE, b.get("final"), n + ": block " + e.getKey() + " not final");
        String hash = (String) b.get("hash");
        if (e.getValue() == null) {
          e.setValue(hash);
        } else {
          assertEquals(e.getValue(), hash, n + " differs at height " + e.getKey());
        }
      }
    }
    figures.put("compared_final_height", target);
    log(
        "same final chain on all nodes up to height %d (%d heights compared)",
        target, reference.size());
  }

  // ---------------------------------------------------------------------------------------------

  /** Asks the nodes for what the event stream did not report; true when nothing is left. */
  private static boolean polled() {
    int asked = 0;
    for (Map.Entry<String, TxRecord> e : tracker.txs.entrySet()) {
      if (asked >= 300) {
        break; // the rest next round
      }
      TxRecord r = e.getValue();
      boolean open;
      synchronized (r) {
        open = r.known && !r.rejected && r.terminal == null;
      }
      if (!open) {
        continue;
      }
      asked++;
      for (String n : ClusterControl.NODES) {
        Map<String, Object> s = cluster.getJson(n, "/api/v1/txs/" + e.getKey());
        if (s != null && s.get("status") instanceof String status) {
          Object h = s.get("height");
          tracker.status(
              r,
              status,
              (String) s.get("blockKind"),
              h instanceof Number nh ? nh.longValue() : 0,
              System.nanoTime(),
              true);
          break;
        }
      }
    }
    return tracker.unsettled() == 0;
  }

  /** Waits until at least 20 more txs than {@code finalBefore} are FINAL. */
  private static void awaitMoreFinal(String what, long finalBefore, int seconds)
      throws InterruptedException {
    awaitTrue(what, seconds, () -> tracker.nFinal.get() >= finalBefore + 20);
  }

  private static double finalRateOver(int secondsWindow) throws InterruptedException {
    long f0 = tracker.nFinal.get();
    long t0 = System.nanoTime();
    Thread.sleep(secondsWindow * 1000L);
    return (tracker.nFinal.get() - f0) / ((System.nanoTime() - t0) / 1e9);
  }

  private static long heightOf(String node) {
    Map<String, Object> h = cluster.head(node);
    return h == null ? -1 : ((Number) h.get("height")).longValue();
  }

  private static boolean isPow(BlockWatcher.Seen b) {
    return b.kind().equals("POW");
  }

  static void awaitTrue(String what, int seconds, BooleanSupplier condition)
      throws InterruptedException {
    awaitValue(what, seconds, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
  }

  static <T> T awaitValue(String what, int seconds, java.util.function.Supplier<T> value)
      throws InterruptedException {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      T v;
      try {
        v = value.get();
      } catch (RuntimeException e) {
        v = null;
      }
      if (v != null) {
        return v;
      }
      Thread.sleep(200);
    }
    fail("not within " + seconds + " s: " + what + " (last block seen: " + watcher.latest() + ")");
    return null;
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
  }

  private static double seconds(long fromNanos) {
    return round((System.nanoTime() - fromNanos) / 1e9);
  }

  private static double ms(Latencies l, double q) {
    return l.count() == 0 ? -1 : round(l.percentileMicros(q) / 1000.0);
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  static void log(String format, Object... args) {
    System.out.printf(Locale.ROOT, "[cluster-it] " + format + "%n", args);
  }

  private static void writeFigures(Path file) throws IOException {
    StringBuilder sb = new StringBuilder("{\n");
    int i = 0;
    for (Map.Entry<String, Object> e : figures.entrySet()) {
      Object v = e.getValue();
      sb.append("  \"").append(e.getKey()).append("\": ");
      sb.append(v instanceof String str ? "\"" + str + "\"" : String.valueOf(v));
      sb.append(++i < figures.size() ? ",\n" : "\n");
    }
    sb.append("}\n");
    Files.createDirectories(file.getParent());
    Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    log("figures: %s", figures);
  }
}
