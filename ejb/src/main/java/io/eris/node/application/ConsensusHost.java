package io.eris.node.application;

import io.eris.core.codec.ErrorCode;
import io.eris.core.consensus.ChainObserver;
import io.eris.core.consensus.ConsensusEvent;
import io.eris.core.consensus.ConsensusNode;
import io.eris.core.consensus.EquivocationEvidence;
import io.eris.core.consensus.NodePorts;
import io.eris.core.consensus.Reorg;
import io.eris.core.consensus.Tuning;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.KeyPair;
import io.eris.core.ledger.LedgerState;
import io.eris.core.ledger.Miner;
import io.eris.core.ledger.PowFunction;
import io.eris.core.ledger.TxValidator;
import io.eris.core.ledger.Verdict;
import io.eris.core.model.Block;
import io.eris.core.model.BlockHeader;
import io.eris.core.model.BlockKind;
import io.eris.core.model.Transaction;
import io.eris.node.infrastructure.config.NodeConfig;
import io.eris.node.infrastructure.messaging.JmsTransmitter;
import io.eris.node.infrastructure.persistence.JpaChainStore;
import io.eris.node.infrastructure.persistence.JpaOutbox;
import io.eris.node.infrastructure.persistence.JpaVoteJournal;
import io.eris.node.infrastructure.persistence.LeaseGateway;
import io.eris.node.infrastructure.persistence.TxStatusRecorder;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Hosts the consensus core ({@link ConsensusNode}) in the container, the way Besu hosts QBFT:
 * timers and message-driven beans only put events on a queue, and one loop thread applies them in
 * order. The loop takes whatever is queued (up to {@link #MAX_BATCH} events) and applies it in one
 * database transaction (group commit); only after that commits are the batch's messages sent and
 * its callers answered. If a batch fails (database down), the node forgets its memory and starts
 * again from its store, as after a crash.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// Callers never need the container's transaction here: the loop runs its own per batch.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ConsensusHost {
  private static final Logger LOG = Logger.getLogger(ConsensusHost.class.getName());
  static final int MAX_BATCH = 2_000;
  static final int QUEUE_CAPACITY = 100_000;
  static final long RETRY_MS = 2_000;

  @Resource ManagedThreadFactory threads;
  @Resource ManagedScheduledExecutorService scheduler;
  @Resource ManagedExecutorService miners;
  @EJB ConsensusTransactions transactions;
  @EJB LeaseGateway lease;
  @EJB NodeMetrics metrics;
  @EJB NodeEvents events;
  @EJB LedgerRules rules;
  @Inject JpaChainStore store;
  @Inject JpaVoteJournal journal;
  @Inject JpaOutbox outbox;
  @Inject JmsTransmitter transmitter;
  @Inject TxStatusRecorder recorder;
  @Inject TxRepository txs;
  @Inject ChainRepository chain;
  @Inject ConsensusRecords records;

  private sealed interface Item {}

  private record Start() implements Item {}

  private record Event(ConsensusEvent event) implements Item {}

  private record Submit(Transaction tx, CompletableFuture<Verdict> answer) implements Item {}

  /** The answer to a submission of a transaction the node already tracks: its row tells more. */
  static final Verdict KNOWN = Verdict.reject(ErrorCode.DUPLICATE, "the node knows this tx");

  private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
  private volatile Hash chainId;
  private volatile ConsensusNode node;
  private volatile io.eris.core.consensus.NodeConfig coreConfig;
  private volatile boolean running;
  private volatile boolean standby;
  private volatile Hash headHash;
  private volatile Hash finalStateRoot;
  private volatile BlockKind headKind = BlockKind.LEADER;
  private volatile int mempoolSize;
  private Thread loop;
  private LeaseKeeper keeper;
  private ScheduledFuture<?> keeping;

  /** Starts the loop; the node loads its chain on the loop's first batch. */
  public synchronized void start(NodeConfig config) {
    if (running) {
      return;
    }
    KeyPair key = config.nodeKey();
    boolean validator =
        config.genesis().validators().stream().anyMatch(v -> v.key().equals(key.publicKey()));
    KeyPair leaderKey =
        config
            .leaderKey()
            .orElse(key.publicKey().equals(config.genesis().leaderKey()) ? key : null);
    journal.voter(key.address().toHex());
    Tuning tuning = Tuning.defaults(config.genesis());
    coreConfig =
        new io.eris.core.consensus.NodeConfig(
            config.genesis(),
            key.address(),
            validator ? key : null,
            leaderKey,
            rules.signatures(),
            tuning);
    chainId = config.genesis().chainId();
    standby = config.standby();
    String self = key.address().toHex();
    transmitter.peers(
        self,
        config.genesis().validators().stream()
            .map(v -> v.key().address().toHex())
            .filter(a -> !a.equals(self))
            .toList());
    keeper = new LeaseKeeper(lease, 2 * tuning.leaseMillis());
    if (leaderKey != null) {
      long every = Math.max(10, tuning.leaseMillis() / 4);
      keeping =
          scheduler.scheduleAtFixedRate(
              () -> keeper.keep(System.currentTimeMillis()), every, every, TimeUnit.MILLISECONDS);
    }
    node = newNode();
    running = true;
    queue.offer(new Start());
    loop = threads.newThread(this::run);
    loop.setName("eris-consensus");
    loop.start();
    LOG.info(
        () ->
            "consensus started: "
                + (validator ? "validator" : "observer")
                + (leaderKey != null ? ", holds the leader key" : "")
                + (config.standby() ? " (standby)" : ""));
  }

  private ConsensusNode newNode() {
    NodePorts ports =
        new NodePorts(
            transmitter,
            store,
            journal,
            outbox,
            keeper,
            (event, atMillis) ->
                scheduler.schedule(
                    () -> enqueue(event),
                    Math.max(0, atMillis - System.currentTimeMillis()),
                    TimeUnit.MILLISECONDS),
            System::currentTimeMillis,
            this::mine,
            recorder,
            observer());
    return new ConsensusNode(coreConfig, ports);
  }

  private ChainObserver observer() {
    return new ChainObserver() {
      @Override
      public void headChanged(Block head, Reorg reorg) {
        headHash = head.hash();
        headKind = head.header().kind();
        if (!producedHere(head)) {
          metrics.blockImported();
        }
        events.head(chain.head(), mode(head.header().kind()));
      }

      @Override
      public void finalized(Block block) {
        finalStateRoot = block.header().stateRoot();
        events.head(chain.head(), mode(headKind));
      }

      @Override
      public void equivocation(EquivocationEvidence evidence) {
        LOG.warning("equivocation by " + evidence.voter().address() + " at " + evidence.height());
        records.evidence(evidence);
      }

      @Override
      public void rejected(String what, String reason) {
        metrics.dropped(reason);
      }
    };
  }

  /**
   * The network's mode as this node sees it from the head: FALLBACK while proof-of-work blocks
   * carry the chain; STANDBY-LEADER on the hot standby while it leads (only the standby knows that
   * the leader key's blocks come from it); LEADER otherwise.
   */
  public String mode(BlockKind headKind) {
    if (headKind == BlockKind.POW) {
      return "FALLBACK";
    }
    // Asked when it is needed: the core hands an own block to the transmitter just after the
    // head moved to it.
    Hash head = headHash;
    return standby && head != null && transmitter.producedHere(head) ? "STANDBY-LEADER" : "LEADER";
  }

  /** Blocks this node signed go out through its transmitter first; counted there. */
  private boolean producedHere(Block block) {
    return transmitter.producedHere(block.hash());
  }

  /**
   * One proof-of-work step, on the container's managed executor: the loop goes on applying blocks,
   * votes and txs meanwhile and hears the outcome as an event. A stopped node ends the search.
   */
  private void mine(
      BlockHeader template,
      PowFunction function,
      long firstNonce,
      long attempts,
      Consumer<Optional<BlockHeader>> done) {
    try {
      miners.execute(
          () ->
              done.accept(
                  Optional.ofNullable(
                      Miner.mine(template, function, firstNonce, attempts, () -> !running)
                          .header())));
    } catch (RuntimeException e) {
      // executor refused (shutting down): the step found nothing; the miner tries again or stops
      done.accept(Optional.empty());
    }
  }

  /** Queues an event from a timer or the network; a full queue drops it (and counts it). */
  public void enqueue(ConsensusEvent event) {
    if (!running) {
      metrics.dropped("NODE_NOT_RUNNING");
    } else if (!queue.offer(new Event(event))) {
      metrics.dropped("QUEUE_FULL");
    }
  }

  /**
   * A client's transaction: the verdict once it is stored (PENDING) or refused. What needs no state
   * (size, chain id, signature) is judged here, on the caller's thread, and answered at once; the
   * loop then finds the signature in the cache. A transaction the node already tracks is answered
   * {@link #KNOWN}, without a second admission.
   */
  public CompletableFuture<Verdict> submit(Transaction tx) {
    if (!running) {
      return CompletableFuture.completedFuture(
          Verdict.reject(ErrorCode.MEMPOOL_FULL, "the node is not running"));
    }
    Verdict stateless = stateless(tx);
    if (!stateless.isOk()) {
      return CompletableFuture.completedFuture(stateless);
    }
    Verdict replay = usedInFinalState(tx);
    if (replay != null) {
      return CompletableFuture.completedFuture(replay);
    }
    CompletableFuture<Verdict> answer = new CompletableFuture<>();
    if (!queue.offer(new Submit(tx, answer))) {
      answer.complete(Verdict.reject(ErrorCode.MEMPOOL_FULL, "the node is overloaded"));
    }
    return answer;
  }

  /**
   * NONCE_USED when a final block already used the tx's nonce: nothing can change that, so it is
   * answered here, from the (immutable) final state, without waiting for the loop. The caller turns
   * it into the recorded status when the tx itself is the one that used the nonce.
   */
  private Verdict usedInFinalState(Transaction tx) {
    Hash root = finalStateRoot;
    if (root == null) {
      return null;
    }
    long used;
    try {
      used = LedgerState.at(store, root).nonce(tx.sender().address());
    } catch (RuntimeException e) {
      return null; // e.g. the database is away: the loop judges it
    }
    return tx.nonce() <= used
        ? Verdict.reject(
            ErrorCode.NONCE_USED,
            "nonce " + tx.nonce() + " used; account is at " + used + " (final)")
        : null;
  }

  /**
   * What a transaction is worth without state: size, chain id, signature (a verified signature is
   * cached for the loop).
   */
  public Verdict stateless(Transaction tx) {
    Hash chain = chainId;
    if (chain == null) {
      return Verdict.reject(ErrorCode.MEMPOOL_FULL, "the node is not running");
    }
    return TxValidator.stateless(tx, chain, coreConfig.signatures());
  }

  public int mempoolSize() {
    return mempoolSize;
  }

  public int queueSize() {
    return queue.size();
  }

  private void run() {
    List<Item> batch = new ArrayList<>(MAX_BATCH);
    while (running) {
      try {
        Item first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.clear();
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        process(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "consensus loop error", e);
      }
    }
  }

  private void process(List<Item> batch) throws InterruptedException {
    List<Runnable> answers = new ArrayList<>();
    ConsensusNode n = node;
    try {
      transactions.run(
          () -> {
            for (Item item : batch) {
              apply(n, item, answers);
            }
          });
    } catch (RuntimeException e) {
      transmitter.discard();
      finalStateRoot = null;
      store.clearCache();
      String why = NodeLifecycle.rootMessage(e);
      LOG.warning("consensus batch failed, restarting the node from its store: " + why);
      for (Item item : batch) {
        if (item instanceof Submit s) {
          s.answer().complete(Verdict.reject(ErrorCode.MEMPOOL_FULL, "node unavailable: " + why));
        }
      }
      node = newNode();
      queue.offer(new Start());
      Thread.sleep(RETRY_MS);
      return;
    }
    transmitter.flush();
    answers.forEach(Runnable::run);
    mempoolSize = n.mempoolSize();
  }

  private void apply(ConsensusNode n, Item item, List<Runnable> answers) {
    if (item instanceof Start) {
      n.start();
      finalStateRoot = n.finalBlock().header().stateRoot();
    } else if (item instanceof Event e) {
      n.handle(e.event());
    } else if (item instanceof Submit s) {
      Verdict v = n.txStatus(s.tx().hash()).isPresent() ? KNOWN : n.submit(s.tx());
      if (v.isOk()) {
        txs.accept(s.tx(), java.time.Instant.now());
        events.tx(TxStatusView.pending(s.tx()));
      }
      answers.add(() -> s.answer().complete(v));
    }
  }

  @PreDestroy
  void stop() {
    running = false;
    if (keeping != null) {
      keeping.cancel(false);
    }
    if (keeper != null) {
      keeper.release();
    }
    if (loop != null) {
      loop.interrupt();
    }
  }
}
