package io.eris.core.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import io.eris.core.consensus.ConsensusEvent.BlockReceived;
import io.eris.core.consensus.ConsensusEvent.SyncReplied;
import io.eris.core.consensus.ConsensusEvent.Timer;
import io.eris.core.consensus.ConsensusEvent.VoteReceived;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.KeyPair;
import io.eris.core.model.Block;
import io.eris.core.model.BlockKind;
import io.eris.core.model.Transaction;
import io.eris.core.model.Vote;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One real node fed exact messages: the rules a simulation run would only hit by chance. */
class ConsensusNodeTest {
  private final NodeHarness h = new NodeHarness();

  private void deliver(ConsensusNode node, Block b) {
    node.handle(new BlockReceived(b));
  }

  private void deliver(ConsensusNode node, Vote v) {
    node.handle(new VoteReceived(v));
  }

  @Test
  void aFollowerVotesForANewHeadAfterJournalingTheVote() {
    ConsensusNode node = h.start(h.validators.get(1), null);
    Block l1 = h.leaderBlock(h.genesisBlock(), 1);
    deliver(node, l1);
    assertThat(node.head()).isEqualTo(l1);
    assertThat(h.sentVotes)
        .singleElement()
        .satisfies(v -> assertThat(v.blockHash()).isEqualTo(l1.hash()));
    assertThat(h.journal.lastVotedHeight()).isEqualTo(1);
  }

  @Test
  void duplicateBlocksAndVotesChangeNothing() {
    ConsensusNode node = h.start(h.validators.get(1), null);
    Block l1 = h.leaderBlock(h.genesisBlock(), 1);
    deliver(node, l1);
    int commits = h.store.commits();
    deliver(node, l1);
    deliver(node, h.vote(2, l1));
    deliver(node, h.vote(2, l1));
    assertThat(h.store.commits()).isEqualTo(commits);
    assertThat(h.sentVotes).hasSize(1);
    assertThat(node.finalBlock()).isEqualTo(h.genesisBlock());
  }

  @Test
  void votesOfTheThresholdMakeABlockAndItsAncestorsFinal() {
    ConsensusNode node = h.start(h.validators.get(1), null);
    Transaction tx = h.transfer();
    assertThat(node.submit(tx).isOk()).isTrue();
    Block l1 = h.leaderBlock(h.genesisBlock(), 1, tx);
    Block l2 = h.leaderBlock(l1, 1);
    deliver(node, l1);
    deliver(node, l2);
    deliver(node, h.vote(0, l2));
    assertThat(node.finalBlock()).isEqualTo(h.genesisBlock());
    deliver(node, h.vote(2, l2));
    assertThat(node.finalBlock()).isEqualTo(l2);
    assertThat(h.statuses)
        .extracting(TxStatusUpdate::status)
        .containsExactly(TxStatus.PENDING, TxStatus.INCLUDED, TxStatus.FINAL);
    TxStatusUpdate last = h.statuses.get(h.statuses.size() - 1);
    assertThat(last.block()).isEqualTo(l1.hash());
    assertThat(last.mode()).isEqualTo(BlockKind.LEADER);
    assertThat(h.outbox.all()).isEmpty();
  }

