package io.eris.core.ledger;

import io.eris.core.crypto.Address;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.KeyPair;
import io.eris.core.model.Block;
import io.eris.core.model.BlockHeader;
import io.eris.core.model.BlockKind;
import io.eris.core.model.Transaction;
import java.util.List;

/**
 * Builds blocks from mempool candidates: executes them on the parent's state, leaving out those
 * refused, and fills in the header. A LEADER block comes out signed; a POW block comes out as a
 * template for the {@link Miner}, sealed with {@link #seal} once a nonce is found.
 */
public final class BlockProducer {
  private final Hash chainId;
  private final BlockExecutor executor;

  /** A produced block (null for a POW template not yet mined), its header and execution. */
  public record Produced(BlockHeader header, Block block, ExecutionResult execution) {}

  public BlockProducer(Hash chainId, BlockExecutor executor) {
    this.chainId = chainId;
    this.executor = executor;
  }

  /** A signed LEADER block on {@code parent}; {@code candidates} in mempool order. */
  public Produced leaderBlock(
      BlockHeader parent,
      List<Transaction> candidates,
      long timestampMillis,
      long leaderEpoch,
      KeyPair leader,
      ChainHistory history) {
    if (timestampMillis <= parent.timestampMillis()) {
      throw new IllegalArgumentException("timestamp must be after the parent's");
    }
    LedgerState state = LedgerState.at(executor.store(), parent.stateRoot());
    ExecutionResult ex = execute(parent, candidates, state, history);
    BlockHeader header =
        header(parent, timestampMillis, BlockKind.LEADER, leader.address(), leaderEpoch, ex)
            .withPowNonce(0);
    return new Produced(header, Block.sign(header, ex.included(), leader), ex);
  }

  /**
   * A POW block template on {@code parent} for {@code miner} (a validator), with its stake-weighted
   * target; the timestamp must be at least the leader timeout after the parent's.
   */
  public Produced powTemplate(
      BlockHeader parent,
      List<Transaction> candidates,
      long timestampMillis,
      Address miner,
      ChainHistory history) {
    LedgerState state = LedgerState.at(executor.store(), parent.stateRoot());
    ChainParams params = state.params();
    if (timestampMillis < parent.timestampMillis() + params.leaderTimeoutMs()) {
      throw new IllegalArgumentException("a POW block waits the leader timeout after its parent");
    }
    long stake = state.stake(miner);
    if (stake <= 0) {
      throw new IllegalArgumentException(miner + " has no stake to mine with");
    }
    ExecutionResult ex = execute(parent, candidates, state, history);
    Hash target =
        PowTargets.stakeWeighted(
            params.powAt(parent.height() + 1).baseTarget(), stake, state.totalStake());
    BlockHeader h = header(parent, timestampMillis, BlockKind.POW, miner, 0, ex);
    BlockHeader template =
        new BlockHeader(
            h.chainId(),
            h.height(),
            h.parent(),
            h.timestampMillis(),
            h.kind(),
            h.proposer(),
            h.leaderEpoch(),
            h.txRoot(),
            h.stateRoot(),
            h.txCount(),
            target,
            0);
    return new Produced(template, null, ex);
  }

  /** The PoW function for a POW block at {@code height} on {@code parent}'s state. */
  public PowFunction powFunction(BlockHeader parent) {
    LedgerState state = LedgerState.at(executor.store(), parent.stateRoot());
    return PowFunctions.byName(state.params().powAt(parent.height() + 1).function());
  }

  /** Signs a mined POW header into a block with the template's transactions. */
  public static Block seal(Produced template, BlockHeader mined, KeyPair miner) {
    return Block.sign(mined, template.execution().included(), miner);
  }

  private ExecutionResult execute(
      BlockHeader parent, List<Transaction> candidates, LedgerState state, ChainHistory history) {
    return executor.executeSkipping(
        parent.stateRoot(), parent.height() + 1, candidates, state.params().maxBlockTxs(), history);
  }

  private BlockHeader header(
      BlockHeader parent,
      long timestampMillis,
      BlockKind kind,
      Address proposer,
      long epoch,
      ExecutionResult ex) {
    return new BlockHeader(
        chainId,
        parent.height() + 1,
        parent.hash(),
        timestampMillis,
        kind,
        proposer,
        epoch,
        ex.txRoot(),
        ex.stateRoot(),
        ex.included().size(),
        Hash.ZERO,
        0);
  }
}
