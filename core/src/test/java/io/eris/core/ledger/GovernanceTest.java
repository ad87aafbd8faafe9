package io.eris.core.ledger;

import static io.eris.core.ledger.TestChain.ALICE;
import static io.eris.core.ledger.TestChain.BOB;
import static io.eris.core.ledger.TestChain.CAROL;
import static io.eris.core.ledger.TestChain.G1;
import static io.eris.core.ledger.TestChain.G2;
import static io.eris.core.ledger.TestChain.G3;
import static io.eris.core.ledger.TestChain.LEADER;
import static io.eris.core.ledger.TestChain.T;
import static io.eris.core.ledger.TestChain.TIMEOUT;
import static io.eris.core.ledger.TestChain.V2;
import static io.eris.core.ledger.TestChain.V3;
import static io.eris.core.ledger.TestChain.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.eris.core.codec.ErrorCode;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.KeyPair;
import io.eris.core.model.Block;
import io.eris.core.model.Transaction;
import io.eris.core.model.TxKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class GovernanceTest {
  private static final KeyPair NEWCOMER = KeyPair.deterministic("newcomer");

  private final TestChain chain = new TestChain();

  private Verdict admit(Transaction tx) {
    return chain.txValidator.admit(tx, chain.head(), chain.nextHeight(), chain);
  }

  /** Proposes with G1 and approves with G2 (M = 2), each in its own block; the proposal id. */
  private Hash pass(GovernanceAction action) {
    Transaction p = chain.propose(G1, action);
    chain.leaderBlock(p);
    chain.leaderBlock(chain.approve(G2, p.hash()));
    return p.hash();
  }

  @Test
  void oneApprovalShortDoesNothingAndTheMthApplies() {
    GovernanceAction add = new GovernanceAction.SetValidator(NEWCOMER.publicKey(), 50, List.of());
    Transaction p = chain.propose(G1, add);
    chain.leaderBlock(p);
    assertThat(chain.head().validator(NEWCOMER.address())).isEmpty();
    assertThat(chain.head().proposal(p.hash()).orElseThrow().status())
        .isEqualTo(Proposal.Status.OPEN);
    assertThat(chain.head().openProposals()).extracting(Proposal::id).containsExactly(p.hash());

    chain.leaderBlock(chain.approve(G2, p.hash()));
    assertThat(chain.head().validator(NEWCOMER.address()).orElseThrow().stake()).isEqualTo(50);
    assertThat(chain.head().totalStake()).isEqualTo(450);
    assertThat(chain.head().validators()).hasSize(4);
    assertThat(chain.head().account(NEWCOMER.address())).isPresent();
    Proposal done = chain.head().proposal(p.hash()).orElseThrow();
    assertThat(done.status()).isEqualTo(Proposal.Status.EXECUTED);
    assertThat(done.closedHeight()).isEqualTo(2);
    assertThat(chain.head().openProposals()).isEmpty();
  }

  @Test
  void threeOfThreeNeedsAllThree() {
    TestChain strict = new TestChain(io.eris.core.model.Genesis.POW_SHA256D, 3);
    Transaction p = strict.propose(G1, new GovernanceAction.SetTiming(500, 4000));
    strict.leaderBlock(p);
    strict.leaderBlock(strict.approve(G2, p.hash()));
    assertThat(strict.head().params().blockIntervalMs()).isEqualTo(T);
    strict.leaderBlock(strict.approve(G3, p.hash()));
    assertThat(strict.head().params().blockIntervalMs()).isEqualTo(500);
    assertThat(strict.head().params().leaderTimeoutMs()).isEqualTo(4000);
  }

  @Test
  void theChangeAppliesFromTheTxCarryingTheMthApproval() {
    Transaction p =
        chain.propose(
            G1, new GovernanceAction.AuthoriseAccount(NEWCOMER.publicKey(), 100, List.of()));
    chain.leaderBlock(p);
    assertThat(admit(chain.write(NEWCOMER, 1, "", "k", "v")).code())
        .isEqualTo(ErrorCode.UNKNOWN_SENDER);
    // approval and the newcomer's first tx in one block
    chain.leaderBlock(chain.approve(G2, p.hash()), chain.transfer(NEWCOMER, 1, ALICE, 40));
    assertThat(chain.head().balance(NEWCOMER.address())).isEqualTo(60);
    assertThat(chain.head().balance(ALICE.address())).isEqualTo(1040);
  }

  @Test
  void authorisingAnExistingAccountReplacesRolesAndMints() {
    pass(new GovernanceAction.AuthoriseAccount(BOB.publicKey(), 25, List.of("writer:shared")));
    assertThat(chain.head().roles(BOB.address())).containsExactly("writer:shared");
    assertThat(chain.head().balance(BOB.address())).isEqualTo(525);
    assertThat(admit(chain.write(BOB, 1, "shared", "k", "v"))).isEqualTo(Verdict.OK);
  }

  @Test
  void onlyGovernanceSignersProposeAndApprove() {
    Transaction byAlice =
        chain.tx(
            ALICE,
            1,
            TxKind.GOVERN_PROPOSE,
            new ProposeBody(10, new GovernanceAction.SetTiming(500, 4000)).encode());
    assertThat(admit(byAlice).code()).isEqualTo(ErrorCode.FORBIDDEN);
    Transaction p = chain.propose(G1, new GovernanceAction.SetTiming(500, 4000));
    chain.leaderBlock(p);
    assertThat(admit(chain.approve(ALICE, p.hash())).code()).isEqualTo(ErrorCode.FORBIDDEN);
  }

  @Test
  void approvalsAreCheckedAgainstTheProposal() {
    Transaction p = chain.propose(G1, new GovernanceAction.SetTiming(500, 4000));
    chain.leaderBlock(p);
    assertThat(admit(chain.approve(G1, p.hash())).code()).isEqualTo(ErrorCode.ALREADY_APPROVED);
    assertThat(admit(chain.approve(G2, Hash.sha256(bytes("nothing")))).code())
        .isEqualTo(ErrorCode.UNKNOWN_PROPOSAL);
    chain.leaderBlock(chain.approve(G2, p.hash()));
    assertThat(admit(chain.approve(G3, p.hash())).code()).isEqualTo(ErrorCode.PROPOSAL_CLOSED);
  }

  @Test
  void expiredProposalsCannotBeApproved() {
    Transaction p =
        chain.tx(
            G1,
            1,
            TxKind.GOVERN_PROPOSE,
            new ProposeBody(2, new GovernanceAction.SetTiming(500, 4000)).encode());
    chain.leaderBlock(p);
    chain.leaderBlock();
    // the next block is at height 3, past the expiry at 2
    assertThat(admit(chain.approve(G2, p.hash())).code()).isEqualTo(ErrorCode.PROPOSAL_EXPIRED);
    Transaction pastExpiry =
        chain.tx(
            G1,
            2,
            TxKind.GOVERN_PROPOSE,
            new ProposeBody(2, new GovernanceAction.SetTiming(500, 4000)).encode());
    assertThat(admit(pastExpiry).code()).isEqualTo(ErrorCode.INVALID_BODY);
  }

  @Test
  void aNewLeaderKeyTakesOverAndFencesTheOldOne() {
    pass(new GovernanceAction.SetLeader(V2.publicKey(), 7));
    assertThat(chain.head().leaderKey()).isEqualTo(V2.publicKey());
    long ts = chain.tip().timestampMillis() + T;
    Block byOld = chain.producer.leaderBlock(chain.tip(), List.of(), ts, 7, LEADER, chain).block();
    assertThat(chain.validate(byOld).verdict().code()).isEqualTo(ErrorCode.BAD_PROPOSER);
    Block lowEpoch = chain.producer.leaderBlock(chain.tip(), List.of(), ts, 6, V2, chain).block();
    assertThat(chain.validate(lowEpoch).verdict().code()).isEqualTo(ErrorCode.STALE_EPOCH);
    chain.append(chain.producer.leaderBlock(chain.tip(), List.of(), ts, 7, V2, chain).block());
  }

  @Test
  void theLeaderTimeoutComesFromTheParentState() {
    pass(new GovernanceAction.SetTiming(T, 5000));
    BlockProducer.Produced t =
        chain.producer.powTemplate(
            chain.tip(), List.of(), chain.tip().timestampMillis() + 5000, V3.address(), chain);
    Miner.Result r = Miner.mine(t.header(), PowFunctions.SHA256D, 0, 10_000, () -> false);
    Block b = BlockProducer.seal(t, r.header(), V3);
    assertThat(chain.validate(b).isOk()).isTrue();
    Block early =
        Block.sign(
            new BlockValidatorTest.Builder(b.header())
                .timestamp(chain.tip().timestampMillis() + TIMEOUT)
                .build(),
            List.of(),
            V3);
    assertThat(chain.validate(early).verdict().code()).isEqualTo(ErrorCode.POW_TOO_EARLY);
  }

  @Test
  void removedAndRevokedValidatorsCannotMine() {
    pass(new GovernanceAction.RemoveValidator(V2.address()));
    assertThat(chain.head().totalStake()).isEqualTo(300);
    pass(new GovernanceAction.RevokeKey(V3.address()));
    assertThat(chain.head().validator(V3.address())).isEmpty();
    assertThat(chain.head().isRevoked(V3.address())).isTrue();
    assertThat(chain.head().totalStake()).isEqualTo(100);
    for (KeyPair gone : List.of(V2, V3)) {
      BlockProducer.Produced t =
          chain.producer.powTemplate(
              chain.tip(),
              List.of(),
              chain.tip().timestampMillis() + TIMEOUT,
              LEADER.address(),
              chain);
      Block b =
          Block.sign(
              new BlockValidatorTest.Builder(t.header())
                  .proposer(gone)
                  .target(TestChain.EASY_TARGET)
                  .build(),
              List.of(),
              gone);
      assertThat(chain.validate(b).verdict().code()).isEqualTo(ErrorCode.BAD_PROPOSER);
    }
    // the revoked key cannot come back as a validator: the action fails, nothing changes
    Hash id = pass(new GovernanceAction.SetValidator(V3.publicKey(), 10, List.of()));
    assertThat(chain.head().proposal(id).orElseThrow().status()).isEqualTo(Proposal.Status.FAILED);
    assertThat(chain.head().validator(V3.address())).isEmpty();
  }

  @Test
  void theLastValidatorCannotBeRemoved() {
    pass(new GovernanceAction.RemoveValidator(V2.address()));
    pass(new GovernanceAction.RemoveValidator(V3.address()));
    Hash id = pass(new GovernanceAction.RemoveValidator(LEADER.address()));
    Proposal p = chain.head().proposal(id).orElseThrow();
    assertThat(p.status()).isEqualTo(Proposal.Status.FAILED);
    assertThat(p.outcome()).contains("last validator");
    assertThat(chain.head().validators()).hasSize(1);
  }

  @Test
  void newGovernanceSignersTakeOver() {
    GovernanceConfig next =
        new GovernanceConfig(sorted(List.of(G3.publicKey(), NEWCOMER.publicKey())), 1);
    pass(new GovernanceAction.SetGovernance(next));
    assertThat(chain.head().governance()).isEqualTo(next);
    // G1 is no longer a signer; the newcomer alone (1 of 2) now passes proposals
    assertThat(admit(chain.propose(G1, new GovernanceAction.SetTiming(500, 4000))).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
    chain.leaderBlock(chain.propose(NEWCOMER, new GovernanceAction.SetTiming(500, 4000)));
    assertThat(chain.head().params().blockIntervalMs()).isEqualTo(500);
  }

  private static List<io.eris.core.crypto.PublicKey> sorted(
      List<io.eris.core.crypto.PublicKey> keys) {
    List<io.eris.core.crypto.PublicKey> out = new java.util.ArrayList<>(keys);
    out.sort(null);
    return out;
  }

  @Test
  void tooManyOpenProposalsAreRefused() {
    List<Transaction> batch = new java.util.ArrayList<>();
    for (int i = 0; i < Ledger.MAX_OPEN_PROPOSALS; i++) {
      batch.add(
          chain.tx(
              G1,
              i + 1,
              TxKind.GOVERN_PROPOSE,
              new ProposeBody(100, new GovernanceAction.SetTiming(20 + i, 10_000)).encode()));
    }
    chain.leaderBlock(batch.toArray(new Transaction[0]));
    assertThat(chain.head().openProposals()).hasSize(Ledger.MAX_OPEN_PROPOSALS);
    Transaction more =
        chain.tx(
            G1,
            Ledger.MAX_OPEN_PROPOSALS + 1,
            TxKind.GOVERN_PROPOSE,
            new ProposeBody(100, new GovernanceAction.SetTiming(500, 10_000)).encode());
    assertThat(admit(more).code()).isEqualTo(ErrorCode.TOO_MANY_PROPOSALS);
  }

  // ---- recovery ----

  @Test
  void recoveryRestoresTheUserDataOfAnEarlierHeight() {
    chain.leaderBlock(
        chain.write(ALICE, 1, "shared", "price", "100"), chain.transfer(BOB, 1, CAROL, 50));
    long h = chain.tip().height();
    Hash rootAtH = chain.tip().stateRoot();
    // the "malicious" blocks: Alice's key is abused
    Transaction evilWrite = chain.write(ALICE, 2, "shared", "price", "1");
    chain.leaderBlock(
        evilWrite,
        chain.write(ALICE, 3, "shared", "backdoor", "yes"),
        chain.transfer(ALICE, 4, CAROL, 900));
    assertThat(chain.head().balance(CAROL.address())).isEqualTo(950);
    // governance revokes the abused key, then recovers
    pass(new GovernanceAction.RevokeKey(ALICE.address()));
    Hash id = pass(new GovernanceAction.Recover(h, rootAtH));

    LedgerState now = chain.head();
    assertThat(now.proposal(id).orElseThrow().status()).isEqualTo(Proposal.Status.EXECUTED);
    assertThat(now.kvGet("shared", bytes("price"))).contains(bytes("100"));
    assertThat(now.kvGet("shared", bytes("backdoor"))).isEmpty();
    assertThat(now.balance(ALICE.address())).isEqualTo(1000);
    assertThat(now.balance(CAROL.address())).isEqualTo(50);
    assertThat(now.balance(BOB.address())).isEqualTo(450);
    // governance decisions since h and all nonces survive: no replay, revocation holds
    assertThat(now.isRevoked(ALICE.address())).isTrue();
    assertThat(now.nonce(ALICE.address())).isEqualTo(4);
    assertThat(now.nonce(G1.address())).isEqualTo(2);
    assertThat(admit(chain.transfer(CAROL, 1, BOB, 10))).isEqualTo(Verdict.OK);
    // user data equals that of h exactly: every key-value entry and balance
    LedgerState old = LedgerState.at(chain.store, rootAtH);
    for (KeyPair k : List.of(ALICE, BOB, CAROL, G1, G2, LEADER, V2, V3)) {
      assertThat(now.balance(k.address())).isEqualTo(old.balance(k.address()));
    }
    // history is not rewritten: the malicious block is still there
    assertThat(chain.blocks.get((int) h + 1).txs()).contains(evilWrite);
  }

  @Test
  void recoveryWithAWrongRootFailsAndChangesNothing() {
    chain.leaderBlock(chain.write(ALICE, 1, "shared", "price", "100"));
    chain.leaderBlock(chain.write(ALICE, 2, "shared", "price", "1"));
    Hash id = pass(new GovernanceAction.Recover(1, Hash.sha256(bytes("not a root"))));
    assertThat(chain.head().proposal(id).orElseThrow().status()).isEqualTo(Proposal.Status.FAILED);
    assertThat(chain.head().kvGet("shared", bytes("price"))).contains(bytes("1"));
  }

  @Test
  void recoveryOfTheCurrentOrAFutureHeightIsRefused() {
    Transaction p =
        chain.tx(
            G1,
            1,
            TxKind.GOVERN_PROPOSE,
            new ProposeBody(50, new GovernanceAction.Recover(1, Hash.ZERO)).encode());
    assertThat(admit(p).code()).isEqualTo(ErrorCode.INVALID_BODY);
  }

  // ---- PoW function switch ----

  @Test
  void powFunctionSwitchesAtTheActivationHeight() {
    // a harder base target for the new rule, so one function's win is rarely the other's
    Hash base = PowTargets.fromBigInteger(java.math.BigInteger.ONE.shiftLeft(253));
    PowRule argon = new PowRule(PowFunctions.ARGON2ID_V1, base, 1000);
    pass(new GovernanceAction.SetPow(argon, 5));
    ChainParams params = chain.head().params();
    assertThat(params.powAt(4).function()).isEqualTo(PowFunctions.SHA256D_V1);
    assertThat(params.powAt(5)).isEqualTo(argon);

    // heights 3 and 4 are still sha256d
    chain.append(minePow(PowFunctions.SHA256D));
    chain.leaderBlock();
    assertThat(chain.nextHeight()).isEqualTo(5);
    // at 5, a block meeting only the sha256d target is refused
    BlockProducer.Produced t = template();
    assertThat(t.header().powTarget()).isEqualTo(PowTargets.stakeWeighted(base, 200, 400));
    long nonce = 0;
    while (!PowFunctions.meets(
            Miner.powHash(t.header().withPowNonce(nonce), PowFunctions.SHA256D),
            t.header().powTarget())
        || PowFunctions.meets(
            Miner.powHash(t.header().withPowNonce(nonce), PowFunctions.ARGON2ID),
            t.header().powTarget())) {
      nonce++;
    }
    Block wrongFunction = BlockProducer.seal(t, t.header().withPowNonce(nonce), V3);
    assertThat(chain.validate(wrongFunction).verdict().code()).isEqualTo(ErrorCode.BAD_POW);
    assertThat(chain.producer.powFunction(chain.tip()).name()).isEqualTo(PowFunctions.ARGON2ID_V1);
    chain.append(minePow(PowFunctions.ARGON2ID));
  }

  private BlockProducer.Produced template() {
    return chain.producer.powTemplate(
        chain.tip(), List.of(), chain.tip().timestampMillis() + TIMEOUT, V3.address(), chain);
  }

  private Block minePow(PowFunction function) {
    BlockProducer.Produced t = template();
    Miner.Result r = Miner.mine(t.header(), function, 0, 10_000, () -> false);
    assertThat(r.found()).isTrue();
    return BlockProducer.seal(t, r.header(), V3);
  }
}