  @Test
  void twoVotesByOneKeyAtOneHeightAreEvidence() {
    ConsensusNode node = h.start(h.validators.get(1), null);
    Block l1 = h.leaderBlock(h.genesisBlock(), 1);
    Block p1 = h.powBlock(h.genesisBlock(), h.validators.get(3));
    deliver(node, l1);
    deliver(node, p1);
    deliver(node, h.vote(2, l1));
    deliver(node, h.vote(2, p1));
    assertThat(node.evidence())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.voter()).isEqualTo(h.validators.get(2).publicKey());
              assertThat(e.height()).isEqualTo(1);
            });
    assertThat(h.evidence).hasSize(1);
  }

  @Test
  void aLeaderBlockWithAnEpochBelowOneSeenIsFencedOff() {
    ConsensusNode node = h.start(h.validators.get(1), null);
    Block l1 = h.leaderBlock(h.genesisBlock(), 2);
    deliver(node, l1);
    Block stale = h.leaderBlock(l1, 1);
    deliver(node, stale);
    assertThat(node.head()).isEqualTo(l1);
    assertThat(h.rejections).anySatisfy(r -> assertThat(r).contains("STALE_EPOCH"));
    Block fresh = h.leaderBlock(l1, 3);
    deliver(node, fresh);
    assertThat(node.head()).isEqualTo(fresh);
    Block staleSibling = h.leaderBlock(l1, 2);
    deliver(node, staleSibling);
    assertThat(h.rejections).filteredOn(r -> r.contains("STALE_EPOCH")).hasSize(2);
  }

  @Test
  void aBlockWithAnUnknownParentAsksForItsAncestors() {
    ConsensusNode node = h.start(h.validators.get(1), null);
    // The request sent at start is answered: the peer is at the genesis too.
    node.handle(
        new SyncReplied(
            new SyncReply(h.chainId(), h.genesisBlock().hash(), 0, 0, List.of(), List.of())));
    h.sentRequests.clear();
    Block l1 = h.leaderBlock(h.genesisBlock(), 1);
    Block l2 = h.leaderBlock(l1, 1);
    deliver(node, l2);
    assertThat(node.head()).isEqualTo(h.genesisBlock());
    assertThat(h.sentRequests)
        .singleElement()
        .satisfies(r -> assertThat(r.target()).isEqualTo(l2.hash()));
    deliver(node, l1);
    assertThat(node.head()).isEqualTo(l2);
  }

  @Test
  void aLockedValidatorSwitchesBranchOnlyOnceItsVoteIsDeadAndNeverVotesTwiceAtAHeight() {
    ConsensusNode node = h.start(h.validators.get(1), null);
    Block p1 = h.powBlock(h.genesisBlock(), h.validators.get(3));
    deliver(node, p1);
    assertThat(h.sentVotes).hasSize(1);

    // A restart loses the memory, not the journal.
    node = h.start(h.validators.get(1), null);
    Block l1 = h.leaderBlock(h.genesisBlock(), 1);
    Block l2 = h.leaderBlock(l1, 1);
    deliver(node, l1);
    deliver(node, l2);
    assertThat(node.head()).isEqualTo(l2);
    assertThat(h.sentVotes).as("locked on p1: no vote on the heavier branch").hasSize(1);

    deliver(node, h.vote(0, l1));
    assertThat(h.sentVotes).hasSize(1);
    deliver(node, h.vote(2, l1));
    // Two of four voted l1 at height 1: p1 can no longer reach 2/3, the lock is released.
    assertThat(h.sentVotes).hasSize(2);
    Vote second = h.sentVotes.get(1);
    assertThat(second.height()).isEqualTo(2);
    assertThat(second.blockHash()).isEqualTo(l2.hash());
  }

  @Test
  void theKeyNeverSignsAHeightReservedBeforeWhoeverHeldTheLease() {
    InMemoryLeaderLease shared = new InMemoryLeaderLease();
    KeyPair other = KeyPair.deterministic("h-other-holder");
    NodeHarness hh = new NodeHarness(shared);
    shared.acquire(other.address(), hh.now - 1_000, 300);
    shared.reserveHeight(other.address(), 1, 2, hh.now - 900);
    ConsensusNode leader = hh.start(hh.validators.get(0), hh.leaderKey);
    leader.handle(
        new SyncReplied(
            new SyncReply(hh.chainId(), hh.genesisBlock().hash(), 0, 0, List.of(), List.of())));
    hh.now += 3 * NodeHarness.TIMEOUT;
    hh.fire(leader, Timer.MAINTENANCE);
    hh.fire(leader, Timer.PRODUCE);
    assertThat(hh.sentBlocks).as("height 1 was signed under the earlier lease").isEmpty();
    assertThat(shared.read().epoch()).isEqualTo(2);
  }

  @Test
  void aStandbyAsksForTheLeaseOftenAndLeadsAsSoonAsTheHoldersLapses() {
    InMemoryLeaderLease shared = new InMemoryLeaderLease();
    NodeHarness hh = new NodeHarness(shared);
    long lease = Tuning.defaults(hh.genesis).leaseMillis();
    ConsensusNode standby = hh.start(null, hh.leaderKey);
    hh.now += 3 * NodeHarness.TIMEOUT;
    hh.fire(standby, Timer.MAINTENANCE); // past the sync grace: caught up
    KeyPair primary = KeyPair.deterministic("h-primary");
    shared.acquire(primary.address(), hh.now, lease);
    long expires = hh.now + lease;

    hh.fire(standby, Timer.PRODUCE);
    assertThat(hh.sentBlocks).as("the primary's lease is valid").isEmpty();
    assertThat(hh.timerAt(Timer.PRODUCE) - hh.now)
        .as("a waiting standby asks again after lease/8, not after T")
        .isEqualTo(lease / 8)
        .isLessThan(NodeHarness.T);

    while (hh.sentBlocks.isEmpty()) {
      hh.now = hh.timerAt(Timer.PRODUCE);
      hh.fire(standby, Timer.PRODUCE);
    }
    assertThat(hh.now).isGreaterThanOrEqualTo(expires).isLessThanOrEqualTo(expires + lease / 8);
    assertThat(hh.sentBlocks.get(0).header().kind()).isEqualTo(BlockKind.LEADER);
    assertThat(hh.sentBlocks.get(0).header().leaderEpoch()).isEqualTo(2);
    assertThat(hh.timerAt(Timer.PRODUCE) - hh.now)
        .as("holding the lease: every T")
        .isEqualTo(NodeHarness.T);
  }

  @Test
  void aReturningLeaderSyncsToTheNetworksHeadBeforeLeading() {
    Block l1 = h.leaderBlock(h.genesisBlock(), 1);
    Block l2 = h.leaderBlock(l1, 1);
    h.now = l2.header().timestampMillis() + 50;
    ConsensusNode leader = h.start(h.validators.get(0), h.leaderKey);
    leader.handle(
        new SyncReplied(new SyncReply(h.chainId(), l2.hash(), 2, 0, List.of(), List.of())));
    h.now += NodeHarness.T;
    h.fire(leader, Timer.PRODUCE);
    assertThat(h.sentBlocks).as("behind the network: no block yet").isEmpty();

    leader.handle(
        new SyncReplied(new SyncReply(h.chainId(), l2.hash(), 2, 0, List.of(l1, l2), List.of())));
    h.fire(leader, Timer.PRODUCE);
    assertThat(h.sentBlocks)
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.header().parent()).isEqualTo(l2.hash());
              assertThat(b.header().kind()).isEqualTo(BlockKind.LEADER);
            });
  }

  @Test
  void oneSyncRequestIsInFlightAtATimeAndProgressSendsTheNext() {
    List<Block> chain = new ArrayList<>();
    Block parent = h.genesisBlock();
    for (int i = 0; i < 6; i++) {
      parent = h.leaderBlock(parent, 1);
      chain.add(parent);
    }
    h.now = parent.header().timestampMillis() + 50;
    ConsensusNode node = h.start(h.validators.get(1), null);
    int afterStart = h.sentRequests.size();
    assertThat(afterStart).as("a starting node asks once").isEqualTo(1);

    // Blocks far ahead arrive live: orphans, but no request of their own while one is in flight.
    node.handle(new BlockReceived(chain.get(5)));
    node.handle(new BlockReceived(chain.get(4)));
    assertThat(h.sentRequests).hasSize(afterStart);

    // An answer with progress (blocks 1-2 of 6) sends the next request at once.
    node.handle(
        new SyncReplied(
            new SyncReply(h.chainId(), chain.get(3).hash(), 4, 0, chain.subList(0, 2), List.of())));
    assertThat(node.head().height()).isEqualTo(2);
    assertThat(h.sentRequests).hasSize(afterStart + 1);

    // The same answer again (a duplicate) moves nothing and sends nothing.
    node.handle(
        new SyncReplied(
            new SyncReply(h.chainId(), chain.get(3).hash(), 4, 0, chain.subList(0, 2), List.of())));
    assertThat(h.sentRequests).hasSize(afterStart + 1);

    // Blocks 3-4 join the chain and release the orphans waiting above them.
    node.handle(
        new SyncReplied(
            new SyncReply(h.chainId(), chain.get(3).hash(), 4, 0, chain.subList(2, 4), List.of())));
    assertThat(node.head().height()).isEqualTo(6);

    // A lost answer: the request is repeated only after the retry interval.
    Block next = h.leaderBlock(h.leaderBlock(parent, 1), 1);
    h.now = next.header().timestampMillis();
    int before = h.sentRequests.size();
    node.handle(new BlockReceived(next));
    assertThat(h.sentRequests).hasSize(before + 1);
    node.handle(new BlockReceived(next));
    h.now += Tuning.defaults(h.genesis).syncRetryMillis() - 1;
    node.handle(new BlockReceived(h.leaderBlock(next, 1)));
    assertThat(h.sentRequests).hasSize(before + 1);
    h.now += 1;
    node.handle(new BlockReceived(h.leaderBlock(h.leaderBlock(next, 1), 1)));
    assertThat(h.sentRequests).hasSize(before + 2);
  }

  @Test
  void aSyncedBlockWithAFinalityCertificateHasItsTxSignaturesVouchedFor() {
    // A tx whose signature does not verify, which the author was told is fine: only a block's
    // finality certificate can make a node take it without verifying it.
    byte[] bytes = h.transfer().encode();
    bytes[bytes.length - 1] ^= 1;
    Transaction badlySigned = Transaction.decode(bytes);
    badlySigned.vouchSignature(h.authorSignatures);
    Block b1 = h.leaderBlock(h.genesisBlock(), 1, badlySigned);
    assertThat(b1.txs()).containsExactly(badlySigned);
    h.now = b1.header().timestampMillis() + 50;

    // Without the certificate (two of the four validators' votes): verified, refused.
    NodeHarness other = new NodeHarness();
    ConsensusNode uncertified = other.start(other.validators.get(1), null);
    uncertified.handle(
        new SyncReplied(
            new SyncReply(
                h.chainId(), b1.hash(), 1, 0, List.of(b1), List.of(h.vote(0, b1), h.vote(2, b1)))));
    assertThat(uncertified.head().height()).isZero();
    assertThat(other.rejections).anySatisfy(r -> assertThat(r).contains("BAD_SIGNATURE"));

    // With votes of validators holding the threshold (three of four): taken, and final.
    ConsensusNode node = h.start(h.validators.get(1), null);
    node.handle(
        new SyncReplied(
            new SyncReply(
                h.chainId(),
                b1.hash(),
                1,
                1,
                List.of(b1),
                List.of(h.vote(0, b1), h.vote(2, b1), h.vote(3, b1)))));
    assertThat(node.head()).isEqualTo(b1);
    assertThat(node.finalBlock()).isEqualTo(b1);
  }

  @Test
  void aFollowerMinesAPowBlockWhenTheLeaderIsSilent() {
    ConsensusNode node = h.start(h.validators.get(1), null);
    h.now += NodeHarness.TIMEOUT;
    h.fire(node, Timer.LEADER_TIMEOUT);
    for (int i = 0; i < 10_000 && h.sentBlocks.isEmpty(); i++) {
      h.now += 10;
      h.fire(node, Timer.MINE_STEP);
    }
    assertThat(h.sentBlocks)
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.header().kind()).isEqualTo(BlockKind.POW);
              assertThat(b.header().proposer()).isEqualTo(h.validators.get(1).address());
            });
    assertThat(node.head()).isEqualTo(h.sentBlocks.get(0));
  }

  @Test
  void proofOfWorkIsSearchedOffTheLoopAndAStaleOutcomeSealsNothing() {
    // A worker that only records the search: the test decides when it "finishes", as a managed
    // executor would, with a nonce that meets the target (searched here with a large budget).
    List<Runnable> searches = new ArrayList<>();
    h.pow =
        (template, function, first, attempts, done) ->
            searches.add(() -> PowWorker.LOCAL.search(template, function, 0, 50_000_000, done));
    ConsensusNode node = h.start(h.validators.get(1), null);
    h.now += NodeHarness.TIMEOUT;
    h.fire(node, Timer.LEADER_TIMEOUT);
    h.fire(node, Timer.MINE_STEP);
    assertThat(searches).as("one step out").hasSize(1);
    h.fire(node, Timer.MINE_STEP);
    assertThat(searches).as("never two steps at once").hasSize(1);
    assertThat(h.sentBlocks).as("the loop did not wait for the search").isEmpty();

    Block l1 = h.leaderBlock(h.genesisBlock(), 1);
    deliver(node, l1); // the leader is back before the step ends
    searches.remove(0).run();
    h.drain(node);
    assertThat(h.sentBlocks).as("a nonce for an older head seals nothing").isEmpty();
    assertThat(node.head()).isEqualTo(l1);

    h.now += NodeHarness.TIMEOUT; // silent again: a new attempt on l1, which can finish
    h.fire(node, Timer.LEADER_TIMEOUT);
    h.fire(node, Timer.MINE_STEP);
    searches.remove(0).run();
    h.drain(node);
    assertThat(h.sentBlocks)
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.header().kind()).isEqualTo(BlockKind.POW);
              assertThat(b.header().parent()).isEqualTo(l1.hash());
            });
  }

  @Test
  void aLeaderBlockExtendingTheHeadStopsTheMining() {
    ConsensusNode node = h.start(h.validators.get(1), null);
    h.now += NodeHarness.TIMEOUT;
    h.fire(node, Timer.LEADER_TIMEOUT);
    Block l1 = h.leaderBlock(h.genesisBlock(), 1);
    deliver(node, l1);
    for (int i = 0; i < 2_000; i++) {
      h.now += 10;
      h.fire(node, Timer.MINE_STEP);
    }
    assertThat(h.sentBlocks).isEmpty();
    assertThat(node.head()).isEqualTo(l1);
    assertThat(node.chainId()).isNotEqualTo(Hash.ZERO);
  }
}
