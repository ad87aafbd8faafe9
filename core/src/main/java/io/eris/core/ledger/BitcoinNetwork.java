package io.eris.core.ledger;

import java.math.BigInteger;

/**
 * Which Bitcoin network anchors go to, and so the largest (easiest) header target an anchor may
 * claim: the network's proof-of-work limit. All nodes of a chain must use the same one.
 */
public enum BitcoinNetwork {
  /** nBits 0x1d00ffff: 0xffff x 2^208. */
  MAINNET(0x1d00ffffL),
  /** testnet3 and testnet4 share the mainnet limit. */
  TESTNET(0x1d00ffffL),
  /** nBits 0x207fffff: for local regtest nodes and constructed test data only. */
  REGTEST(0x207fffffL);

  private final BigInteger powLimit;

  BitcoinNetwork(long bits) {
    this.powLimit = BitcoinAnchorVerifier.targetFromBits(bits);
  }

  public BigInteger powLimit() {
    return powLimit;
  }
}
