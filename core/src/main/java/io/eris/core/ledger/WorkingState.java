package io.eris.core.ledger;

import io.eris.core.crypto.Address;
import io.eris.core.crypto.Hash;
import io.eris.core.state.StateChange;
import io.eris.core.state.StateTree;
import io.eris.core.state.UpdateResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The state while a block executes: a write buffer over the parent's {@link LedgerState}. Accounts,
 * touched by nearly every transaction, are kept decoded and encoded once at the end; the whole
 * block becomes one {@link StateTree#apply}.
 */
final class WorkingState implements StateReads {
  private static final byte[] DELETED = new byte[0];

  private final LedgerState base;
  private final Map<Bytes, byte[]> writes = new HashMap<>();
  private final Map<Address, AccountState> accounts = new HashMap<>();
  private final Map<Address, AccountState> dirtyAccounts = new HashMap<>();
  private ChainParams params;
  private GovernanceConfig governance;
  private ValidatorSet validatorSet;

  WorkingState(LedgerState base) {
    this.base = base;
  }

  LedgerState base() {
    return base;
  }

  @Override
  public byte[] raw(byte[] key) {
    if (key.length == 1 + Address.SIZE && key[0] == StateKeys.ACCOUNT) {
      AccountState a =
          accountOrNull(Address.wrap(java.util.Arrays.copyOfRange(key, 1, key.length)));
      return a == null ? null : a.encode();
    }
    byte[] v = writes.get(new Bytes(key));
    if (v != null) {
      return v == DELETED ? null : v;
    }
    return base.raw(key);
  }

  @Override
  public AccountState accountOrNull(Address address) {
    AccountState a = accounts.get(address);
    if (a == null && !accounts.containsKey(address)) {
      a = base.accountOrNull(address);
      accounts.put(address, a);
    }
    return a;
  }

  void putAccount(AccountState account) {
    accounts.put(account.address(), account);
    dirtyAccounts.put(account.address(), account);
  }

  /** Opens an empty account for a key that governance makes a signer, validator or leader. */
  void ensureAccount(io.eris.core.crypto.PublicKey key) {
    if (accountOrNull(key.address()) == null) {
      putAccount(AccountState.open(key, 0, List.of()));
    }
  }

  void put(byte[] key, byte[] value) {
    writes.put(new Bytes(key), value);
  }

  void delete(byte[] key) {
    writes.put(new Bytes(key), DELETED);
  }

  @Override
  public ChainParams params() {
    if (params == null) {
      params = base.params();
    }
    return params;
  }

  void putParams(ChainParams p) {
    params = p;
    put(StateKeys.PARAMS, p.encode());
  }

  @Override
  public GovernanceConfig governance() {
    if (governance == null) {
      governance = base.governance();
    }
    return governance;
  }

  void putGovernance(GovernanceConfig g) {
    governance = g;
    put(StateKeys.GOVERNANCE, g.encode());
  }

  @Override
  public ValidatorSet validatorSet() {
    if (validatorSet == null) {
      validatorSet = base.validatorSet();
    }
    return validatorSet;
  }

  void putValidatorSet(ValidatorSet v) {
    validatorSet = v;
    put(StateKeys.VALIDATOR_SET, v.encode());
  }

  /** Calls {@code action} with every key and current value starting with {@code prefix}. */
  void forEachWithPrefix(int prefix, java.util.function.BiConsumer<byte[], byte[]> action) {
    Map<Bytes, byte[]> seen = new HashMap<>();
    StateTree.forEach(
        base.store(),
        base.root(),
        (k, v) -> {
          if (k.length > 0 && k[0] == (byte) prefix) {
            seen.put(new Bytes(k), v);
          }
        });
    for (Map.Entry<Bytes, byte[]> w : writes.entrySet()) {
      if (w.getKey().data[0] == (byte) prefix) {
        if (w.getValue() == DELETED) {
          seen.remove(w.getKey());
        } else {
          seen.put(w.getKey(), w.getValue());
        }
      }
    }
    if (prefix == StateKeys.ACCOUNT) {
      for (AccountState a : dirtyAccounts.values()) {
        seen.put(new Bytes(StateKeys.account(a.address())), a.encode());
      }
    }
    seen.forEach((k, v) -> action.accept(k.data, v));
  }

  /** Everything written, as state changes; each key once. */
  List<StateChange> changes() {
    List<StateChange> out = new ArrayList<>(writes.size() + dirtyAccounts.size());
    for (Map.Entry<Bytes, byte[]> w : writes.entrySet()) {
      out.add(
          w.getValue() == DELETED
              ? StateChange.delete(w.getKey().data)
              : StateChange.put(w.getKey().data, w.getValue()));
    }
    for (AccountState a : dirtyAccounts.values()) {
      out.add(StateChange.put(StateKeys.account(a.address()), a.encode()));
    }
    return out;
  }

  UpdateResult commit() {
    return StateTree.apply(base.store(), base.root(), changes());
  }

  Hash baseRoot() {
    return base.root();
  }
}
