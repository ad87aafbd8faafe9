// What the client checks instead of trusting a server: state proofs against a state root
// (io.eris.core.state.StateProof / StateTree), transaction inclusion against a block's tx root
// (io.eris.core.ledger.TxMerkle, RFC 6962/9162), and finality of a block from validators' votes
// weighed by stake against the genesis threshold.

import { CodecError, ErrorCode, toBigInt } from './codec.js';
import { HASH_SIZE, ZERO_HASH, sha256 } from './crypto.js';
import { asBytes, equalBytes, toHex } from './hex.js';
import { decodeVote, verifyVote } from './model.js';

// ---------------------------------------------------------------------------------------------
// State tree proofs

/** A path has 256 bits, so no search meets more siblings. */
export const MAX_SIBLINGS = 256;

/** Terminal tags of a state proof. */
export const Terminal = Object.freeze({ MEMBER: 0, EMPTY: 1, OTHER_LEAF: 2 });

const LEAF_PREFIX = new Uint8Array([0x00]);
const INTERNAL_PREFIX = new Uint8Array([0x01]);

/**
 * @typedef {object} StateProof
 * @property {number} terminal a Terminal value
 * @property {Uint8Array[]} siblings top-down, sibling[0] is the root's child away from the key
 * @property {Uint8Array|null} otherPath OTHER_LEAF only: the other key's path
 * @property {Uint8Array|null} otherValueHash OTHER_LEAF only: SHA-256 of the other key's value
 */

/**
 * Parses a state proof's encoding:
 * u8 terminal | [OTHER_LEAF: path[32] | valueHash[32]] | u16 n | n x sibling[32].
 * Java refuses the same inputs with an IllegalArgumentException (it has no code for them); here
 * they are CodecErrors: TRUNCATED, TRAILING_BYTES, UNKNOWN_KIND (terminal tag), FIELD_TOO_LARGE
 * (over 256 siblings).
 * @param {Uint8Array} bytes
 * @returns {StateProof}
 */
export function decodeStateProof(bytes) {
  let pos = 0;
  const need = (n, field) => {
    if (bytes.length - pos < n) {
      throw new CodecError(ErrorCode.TRUNCATED, `state proof: input ends inside ${field}`);
    }
  };
  const hash = (field) => {
    need(HASH_SIZE, field);
    const out = bytes.slice(pos, pos + HASH_SIZE);
    pos += HASH_SIZE;
    return out;
  };
  need(1, 'the terminal tag');
  const terminal = bytes[pos++];
  if (terminal > Terminal.OTHER_LEAF) {
    throw new CodecError(ErrorCode.UNKNOWN_KIND, `state proof: unknown terminal tag ${terminal}`);
  }
  let otherPath = null;
  let otherValueHash = null;
  if (terminal === Terminal.OTHER_LEAF) {
    otherPath = hash("the other leaf's path");
    otherValueHash = hash("the other leaf's value hash");
  }
  need(2, 'the sibling count');
  const n = (bytes[pos] << 8) | bytes[pos + 1];
  pos += 2;
  if (n > MAX_SIBLINGS) {
    throw new CodecError(
      ErrorCode.FIELD_TOO_LARGE,
      `state proof: ${n} siblings, limit ${MAX_SIBLINGS}`,
    );
  }
  const siblings = [];
  for (let i = 0; i < n; i++) {
    siblings.push(hash(`sibling ${i}`));
  }
  if (pos !== bytes.length) {
    throw new CodecError(
      ErrorCode.TRAILING_BYTES,
      `state proof: ${bytes.length - pos} trailing bytes after the last sibling`,
    );
  }
  return { terminal, siblings, otherPath, otherValueHash };
}

/**
 * The encoding of a state proof (inverse of decodeStateProof).
 * @param {StateProof} proof
 * @returns {Uint8Array}
 */
