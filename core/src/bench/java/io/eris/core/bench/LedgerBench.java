package io.eris.core.bench;

import io.eris.core.crypto.SignatureCache;
import io.eris.core.ledger.BlockExecutor;
import io.eris.core.ledger.BlockValidator;
import io.eris.core.ledger.BlockVerdict;
import io.eris.core.ledger.ChainHistory;
import io.eris.core.ledger.ExecutionResult;
import io.eris.core.model.Block;
import io.eris.core.model.Transaction;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Executing and importing blocks of 1,000 transfers on a state of 10,000 accounts. "Warm" means
 * the signatures were verified when the transactions arrived on the txs topic (the cache hits);
 * "cold" verifies every signature during the import (in parallel, as the validator does).
 */
@State(Scope.Benchmark)
public class LedgerBench {
  private BenchData.Chain chain;
  private List<Transaction> txs;
  private Block block;
  private SignatureCache warm;
  private BlockExecutor executor;
  private BlockValidator warmValidator;

  @Setup
  public void setup() {
    chain = new BenchData.Chain(10_000);
    txs = chain.transfers(BenchData.BLOCK_TXS);
    block = chain.leaderBlock(txs);
    warm = new SignatureCache(4 * BenchData.BLOCK_TXS);
    for (Transaction tx : txs) {
      tx.verifySignature(warm);
    }
    executor = chain.executor(warm);
    warmValidator = new BlockValidator(chain.state.chainId(), executor, warm, 0);
  }

  @Benchmark
  @OperationsPerInvocation(BenchData.BLOCK_TXS)
  public ExecutionResult applyTxsToState() {
    return executor.execute(chain.state.stateRoot(), 1, txs, ChainHistory.NONE);
  }

  @Benchmark
  public BlockVerdict importBlockWarm() {
    return importWith(warmValidator);
  }

  @Benchmark
  public BlockVerdict importBlockCold() {
    SignatureCache cold = new SignatureCache(4 * BenchData.BLOCK_TXS);
    return importWith(
        new BlockValidator(chain.state.chainId(), chain.executor(cold), cold, 0));
  }

  private BlockVerdict importWith(BlockValidator validator) {
    BlockVerdict v =
        validator.validate(
            block,
            chain.state.header(),
            0,
            block.header().timestampMillis(),
            ChainHistory.NONE);
    if (!v.isOk()) {
      throw new IllegalStateException(v.verdict().toString());
    }
    chain.store.putAll(v.execution().newNodes());
    return v;
  }
}
