package io.eris.core.consensus;

import io.eris.core.consensus.ConsensusEvent.Timer;
import io.eris.core.consensus.ConsensusEvent.TimerFired;
import io.eris.core.crypto.Address;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.KeyPair;
import io.eris.core.crypto.SignatureCache;
import io.eris.core.ledger.BitcoinNetwork;
import io.eris.core.ledger.BlockExecutor;
import io.eris.core.ledger.BlockProducer;
import io.eris.core.ledger.ChainHistory;
import io.eris.core.ledger.GenesisState;
import io.eris.core.ledger.Miner;
import io.eris.core.ledger.PowFunctions;
import io.eris.core.ledger.PowTargets;
import io.eris.core.model.Block;
import io.eris.core.model.BlockHeader;
import io.eris.core.model.Genesis;
import io.eris.core.model.Transaction;
import io.eris.core.model.TransferBody;
import io.eris.core.model.TxKind;
import io.eris.core.model.Vote;
import io.eris.core.sim.MemoryChainStore;
import io.eris.core.sim.MemoryOutbox;
import io.eris.core.sim.MemoryVoteJournal;
import io.eris.core.state.InMemoryTreeNodeStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One real {@link ConsensusNode} with recording ports, a clock the test moves, and an "author" that
 * makes valid blocks and votes by the other validators, so tests can feed the node exactly the
 * messages a scenario needs.
 */
final class NodeHarness {
  static final long T = 100;
  static final long TIMEOUT = 800;

  final List<KeyPair> validators = new ArrayList<>();
  final KeyPair leaderKey = KeyPair.deterministic("h-leader");
  final KeyPair account = KeyPair.deterministic("h-account");
  final Genesis genesis;
  final GenesisState genesisState;
  final SignatureCache signatures = new SignatureCache(10_000);

  /** The author's own cache: what the author verified (or was told) is not known to the node. */
  final SignatureCache authorSignatures = new SignatureCache(10_000);

  final MemoryChainStore store = new MemoryChainStore();
  final MemoryVoteJournal journal = new MemoryVoteJournal();
  final MemoryOutbox outbox = new MemoryOutbox();
  final LeaderLease lease;

  final List<Block> sentBlocks = new ArrayList<>();
  final List<Vote> sentVotes = new ArrayList<>();
  final List<Transaction> sentTxs = new ArrayList<>();
  final List<SyncRequest> sentRequests = new ArrayList<>();
  final List<TxStatusUpdate> statuses = new ArrayList<>();
  final List<String> rejections = new ArrayList<>();
  final List<EquivocationEvidence> evidence = new ArrayList<>();
  final List<TimerFired> timers = new ArrayList<>();
  final List<Long> timerTimes = new ArrayList<>();

  /** Events the node scheduled that are not timers (proof-of-work outcomes), due at once. */
  final List<ConsensusEvent> queued = new ArrayList<>();

  long now;

  /** The proof-of-work port the next started node gets. */
  PowWorker pow = PowWorker.LOCAL;

  private final InMemoryTreeNodeStore authorStore = new InMemoryTreeNodeStore();
  private final BlockProducer author;
  private long nonce;

  NodeHarness() {
    this(new InMemoryLeaderLease());
  }

  NodeHarness(LeaderLease lease) {
    this.lease = lease;
    for (int i = 0; i < 4; i++) {
      validators.add(KeyPair.deterministic("h-validator-" + i));
    }
    List<Genesis.Validator> vs = new ArrayList<>();
    for (KeyPair k : validators) {
      vs.add(new Genesis.Validator(k.publicKey(), 1, List.of()));
    }
    vs.sort(Comparator.comparing(Genesis.Validator::key));
    genesis =
        new Genesis(
            "eris-harness",
            1_700_000_000_000L,
            (int) T,
            (int) TIMEOUT,
            leaderKey.publicKey(),
            vs,
            List.of(new Genesis.Account(account.publicKey(), 1_000_000, List.of())),
            List.of(validators.get(0).publicKey()),
            1,
            Genesis.POW_SHA256D,
            PowTargets.forHashRate(1000, 100),
            100,
            2,
            3,
            1000,
            500);
    genesisState = GenesisState.of(genesis);
    authorStore.putAll(genesisState.nodes());
    author =
        new BlockProducer(
            genesisState.chainId(),
            new BlockExecutor(
                genesisState.chainId(), authorStore, authorSignatures, BitcoinNetwork.MAINNET));
    now = genesis.timestampMillis() + 1_000;
  }