export function encodeStateProof({ terminal, siblings, otherPath, otherValueHash }) {
  if (siblings.length > MAX_SIBLINGS) {
    throw new RangeError(`state proof: ${siblings.length} siblings, limit ${MAX_SIBLINGS}`);
  }
  const other = terminal === Terminal.OTHER_LEAF;
  const out = new Uint8Array(3 + HASH_SIZE * siblings.length + (other ? 2 * HASH_SIZE : 0));
  let at = 0;
  out[at++] = terminal;
  if (other) {
    out.set(asBytes(otherPath, HASH_SIZE, 'otherPath'), at);
    out.set(asBytes(otherValueHash, HASH_SIZE, 'otherValueHash'), at + HASH_SIZE);
    at += 2 * HASH_SIZE;
  }
  out[at++] = siblings.length >> 8;
  out[at++] = siblings.length & 0xff;
  for (const s of siblings) {
    out.set(asBytes(s, HASH_SIZE, 'sibling'), at);
    at += HASH_SIZE;
  }
  return out;
}

// Bit i of a path, most significant bit of byte 0 first.
function bit(path, i) {
  return (path[i >>> 3] >>> (7 - (i & 7))) & 1;
}

function samePrefix(a, b, bits) {
  const whole = bits >>> 3;
  for (let i = 0; i < whole; i++) {
    if (a[i] !== b[i]) {
      return false;
    }
  }
  const rest = bits & 7;
  return rest === 0 || ((a[whole] ^ b[whole]) & (0xff << (8 - rest)) & 0xff) === 0;
}

/**
 * A state tree leaf's hash: SHA-256(0x00 | path | valueHash).
 * @param {Uint8Array} path SHA-256 of the key
 * @param {Uint8Array} valueHash SHA-256 of the value
 * @returns {Promise<Uint8Array>}
 */
export async function stateLeafHash(path, valueHash) {
  return sha256(LEAF_PREFIX, path, valueHash);
}

/**
 * A state tree internal node's hash: SHA-256(0x01 | left | right).
 * @param {Uint8Array} left
 * @param {Uint8Array} right
 * @returns {Promise<Uint8Array>}
 */
export async function stateInternalHash(left, right) {
  return sha256(INTERNAL_PREFIX, left, right);
}

/**
 * Whether `proof` proves that `key` has `valueOrNull` (null: is absent) in the state tree with
 * root `root`, exactly as Java's StateProof.verify decides. Never throws on a wrong or malformed
 * proof: it returns false.
 * @param {Uint8Array|string} root 32 bytes or hex
 * @param {Uint8Array} key
 * @param {Uint8Array|null} valueOrNull
 * @param {Uint8Array|StateProof} proof the encoding or a decoded proof
 * @returns {Promise<boolean>}
 */
export async function verifyStateProof(root, key, valueOrNull, proof) {
  let p;
  try {
    p = proof instanceof Uint8Array ? decodeStateProof(proof) : proof;
    root = asBytes(root, HASH_SIZE, 'root');
  } catch (e) {
    if (e instanceof CodecError || e instanceof RangeError || e instanceof TypeError) {
      return false;
    }
    throw e;
  }
  const path = await sha256(key);
  const n = p.siblings.length;
  if (n > MAX_SIBLINGS) {
    return false;
  }
  let h;
  if (p.terminal === Terminal.MEMBER) {
    if (valueOrNull == null) {
      return false;
    }
    h = await stateLeafHash(path, await sha256(valueOrNull));
  } else if (p.terminal === Terminal.EMPTY) {
    if (valueOrNull != null) {
      return false;
    }
    h = ZERO_HASH;
  } else if (p.terminal === Terminal.OTHER_LEAF) {
    if (valueOrNull != null || equalBytes(p.otherPath, path) || !samePrefix(p.otherPath, path, n)) {
      return false;
    }
    h = await stateLeafHash(p.otherPath, p.otherValueHash);
  } else {
    return false;
  }
  if (n > 0 && equalBytes(p.siblings[n - 1], ZERO_HASH)) {
    return false;
  }
  for (let i = n - 1; i >= 0; i--) {
    h =
      bit(path, i) === 0
        ? await stateInternalHash(h, p.siblings[i])
        : await stateInternalHash(p.siblings[i], h);
  }
  return equalBytes(h, root);
}

/**
 * The root of the state tree holding exactly `entries`, built from the specification in
 * StateTree (a reference for checking roots; it holds every entry in memory).
 * @param {{key: Uint8Array, value: Uint8Array}[]} entries distinct keys
 * @returns {Promise<Uint8Array>}
 */
