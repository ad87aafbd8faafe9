package io.eris.core.ledger;

import io.eris.core.crypto.Address;
import io.eris.core.crypto.Ed25519;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.PublicKey;
import io.eris.core.model.Block;
import io.eris.core.model.BlockHeader;
import io.eris.core.model.BlockKind;
import io.eris.core.model.Genesis;
import io.eris.core.state.InMemoryTreeNodeStore;
import io.eris.core.state.StateChange;
import io.eris.core.state.StateTree;
import io.eris.core.state.TreeNode;
import io.eris.core.state.UpdateResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The state and block a genesis defines. State: chain parameters, governance, the validators and
 * their index, and an account for every key that may send (genesis accounts with their balance and
 * roles; validators, governance signers and the leader get an empty account unless listed).
 *
 * <p>The genesis block: height 0, kind GENESIS, parent {@link Hash#ZERO}, the genesis timestamp,
 * proposer the zero address, epoch 0, tx root {@link TxMerkle#EMPTY_ROOT}, state root as above, 0
 * txs, zero PoW target and nonce, and a 64-byte zero signature. Its hash anchors the chain.
 */
public record GenesisState(
    Genesis genesis, Hash chainId, Hash stateRoot, List<TreeNode> nodes, Block block) {
  public GenesisState {
    nodes = List.copyOf(nodes);
  }

  public static GenesisState of(Genesis g) {
    UpdateResult update = StateTree.apply(new InMemoryTreeNodeStore(), Hash.ZERO, entries(g));
    Hash chainId = g.chainId();
    BlockHeader header =
        new BlockHeader(
            chainId,
            0,
            Hash.ZERO,
            g.timestampMillis(),
            BlockKind.GENESIS,
            Address.wrap(new byte[Address.SIZE]),
            0,
            TxMerkle.EMPTY_ROOT,
            update.root(),
            0,
            Hash.ZERO,
            0);
    Block block = new Block(header, new byte[Ed25519.SIGNATURE_SIZE], List.of());
    return new GenesisState(g, chainId, update.root(), update.newNodes(), block);
  }

  public BlockHeader header() {
    return block.header();
  }

  /** The genesis state entries, as state changes. */
  static List<StateChange> entries(Genesis g) {
    List<StateChange> out = new ArrayList<>();
    out.add(StateChange.put(StateKeys.PARAMS, ChainParams.of(g).encode()));
    out.add(
        StateChange.put(
            StateKeys.GOVERNANCE,
            new GovernanceConfig(g.governanceSigners(), g.governanceThreshold()).encode()));
    List<Address> addresses = new ArrayList<>();
    for (Genesis.Validator v : g.validators()) {
      addresses.add(v.key().address());
      out.add(
          StateChange.put(
              StateKeys.validator(v.key().address()),
              new ValidatorState(v.key(), v.stake(), v.roles()).encode()));
    }
    addresses.sort(null);
    out.add(
        StateChange.put(
            StateKeys.VALIDATOR_SET, new ValidatorSet(g.totalStake(), addresses).encode()));
    Map<Address, AccountState> accounts = new LinkedHashMap<>();
    for (Genesis.Account a : g.accounts()) {
      accounts.put(a.key().address(), AccountState.open(a.key(), a.balance(), a.roles()));
    }
    List<PublicKey> senders = new ArrayList<>();
    g.validators().forEach(v -> senders.add(v.key()));
    senders.addAll(g.governanceSigners());
    senders.add(g.leaderKey());
    for (PublicKey k : senders) {
      accounts.putIfAbsent(k.address(), AccountState.open(k, 0, List.of()));
    }
    for (AccountState a : accounts.values()) {
      out.add(StateChange.put(StateKeys.account(a.address()), a.encode()));
    }
    return out;
  }
}
