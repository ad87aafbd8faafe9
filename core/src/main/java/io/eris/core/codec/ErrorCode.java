package io.eris.core.codec;

/**
 * Stable error codes for rejected input. The names are part of the public API (REST problem
 * details, JMS replies, logs): never rename one, only add.
 */
public enum ErrorCode {
  // decoding
  MESSAGE_TOO_LARGE,
  TRUNCATED,
  TRAILING_BYTES,
  FIELD_TOO_LARGE,
  UNKNOWN_TYPE,
  UNSUPPORTED_VERSION,
  UNKNOWN_KIND,
  NON_CANONICAL,
  INVALID_UTF8,
  MALFORMED_JSON,
  // validation
  WRONG_CHAIN,
  BAD_SIGNATURE,
  BAD_NONCE,
  UNKNOWN_SENDER,
  REVOKED_KEY,
  FORBIDDEN,
  INSUFFICIENT_BALANCE,
  INVALID_BODY,
  DUPLICATE,
  BAD_PARENT,
  BAD_HEIGHT,
  BAD_TIMESTAMP,
  BAD_PROPOSER,
  STALE_EPOCH,
  BAD_POW,
  BAD_TX_ROOT,
  BAD_STATE_ROOT,
  BLOCK_TOO_LARGE,
  INVALID_GENESIS,
  MEMPOOL_FULL
}
