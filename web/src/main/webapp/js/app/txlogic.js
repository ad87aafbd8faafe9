// The client's transaction bookkeeping, free of the DOM and of IndexedDB so node can test it:
// lifecycle statuses and how they may change, the next nonce to sign with, the reason texts
// users read, amounts as BigInt, and the merged history of local and server records.

/** Statuses a tx can end in; nothing moves a tx out of one. */
export const TERMINAL = Object.freeze(['FINAL', 'REJECTED', 'CONFLICTED', 'EXPIRED']);

/**
 * Local statuses before the node has answered: QUEUED (signed and stored, waiting to be sent,
 * e.g. offline) and SENDING (a POST is under way).
 */
export const LOCAL = Object.freeze(['QUEUED', 'SENDING']);

/** Statuses whose tx occupies its nonce (a later tx must use a higher one). */
const HOLDS_NONCE = new Set(['QUEUED', 'SENDING', 'PENDING', 'INCLUDED', 'FINAL']);

export function isTerminal(status) {
  return TERMINAL.includes(status);
}

/**
 * The status to keep when an update arrives: terminal statuses stick, a server status replaces a
 * local one, and otherwise the server's word wins (INCLUDED can go back to PENDING when a
 * fallback block is replaced by another fork).
 * @param {string} current
 * @param {string} incoming
 * @returns {string}
 */
export function nextStatus(current, incoming) {
  if (!incoming || isTerminal(current)) {
    return current;
  }
  if (LOCAL.includes(incoming) && !LOCAL.includes(current)) {
    return current;
  }
  return incoming;
}

/**
 * The nonce of the next transaction: one past the highest of the verified account's nonce and
 * the nonces our own not-failed transactions hold (queued offline, pending, included, or final
 * but not yet in the verified snapshot).
 * @param {bigint|number|string} accountNonce the last nonce used, from the verified account
 * @param {{nonce: bigint|number|string, status: string}[]} txs this account's local txs
 * @returns {bigint}
 */
export function nextNonce(accountNonce, txs) {
  let max = BigInt(accountNonce ?? 0);
  for (const tx of txs) {
    if (HOLDS_NONCE.has(tx.status)) {
      const n = BigInt(tx.nonce);
      if (n > max) {
        max = n;
      }
    }
  }
  return max + 1n;
}

const REASONS = {
  BAD_NONCE: 'the nonce is not the next one for this account',
  NONCE_USED: 'a transaction with this nonce is already known',
  INSUFFICIENT_BALANCE: 'the balance is too low for this transfer',
  UNKNOWN_SENDER: 'this account is not enrolled on the chain',
  UNKNOWN_RECIPIENT: 'there is no account with that address',
  REVOKED_KEY: 'the key is revoked',
  FORBIDDEN: 'the account may not do this',
  BAD_SIGNATURE: 'the signature does not verify',
  WRONG_CHAIN: 'signed for another chain',
  INVALID_BODY: 'the transaction body is invalid',
  DUPLICATE: 'the node already has this transaction',
  MEMPOOL_FULL: 'the node is busy (mempool full): try again',
  BALANCE_OVERFLOW: 'the recipient balance would overflow',
  MESSAGE_TOO_LARGE: 'the transaction is too large',
  FIELD_TOO_LARGE: 'a field is too large',
};

/**
 * A sentence for a rejection: the stable code, what it means, and the node's detail.
 * @param {string|undefined} code
 * @param {string|undefined} detail
 * @returns {string}
 */
export function describeReason(code, detail) {
  const meaning = code && REASONS[code];
  const parts = [];
  if (code) {
    parts.push(meaning ? `${code}: ${meaning}` : code);
  }
  if (detail && detail !== meaning) {
    parts.push(detail);
  }
  return parts.join(' — ') || 'no reason given';
}

/**
 * What a status means to the user, in a few words.
 * @param {{status: string, height?: number|string, blockKind?: string, code?: string,
 *     detail?: string, conflictedBy?: string}} tx
 * @returns {string}
 */
