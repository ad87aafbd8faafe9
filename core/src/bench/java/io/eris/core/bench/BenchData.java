package io.eris.core.bench;

import io.eris.core.crypto.Hash;
import io.eris.core.crypto.KeyPair;
import io.eris.core.crypto.SignatureCache;
import io.eris.core.ledger.BitcoinNetwork;
import io.eris.core.ledger.BlockExecutor;
import io.eris.core.ledger.BlockProducer;
import io.eris.core.ledger.ChainHistory;
import io.eris.core.ledger.GenesisState;
import io.eris.core.model.Block;
import io.eris.core.model.Genesis;
import io.eris.core.model.Transaction;
import io.eris.core.model.TransferBody;
import io.eris.core.model.TxKind;
import io.eris.core.state.InMemoryTreeNodeStore;
import io.eris.core.state.StateChange;
import io.eris.core.state.StateTree;
import io.eris.core.state.UpdateResult;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Fixtures shared by the benchmarks: a chain with many funded accounts, blocks, a big tree. */
final class BenchData {
  static final int BLOCK_TXS = 1_000;

  private BenchData() {}

  /** A genesis with {@code n} funded accounts, one validator and the leader. */
  static final class Chain {
    final List<KeyPair> accounts = new ArrayList<>();
    final KeyPair leader = KeyPair.deterministic("bench-leader");
    final Genesis genesis;
    final GenesisState state;
    final InMemoryTreeNodeStore store = new InMemoryTreeNodeStore();

    Chain(int n) {
      for (int i = 0; i < n; i++) {
        accounts.add(KeyPair.deterministic("bench-account-" + i));
      }
      List<Genesis.Account> as = new ArrayList<>();
      for (KeyPair k : accounts) {
        as.add(new Genesis.Account(k.publicKey(), 1_000_000_000L, List.of()));
      }
      as.sort(Comparator.comparing(Genesis.Account::key));
      KeyPair validator = KeyPair.deterministic("bench-validator");
      genesis =
          new Genesis(
              "eris-bench",
              1_700_000_000_000L,
              1000,
              5000,
              leader.publicKey(),
              List.of(new Genesis.Validator(validator.publicKey(), 1, List.of())),
              as,
              List.of(validator.publicKey()),
              1,
              Genesis.POW_SHA256D,
              Hash.fromHex("00000000ffffffffffffffffffffffffffffffffffffffffffffffffffffffff"),
              5000,
              2,
              3,
              1000,
              20_000);
      state = GenesisState.of(genesis);
      store.putAll(state.nodes());
    }

    /** One transfer from each of the first {@code count} accounts, nonce 1. */
    List<Transaction> transfers(int count) {
      List<Transaction> txs = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        KeyPair from = accounts.get(i);
        KeyPair to = accounts.get((i + 1) % accounts.size());
        txs.add(
            Transaction.sign(
                from,
                state.chainId(),
                1,
                TxKind.TRANSFER,
                new TransferBody(to.address(), 1, "").encode()));
      }
      return txs;
    }

    BlockExecutor executor(SignatureCache cache) {
      return new BlockExecutor(state.chainId(), store, cache, BitcoinNetwork.MAINNET);
    }

    /** A signed LEADER block at height 1 holding {@code txs}. */
    Block leaderBlock(List<Transaction> txs) {
      SignatureCache cache = new SignatureCache(4 * txs.size());
      BlockProducer.Produced p =
          new BlockProducer(state.chainId(), executor(cache))
              .leaderBlock(
                  state.header(),
                  txs,
                  state.header().timestampMillis() + 1000,
                  1,
                  leader,
                  ChainHistory.NONE);
      if (p.block().txs().size() != txs.size()) {
        throw new IllegalStateException("the producer left out transactions");
      }
      return p.block();
    }
  }

  static byte[] key(long i) {
    return ByteBuffer.allocate(8).putLong(i).array();
  }

  static byte[] value(long i, long version) {
    return ByteBuffer.allocate(32).putLong(i).putLong(version).array();
  }

  /** A state tree of {@code n} keys, built in batches. */
  static Hash bigTree(InMemoryTreeNodeStore store, int n) {
    Hash root = Hash.ZERO;
    int batch = 100_000;
    for (int from = 0; from < n; from += batch) {
      List<StateChange> changes = new ArrayList<>(batch);
      for (int i = from; i < Math.min(n, from + batch); i++) {
        changes.add(StateChange.put(key(i), value(i, 0)));
      }
      UpdateResult r = StateTree.apply(store, root, changes);
      store.putAll(r.newNodes());
      root = r.root();
    }
    return root;
  }
}
