package io.eris.light;

import io.eris.core.codec.Json;
import io.eris.core.crypto.Address;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.KeyPair;
import io.eris.core.ledger.AccountState;
import io.eris.core.ledger.GenesisState;
import io.eris.core.ledger.LedgerState;
import io.eris.core.ledger.StateKeys;
import io.eris.core.ledger.TxMerkle;
import io.eris.core.model.BlockHeader;
import io.eris.core.model.BlockKind;
import io.eris.core.model.Genesis;
import io.eris.core.model.Vote;
import io.eris.core.state.InMemoryTreeNodeStore;
import io.eris.core.state.StateChange;
import io.eris.core.state.StateTree;
import io.eris.core.state.UpdateResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real chain built with the core, as a full node holds it: a genesis with three validators of
 * equal stake (finality 2/3), its state tree, and final blocks whose headers carry the new state
 * root and are voted by all three validators. Its views are the node API's JSON, built as the
 * node's StateResource builds them.
 */
final class TestChain {
  static final KeyPair V1 = KeyPair.deterministic("light-v1");
  static final KeyPair V2 = KeyPair.deterministic("light-v2");
  static final KeyPair V3 = KeyPair.deterministic("light-v3");
  static final KeyPair ALICE = KeyPair.deterministic("light-alice");
  static final KeyPair BOB = KeyPair.deterministic("light-bob");
  static final KeyPair OUTSIDER = KeyPair.deterministic("light-outsider");
  static final long T0 = 1_764_000_000_000L;
  private static final HexFormat HEX = HexFormat.of();

  final Genesis genesis;
  final Hash chainId;
  final InMemoryTreeNodeStore store = new InMemoryTreeNodeStore();
  private final List<BlockHeader> headers = new ArrayList<>();
  private final List<List<Vote>> votes = new ArrayList<>();

  TestChain(String chainName) {
    List<Genesis.Validator> validators = new ArrayList<>();
    for (KeyPair v : List.of(V1, V2, V3)) {
      validators.add(new Genesis.Validator(v.publicKey(), 100, List.of("validator")));
    }
    validators.sort(Comparator.comparing(Genesis.Validator::key));
    List<Genesis.Account> accounts = new ArrayList<>();
    accounts.add(new Genesis.Account(ALICE.publicKey(), 1_000, List.of("writer:shared")));
    accounts.add(new Genesis.Account(BOB.publicKey(), 50, List.of()));
    accounts.sort(Comparator.comparing(Genesis.Account::key));
    genesis =
        new Genesis(
            chainName,
            T0,
            250,
            2_000,
            V1.publicKey(),
            validators,
            accounts,
            List.of(V1.publicKey()),
            1,
            Genesis.POW_SHA256D,
            Hash.fromHex("00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
            1_000,
            2,
            3,
            100,
            5_000);
    GenesisState g = GenesisState.of(genesis);
    chainId = g.chainId();
    store.putAll(g.nodes());
    headers.add(g.header());
    votes.add(List.of());
  }

  /** A new final block applying {@code changes}, voted by all three validators. */
  synchronized TestChain commit(List<StateChange> changes) {
    BlockHeader parent = head();
    UpdateResult update = StateTree.apply(store, parent.stateRoot(), changes);
    store.putAll(update.newNodes());
    long height = parent.height() + 1;
    BlockHeader header =
        new BlockHeader(
            chainId,
            height,
            parent.hash(),
            T0 + 250 * height,
            BlockKind.LEADER,
            V1.address(),
            1,
            TxMerkle.EMPTY_ROOT,
            update.root(),
            0,
            Hash.ZERO,
            0);
    headers.add(header);
    List<Vote> vs = new ArrayList<>();
    for (KeyPair v : List.of(V1, V2, V3)) {
      vs.add(Vote.sign(v, chainId, height, header.hash()));
    }
    votes.add(vs);
    return this;
  }

  /** Block 1: Alice pays 100 to Bob, and writes {@code shared/6b31 = "hello"}. */
  TestChain withFirstBlock() {
    LedgerState s = state();
    AccountState alice = s.account(ALICE.address()).orElseThrow();
    AccountState bob = s.account(BOB.address()).orElseThrow();
    return commit(
        List.of(
            StateChange.put(
                StateKeys.account(ALICE.address()),
                alice.withBalance(alice.balance() - 100).withNonce(1).encode()),
            StateChange.put(
                StateKeys.account(BOB.address()), bob.withBalance(bob.balance() + 100).encode()),
            StateChange.put(StateKeys.kv("shared", HEX.parseHex("6b31")), bytes("hello"))));
  }

  synchronized BlockHeader head() {
    return headers.get(headers.size() - 1);
  }

  synchronized List<Vote> headVotes() {
    return votes.get(votes.size() - 1);
  }

  synchronized LedgerState state() {
    return LedgerState.at(store, head().stateRoot());
  }

  /** GET /api/v1/accounts/{address} as the node answers it. */
  synchronized Map<String, Object> accountView(Address a) {
    Map<String, Object> m = read(StateKeys.account(a));
    m.put("address", a.toHex());
    byte[] value = state().raw(StateKeys.account(a));
    if (value == null) {
      m.put("account", null);
    } else {
      AccountState s = AccountState.decode(value);
      Map<String, Object> acc = new LinkedHashMap<>();
      acc.put("publicKey", s.publicKey().toHex());
      acc.put("balance", s.balance());
      acc.put("nonce", s.nonce());
      acc.put("revoked", s.revoked());
      acc.put("roles", List.copyOf(s.roles()));
      m.put("account", acc);
    }
    return m;
  }

  /** GET /api/v1/kv/{namespace}/{keyHex} as the node answers it. */
  synchronized Map<String, Object> kvView(String namespace, String keyHex) {
    Map<String, Object> m = read(StateKeys.kv(namespace, HEX.parseHex(keyHex)));
    m.put("namespace", namespace);
    m.put("key", keyHex);
    return m;
  }

  /** GET /api/v1/genesis as the node answers it. */
  @SuppressWarnings("unchecked")
  Map<String, Object> genesisView() {
    Map<String, Object> m = (Map<String, Object>) Json.parse(genesis.toJson(), 1 << 24);
    m.put("chainId", chainId.toHex());
    return m;
  }

  private Map<String, Object> read(byte[] stateKey) {
    LedgerState s = state();
    byte[] value = s.raw(stateKey);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("height", head().height());
    m.put("blockHash", head().hash().toHex());
    m.put("header", HEX.formatHex(head().encode()));
    m.put("stateKey", HEX.formatHex(stateKey));
    m.put("value", value == null ? null : HEX.formatHex(value));
    m.put("proof", HEX.formatHex(s.prove(stateKey).encode()));
    List<String> vs = new ArrayList<>();
    for (Vote v : headVotes()) {
      vs.add(HEX.formatHex(v.encode()));
    }
    m.put("votes", vs);
    return m;
  }

  static byte[] bytes(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  static String hex(byte[] b) {
    return HEX.formatHex(b);
  }
}
