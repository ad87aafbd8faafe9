package io.eris.core.ledger;

import static io.eris.core.ledger.TestChain.ALICE;
import static io.eris.core.ledger.TestChain.BOB;
import static io.eris.core.ledger.TestChain.LEADER;
import static io.eris.core.ledger.TestChain.T;
import static io.eris.core.ledger.TestChain.TIMEOUT;
import static io.eris.core.ledger.TestChain.V2;
import static io.eris.core.ledger.TestChain.V3;
import static org.assertj.core.api.Assertions.assertThat;

import io.eris.core.codec.ErrorCode;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.KeyPair;
import io.eris.core.model.Block;
import io.eris.core.model.BlockHeader;
import io.eris.core.model.BlockKind;
import io.eris.core.model.Transaction;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class BlockValidatorTest {
  private final TestChain chain = new TestChain();

  private BlockProducer.Produced leader(List<Transaction> txs) {
    return chain.producer.leaderBlock(
        chain.tip(), txs, chain.tip().timestampMillis() + T, 1, LEADER, chain);
  }

  /** A copy of a header with changes, re-signed by {@code signer}. */
  private static Block resign(Block b, UnaryOperator<Builder> change, KeyPair signer) {
    BlockHeader h = change.apply(new Builder(b.header())).build();
    return Block.sign(h, b.txs(), signer);
  }

  private ErrorCode codeOf(Block b) {
    return chain.validate(b).verdict().code();
  }

  @Test
  void aProducedLeaderBlockIsValid() {
    Block b = leader(List.of(chain.transfer(ALICE, 1, BOB, 5))).block();
    assertThat(chain.validate(b).verdict()).isEqualTo(Verdict.OK);
    assertThat(b.header().txCount()).isEqualTo(1);
  }

  @Test
  void anEmptyHeartbeatBlockIsValid() {
    Block b = leader(List.of()).block();
    assertThat(chain.validate(b).isOk()).isTrue();
    assertThat(b.header().stateRoot()).isEqualTo(chain.tip().stateRoot());
    assertThat(b.header().txRoot()).isEqualTo(TxMerkle.EMPTY_ROOT);
  }

  @Test
  void leaderBlockSignedByAnotherKeyIsRefused() {
    Block b = leader(List.of()).block();
    assertThat(codeOf(resign(b, x -> x, V2))).isEqualTo(ErrorCode.BAD_BLOCK_SIGNATURE);
    // and one naming another proposer
    assertThat(codeOf(resign(b, x -> x.proposer(V2), V2))).isEqualTo(ErrorCode.BAD_PROPOSER);
  }

  @Test
  void leaderBlockWithAStaleEpochIsRefused() {
    Block b = leader(List.of()).block();
    assertThat(
            chain
                .validator
                .validate(b, chain.tip(), 2, b.header().timestampMillis(), chain)
                .verdict()
                .code())
        .isEqualTo(ErrorCode.STALE_EPOCH);
    assertThat(
            chain.validator.validate(b, chain.tip(), 1, b.header().timestampMillis(), chain).isOk())
        .isTrue();
  }

  @Test
  void leaderBlockWithPowFieldsIsRefused() {
    Block b = leader(List.of()).block();
    assertThat(codeOf(resign(b, x -> x.nonce(5), LEADER))).isEqualTo(ErrorCode.NON_CANONICAL);
  }

  @Test
  void headerLinkageIsChecked() {
    Block b = leader(List.of()).block();
    assertThat(codeOf(resign(b, x -> x.chainId(Hash.sha256(new byte[1])), LEADER)))
        .isEqualTo(ErrorCode.WRONG_CHAIN);
    assertThat(codeOf(resign(b, x -> x.parent(Hash.sha256(new byte[2])), LEADER)))
        .isEqualTo(ErrorCode.BAD_PARENT);
    assertThat(codeOf(resign(b, x -> x.height(2), LEADER))).isEqualTo(ErrorCode.BAD_HEIGHT);
    assertThat(codeOf(resign(b, x -> x.kind(BlockKind.GENESIS), LEADER)))
        .isEqualTo(ErrorCode.BAD_BLOCK_KIND);
  }

  @Test
  void timestampsMustIncreaseAndNotBeInTheFuture() {
    Block b = leader(List.of()).block();
    long parentTs = chain.tip().timestampMillis();
    assertThat(codeOf(resign(b, x -> x.timestamp(parentTs), LEADER)))
        .isEqualTo(ErrorCode.BAD_TIMESTAMP);
    assertThat(
            chain
                .validator
                .validate(b, chain.tip(), 0, b.header().timestampMillis() - 5_001, chain)
                .verdict()
                .code())
        .isEqualTo(ErrorCode.FUTURE_TIMESTAMP);
  }

  @Test
  void wrongStateRootIsRefused() {
    Block b = leader(List.of(chain.transfer(ALICE, 1, BOB, 5))).block();
    assertThat(codeOf(resign(b, x -> x.stateRoot(chain.tip().stateRoot()), LEADER)))
        .isEqualTo(ErrorCode.BAD_STATE_ROOT);
  }

  @Test
  void wrongTxRootIsRefused() {
    Block b = leader(List.of(chain.transfer(ALICE, 1, BOB, 5))).block();
    assertThat(codeOf(resign(b, x -> x.txRoot(TxMerkle.EMPTY_ROOT), LEADER)))
        .isEqualTo(ErrorCode.BAD_TX_ROOT);
  }

  @Test
  void txCountMismatchAndTooManyTxsAreRefused() {
    Block b = leader(List.of(chain.transfer(ALICE, 1, BOB, 5))).block();
    assertThat(codeOf(resign(b, x -> x.txCount(2), LEADER))).isEqualTo(ErrorCode.NON_CANONICAL);
    TestChain small = new TestChain();
    // maxBlockTxs is 5000 in the test genesis: 5001 txs are too many before anything executes
    Transaction t = small.transfer(ALICE, 1, BOB, 1);
    List<Transaction> many = java.util.Collections.nCopies(5001, t);
    BlockHeader h = new Builder(b.header()).txCount(5001).build();
    assertThat(small.validate(Block.sign(h, many, LEADER)).verdict().code())
        .isEqualTo(ErrorCode.BLOCK_TOO_LARGE);
  }

  @Test
  void aBlockWithAnInvalidTxIsInvalid() {
    Transaction overspend = chain.transfer(BOB, 1, ALICE, 10_000);
    BlockProducer.Produced p = leader(List.of(overspend));
    assertThat(p.execution().included()).isEmpty();
    assertThat(p.execution().skipped()).hasSize(1);
    // a leader that includes it anyway: header built as if the tx applied
    Block forced = resign(p.block(), x -> x.txCount(1), LEADER);
    forced = Block.sign(forced.header(), List.of(overspend), LEADER);
    BlockHeader fixedRoot =
        new Builder(forced.header()).txRoot(TxMerkle.root(List.of(overspend.hash()))).build();
    assertThat(codeOf(Block.sign(fixedRoot, List.of(overspend), LEADER)))
        .isEqualTo(ErrorCode.INSUFFICIENT_BALANCE);
  }

  // ---- POW ----

  private BlockProducer.Produced powTemplate(KeyPair miner, long afterParentMs) {
    return chain.producer.powTemplate(
        chain.tip(),
        List.of(),
        chain.tip().timestampMillis() + afterParentMs,
        miner.address(),
        chain);
  }

  private Block mine(BlockProducer.Produced template, KeyPair miner) {
    Miner.Result r = Miner.mine(template.header(), PowFunctions.SHA256D, 0, 10_000, () -> false);
    assertThat(r.found()).isTrue();
    return BlockProducer.seal(template, r.header(), miner);
  }

  @Test
  void aMinedPowBlockIsValid() {
    BlockProducer.Produced t = powTemplate(V3, TIMEOUT);
    Block b = mine(t, V3);
    assertThat(chain.validate(b).verdict()).isEqualTo(Verdict.OK);
    // V3 holds 200 of 400: target = base / 2
    assertThat(b.header().powTarget())
        .isEqualTo(PowTargets.stakeWeighted(TestChain.EASY_TARGET, 200, 400));
  }

  @Test
  void powBlockBeforeTheLeaderTimeoutIsRefused() {
    Block b = mine(powTemplate(V3, TIMEOUT), V3);
    Block early = resign(b, x -> x.timestamp(chain.tip().timestampMillis() + TIMEOUT - 1), V3);
    assertThat(codeOf(early)).isEqualTo(ErrorCode.POW_TOO_EARLY);
  }

  @Test
  void powHashAboveTheStakeWeightedTargetIsRefused() {
    BlockProducer.Produced t = powTemplate(V2, TIMEOUT);
    // find a nonce whose hash misses V2's target (a quarter of the base)
    long nonce = 0;
    while (PowFunctions.meets(
        Miner.powHash(t.header().withPowNonce(nonce), PowFunctions.SHA256D),
        t.header().powTarget())) {
      nonce++;
    }
    Block b = BlockProducer.seal(t, t.header().withPowNonce(nonce), V2);
    assertThat(codeOf(b)).isEqualTo(ErrorCode.BAD_POW);
  }

  @Test
  void powBlockClaimingAnotherTargetIsRefused() {
    Block b = mine(powTemplate(V2, TIMEOUT), V2);
    // V2 claims the whole base target, as if it had all the stake
    Block greedy = resign(b, x -> x.target(TestChain.EASY_TARGET), V2);
    assertThat(codeOf(greedy)).isEqualTo(ErrorCode.BAD_POW_TARGET);
  }

  @Test
  void powBlockByANonValidatorIsRefused() {
    Block b = mine(powTemplate(V2, TIMEOUT), V2);
    assertThat(codeOf(resign(b, x -> x.proposer(ALICE), ALICE))).isEqualTo(ErrorCode.BAD_PROPOSER);
  }

  @Test
  void powBlockSignedByAnotherKeyIsRefused() {
    Block b = mine(powTemplate(V2, TIMEOUT), V2);
    assertThat(codeOf(new Block(b.header(), V3.sign(b.hash().unsafeBytes()), b.txs())))
        .isEqualTo(ErrorCode.BAD_BLOCK_SIGNATURE);
  }

  @Test
  void powBlockWithAnEpochIsRefused() {
    Block b = mine(powTemplate(V2, TIMEOUT), V2);
    assertThat(codeOf(resign(b, x -> x.epoch(3), V2))).isEqualTo(ErrorCode.NON_CANONICAL);
  }

  @Test
  void minerStopsWhenCancelled() {
    BlockHeader impossible =
        new Builder(powTemplate(V2, TIMEOUT).header()).target(Hash.ZERO).build();
    int[] calls = {0};
    Miner.Result r =
        Miner.mine(impossible, PowFunctions.SHA256D, 0, Long.MAX_VALUE, () -> ++calls[0] > 3);
    assertThat(r.found()).isFalse();
    assertThat(r.hashesTried()).isEqualTo(3 * 1024);
  }

  /** Mutable copy of a header, for making invalid variants. */
  static final class Builder {
    private Hash chainId;
    private long height;
    private Hash parent;
    private long timestamp;
    private BlockKind kind;
    private io.eris.core.crypto.Address proposer;
    private long epoch;
    private Hash txRoot;
    private Hash stateRoot;
    private int txCount;
    private Hash target;
    private long nonce;

    Builder(BlockHeader h) {
      chainId = h.chainId();
      height = h.height();
      parent = h.parent();
      timestamp = h.timestampMillis();
      kind = h.kind();
      proposer = h.proposer();
      epoch = h.leaderEpoch();
      txRoot = h.txRoot();
      stateRoot = h.stateRoot();
      txCount = h.txCount();
      target = h.powTarget();
      nonce = h.powNonce();
    }

    Builder chainId(Hash v) {
      chainId = v;
      return this;
    }

    Builder height(long v) {
      height = v;
      return this;
    }

    Builder parent(Hash v) {
      parent = v;
      return this;
    }

    Builder timestamp(long v) {
      timestamp = v;
      return this;
    }

    Builder kind(BlockKind v) {
      kind = v;
      return this;
    }

    Builder proposer(KeyPair k) {
      proposer = k.address();
      return this;
    }

    Builder epoch(long v) {
      epoch = v;
      return this;
    }

    Builder txRoot(Hash v) {
      txRoot = v;
      return this;
    }

    Builder stateRoot(Hash v) {
      stateRoot = v;
      return this;
    }

    Builder txCount(int v) {
      txCount = v;
      return this;
    }

    Builder target(Hash v) {
      target = v;
      return this;
    }

    Builder nonce(long v) {
      nonce = v;
      return this;
    }

    BlockHeader build() {
      return new BlockHeader(
          chainId, height, parent, timestamp, kind, proposer, epoch, txRoot, stateRoot, txCount,
          target, nonce);
    }
  }
}