export async function stateRootOf(entries) {
  const leaves = await Promise.all(
    entries.map(async ({ key, value }) => {
      const path = await sha256(key);
      return { path, hash: await stateLeafHash(path, await sha256(value)) };
    }),
  );
  const build = async (set, depth) => {
    if (set.length === 0) {
      return ZERO_HASH;
    }
    if (set.length === 1) {
      return set[0].hash;
    }
    if (depth >= 256) {
      throw new RangeError('two entries with the same key');
    }
    const left = set.filter((l) => bit(l.path, depth) === 0);
    const right = set.filter((l) => bit(l.path, depth) === 1);
    return stateInternalHash(await build(left, depth + 1), await build(right, depth + 1));
  };
  return build(leaves, 0);
}

// ---------------------------------------------------------------------------------------------
// Transaction Merkle tree (RFC 6962)

const TX_LEAF = new Uint8Array([0x00]);
const TX_NODE = new Uint8Array([0x01]);

/**
 * A tx tree leaf: SHA-256(0x00 | txHash).
 * @param {Uint8Array} txHash
 * @returns {Promise<Uint8Array>}
 */
export async function txLeafHash(txHash) {
  return sha256(TX_LEAF, txHash);
}

function txNodeHash(left, right) {
  return sha256(TX_NODE, left, right);
}

/**
 * The tx root of a block: RFC 6962 Merkle tree hash over the tx hashes in block order;
 * SHA-256("") for no txs.
 * @param {Uint8Array[]} txHashes
 * @returns {Promise<Uint8Array>}
 */
export async function txRoot(txHashes) {
  if (txHashes.length === 0) {
    return sha256(new Uint8Array(0));
  }
  let level = await Promise.all(txHashes.map((h) => txLeafHash(h)));
  while (level.length > 1) {
    const next = [];
    for (let i = 0; i < level.length; i += 2) {
      next.push(i + 1 < level.length ? txNodeHash(level[i], level[i + 1]) : level[i]);
    }
    level = await Promise.all(next);
  }
  return level[0];
}

/**
 * The audit path of the leaf at `index`, siblings from the leaf level up (as TxMerkle.proof).
 * @param {Uint8Array[]} txHashes
 * @param {number} index
 * @returns {Promise<Uint8Array[]>}
 */
export async function txInclusionPath(txHashes, index) {
  if (!Number.isInteger(index) || index < 0 || index >= txHashes.length) {
    throw new RangeError(`no leaf ${index} among ${txHashes.length}`);
  }
  const path = [];
  let level = await Promise.all(txHashes.map((h) => txLeafHash(h)));
  let i = index;
  while (level.length > 1) {
    const sibling = i ^ 1;
    if (sibling < level.length) {
      path.push(level[sibling]);
    }
    const next = [];
    for (let j = 0; j < level.length; j += 2) {
      next.push(j + 1 < level.length ? txNodeHash(level[j], level[j + 1]) : level[j]);
    }
    level = await Promise.all(next);
    i >>= 1;
  }
  return path;
}

/**
 * Whether `path` proves that `txHash` is leaf `index` of a tree of `size` leaves with root
 * `root` (RFC 9162 section 2.1.3.2, as TxMerkle.verify). Never throws on bad input. Take `size`
 * from the block header's txCount: the root alone does not bind it (leaf 0 of 3 txs also
 * verifies as leaf 0 of 4 with the same path).
 * @param {Uint8Array|string} root
 * @param {Uint8Array|string} txHash
 * @param {bigint|number} index
 * @param {bigint|number} size
 * @param {(Uint8Array|string)[]} path
 * @returns {Promise<boolean>}
 */
