package io.eris.core.bench;

import io.eris.core.crypto.Hash;
import io.eris.core.state.InMemoryTreeNodeStore;
import io.eris.core.state.StateChange;
import io.eris.core.state.StateProof;
import io.eris.core.state.StateTree;
import io.eris.core.state.UpdateResult;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Updates and proofs on a state tree of {@code keys} entries (10^6 by default). An update is
 * applied to the big root and its new nodes dropped, so every operation sees the same tree.
 */
@State(Scope.Benchmark)
public class StateTreeBench {
  static final int BATCH = 1_000;

  @Param("1000000")
  public int keys;

  private final InMemoryTreeNodeStore store = new InMemoryTreeNodeStore();
  private final SplittableRandom rng = new SplittableRandom(42);
  private Hash root;
  private long version;

  @Setup
  public void setup() {
    root = BenchData.bigTree(store, keys);
  }

  @Benchmark
  public UpdateResult updateOneKey() {
    long k = rng.nextInt(keys);
    StateChange change = StateChange.put(BenchData.key(k), BenchData.value(k, ++version));
    return StateTree.apply(store, root, List.of(change));
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public UpdateResult updateBatchOf1000Keys() {
    List<StateChange> changes = new ArrayList<>(BATCH);
    long base = rng.nextInt(keys - BATCH);
    version++;
    for (long k = base; k < base + BATCH; k++) {
      changes.add(StateChange.put(BenchData.key(k), BenchData.value(k, version)));
    }
    return StateTree.apply(store, root, changes);
  }

  @Benchmark
  public StateProof proveOneKey() {
    return StateTree.prove(store, root, BenchData.key(rng.nextInt(keys)));
  }
}
