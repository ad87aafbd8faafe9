package io.eris.core.consensus;

import io.eris.core.consensus.BlockTree.Node;
import io.eris.core.crypto.KeyPair;
import io.eris.core.ledger.BlockProducer;
import io.eris.core.ledger.LedgerState;
import io.eris.core.ledger.PowFunction;
import io.eris.core.model.Block;
import io.eris.core.model.BlockHeader;
import java.util.Optional;

/**
 * Proof-of-work fallback of a validator. Every new head arms a leader timeout; if it expires with
 * the head unchanged, the validator builds a POW block on the head from its mempool and searches
 * for a nonce in bounded steps. Any head change (a LEADER block extending the head, or another
 * miner's block at that height) abandons the attempt.
 */
final class FallbackMiner {
  /** The attempt in progress: its head, template and next nonce. */
  private record Attempt(
      Node parent, BlockProducer.Produced template, PowFunction function, long nextNonce) {}

  private final KeyPair validatorKey;
  private final BlockProducer producer;
  private final PowWorker worker;
  private final long attemptsPerStep;
  private Attempt attempt;

  FallbackMiner(
      KeyPair validatorKey, BlockProducer producer, PowWorker worker, long attemptsPerStep) {
    this.validatorKey = validatorKey;
    this.producer = producer;
    this.worker = worker;
    this.attemptsPerStep = attemptsPerStep;
  }

  /** When the leader timeout of {@code head} runs out. */
  static long timeoutAt(Node head, long nowMillis, long leaderTimeoutMs) {
    return Math.max(nowMillis, head.block.header().timestampMillis()) + leaderTimeoutMs;
  }

  void abandon() {
    attempt = null;
  }

  boolean mining() {
    return attempt != null;
  }

  /** Starts an attempt on the head; false if this node has no stake to mine with. */
  boolean start(Chain chain, TxPool pool, long nowMillis, int maxTxs) {
    Node head = chain.head();
    LedgerState state = chain.headState();
    if (state.stake(validatorKey.address()) <= 0) {
      return false;
    }
    BlockHeader parent = head.block.header();
    long timestamp =
        Math.max(nowMillis, parent.timestampMillis() + state.params().leaderTimeoutMs());
    BlockProducer.Produced template =
        producer.powTemplate(
            parent,
            pool.mempool().select(state, maxTxs),
            timestamp,
            validatorKey.address(),
            chain.historyOf(head));
    // Miners start from different nonces so that equal templates do not race on one range.
    long firstNonce = validatorKey.address().hashCode() & 0xffffL;
    attempt = new Attempt(head, template, producer.powFunction(parent), firstNonce << 32);
    return true;
  }

  /** One bounded search step; the sealed block if it found a nonce. */
  BlockProducer.Produced step(Chain chain) {
    if (attempt == null || attempt.parent != chain.head()) {
      attempt = null;
      return null;
    }
    Optional<BlockHeader> mined =
        worker.search(
            attempt.template.header(), attempt.function, attempt.nextNonce, attemptsPerStep);
    if (mined.isEmpty()) {
      attempt =
          new Attempt(
              attempt.parent,
              attempt.template,
              attempt.function,
              attempt.nextNonce + attemptsPerStep);
      return null;
    }
    Block block = BlockProducer.seal(attempt.template, mined.get(), validatorKey);
    BlockProducer.Produced done =
        new BlockProducer.Produced(mined.get(), block, attempt.template.execution());
    attempt = null;
    return done;
  }
}