export async function verifyTxInclusion(root, txHash, index, size, path) {
  let fn;
  let sn;
  let r;
  let rootBytes;
  let siblings;
  try {
    fn = toBigInt(index);
    const sz = toBigInt(size);
    if (fn < 0n || fn >= sz) {
      return false;
    }
    sn = sz - 1n;
    rootBytes = asBytes(root, HASH_SIZE, 'root');
    siblings = path.map((p) => asBytes(p, HASH_SIZE, 'path'));
    r = await txLeafHash(asBytes(txHash, HASH_SIZE, 'txHash'));
  } catch (e) {
    if (e instanceof RangeError || e instanceof TypeError) {
      return false;
    }
    throw e;
  }
  for (const p of siblings) {
    if (sn === 0n) {
      return false;
    }
    if ((fn & 1n) === 1n || fn === sn) {
      r = await txNodeHash(p, r);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = await txNodeHash(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  return sn === 0n && equalBytes(r, rootBytes);
}

// ---------------------------------------------------------------------------------------------
// Finality

/**
 * @typedef {object} FinalityResult
 * @property {boolean} final whether the counted stake reaches the threshold
 * @property {bigint} stake the stake of the distinct validators whose valid votes counted
 * @property {bigint} totalStake
 * @property {string[]} voters hex public keys of the validators counted, once each
 * @property {{index: number, reason: string}[]} rejected votes not counted, and why
 */

/**
 * Decides whether a block is final: the distinct validators that signed a vote for exactly this
 * chain, height and block hash hold at least numerator/denominator of the total stake
 * (stake * denominator >= total * numerator, as Java's ValidatorSet.reachesThreshold).
 * Votes for another block, height or chain, from keys outside the set, with bad signatures, or
 * that do not decode are not counted; a validator's repeated votes count once.
 * @param {object} args
 * @param {Uint8Array|string} args.chainId
 * @param {bigint|number} args.height the block's height
 * @param {Uint8Array|string} args.blockHash the header hash
 * @param {(import('./model.js').Vote|Uint8Array)[]} args.votes decoded votes or their encodings
 * @param {{publicKey: Uint8Array|string, stake: bigint|number}[]} args.validators
 * @param {number} args.numerator
 * @param {number} args.denominator
 * @returns {Promise<FinalityResult>}
 */
export async function checkFinality({
  chainId,
  height,
  blockHash,
  votes,
  validators,
  numerator,
  denominator,
}) {
  if (
    !Number.isInteger(numerator) ||
    !Number.isInteger(denominator) ||
    numerator <= 0 ||
    denominator <= 0 ||
    numerator > denominator
  ) {
    throw new RangeError('threshold must be a fraction in (0, 1]');
  }
  if (validators.length === 0) {
    // With no stake at all, 0 >= 0 would call every block final.
    throw new RangeError('no validators');
  }
  const stakes = new Map();
  let totalStake = 0n;
  for (const v of validators) {
    const key = toHex(asBytes(v.publicKey, 32, 'validator key'));
    const stake = toBigInt(v.stake);
    if (stake <= 0n) {
      throw new RangeError('stakes are positive');
    }
    if (stakes.has(key)) {
      throw new RangeError(`validator ${key} listed twice`);
    }
    stakes.set(key, stake);
    totalStake += stake;
  }
  const chain = asBytes(chainId, HASH_SIZE, 'chainId');
  const block = asBytes(blockHash, HASH_SIZE, 'blockHash');
  const h = toBigInt(height);

  const rejected = [];
  const candidates = [];
  votes.forEach((raw, index) => {
    let vote;
    try {
      vote = raw instanceof Uint8Array ? decodeVote(raw) : raw;
    } catch (e) {
      rejected.push({ index, reason: e.code ?? 'MALFORMED' });
      return;
    }
    if (!equalBytes(vote.chainId, chain)) {
      rejected.push({ index, reason: 'WRONG_CHAIN' });
    } else if (vote.height !== h || !equalBytes(vote.blockHash, block)) {
      rejected.push({ index, reason: 'OTHER_BLOCK' });
    } else if (!stakes.has(toHex(vote.voter))) {
      rejected.push({ index, reason: 'UNKNOWN_VOTER' });
    } else {
      candidates.push({ index, vote });
    }
  });
  const valid = await Promise.all(candidates.map((c) => verifyVote(c.vote)));
  const counted = new Set();
  let stake = 0n;
  candidates.forEach((c, i) => {
    const voter = toHex(c.vote.voter);
    if (!valid[i]) {
      rejected.push({ index: c.index, reason: 'BAD_SIGNATURE' });
    } else if (counted.has(voter)) {
      rejected.push({ index: c.index, reason: 'DUPLICATE' });
    } else {
      counted.add(voter);
      stake += stakes.get(voter);
    }
  });
  rejected.sort((a, b) => a.index - b.index);
  const final = stake * BigInt(denominator) >= totalStake * BigInt(numerator);
  return { final, stake, totalStake, voters: [...counted], rejected };
}
