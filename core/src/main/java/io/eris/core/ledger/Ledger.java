package io.eris.core.ledger;

/** Bounds of the ledger rules that are not encoding limits. */
public final class Ledger {
  /** Open proposals at once; more are refused with TOO_MANY_PROPOSALS. */
  public static final int MAX_OPEN_PROPOSALS = 256;

  /** A proposal's expiry is at most this many blocks after the block that makes it. */
  public static final long MAX_PROPOSAL_LIFETIME = 1_000_000;

  /** The mempool admits nonces up to this far above the account's nonce by default. */
  public static final int DEFAULT_NONCE_WINDOW = 64;

  private Ledger() {}
}