  Block genesisBlock() {
    return genesisState.block();
  }

  /** A node with these keys (either may be null), started. */
  ConsensusNode start(KeyPair validatorKey, KeyPair leader) {
    Address address =
        validatorKey != null
            ? validatorKey.address()
            : KeyPair.deterministic("h-standby").address();
    ConsensusNode node =
        new ConsensusNode(
            new NodeConfig(
                genesis, address, validatorKey, leader, signatures, Tuning.defaults(genesis)),
            new NodePorts(
                new Transmitter() {
                  @Override
                  public void broadcastTx(Transaction tx) {
                    sentTxs.add(tx);
                  }

                  @Override
                  public void broadcastBlock(Block block) {
                    sentBlocks.add(block);
                  }

                  @Override
                  public void broadcastVote(Vote vote) {
                    sentVotes.add(vote);
                  }

                  @Override
                  public void requestSync(SyncRequest request) {
                    sentRequests.add(request);
                  }

                  @Override
                  public void replySync(Address requester, SyncReply reply) {}
                },
                store,
                journal,
                outbox,
                lease,
                (event, at) -> {
                  if (event instanceof TimerFired t) {
                    timers.add(t);
                    timerTimes.add(at);
                  } else {
                    queued.add(event);
                  }
                },
                () -> now,
                pow,
                statuses::add,
                new ChainObserver() {
                  @Override
                  public void rejected(String what, String reason) {
                    rejections.add(reason);
                  }

                  @Override
                  public void equivocation(EquivocationEvidence e) {
                    evidence.add(e);
                  }
                }));
    node.start();
    return node;
  }

  /** Delivers the latest timer of {@code kind} the node asked for, then what that scheduled now. */
  void fire(ConsensusNode node, Timer kind) {
    for (int i = timers.size() - 1; i >= 0; i--) {
      if (timers.get(i).timer() == kind) {
        node.handle(timers.get(i));
        while (!queued.isEmpty()) {
          node.handle(queued.remove(0));
        }
        return;
      }
    }
    throw new AssertionError("no " + kind + " timer was scheduled");
  }

  /** Delivers what the node scheduled for "now" (proof-of-work outcomes). */
  void drain(ConsensusNode node) {
    while (!queued.isEmpty()) {
      node.handle(queued.remove(0));
    }
  }

  /** When the latest timer of {@code kind} was asked for. */
  long timerAt(Timer kind) {
    for (int i = timers.size() - 1; i >= 0; i--) {
      if (timers.get(i).timer() == kind) {
        return timerTimes.get(i);
      }
    }
    throw new AssertionError("no " + kind + " timer was scheduled");
  }

  Transaction transfer() {
    return Transaction.sign(
        account,
        genesisState.chainId(),
        ++nonce,
        TxKind.TRANSFER,
        new TransferBody(account.address(), 1, "").encode());
  }

  /** A LEADER block on {@code parent} signed with the leader key. */
  Block leaderBlock(Block parent, long epoch, Transaction... txs) {
    BlockProducer.Produced p =
        author.leaderBlock(
            parent.header(),
            List.of(txs),
            parent.header().timestampMillis() + T,
            epoch,
            leaderKey,
            ChainHistory.NONE);
    authorStore.putAll(p.execution().newNodes());
    return p.block();
  }

  /** A POW block on {@code parent} mined by {@code miner}. */
  Block powBlock(Block parent, KeyPair miner) {
    BlockProducer.Produced t =
        author.powTemplate(
            parent.header(),
            List.of(),
            parent.header().timestampMillis() + TIMEOUT,
            miner.address(),
            ChainHistory.NONE);
    Miner.Result r = Miner.mine(t.header(), PowFunctions.SHA256D, 0, 1_000_000, () -> false);
    BlockHeader mined = r.header();
    authorStore.putAll(t.execution().newNodes());
    return BlockProducer.seal(t, mined, miner);
  }

  Vote vote(int validator, Block block) {
    return Vote.sign(
        validators.get(validator), genesisState.chainId(), block.height(), block.hash());
  }

  Hash chainId() {
    return genesisState.chainId();
  }
}
