package io.eris.core.consensus;

import io.eris.core.codec.ErrorCode;
import io.eris.core.consensus.BlockTree.Node;
import io.eris.core.consensus.ConsensusEvent.BlockReceived;
import io.eris.core.consensus.ConsensusEvent.PowSearched;
import io.eris.core.consensus.ConsensusEvent.SyncReplied;
import io.eris.core.consensus.ConsensusEvent.SyncRequested;
import io.eris.core.consensus.ConsensusEvent.Timer;
import io.eris.core.consensus.ConsensusEvent.TimerFired;
import io.eris.core.consensus.ConsensusEvent.TxReceived;
import io.eris.core.consensus.ConsensusEvent.VoteReceived;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.PublicKey;
import io.eris.core.ledger.BitcoinNetwork;
import io.eris.core.ledger.BlockExecutor;
import io.eris.core.ledger.BlockProducer;
import io.eris.core.ledger.BlockValidator;
import io.eris.core.ledger.BlockVerdict;
import io.eris.core.ledger.GenesisState;
import io.eris.core.ledger.LedgerState;
import io.eris.core.ledger.Mempool;
import io.eris.core.ledger.TxValidator;
import io.eris.core.ledger.Verdict;
import io.eris.core.model.Block;
import io.eris.core.model.BlockKind;
import io.eris.core.model.Transaction;
import io.eris.core.model.Vote;
import io.eris.core.state.TreeNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One node of the consensus, as a state machine: the host hands it {@link ConsensusEvent}s one at a
 * time on a single loop, and it acts only through its {@link NodePorts}. It has no threads, no I/O
 * and no clock of its own, so the simulation runs it as it is.
 *
 * <p>The work is split by concern: {@link Chain} (blocks, head, finality, store), {@link Finality}
 * (votes), {@link Voter} (own votes), {@link LeaderDuty} (LEADER blocks under the lease), {@link
 * FallbackMiner} (POW blocks), {@link Synchronizer} (catching up) and {@link TxPool}
 * (transactions). This class routes events and applies what a head change or new finality means to
 * each of them.
 */
public final class ConsensusNode {
  private static final int MAX_INVALID = 4096;

