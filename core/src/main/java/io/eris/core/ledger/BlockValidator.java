package io.eris.core.ledger;

import io.eris.core.codec.ErrorCode;
import io.eris.core.crypto.Address;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.PublicKey;
import io.eris.core.crypto.SignatureCache;
import io.eris.core.model.Block;
import io.eris.core.model.BlockHeader;
import io.eris.core.model.BlockKind;
import io.eris.core.model.Limits;
import io.eris.core.model.Transaction;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a received block against its parent: everything but "is the parent known", which the
 * consensus decides before calling. Cheap header checks come first, the signature and proof of work
 * next, re-execution last. Each failure has its own stable code:
 *
 * <ul>
 *   <li>WRONG_CHAIN, BAD_PARENT (parent hash), BAD_HEIGHT, BAD_BLOCK_KIND (GENESIS above 0);
 *   <li>BAD_TIMESTAMP (not after the parent's), FUTURE_TIMESTAMP (beyond now + skew);
 *   <li>NON_CANONICAL (tx count field, PoW fields of a LEADER block, epoch of a POW block),
 *       BLOCK_TOO_LARGE (above the maxBlockTxs in force, or the byte limit);
 *   <li>LEADER: BAD_PROPOSER (not the leader in force at the parent), REVOKED_KEY, STALE_EPOCH
 *       (below the floor in the state or the highest epoch the consensus has seen),
 *       BAD_BLOCK_SIGNATURE;
 *   <li>POW: BAD_PROPOSER (no stake), POW_TOO_EARLY (before parent timestamp + leader timeout),
 *       BAD_POW_TARGET (not base x stake / total), BAD_BLOCK_SIGNATURE, BAD_POW (hash above
 *       target); POW blocks carry epoch 0;
 *   <li>BAD_TX_ROOT, the code of the first invalid tx, BAD_STATE_ROOT.
 * </ul>
 */
public final class BlockValidator {
  private static final int PARALLEL_VERIFY_MIN_TXS = 64;

  private final Hash chainId;
  private final BlockExecutor executor;
  private final SignatureCache signatures;
  private final long maxClockSkewMillis;

  public BlockValidator(
      Hash chainId, BlockExecutor executor, SignatureCache signatures, long maxClockSkewMillis) {
    this.chainId = chainId;
    this.executor = executor;
    this.signatures = signatures;
    this.maxClockSkewMillis = maxClockSkewMillis;
  }

  /**
   * Validates {@code block} on {@code parent}.
   *
   * @param minLeaderEpoch the highest leader epoch the consensus has seen (fencing)
   * @param nowMillis the caller's clock
   * @param history the branch below {@code parent} (for anchors and recoveries)
   */
  public BlockVerdict validate(
      Block block, BlockHeader parent, long minLeaderEpoch, long nowMillis, ChainHistory history) {
    BlockHeader h = block.header();
    if (!h.chainId().equals(chainId)) {
      return BlockVerdict.reject(ErrorCode.WRONG_CHAIN, "block is for chain " + h.chainId());
    }
    if (!h.parent().equals(parent.hash())) {
      return BlockVerdict.reject(ErrorCode.BAD_PARENT, "parent is " + h.parent());
    }
    if (h.height() != parent.height() + 1) {
      return BlockVerdict.reject(
          ErrorCode.BAD_HEIGHT, "height " + h.height() + " on a parent at " + parent.height());
    }
    if (h.kind() == BlockKind.GENESIS) {
      return BlockVerdict.reject(ErrorCode.BAD_BLOCK_KIND, "GENESIS block above height 0");
    }
    if (h.timestampMillis() <= parent.timestampMillis()) {
      return BlockVerdict.reject(ErrorCode.BAD_TIMESTAMP, "timestamp not after the parent's");
    }
    if (h.timestampMillis() > nowMillis + maxClockSkewMillis) {
      return BlockVerdict.reject(
          ErrorCode.FUTURE_TIMESTAMP,
          "timestamp " + (h.timestampMillis() - nowMillis) + " ms in the future");
    }
    List<Transaction> txs = block.txs();
    if (h.txCount() != txs.size()) {
      return BlockVerdict.reject(
          ErrorCode.NON_CANONICAL, "header counts " + h.txCount() + " txs, body has " + txs.size());
    }
    LedgerState state = LedgerState.at(executor.store(), parent.stateRoot());
    ChainParams params = state.params();
    if (txs.size() > params.maxBlockTxs() || txs.size() > Limits.MAX_BLOCK_TXS) {
      return BlockVerdict.reject(
          ErrorCode.BLOCK_TOO_LARGE, txs.size() + " txs, limit " + params.maxBlockTxs());
    }
    long bytes = BlockExecutor.BLOCK_OVERHEAD_BYTES;
    for (Transaction tx : txs) {
      bytes += 4 + tx.encodedSize();
    }
    if (bytes > Limits.MAX_BLOCK_BYTES) {
      return BlockVerdict.reject(ErrorCode.BLOCK_TOO_LARGE, bytes + " bytes");
    }
    Verdict proposer =
        h.kind() == BlockKind.LEADER
            ? checkLeader(block, state, params, minLeaderEpoch)
            : checkPow(block, parent, state, params);
    if (!proposer.isOk()) {
      return new BlockVerdict(proposer, null);
    }
    List<Hash> hashes = new ArrayList<>(txs.size());
    for (Transaction tx : txs) {
      hashes.add(tx.hash());
    }
    if (!TxMerkle.root(hashes).equals(h.txRoot())) {
      return BlockVerdict.reject(ErrorCode.BAD_TX_ROOT, "tx root does not match the txs");
    }
    if (txs.size() >= PARALLEL_VERIFY_MIN_TXS) {
      // Warms the cache; execution then finds every good signature verified.
      txs.parallelStream().forEach(tx -> tx.verifySignature(signatures));
    }
    ExecutionResult result = executor.execute(parent.stateRoot(), h.height(), txs, history);
    if (!result.isOk()) {
      return new BlockVerdict(result.verdict(), result);
    }
    if (!result.stateRoot().equals(h.stateRoot())) {
      return new BlockVerdict(
          Verdict.reject(
              ErrorCode.BAD_STATE_ROOT,
              "executing the txs gives " + result.stateRoot() + ", header says " + h.stateRoot()),
          result);
    }
    return new BlockVerdict(Verdict.OK, result);
  }

  private Verdict checkLeader(
      Block block, LedgerState state, ChainParams params, long minLeaderEpoch) {
    BlockHeader h = block.header();
    PublicKey leader = params.leaderKey();
    if (!h.proposer().equals(leader.address())) {
      return Verdict.reject(
          ErrorCode.BAD_PROPOSER, h.proposer() + " is not the leader " + leader.address());
    }
    if (state.isRevoked(leader.address())) {
      return Verdict.reject(ErrorCode.REVOKED_KEY, "the leader key is revoked");
    }
    long floor = Math.max(minLeaderEpoch, params.leaderEpochFloor());
    if (h.leaderEpoch() < floor) {
      return Verdict.reject(
          ErrorCode.STALE_EPOCH, "epoch " + h.leaderEpoch() + " is below " + floor);
    }
    if (!h.powTarget().equals(Hash.ZERO) || h.powNonce() != 0) {
      return Verdict.reject(ErrorCode.NON_CANONICAL, "a LEADER block has no PoW fields");
    }
    if (!block.verifySignature(leader)) {
      return Verdict.reject(ErrorCode.BAD_BLOCK_SIGNATURE, "not signed by the leader key");
    }
    return Verdict.OK;
  }

  private Verdict checkPow(Block block, BlockHeader parent, LedgerState state, ChainParams params) {
    BlockHeader h = block.header();
    Address miner = h.proposer();
    ValidatorState validator = state.validatorOrNull(miner);
    if (validator == null) {
      return Verdict.reject(ErrorCode.BAD_PROPOSER, miner + " is not a validator");
    }
    if (state.isRevoked(miner)) {
      return Verdict.reject(ErrorCode.REVOKED_KEY, "miner " + miner + " is revoked");
    }
    if (h.timestampMillis() < parent.timestampMillis() + params.leaderTimeoutMs()) {
      return Verdict.reject(
          ErrorCode.POW_TOO_EARLY,
          "POW block "
              + (h.timestampMillis() - parent.timestampMillis())
              + " ms after its parent, leader timeout "
              + params.leaderTimeoutMs());
    }
    if (h.leaderEpoch() != 0) {
      return Verdict.reject(ErrorCode.NON_CANONICAL, "a POW block carries epoch 0");
    }
    PowRule rule = params.powAt(h.height());
    Hash target =
        PowTargets.stakeWeighted(rule.baseTarget(), validator.stake(), state.totalStake());
    if (!h.powTarget().equals(target)) {
      return Verdict.reject(
          ErrorCode.BAD_POW_TARGET, "target should be " + target + " for this miner's stake");
    }
    if (!block.verifySignature(validator.publicKey())) {
      return Verdict.reject(ErrorCode.BAD_BLOCK_SIGNATURE, "not signed by the miner");
    }
    Hash pow = PowFunctions.byName(rule.function()).hash(h.encode());
    if (!PowFunctions.meets(pow, target)) {
      return Verdict.reject(
          ErrorCode.BAD_POW, rule.function() + " hash " + pow + " is above the target");
    }
    return Verdict.OK;
  }
}
