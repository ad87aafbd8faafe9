package io.eris.node.application;

import io.eris.core.crypto.Hash;
import io.eris.core.ledger.BlockProducer;
import io.eris.core.ledger.BlockVerdict;
import io.eris.core.ledger.ChainHistory;
import io.eris.core.ledger.GenesisState;
import io.eris.core.ledger.LedgerState;
import io.eris.core.model.Block;
import io.eris.core.model.BlockKind;
import io.eris.core.model.Genesis;
import io.eris.core.model.Transaction;
import io.eris.core.model.Vote;
import io.eris.node.application.ChainRepository.Head;
import io.eris.node.infrastructure.config.NodeConfig;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The node's chain, one database transaction per use case: open (or initialise) the chain, produce
 * the next LEADER block, import a block from the network. A block and the head pointer move
 * together, and a produced block is published only if its transaction commits.
 */
@Stateless
public class ChainService {
  private static final Logger LOG = Logger.getLogger(ChainService.class.getName());

  @Inject ChainRepository repository;
  @Inject Broadcaster broadcaster;
  @EJB NodeMetrics metrics;
  @EJB LedgerRules rules;
  @EJB TxPool pool;
  @EJB NodeEvents events;
  @Inject TxRepository txs;
  @Resource TransactionSynchronizationRegistry transactions;

  /** Until the hot standby's lease lands (issue 4) the single leader signs with epoch 1. */
  static final long LEADER_EPOCH = 1;

  private final Clock clock = Clock.systemUTC();

  /** Opens the stored chain, or initialises the database with the genesis block. */
  public void open(NodeConfig config) {
    Genesis genesis = config.genesis();
    Hash chainId = genesis.chainId();
    var stored = repository.storedChainId();
    if (stored.isPresent()) {
      if (!stored.get().equals(chainId.toHex())) {
        throw new ChainMismatchException(
            "the database belongs to chain "
                + stored.get()
                + " but the configured genesis is chain "
                + chainId
                + "; refusing to mix chains");
      }
      Head head = repository.head();
      LOG.info(
          () -> "chain opened at height " + head.height() + " (final " + head.finalHeight() + ")");
      return;
    }
    GenesisState initial = GenesisState.of(genesis);
    repository.putStateNodes(initial.nodes());
    repository.initialise(
        genesis, config.nodeKey().address().toHex(), initial.block(), clock.instant());
    LOG.info(() -> "chain " + chainId + " initialised from genesis");
  }

  /** Builds, stores and publishes the next LEADER block on the head (a heartbeat when idle). */
  public Block produceNext(NodeConfig config) {
    Head head = repository.head();
    Block parent = repository.byHash(head.hash()).orElseThrow();
    Instant now = clock.instant();
    long timestamp = Math.max(now.toEpochMilli(), parent.header().timestampMillis() + 1);
    LedgerState state = LedgerState.at(repository.stateNodes(), parent.header().stateRoot());
    List<Transaction> candidates = pool.mempool().select(state, config.genesis().maxBlockTxs());
    BlockProducer.Produced produced =
        rules
            .producer(config.genesis().chainId(), repository.stateNodes())
            .leaderBlock(
                parent.header(), candidates, timestamp, LEADER_EPOCH, config.nodeKey(), history());
    Block block = produced.block();
    repository.putStateNodes(produced.execution().newNodes());
    repository.appendCanonical(block, now);
    vote(config, block, now);
    boolean isFinal = finaliseIfSoleValidator(config, block, now);
    txs.included(block, isFinal, now);
    publish(block, isFinal);
    List<Transaction> included = produced.execution().included();
    // The mempool forgets txs only once the block is durable; a rollback keeps them pending.
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == jakarta.transaction.Status.STATUS_COMMITTED) {
              pool.mempool().remove(included);
            }
          }
        });
    broadcaster.block(block);
    metrics.blockProduced();
    return block;
  }

  /**
   * A follower's import of a block from the network: known blocks are ignored (so redelivery
   * changes nothing); a block extending the head is verified by the ledger rules and appended.
   */
  public void importBlock(NodeConfig config, Block block) {
    if (repository.contains(block.hash())) {
      return;
    }
    Head head = repository.head();
    if (!block.header().parent().equals(head.hash())) {
      metrics.dropped("NOT_ON_HEAD");
      return;
    }
    Block parent = repository.byHash(head.hash()).orElseThrow();
    BlockVerdict verdict =
        rules
            .validator(config.genesis().chainId(), repository.stateNodes())
            .validate(block, parent.header(), LEADER_EPOCH, clock.millis(), history());
    if (!verdict.isOk()) {
      metrics.dropped(verdict.verdict().code().name());
      return;
    }
    repository.putStateNodes(verdict.execution().newNodes());
    repository.appendCanonical(block, clock.instant());
    txs.included(block, false, clock.instant());
    publish(block, false);
    metrics.blockImported();
  }

  /** The canonical chain below the head, for anchors and recoveries. */
  private ChainHistory history() {
    return history(repository);
  }

  static ChainHistory history(ChainRepository repository) {
    return new ChainHistory() {
      @Override
      public Optional<Hash> blockHashAt(long height) {
        return repository.canonicalAt(height).map(Block::hash);
      }

      @Override
      public Optional<Hash> stateRootAt(long height) {
        return repository.canonicalAt(height).map(b -> b.header().stateRoot());
      }
    };
  }

  /** A validator votes for the blocks it puts on its chain; the vote is stored before it leaves. */
  private void vote(NodeConfig config, Block block, Instant now) {
    boolean validator =
        config.genesis().validators().stream()
            .anyMatch(v -> v.key().equals(config.nodeKey().publicKey()));
    if (!validator) {
      return;
    }
    Vote vote =
        Vote.sign(config.nodeKey(), config.genesis().chainId(), block.height(), block.hash());
    if (repository.recordOwnVote(vote, now)) {
      broadcaster.vote(vote);
    }
  }

  private void publish(Block block, boolean isFinal) {
    events.head(repository.head(), block.header().kind() == BlockKind.POW ? "FALLBACK" : "LEADER");
    for (Transaction tx : block.txs()) {
      txs.status(tx.hash().toHex()).ifPresent(events::tx);
    }
  }

  private boolean finaliseIfSoleValidator(NodeConfig config, Block block, Instant now) {
    Genesis g = config.genesis();
    long own =
        g.validators().stream()
            .filter(v -> v.key().equals(config.nodeKey().publicKey()))
            .mapToLong(Genesis.Validator::stake)
            .sum();
    if (own * g.finalityDenominator() >= g.totalStake() * g.finalityNumerator()) {
      repository.markFinal(block.hash(), block.height(), now);
      return true;
    }
    return false;
  }
}
