package io.eris.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.eris.core.crypto.Hash;
import io.eris.core.crypto.KeyPair;
import io.eris.core.crypto.PublicKey;
import io.eris.core.crypto.SignatureCache;
import io.eris.core.model.Block;
import io.eris.core.model.BlockHeader;
import io.eris.core.model.Genesis;
import io.eris.core.model.Transaction;
import io.eris.core.model.TransferBody;
import io.eris.core.model.TxKind;
import io.eris.core.model.WriteBody;
import io.eris.core.state.InMemoryTreeNodeStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A small chain for tests: a genesis with a leader, three validators (stakes 100/100/200), three
 * governance signers (2 of 3) and three accounts, an in-memory node store, and helpers that build,
 * validate and append blocks.
 */
final class TestChain implements ChainHistory {
  static final KeyPair LEADER = KeyPair.deterministic("leader");
  static final KeyPair V2 = KeyPair.deterministic("validator-2");
  static final KeyPair V3 = KeyPair.deterministic("validator-3");
  static final KeyPair G1 = KeyPair.deterministic("gov-1");
  static final KeyPair G2 = KeyPair.deterministic("gov-2");
  static final KeyPair G3 = KeyPair.deterministic("gov-3");
  static final KeyPair ALICE = KeyPair.deterministic("alice");
  static final KeyPair BOB = KeyPair.deterministic("bob");
  static final KeyPair CAROL = KeyPair.deterministic("carol");
  static final KeyPair STRANGER = KeyPair.deterministic("stranger");

  static final long T0 = 1_700_000_000_000L;
  static final int T = 250;
  static final int TIMEOUT = 2000;

  /** Easy base target: the miner with a quarter of the stake meets its target 1 time in 4. */
  static final Hash EASY_TARGET = PowTargets.fromBigInteger(java.math.BigInteger.TWO.pow(256));

  final Genesis genesis;
  final GenesisState genesisState;
  final Hash chainId;
  final InMemoryTreeNodeStore store = new InMemoryTreeNodeStore();
  final SignatureCache signatures = new SignatureCache(100_000);
  final BlockExecutor executor;
  final BlockValidator validator;
  final BlockProducer producer;
  final TxValidator txValidator;
  final List<Block> blocks = new ArrayList<>();

  TestChain() {
    this(Genesis.POW_SHA256D, 2);
  }

  TestChain(String powFunction, int governanceThreshold) {
    genesis =
        new Genesis(
            "eris-test",
            T0,
            T,
            TIMEOUT,
            LEADER.publicKey(),
            sortedValidators(),
            sortedAccounts(),
            sorted(List.of(G1.publicKey(), G2.publicKey(), G3.publicKey())),
            governanceThreshold,
            powFunction,
            EASY_TARGET,
            4 * T,
            2,
            3,
            100,
            5000);
    genesisState = GenesisState.of(genesis);
    chainId = genesisState.chainId();
    store.putAll(genesisState.nodes());
    blocks.add(genesisState.block());
    executor = new BlockExecutor(chainId, store, signatures, BitcoinNetwork.REGTEST);
    validator = new BlockValidator(chainId, executor, signatures, 5_000);
    producer = new BlockProducer(chainId, executor);
    txValidator = new TxValidator(executor);
  }

  private static List<Genesis.Validator> sortedValidators() {
    List<Genesis.Validator> v =
        new ArrayList<>(
            List.of(
                new Genesis.Validator(LEADER.publicKey(), 100, List.of("validator")),
                new Genesis.Validator(V2.publicKey(), 100, List.of("validator")),
                new Genesis.Validator(V3.publicKey(), 200, List.of("validator"))));
    v.sort(Comparator.comparing(Genesis.Validator::key));
    return v;
  }

  private static List<Genesis.Account> sortedAccounts() {
    List<Genesis.Account> a =
        new ArrayList<>(
            List.of(
                new Genesis.Account(ALICE.publicKey(), 1000, List.of("writer:shared")),
                new Genesis.Account(BOB.publicKey(), 500, List.of()),
                new Genesis.Account(CAROL.publicKey(), 0, List.of())));
    a.sort(Comparator.comparing(Genesis.Account::key));
    return a;
  }

  private static List<PublicKey> sorted(List<PublicKey> keys) {
    List<PublicKey> out = new ArrayList<>(keys);
    out.sort(null);
    return out;
  }

  BlockHeader tip() {
    return blocks.get(blocks.size() - 1).header();
  }

  long nextHeight() {
    return tip().height() + 1;
  }

  LedgerState head() {
    return LedgerState.at(store, tip().stateRoot());
  }

  long nextNonce(KeyPair key) {
    return head().nonce(key.address()) + 1;
  }

  // ---- transactions ----

  Transaction tx(KeyPair key, long nonce, TxKind kind, byte[] body) {
    return Transaction.sign(key, chainId, nonce, kind, body);
  }

  Transaction write(KeyPair key, long nonce, String ns, String k, String v) {
    return tx(
        key,
        nonce,
        TxKind.WRITE,
        new WriteBody(ns, List.of(WriteBody.Op.put(bytes(k), bytes(v)))).encode());
  }

  Transaction transfer(KeyPair key, long nonce, KeyPair to, long amount) {
    return tx(key, nonce, TxKind.TRANSFER, new TransferBody(to.address(), amount, "").encode());
  }

  Transaction propose(KeyPair key, GovernanceAction action) {
    return tx(
        key,
        nextNonce(key),
        TxKind.GOVERN_PROPOSE,
        new ProposeBody(nextHeight() + 100, action).encode());
  }

  Transaction approve(KeyPair key, Hash proposalId) {
    return tx(key, nextNonce(key), TxKind.GOVERN_APPROVE, new ApproveBody(proposalId).encode());
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  // ---- blocks ----

  /** A LEADER block with {@code txs}, which must all be valid; validated and appended. */
  Block leaderBlock(Transaction... txs) {
    BlockProducer.Produced p =
        producer.leaderBlock(tip(), List.of(txs), tip().timestampMillis() + T, 1, LEADER, this);
    assertThat(p.execution().skipped()).as("skipped txs").isEmpty();
    return append(p.block());
  }

  /** Validates {@code block} on the tip (now = its timestamp) and appends it. */
  Block append(Block block) {
    BlockVerdict v = validate(block);
    assertThat(v.verdict()).isEqualTo(Verdict.OK);
    store.putAll(v.execution().newNodes());
    blocks.add(block);
    return block;
  }

  BlockVerdict validate(Block block) {
    return validator.validate(block, tip(), 0, block.header().timestampMillis(), this);
  }

  @Override
  public Optional<Hash> blockHashAt(long height) {
    return height >= 0 && height < blocks.size()
        ? Optional.of(blocks.get((int) height).hash())
        : Optional.empty();
  }

  @Override
  public Optional<Hash> stateRootAt(long height) {
    return height >= 0 && height < blocks.size()
        ? Optional.of(blocks.get((int) height).header().stateRoot())
        : Optional.empty();
  }
}
