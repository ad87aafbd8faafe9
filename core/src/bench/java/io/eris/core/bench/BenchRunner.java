package io.eris.core.bench;

import io.eris.core.crypto.Hash;
import io.eris.core.state.InMemoryTreeNodeStore;
import io.eris.core.state.StateProof;
import io.eris.core.state.StateTree;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the core benchmarks briefly (one fork, 2 warm-up and 3 measured iterations of 2 s: a
 * two-core machine) and prints one table. {@code -Dbench.keys=N} changes the state-tree size,
 * {@code -Dbench.iterations=N} the measured iterations.
 */
public final class BenchRunner {
  private static final Map<String, String> LABELS =
      Map.of(
          "verifyTxSignature", "tx signature verifications/s (1 core)",
          "applyTxsToState", "txs applied to state/s (1,000-tx block, signatures cached)",
          "updateOneKey", "state-tree updates/s, 1 key per update",
          "updateBatchOf1000Keys", "state-tree updates/s, 1,000 keys per update",
          "proveOneKey", "state proofs built/s",
          "importBlockWarm", "blocks imported/s, 1,000 txs, signatures verified on arrival",
          "importBlockCold", "blocks imported/s, 1,000 txs, all signatures verified in import");

  private BenchRunner() {}

  public static void main(String[] args) throws Exception {
    int keys = Integer.getInteger("bench.keys", 1_000_000);
    int iterations = Integer.getInteger("bench.iterations", 3);
    Options opts =
        new OptionsBuilder()
            .include(BenchRunner.class.getPackageName() + ".*Bench")
            .param("keys", String.valueOf(keys))
            .forks(1)
            .jvmArgsAppend("-Xmx6g")
            .warmupIterations(2)
            .warmupTime(TimeValue.seconds(2))
            .measurementIterations(iterations)
            .measurementTime(TimeValue.seconds(2))
            .timeUnit(TimeUnit.SECONDS)
            .mode(org.openjdk.jmh.annotations.Mode.Throughput)
            .build();
    Collection<RunResult> results = new Runner(opts).run();

    List<String[]> rows = new ArrayList<>();
    for (RunResult r : results) {
      String method = r.getParams().getBenchmark();
      method = method.substring(method.lastIndexOf('.') + 1);
      String label = LABELS.getOrDefault(method, method);
      if (method.contains("Key")) {
        label += " (" + keys + " keys)";
      }
      rows.add(
          new String[] {
            label,
            String.format("%,.0f", r.getPrimaryResult().getScore()),
            String.format("± %,.0f", r.getPrimaryResult().getScoreError())
          });
    }
    rows.addAll(proofSizes(keys));
    print(rows);
  }

  /** Proof sizes are not timings: measured directly on a tree of the same size. */
  private static List<String[]> proofSizes(int keys) {
    InMemoryTreeNodeStore store = new InMemoryTreeNodeStore();
    Hash root = BenchData.bigTree(store, keys);
    SplittableRandom rng = new SplittableRandom(7);
    long total = 0;
    int max = 0;
    int depthTotal = 0;
    int samples = 10_000;
    for (int i = 0; i < samples; i++) {
      StateProof p = StateTree.prove(store, root, BenchData.key(rng.nextInt(keys)));
      int size = p.encode().length;
      total += size;
      max = Math.max(max, size);
      depthTotal += p.depth();
    }
    return List.<String[]>of(
        new String[] {
          "membership proof size, bytes (" + keys + " keys), mean / max",
          String.format("%,d / %,d", total / samples, max),
          String.format("depth %.1f", depthTotal / (double) samples)
        });
  }

  private static void print(List<String[]> rows) {
    int w = "metric".length();
    for (String[] r : rows) {
      w = Math.max(w, r[0].length());
    }
    String line = "+" + "-".repeat(w + 2) + "+" + "-".repeat(16) + "+" + "-".repeat(14) + "+";
    System.out.println();
    System.out.println(line);
    System.out.printf("| %-" + w + "s | %14s | %12s |%n", "metric", "value", "error/notes");
    System.out.println(line);
    for (String[] r : rows) {
      System.out.printf("| %-" + w + "s | %14s | %12s |%n", r[0], r[1], r[2]);
    }
    System.out.println(line);
  }
}
