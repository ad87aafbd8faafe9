package io.eris.core.bench;

import io.eris.core.model.Transaction;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Ed25519 verification of transaction signatures, one core, no cache. */
@State(Scope.Thread)
public class SignatureBench {
  private List<Transaction> txs;
  private int next;

  @Setup
  public void setup() {
    txs = new BenchData.Chain(1024).transfers(1024);
  }

  @Benchmark
  public boolean verifyTxSignature() {
    Transaction tx = txs.get(next++ & 1023);
    return tx.verifySignature();
  }
}
