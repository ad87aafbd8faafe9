package io.eris.light.verify;

/**
 * Why an answer from a node was not believed. The names are stable: they appear in the light
 * service's {@code NO_VERIFIED_ANSWER} problem, one per node asked.
 */
public enum Rejection {
  /**
   * The answer does not parse: missing members, bad hex, a header or proof that does not decode.
   */
  MALFORMED,
  /** The node's genesis does not hash to the trusted chain id. */
  WRONG_GENESIS,
  /** The header does not hash to the block hash the node named. */
  HEADER_HASH,
  /** The header is not at the height the node named. */
  HEIGHT,
  /** The header belongs to another chain. */
  WRONG_CHAIN,
  /** The Merkle proof does not hold for the requested key and value against the state root. */
  PROOF,
  /** Valid votes by trusted validators carry less stake than the finality threshold. */
  FINALITY
}
