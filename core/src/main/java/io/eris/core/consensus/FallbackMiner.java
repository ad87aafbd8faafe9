package io.eris.core.consensus;

import io.eris.core.consensus.BlockTree.Node;
import io.eris.core.crypto.KeyPair;
import io.eris.core.ledger.BlockProducer;
import io.eris.core.ledger.LedgerState;
import io.eris.core.ledger.PowFunction;
import io.eris.core.model.Block;
import io.eris.core.model.BlockHeader;

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
  private boolean searching;

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

  /** Whether a search step is out (its outcome not heard yet). */
  boolean searching() {
    return searching;
  }

  /**
   * Starts the next bounded search step on {@code worker}; {@code done} hears where the following
   * step starts and the header found, if any. False (and the attempt dropped) when the head moved.
   */
  boolean startStep(Chain chain, java.util.function.BiConsumer<Long, BlockHeader> done) {
    if (attempt == null || attempt.parent != chain.head()) {
      attempt = null;
      return false;
    }
    Attempt a = attempt;
    searching = true;
    worker.search(
        a.template.header(),
        a.function,
        a.nextNonce,
        attemptsPerStep,
        found -> done.accept(a.nextNonce + attemptsPerStep, found.orElse(null)));
    return true;
  }

  /** The step that was out has ended (whichever attempt it was for). */
  void stepEnded() {
    searching = false;
  }

  /**
   * The outcome of a step: the sealed block if it found a nonce for the attempt still in progress;
   * null if it did not (the attempt moves on to {@code nextNonce}) or the attempt is gone.
   */
  BlockProducer.Produced searched(Chain chain, long nextNonce, BlockHeader found) {
    if (attempt == null || attempt.parent != chain.head()) {
      attempt = null;
      return null;
    }
    if (found == null) {
      attempt = new Attempt(attempt.parent, attempt.template, attempt.function, nextNonce);
      return null;
    }
    Block block = BlockProducer.seal(attempt.template, found, validatorKey);
    BlockProducer.Produced done =
        new BlockProducer.Produced(found, block, attempt.template.execution());
    attempt = null;
    return done;
  }
}
