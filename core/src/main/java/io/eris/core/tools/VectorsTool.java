package io.eris.core.tools;

import io.eris.core.codec.Json;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.KeyPair;
import io.eris.core.crypto.PublicKey;
import io.eris.core.ledger.AccountState;
import io.eris.core.ledger.AnchorBody;
import io.eris.core.ledger.ApproveBody;
import io.eris.core.ledger.GenesisState;
import io.eris.core.ledger.GovernanceAction;
import io.eris.core.ledger.LedgerState;
import io.eris.core.ledger.PowFunctions;
import io.eris.core.ledger.PowTargets;
import io.eris.core.ledger.ProposeBody;
import io.eris.core.ledger.StateKeys;
import io.eris.core.ledger.TxMerkle;
import io.eris.core.model.Block;
import io.eris.core.model.BlockHeader;
import io.eris.core.model.BlockKind;
import io.eris.core.model.Genesis;
import io.eris.core.model.Transaction;
import io.eris.core.model.TransferBody;
import io.eris.core.model.TxKind;
import io.eris.core.model.Vote;
import io.eris.core.model.WriteBody;
import io.eris.core.state.InMemoryTreeNodeStore;
import io.eris.core.state.StateChange;
import io.eris.core.state.StateTree;
import io.eris.core.state.UpdateResult;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the shared test vectors (keys, transaction, vote, header, block and genesis encodings,
 * hashes and signatures, tx roots with inclusion proofs, state roots with membership and absence
 * proofs, an account entry, PoW hashes, an anchor message) as JSON, so the Java and JavaScript
 * sides check the same bytes. Deterministic: keys come from {@link KeyPair#deterministic} and
 * Ed25519 signatures are deterministic, so running it twice gives the same file.
 *
 * <p>Usage: {@code VectorsTool [FILE]}, default {@code
 * core/src/test/resources/vectors/eris-vectors.json}.
 */
public final class VectorsTool {
  public static final String DEFAULT_FILE = "core/src/test/resources/vectors/eris-vectors.json";

  private static final HexFormat HEX = HexFormat.of();

  private VectorsTool() {}

  public static void main(String[] args) throws IOException {
    Path file = Path.of(args.length > 0 ? args[0] : DEFAULT_FILE);
    if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
    Files.writeString(file, generate(), StandardCharsets.UTF_8);
    System.out.println("wrote " + file);
  }

  /** The vectors file's content. */
  public static String generate() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", "eris-test-vectors");
    root.put("version", 1L);
    root.put(
        "notes",
        "All byte strings are lower-case hex. Keys: seed = SHA-256(\"eris-test-key:\" + label). "
            + "Hashes are SHA-256; signatures Ed25519 (RFC 8032) over the signing payload (txs, "
            + "votes) or the header hash (blocks). See README 'Canonical encoding'.");

    KeyPair alice = KeyPair.deterministic("alice");
    KeyPair bob = KeyPair.deterministic("bob");
    KeyPair leader = KeyPair.deterministic("leader");
    KeyPair validator = KeyPair.deterministic("validator-2");
    KeyPair gov = KeyPair.deterministic("gov-1");
    List<Object> keys = new ArrayList<>();
    for (String label : List.of("alice", "bob", "leader", "validator-2", "gov-1")) {
      KeyPair k = KeyPair.deterministic(label);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("label", label);
      m.put("seed", hex(k.seed()));
      m.put("publicKey", k.publicKey().toHex());
      m.put("address", k.address().toHex());
      keys.add(m);
    }
    root.put("keys", keys);

    Genesis genesis = genesis(alice, bob, leader, validator, gov);
    GenesisState gs = GenesisState.of(genesis);
    Hash chainId = gs.chainId();
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("json", Json.parse(genesis.toJson(), 1 << 20));
    g.put("encoding", hex(genesis.encode()));
    g.put("chainId", chainId.toHex());
    g.put("stateRoot", gs.stateRoot().toHex());
    g.put("blockHeaderEncoding", hex(gs.header().encode()));
    g.put("blockHash", gs.block().hash().toHex());
    root.put("genesis", g);

    List<Transaction> txs = new ArrayList<>();
    List<Object> txVectors = new ArrayList<>();
    Transaction write =
        Transaction.sign(
            alice,
            chainId,
            1,
            TxKind.WRITE,
            new WriteBody(
                    "",
                    List.of(
                        WriteBody.Op.put(utf8("greeting"), utf8("hello")),
                        WriteBody.Op.delete(utf8("old"))))
                .encode());
    txVectors.add(tx("write", write, "alice"));
    Transaction shared =
        Transaction.sign(
            alice,
            chainId,
            2,
            TxKind.WRITE,
            new WriteBody("shared", List.of(WriteBody.Op.put(utf8("k"), utf8("v")))).encode());
    txVectors.add(tx("write-shared", shared, "alice"));
    Transaction transfer =
        Transaction.sign(
            bob,
            chainId,
            1,
            TxKind.TRANSFER,
            new TransferBody(alice.address(), 250, "rent").encode());
    txVectors.add(tx("transfer", transfer, "bob"));
    Transaction propose =
        Transaction.sign(
            gov,
            chainId,
            1,
            TxKind.GOVERN_PROPOSE,
            new ProposeBody(
                    100,
                    new GovernanceAction.AuthoriseAccount(
                        KeyPair.deterministic("carol").publicKey(), 10, List.of("writer:shared")))
                .encode());
    txVectors.add(tx("govern-propose", propose, "gov-1"));
    Transaction approve =
        Transaction.sign(
            gov, chainId, 2, TxKind.GOVERN_APPROVE, new ApproveBody(propose.hash()).encode());
    txVectors.add(tx("govern-approve", approve, "gov-1"));
    txs.add(write);
    txs.add(transfer);
    txs.add(shared);
    root.put("transactions", txVectors);

    Vote vote = Vote.sign(validator, chainId, 1, gs.block().hash());
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("signer", "validator-2");
    v.put("chainId", chainId.toHex());
    v.put("height", 1L);
    v.put("blockHash", gs.block().hash().toHex());
    v.put("encoding", hex(vote.encode()));
    v.put("signature", hex(vote.signature()));
    v.put("hash", vote.hash().toHex());
    root.put("vote", v);

    List<Hash> txHashes = txs.stream().map(Transaction::hash).toList();
    BlockHeader header =
        new BlockHeader(
            chainId,
            1,
            gs.block().hash(),
            genesis.timestampMillis() + 250,
            BlockKind.LEADER,
            leader.address(),
            3,
            TxMerkle.root(txHashes),
            Hash.sha256(utf8("state root placeholder: header vectors do not execute")),
            txs.size(),
            Hash.ZERO,
            0);
    Block block = Block.sign(header, txs, leader);
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("signer", "leader");
    b.put("headerEncoding", hex(header.encode()));
    b.put("hash", header.hash().toHex());
    b.put("signature", hex(block.signature()));
    b.put("blockEncoding", hex(block.encode()));
    root.put("block", b);

    List<Object> roots = new ArrayList<>();
    for (int n : new int[] {0, 1, 2, 3, 5}) {
      List<Hash> leaves = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        leaves.add(Hash.sha256(utf8("tx " + i)));
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("txHashes", leaves.stream().map(Hash::toHex).toList());
      m.put("root", TxMerkle.root(leaves).toHex());
      List<Object> proofs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("index", (long) i);
        p.put("path", TxMerkle.proof(leaves, i).stream().map(Hash::toHex).toList());
        proofs.add(p);
      }
      m.put("proofs", proofs);
      roots.add(m);
    }
    root.put("txRoots", roots);

    root.put("stateTree", stateTree());

    InMemoryTreeNodeStore store = new InMemoryTreeNodeStore();
    store.putAll(gs.nodes());
    LedgerState state = LedgerState.at(store, gs.stateRoot());
    byte[] accountKey = StateKeys.account(alice.address());
    AccountState account = state.account(alice.address()).orElseThrow();
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("owner", "alice");
    a.put("stateRoot", gs.stateRoot().toHex());
    a.put("key", hex(accountKey));
    a.put("value", hex(account.encode()));
    a.put("balance", account.balance());
    a.put("nonce", account.nonce());
    a.put("revoked", account.revoked());
    a.put("roles", List.copyOf(account.roles()));
    a.put("proof", hex(state.prove(accountKey).encode()));
    root.put("account", a);

    Map<String, Object> pow = new LinkedHashMap<>();
    byte[] powHeader =
        new BlockHeader(
                chainId,
                2,
                header.hash(),
                genesis.timestampMillis() + 5000,
                BlockKind.POW,
                validator.address(),
                0,
                TxMerkle.root(List.of()),
                header.stateRoot(),
                0,
                PowTargets.stakeWeighted(genesis.powBaseTarget(), 100, 300),
                12345)
            .encode();
    pow.put("headerEncoding", hex(powHeader));
    pow.put("sha256d-v1", PowFunctions.SHA256D.hash(powHeader).toHex());
    pow.put("argon2id-v1", PowFunctions.ARGON2ID.hash(powHeader).toHex());
    pow.put("baseTarget", genesis.powBaseTarget().toHex());
    pow.put("stake", 100L);
    pow.put("totalStake", 300L);
    pow.put(
        "stakeWeightedTarget", PowTargets.stakeWeighted(genesis.powBaseTarget(), 100, 300).toHex());
    root.put("pow", pow);

    Map<String, Object> anchor = new LinkedHashMap<>();
    anchor.put("chainId", chainId.toHex());
    anchor.put("height", 1L);
    anchor.put("blockHash", header.hash().toHex());
    anchor.put("message", AnchorBody.message(chainId, 1, header.hash()).toHex());
    root.put("anchorMessage", anchor);

    return Json.write(root);
  }

  private static Genesis genesis(
      KeyPair alice, KeyPair bob, KeyPair leader, KeyPair validator, KeyPair gov) {
    List<Genesis.Validator> validators =
        new ArrayList<>(
            List.of(
                new Genesis.Validator(leader.publicKey(), 200, List.of("validator")),
                new Genesis.Validator(validator.publicKey(), 100, List.of("validator"))));
    validators.sort((x, y) -> x.key().compareTo(y.key()));
    List<Genesis.Account> accounts =
        new ArrayList<>(
            List.of(
                new Genesis.Account(alice.publicKey(), 1000, List.of("writer:shared")),
                new Genesis.Account(bob.publicKey(), 500, List.of())));
    accounts.sort((x, y) -> x.key().compareTo(y.key()));
    List<PublicKey> signers = List.of(gov.publicKey());
    return new Genesis(
        "eris-vectors",
        1_700_000_000_000L,
        250,
        2000,
        leader.publicKey(),
        validators,
        accounts,
        signers,
        1,
        Genesis.POW_SHA256D,
        PowTargets.fromBigInteger(BigInteger.ONE.shiftLeft(240)),
        1000,
        2,
        3,
        100,
        5000);
  }

  private static Map<String, Object> tx(String name, Transaction t, String signer) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("signer", signer);
    m.put("kind", t.kind().name());
    m.put("nonce", t.nonce());
    m.put("body", hex(t.body()));
    m.put("signingPayload", hex(t.signingPayload()));
    m.put("signature", hex(t.signature()));
    m.put("encoding", hex(t.encode()));
    m.put("hash", t.hash().toHex());
    return m;
  }

  private static Map<String, Object> stateTree() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("emptyRoot", Hash.ZERO.toHex());
    List<StateChange> changes = new ArrayList<>();
    List<Object> entries = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      byte[] k = utf8("key-" + i);
      byte[] val = utf8("value-" + i);
      changes.add(StateChange.put(k, val));
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("key", hex(k));
      e.put("value", hex(val));
      entries.add(e);
    }
    InMemoryTreeNodeStore store = new InMemoryTreeNodeStore();
    UpdateResult u = StateTree.apply(store, Hash.ZERO, changes);
    store.putAll(u.newNodes());
    m.put("entries", entries);
    m.put("root", u.root().toHex());
    byte[] member = utf8("key-3");
    Map<String, Object> mem = new LinkedHashMap<>();
    mem.put("key", hex(member));
    mem.put("value", hex(utf8("value-3")));
    mem.put("proof", hex(StateTree.prove(store, u.root(), member).encode()));
    m.put("membership", mem);
    byte[] absent = utf8("key-absent");
    Map<String, Object> non = new LinkedHashMap<>();
    non.put("key", hex(absent));
    non.put("proof", hex(StateTree.prove(store, u.root(), absent).encode()));
    m.put("nonMembership", non);
    UpdateResult after =
        StateTree.apply(store, u.root(), List.of(StateChange.delete(utf8("key-0"))));
    m.put("rootAfterDeletingKey0", after.root().toHex());
    return m;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String hex(byte[] b) {
    return HEX.formatHex(b);
  }
}