  private final NodeConfig config;
  private final NodePorts ports;
  private final Tuning tuning;
  private final GenesisState genesis;
  private final Hash chainId;
  private final BlockValidator validator;
  private final BlockProducer producer;
  private final Finality finality;
  private final Synchronizer sync;
  private final TxPool pool;
  private final Map<Hash, Boolean> invalid =
      new LinkedHashMap<>() {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Hash, Boolean> eldest) {
          return size() > MAX_INVALID;
        }
      };
  private Chain chain;
  private Voter voter;
  private LeaderDuty leader;
  private FallbackMiner miner;
  private long headGeneration;
  private long startedAt;
  private long lastHeadChangeAt;

  public ConsensusNode(NodeConfig config, NodePorts ports) {
    this.config = config;
    this.ports = ports;
    this.tuning = config.tuning();
    this.genesis = GenesisState.of(config.genesis());
    this.chainId = genesis.chainId();
    BlockExecutor executor =
        new BlockExecutor(chainId, ports.store(), config.signatures(), BitcoinNetwork.MAINNET);
    this.validator =
        new BlockValidator(chainId, executor, config.signatures(), tuning.maxClockSkewMillis());
    this.producer = new BlockProducer(chainId, executor);
    this.finality = new Finality(chainId, config.signatures(), tuning.maxEvidence());
    this.sync =
        new Synchronizer(
            chainId,
            config.address(),
            ports.transmitter(),
            tuning.syncBatch(),
            tuning.orphanCapacity(),
            tuning.syncRetryMillis());
    this.pool =
        new TxPool(
            new TxValidator(executor, tuning.maxPendingPerSender()),
            new Mempool(tuning.mempoolCapacity(), tuning.maxPendingPerSender()),
            ports.outbox(),
            new TxTracker(
                ports.txListener(),
                tuning.txExpiryMillis(),
                tuning.txExpiryBlocks(),
                tuning.mempoolCapacity()),
            ports.transmitter());
  }

  /**
   * Loads the stored chain (or the genesis), restores the outbox, arms the timers and asks a peer
   * for anything newer. Call once, on the loop, before any event.
   */
  public void start() {
    long now = now();
    // Timers are tagged with the start time and head generations begin there: a timer left over
    // from before a restart (a persistent host timer) never matches and is ignored.
    startedAt = now;
    headGeneration = now << 16;
    lastHeadChangeAt = now;
    chain = Chain.open(ports.store(), genesis);
    long finalHeight = chain.finalNode().height();
    if (config.validatorKey() != null) {
      voter =
          new Voter(
              config.validatorKey(), chainId, ports.journal(), ports.transmitter(), finalHeight);
      for (Vote v : voter.recordedVotes(finalHeight)) {
        finality.book().add(v);
      }
      miner =
          new FallbackMiner(
              config.validatorKey(), producer, ports.powWorker(), tuning.mineAttemptsPerStep());
    }
    if (config.leaderKey() != null) {
      leader =
          new LeaderDuty(
              config.leaderKey(),
              config.address(),
              ports.lease(),
              producer,
              tuning.leaseMillis(),
              tuning.isolationBlocks(),
              tuning.maxUnfinalised(),
              otherValidatorsExist());
      schedule(Timer.PRODUCE, startedAt, now + blockInterval());
    }
    pool.restore(chain, now);
    schedule(Timer.MAINTENANCE, startedAt, now + tuning.maintenanceMillis());
    armLeaderTimeout();
    sync.request(chain, Hash.ZERO, now);
    vote();
  }

  /** False on a single-validator chain whose only validator is this node: no one else to hear. */
  private boolean otherValidatorsExist() {
    for (PublicKey k : finality.validatorsAfter(chain, chain.head()).stakes().keySet()) {
      if (config.validatorKey() == null || !k.equals(config.validatorKey().publicKey())) {
        return true;
      }
    }
    return false;
  }

  /** Applies one event. Duplicates and stale timers change nothing. */
  public void handle(ConsensusEvent event) {
    if (event instanceof TxReceived e) {
      pool.received(chain, e.tx(), now());
    } else if (event instanceof BlockReceived e) {
      onBlock(e.block());
    } else if (event instanceof VoteReceived e) {
      onVote(e.vote());
    } else if (event instanceof SyncRequested e) {
      onSyncRequest(e.request());
    } else if (event instanceof SyncReplied e) {
      onSyncReply(e.reply());
    } else if (event instanceof TimerFired e) {
      onTimer(e);
    } else if (event instanceof PowSearched e) {
      onPowSearched(e);
    }
  }

  /**
   * A client submits a transaction: the immediate verdict. When OK the transaction is in the outbox
   * (stored), the mempool, and on its way to the peers.
   */
  public Verdict submit(Transaction tx) {
    Verdict v = pool.submit(chain, tx, now());
    if (!v.isOk()) {
      ports.txListener().onStatus(TxStatusUpdate.rejected(tx.hash(), v.code(), v.message()));
    }
    return v;
  }

  public Block head() {
    return chain.head().block;
  }

  public Block finalBlock() {
    return chain.finalNode().block;
  }

  /** The block at {@code height} on this node's canonical chain. */
  public Optional<Block> canonicalBlock(long height) {
    return chain.canonicalAt(height);
  }

  /** The ledger state at the head (accounts, balances, validators, parameters). */
  public LedgerState headState() {
    return chain.headState();
  }

  public Optional<TxStatus> txStatus(Hash tx) {
    return pool.tracker().status(tx);
  }

  public List<EquivocationEvidence> evidence() {
    return finality.book().evidence();
  }

  public int mempoolSize() {
    return pool.mempool().size();
  }

  public Hash chainId() {
    return chainId;
  }

  // ---- blocks ----

  private void onBlock(Block block) {
    Hash hash = block.hash();
    if (chain.knows(hash) || invalid.containsKey(hash)) {
      return;
    }
    if (block.height() <= chain.finalNode().height()) {
      return;
    }
    if (!block.header().chainId().equals(chainId)) {
      reject(block, "wrong chain");
      return;
    }
    if (invalid.containsKey(block.header().parent())) {
      markInvalid(block, "parent is invalid");
      return;
    }
    if (!chain.knows(block.header().parent())) {
      sync.orphan(chain, block, now());
      return;
    }
    Deque<Block> todo = new ArrayDeque<>();
    todo.add(block);
    while (!todo.isEmpty()) {
      Block b = todo.poll();
      Node parent = chain.node(b.header().parent());
      if (parent == null || chain.knows(b.hash())) {
        continue;
      }
      BlockVerdict v =
          validator.validate(
              b, parent.block.header(), chain.minEpochOn(parent), now(), chain.historyOf(parent));
      if (!v.isOk()) {
        if (v.verdict().code() == ErrorCode.FUTURE_TIMESTAMP) {
          reject(b, v.verdict().toString());
        } else {
          markInvalid(b, v.verdict().toString());
        }
        continue;
      }
      accept(b, v.execution().newNodes());
      todo.addAll(sync.releaseChildren(b.hash()));
    }
  }

  /** Stores a valid block and applies what it changed. */
  private void accept(Block block, List<TreeNode> nodes) {
    apply(chain.add(block, nodes));
    Node node = chain.node(block.hash());
    if (node != null) {
      checkFinal(node);
    }
  }

  private void markInvalid(Block block, String reason) {
    invalid.put(block.hash(), Boolean.TRUE);
    reject(block, reason);
    for (Block child : sync.releaseChildren(block.hash())) {
      markInvalid(child, "parent is invalid");
    }
  }

  private void reject(Block block, String reason) {
    ports.observer().rejected(block.toString(), reason);
  }

  /** Applies a head move and new final blocks to the rest of the node. */
  private void apply(Chain.Change change) {
    if (change.reorg() != null) {
      long now = now();
      lastHeadChangeAt = now;
      pool.onReorg(chain, change.reorg(), now);
      headGeneration++;
      if (miner != null) {
        miner.abandon();
      }
      armLeaderTimeout();
      ports.observer().headChanged(chain.head().block, change.reorg());
    }
    if (!change.newlyFinal().isEmpty()) {
      pool.onFinal(change.newlyFinal());
      for (Block b : change.newlyFinal()) {
        ports.observer().finalized(b);
      }
      // The votes at the final height stay: they prove the final block to peers that missed it.
      finality.pruneBelow(chain.finalNode().height());
    }
    if (change.reorg() != null) {
      vote();
    }
  }

  // ---- votes ----

  private void onVote(Vote vote) {
    VoteBook.Outcome outcome = finality.admit(chain, vote);
    if (outcome == null) {
      return;
    }
    if (outcome == VoteBook.Outcome.EQUIVOCATION) {
      ports.observer().equivocation(finality.book().latestEvidence());
    }
    boolean own =
        config.validatorKey() != null && vote.voter().equals(config.validatorKey().publicKey());
    if (leader != null && !own) {
      leader.heardVote(vote.height());
    }
    Node node = chain.node(vote.blockHash());
    if (node != null) {
      checkFinal(node);
    } else if (vote.height() > chain.head().height()) {
      sync.request(chain, vote.blockHash(), now());
    }
    vote();
  }

  private void checkFinal(Node node) {
    if (node.height() > chain.finalNode().height() && finality.reached(chain, node)) {
      apply(chain.finalize(node));
    }
  }

  private void vote() {
    if (voter == null) {
      return;
    }
    for (Vote v : voter.vote(chain, finality)) {
      finality.book().add(v);
      Node node = chain.node(v.blockHash());
      if (node != null) {
        checkFinal(node);
      }
    }
  }

  // ---- sync ----

  private void onSyncRequest(SyncRequest request) {
    if (!request.chainId().equals(chainId) || request.requester().equals(config.address())) {
      return;
    }
    ports.transmitter().replySync(request.requester(), sync.answer(chain, finality, request));
  }

  private void onSyncReply(SyncReply reply) {
    if (!reply.chainId().equals(chainId)) {
      return;
    }
    vouchForCertified(reply);
    int fresh = 0;
    for (Block b : reply.blocks()) {
      if (!chain.knows(b.hash())) {
        onBlock(b);
        if (chain.knows(b.hash())) {
          fresh++;
        }
      }
    }
    for (Vote v : reply.votes()) {
      onVote(v);
    }
    Node theirs = chain.node(reply.responderHead());
    boolean behind = theirs == null && reply.responderHeadHeight() > chain.head().height();
    // A peer that was down as long as this node may answer with the same stale head: only a head
    // recent enough to be live counts as the network's.
    if (leader != null
        && theirs != null
        && theirs.block.header().timestampMillis() >= now() - leaderTimeout()) {
      leader.markCaughtUp();
    }
    // Only an answer that moved this node on (or shows it is not behind) settles the request in
    // flight; the same answer again, or a stale peer's, waits for the retry.
    if (fresh > 0 || !behind) {
      sync.answered();
    }
    if (behind && fresh > 0) {
      sync.request(chain, reply.responderHead(), now());
    }
  }

  /**
   * Catching up, a block that the reply's votes make final (and every block of the reply below it
   * on its branch) has its txs' signatures vouched for instead of verified: validators holding the
   * threshold of stake verified them before voting. The blocks are validated in full otherwise
   * (proposer, tx root, execution, state root), and the votes are admitted as usual after them. The
   * validator set is the one after this node's final block; a set changed in the synced range only
   * makes fewer blocks count as certified.
   */
  private void vouchForCertified(SyncReply reply) {
    List<Block> blocks = reply.blocks();
    if (blocks.isEmpty() || reply.votes().isEmpty()) {
      return;
    }
    Set<Hash> certified = finality.certified(chain, chain.finalNode(), reply.votes());
    if (certified.isEmpty()) {
      return;
    }
    Set<Hash> vouched = new HashSet<>();
    for (int i = blocks.size() - 1; i >= 0; i--) {
      Block b = blocks.get(i);
      if (certified.contains(b.hash()) || vouched.contains(b.hash())) {
        vouched.add(b.hash());
        vouched.add(b.header().parent());
      }
    }
    for (Block b : blocks) {
      if (vouched.contains(b.hash()) && !chain.knows(b.hash())) {
        for (Transaction tx : b.txs()) {
          tx.vouchSignature(config.signatures());
        }
      }
    }
  }

  // ---- timers ----

  private void onTimer(TimerFired t) {
    long now = now();
    switch (t.timer()) {
      case PRODUCE -> {
        if (leader != null && t.generation() == startedAt) {
          BlockProducer.Produced p =
              leader.produce(chain, pool, now, chain.headState().params().maxBlockTxs());
          if (p != null) {
            own(p);
          }
          // A standby waiting for the holder's lease to lapse asks again every lease/8, so a
          // crashed primary is replaced within the lease plus a fraction of T.
          long next =
              leader.waitingForLease()
                  ? Math.max(1, Math.min(blockInterval(), tuning.leaseMillis() / 8))
                  : blockInterval();
          schedule(Timer.PRODUCE, startedAt, now + next);
        }
      }
      case LEADER_TIMEOUT -> {
        if (t.generation() == headGeneration
            && miner != null
            && !miner.mining()
            && miner.start(chain, pool, now, chain.headState().params().maxBlockTxs())) {
          schedule(Timer.MINE_STEP, headGeneration, now + tuning.mineStepMillis());
        }
      }
      case MINE_STEP -> {
        if (t.generation() == headGeneration
            && miner != null
            && miner.mining()
            && !miner.searching()) {
          long generation = headGeneration;
          // The outcome comes back as an event, on the loop (the host searches elsewhere).
          miner.startStep(
              chain,
              (nextNonce, found) ->
                  ports.scheduler().schedule(new PowSearched(generation, nextNonce, found), now()));
        }
      }
      case MAINTENANCE -> {
        if (t.generation() == startedAt) {
          maintain(now);
          schedule(Timer.MAINTENANCE, startedAt, now + tuning.maintenanceMillis());
        }
      }
    }
  }

  private void onPowSearched(PowSearched e) {
    if (miner == null) {
      return;
    }
    miner.stepEnded();
    if (e.generation() != headGeneration) {
      // A step for an older head: its attempt is gone. An attempt on the new head may have waited
      // for this step to end.
      if (miner.mining()) {
        schedule(Timer.MINE_STEP, headGeneration, now() + tuning.mineStepMillis());
      }
      return;
    }
    BlockProducer.Produced p = miner.searched(chain, e.nextNonce(), e.found());
    if (p != null) {
      own(p);
    } else if (miner.mining()) {
      schedule(Timer.MINE_STEP, headGeneration, now() + tuning.mineStepMillis());
    }
  }

  /** A block this node made: stored, applied, then broadcast. */
  private void own(BlockProducer.Produced p) {
    accept(p.block(), p.execution().newNodes());
    ports.transmitter().broadcastBlock(p.block());
  }

  private void maintain(long now) {
    pool.tick(chain, now, tuning.rebroadcastAfterMillis());
    sync.retryOrphans(chain, now);
    long lag = chain.head().height() - chain.finalNode().height();
    boolean catchingUp = leader != null && !leader.caughtUp();
    if (catchingUp || lag > tuning.isolationBlocks() || now - lastHeadChangeAt > leaderTimeout()) {
      sync.request(chain, Hash.ZERO, now);
    }
    if (leader != null && !leader.caughtUp() && now - startedAt >= tuning.syncGraceMillis()) {
      leader.markCaughtUp();
    }
    // Blocks signed while cut off burn their heights for the key unless they reach the others:
    // offer the head again, so after a partition heals the followers fetch that branch.
    Block head = chain.head().block;
    if (leader != null && head.header().kind() == BlockKind.LEADER && leader.holdingBack(chain)) {
      ports.transmitter().broadcastBlock(head);
    }
    vote();
  }

  private void armLeaderTimeout() {
    if (miner == null) {
      return;
    }
    schedule(
        Timer.LEADER_TIMEOUT,
        headGeneration,
        FallbackMiner.timeoutAt(chain.head(), now(), leaderTimeout()));
  }

  private void schedule(Timer timer, long generation, long at) {
    ports.scheduler().schedule(new TimerFired(timer, generation), at);
  }

  private long blockInterval() {
    return chain.headState().params().blockIntervalMs();
  }

  private long leaderTimeout() {
    return chain.headState().params().leaderTimeoutMs();
  }

  private long now() {
    return ports.clock().nowMillis();
  }
}