export function statusText(tx) {
  switch (tx.status) {
    case 'QUEUED':
      return 'signed and queued: sent when the node is reachable';
    case 'SENDING':
      return 'sending to the node';
    case 'PENDING':
      return 'accepted by the node, waiting for a block';
    case 'INCLUDED':
      return `in block ${tx.height ?? '?'}${tx.blockKind ? ` (${tx.blockKind})` : ''}, not yet final`;
    case 'FINAL':
      return `final at height ${tx.height ?? '?'}`;
    case 'REJECTED':
      return `rejected — ${describeReason(tx.code, tx.detail)}`;
    case 'CONFLICTED':
      return `conflicted — another transaction with nonce ${tx.nonce} became final${
        tx.conflictedBy ? ` (${String(tx.conflictedBy).slice(0, 12)}…)` : ''
      }`;
    case 'EXPIRED':
      return 'expired — not included within the deadline';
    default:
      return tx.status ?? 'unknown';
  }
}

/**
 * Parses a whole, positive amount as typed ("1 000", "1,000" and "1_000" allowed).
 * @param {string} text
 * @returns {bigint}
 * @throws {RangeError} when it is not a positive integer up to 2^63-1
 */
export function parseAmount(text) {
  const clean = String(text).trim().replace(/[\s,_']/g, '');
  if (!/^[0-9]+$/.test(clean)) {
    throw new RangeError('the amount is a whole number');
  }
  const v = BigInt(clean);
  if (v <= 0n) {
    throw new RangeError('the amount must be positive');
  }
  if (v > (1n << 63n) - 1n) {
    throw new RangeError('the amount is too large');
  }
  return v;
}

/**
 * An amount with thousands separators: 1234567 -> "1,234,567".
 * @param {bigint|number|string|null|undefined} v
 * @returns {string}
 */
export function formatAmount(v) {
  if (v === null || v === undefined || v === '') {
    return '—';
  }
  const s = BigInt(v).toString();
  const neg = s.startsWith('-');
  const digits = neg ? s.slice(1) : s;
  return (neg ? '-' : '') + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * "abcd1234…9f0e" for a long hex string.
 * @param {string} hex
 * @param {number} [head]
 * @param {number} [tail]
 * @returns {string}
 */
export function shortHex(hex, head = 8, tail = 4) {
  if (typeof hex !== 'string') {
    return '';
  }
  return hex.length <= head + tail + 1 ? hex : `${hex.slice(0, head)}…${hex.slice(-tail)}`;
}

/**
 * The account's history as shown: the node's records (GET /accounts/{a}/txs) merged with the
 * local ones by hash (local records carry the summary and the reason; the server's the latest
 * status), newest first: by nonce, then by time.
 * @param {object[]} local
 * @param {object[]} remote
 * @returns {object[]}
 */
export function mergeHistory(local, remote) {
  const byHash = new Map();
  for (const r of remote ?? []) {
    byHash.set(r.hash, { ...r, source: 'node' });
  }
  for (const l of local ?? []) {
    const r = byHash.get(l.hash);
    if (r) {
      byHash.set(l.hash, {
        ...r,
        ...l,
        status: nextStatus(l.status, r.status),
        height: r.height ?? l.height,
        blockKind: r.blockKind ?? l.blockKind,
        source: 'both',
      });
    } else {
      byHash.set(l.hash, { ...l, source: 'local' });
    }
  }
  return [...byHash.values()].sort((a, b) => {
    const na = BigInt(a.nonce ?? 0);
    const nb = BigInt(b.nonce ?? 0);
    if (na !== nb) {
      return na > nb ? -1 : 1;
    }
    return (b.createdAt ?? 0) - (a.createdAt ?? 0);
  });
}

/**
 * Applies a status object from the node (POST answer, GET /txs/{hash}, an SSE `tx` event) to a
 * local record; returns the updated record (a copy) and whether anything changed.
 * @param {object} local
 * @param {object} update
 * @returns {{tx: object, changed: boolean}}
 */
export function applyUpdate(local, update) {
  const status = nextStatus(local.status, update.status);
  const tx = { ...local, status };
  for (const f of ['height', 'blockHash', 'blockKind', 'conflictedBy']) {
    if (update[f] !== undefined && update[f] !== null) {
      tx[f] = update[f];
    }
  }
  if (status === 'REJECTED' && !isTerminal(local.status)) {
    tx.code = update.code ?? tx.code;
    tx.detail = update.detail ?? update.reason ?? tx.detail;
  }
  if (status === 'PENDING' && tx.height !== undefined && local.status === 'INCLUDED') {
    delete tx.height;
    delete tx.blockHash;
    delete tx.blockKind;
  }
  const changed = ['status', 'height', 'blockHash', 'blockKind', 'code', 'detail'].some(
    (f) => tx[f] !== local[f],
  );
  if (changed) {
    tx.updatedAt = Date.now();
  }
  return { tx, changed };
}
