package io.eris.bench;

import io.eris.core.crypto.KeyPair;

/**
 * The benchmark's accounts: deterministic keys from a seed ({@code KeyPair.deterministic(seed + ":"
 * + i)}), so the genesis that opens them and the load generator that signs for them agree without
 * sharing files. Each account belongs to exactly one client thread, which alone moves its nonce.
 */
final class Accounts {
  static final class Account {
    final int index;
    final KeyPair key;

    /** The nonce of the next new tx (nonces start at 1). Owned by one client thread. */
    long nextNonce = 1;

    /** A tx whose outcome is unknown (I/O error): sent again, byte for byte, before a new one. */
    byte[] retry;

    String retryHash;

    /** Set when this account's nonce-1 tx is FINAL: nonce 1 may then be replayed as invalid. */
    volatile boolean firstFinal;

    Account(int index, KeyPair key) {
      this.index = index;
      this.key = key;
    }
  }

  private final Account[] accounts;

  Accounts(String seed, int n) {
    accounts = new Account[n];
    for (int i = 0; i < n; i++) {
      accounts[i] = new Account(i, key(seed, i));
    }
  }

  static KeyPair key(String seed, int i) {
    return KeyPair.deterministic(seed + ":" + i);
  }

  Account get(int i) {
    return accounts[i];
  }

  int size() {
    return accounts.length;
  }
}
