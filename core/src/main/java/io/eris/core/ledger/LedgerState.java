package io.eris.core.ledger;

import io.eris.core.crypto.Address;
import io.eris.core.crypto.Hash;
import io.eris.core.crypto.PublicKey;
import io.eris.core.state.StateProof;
import io.eris.core.state.StateTree;
import io.eris.core.state.TreeNodeStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A read-only view of the ledger at one state root: what the rules see at a block's parent.
 * Immutable (the tree is persistent), so the decoded parameters and validator set are memoised;
 * share one instance per root freely across threads.
 */
public final class LedgerState implements StateReads {
  private final TreeNodeStore store;
  private final Hash root;
  private volatile ChainParams params;
  private volatile GovernanceConfig governance;
  private volatile List<ValidatorState> validators;
  private volatile ValidatorSet validatorSet;

  private LedgerState(TreeNodeStore store, Hash root) {
    this.store = store;
    this.root = root;
  }

  /** The view at {@code root}; its nodes must be in {@code store}. */
  public static LedgerState at(TreeNodeStore store, Hash root) {
    return new LedgerState(store, root);
  }

  public Hash root() {
    return root;
  }

  public TreeNodeStore store() {
    return store;
  }

  /** The raw value under a state key (see {@link StateKeys}), or null. */
  @Override
  public byte[] raw(byte[] key) {
    return StateTree.get(store, root, key).orElse(null);
  }

  /** A proof of the value (or absence) under a state key against {@link #root()}. */
  public StateProof prove(byte[] key) {
    return StateTree.prove(store, root, key);
  }

  @Override
  public ChainParams params() {
    ChainParams p = params;
    if (p == null) {
      p = StateReads.super.params();
      params = p;
    }
    return p;
  }

  @Override
  public GovernanceConfig governance() {
    GovernanceConfig g = governance;
    if (g == null) {
      g = StateReads.super.governance();
      governance = g;
    }
    return g;
  }

  @Override
  public ValidatorSet validatorSet() {
    ValidatorSet v = validatorSet;
    if (v == null) {
      v = StateReads.super.validatorSet();
      validatorSet = v;
    }
    return v;
  }

  public PublicKey leaderKey() {
    return params().leaderKey();
  }

  /** The validators, by address. */
  public List<ValidatorState> validators() {
    List<ValidatorState> v = validators;
    if (v == null) {
      List<ValidatorState> out = new ArrayList<>();
      for (Address a : validatorSet().addresses()) {
        out.add(validatorOrNull(a));
      }
      v = List.copyOf(out);
      validators = v;
    }
    return v;
  }

  public Optional<ValidatorState> validator(Address address) {
    return Optional.ofNullable(validatorOrNull(address));
  }

  /** The stake of a validator, 0 for any other key. */
  public long stake(Address address) {
    ValidatorState v = validatorOrNull(address);
    return v == null ? 0 : v.stake();
  }

  public long totalStake() {
    return validatorSet().totalStake();
  }

  public Optional<AccountState> account(Address address) {
    return Optional.ofNullable(accountOrNull(address));
  }

  /** The last nonce the account used; 0 for a new or unknown account. */
  public long nonce(Address address) {
    AccountState a = accountOrNull(address);
    return a == null ? 0 : a.nonce();
  }

  public long balance(Address address) {
    AccountState a = accountOrNull(address);
    return a == null ? 0 : a.balance();
  }

  public List<String> roles(Address address) {
    AccountState a = accountOrNull(address);
    return a == null ? List.of() : a.roles();
  }

  public boolean isRevoked(Address address) {
    AccountState a = accountOrNull(address);
    return a != null && a.revoked();
  }

  public Optional<byte[]> kvGet(String namespace, byte[] key) {
    return Optional.ofNullable(raw(StateKeys.kv(namespace, key)));
  }

  public Optional<Proposal> proposal(Hash id) {
    return Optional.ofNullable(proposalOrNull(id));
  }

  /** Proposals still listed as open (some may have expired: see {@link Proposal#isOpenAt}). */
  public List<Proposal> openProposals() {
    List<Proposal> out = new ArrayList<>();
    for (Hash id : openProposalIds()) {
      out.add(proposalOrNull(id));
    }
    return out;
  }

  public Optional<AnchorBody> anchor(long height) {
    byte[] v = raw(StateKeys.anchor(height));
    return v == null ? Optional.empty() : Optional.of(AnchorBody.decode(v));
  }

  @Override
  public String toString() {
    return "LedgerState[" + root + "]";
  }
}
