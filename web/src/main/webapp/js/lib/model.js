// The signed and hashed records of io.eris.core.model, byte for byte: transactions (signing
// payload, signature, hash) with their WRITE and TRANSFER bodies, block headers, blocks, votes
// and the genesis (whose hash is the chain id). Decoders are strict and refuse with the same
// ErrorCode as the Java decoders, checking in the same order.
//
// Records are plain objects: byte fields are Uint8Array, u64 fields are BigInt, u8/u16/u32 fields
// are numbers. Encoders accept hex strings for byte fields and numbers for u64 fields as well.

import { CodecError, ErrorCode, Reader, Writer, toBigInt } from './codec.js';
import {
  ADDRESS_SIZE,
  HASH_SIZE,
  PUBLIC_KEY_SIZE,
  SIGNATURE_SIZE,
  parseAddress,
  sha256,
  sign,
  verify,
} from './crypto.js';
import { asBytes, compareBytes, toHex, utf8Encode } from './hex.js';

/** Size limits of io.eris.core.model.Limits. */
export const Limits = Object.freeze({
  MAX_TX_BYTES: 70 * 1024,
  MAX_TX_BODY_BYTES: 66 * 1024,
  MAX_KEY_BYTES: 1024,
  MAX_VALUE_BYTES: 64 * 1024,
  MAX_WRITE_OPS: 256,
  MAX_NAMESPACE_BYTES: 64,
  MAX_BLOCK_TXS: 20_000,
  MAX_BLOCK_BYTES: 16 * 1024 * 1024,
  MAX_GENESIS_BYTES: 4 * 1024 * 1024,
  MAX_ROLE_BYTES: 64,
  MAX_ROLES: 64,
  MAX_VALIDATORS: 1024,
  MAX_ACCOUNTS: 100_000,
});

/** Transaction kinds and their canonical byte (TxKind). */
export const TxKind = Object.freeze({
  WRITE: 1,
  TRANSFER: 2,
  GOVERN_PROPOSE: 3,
  GOVERN_APPROVE: 4,
  ANCHOR: 5,
});

/** Block kinds and their canonical byte (BlockKind). */
export const BlockKind = Object.freeze({ LEADER: 1, POW: 2, GENESIS: 3 });

function nameOf(kinds, code) {
  return Object.keys(kinds).find((k) => kinds[k] === code);
}

/**
 * The name of a transaction kind code, e.g. 2 -> "TRANSFER"; undefined if unknown.
 * @param {number} code
 * @returns {string|undefined}
 */
export function txKindName(code) {
  return nameOf(TxKind, code);
}

/**
 * The name of a block kind code, e.g. 1 -> "LEADER"; undefined if unknown.
 * @param {number} code
 * @returns {string|undefined}
 */
export function blockKindName(code) {
  return nameOf(BlockKind, code);
}

function kindCode(kinds, kind, what) {
  const code = typeof kind === 'string' ? kinds[kind] : kind;
  if (nameOf(kinds, code) === undefined) {
    throw new CodecError(ErrorCode.UNKNOWN_KIND, `unknown ${what} kind ${kind}`);
  }
  return code;
}

function readKind(kinds, code, what) {
  if (nameOf(kinds, code) === undefined) {
    throw new CodecError(ErrorCode.UNKNOWN_KIND, `unknown ${what} kind ${code}`);
  }
  return code;
}

const utf8Length = (s) => utf8Encode(s).length;

// ---------------------------------------------------------------------------------------------
// WRITE body

const PUT = 1;
const DELETE = 2;

/**
 * @typedef {object} WriteOp
 * @property {Uint8Array} key 1..1024 bytes
 * @property {Uint8Array|null} value null for a delete
 */

/**
 * @typedef {object} WriteBody
 * @property {string} namespace "" for the sender's own namespace
 * @property {WriteOp[]} ops 1..256, keys strictly increasing (unsigned byte order)
 */

function checkWriteBody(namespace, ops) {
  if (utf8Length(namespace) > Limits.MAX_NAMESPACE_BYTES) {
    throw new CodecError(ErrorCode.FIELD_TOO_LARGE, 'namespace too long');
  }
  if (ops.length === 0 || ops.length > Limits.MAX_WRITE_OPS) {
    throw new CodecError(
      ErrorCode.INVALID_BODY,
      `a write has 1 to ${Limits.MAX_WRITE_OPS} operations`,
    );
  }
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    if (op.key.length === 0 || op.key.length > Limits.MAX_KEY_BYTES) {
      throw new CodecError(ErrorCode.FIELD_TOO_LARGE, 'key of 1 to 1024 bytes');
    }
    if (op.value != null && op.value.length > Limits.MAX_VALUE_BYTES) {
      throw new CodecError(ErrorCode.FIELD_TOO_LARGE, 'value over 64 KiB');
    }
    if (i > 0 && compareBytes(ops[i - 1].key, op.key) >= 0) {
      throw new CodecError(ErrorCode.NON_CANONICAL, 'write keys must be strictly increasing');
    }
  }
}

/**
 * The canonical bytes of a WRITE body. Ops must already be in key order (as Java requires).
 * @param {WriteBody} body
 * @returns {Uint8Array}
 */
export function encodeWriteBody({ namespace, ops }) {
  const norm = ops.map((op) => ({
    key: asBytes(op.key, undefined, 'key'),
    value: op.value == null ? null : asBytes(op.value, undefined, 'value'),
  }));
  checkWriteBody(namespace, norm);
  const w = new Writer().string(namespace).u32(norm.length);
  for (const op of norm) {
    if (op.value === null) {
      w.u8(DELETE).bytes(op.key);
    } else {
      w.u8(PUT).bytes(op.key).bytes(op.value);
    }
  }
  return w.toBytes();
}

/**
 * Strict decoding of a WRITE body.
 * @param {Uint8Array} bytes
 * @returns {WriteBody}
 */
export function decodeWriteBody(bytes) {
  const r = new Reader(bytes, Limits.MAX_TX_BODY_BYTES);
  const namespace = r.string(Limits.MAX_NAMESPACE_BYTES, 'namespace');
  const n = r.count(Limits.MAX_WRITE_OPS, 'ops');
  const ops = [];
  for (let i = 0; i < n; i++) {
    const code = r.u8('op');
    const key = r.bytes(Limits.MAX_KEY_BYTES, 'key');
    if (code === PUT) {
      ops.push({ key, value: r.bytes(Limits.MAX_VALUE_BYTES, 'value') });
    } else if (code === DELETE) {
      ops.push({ key, value: null });
    } else {
      throw new CodecError(ErrorCode.UNKNOWN_KIND, `unknown write op ${code}`);
    }
  }
  r.finish('write body');
  checkWriteBody(namespace, ops);
  return { namespace, ops };
}

// ---------------------------------------------------------------------------------------------
// TRANSFER body

/** Longest memo of a transfer, in UTF-8 bytes. */
export const MAX_MEMO_BYTES = 256;

/**
 * @typedef {object} TransferBody
 * @property {Uint8Array} to the recipient's 20-byte address
 * @property {bigint} amount positive
 * @property {string} memo at most 256 UTF-8 bytes
 */

function checkTransferBody(amount, memo) {
  if (amount <= 0n) {
    throw new CodecError(ErrorCode.INVALID_BODY, 'amount must be positive');
  }
  if (utf8Length(memo) > MAX_MEMO_BYTES) {
    throw new CodecError(ErrorCode.FIELD_TOO_LARGE, 'memo over 256 bytes');
  }
}

/**
 * The canonical bytes of a TRANSFER body.
 * @param {{to: Uint8Array|string, amount: bigint|number, memo?: string}} body `to` as 20 bytes
 *     or 40 lower-case hex digits
 * @returns {Uint8Array}
 */
export function encodeTransferBody({ to, amount, memo = '' }) {
  const toBytes = typeof to === 'string' ? parseAddress(to) : asBytes(to, ADDRESS_SIZE, 'to');
  const big = toBigInt(amount);
  checkTransferBody(big, memo);
  return new Writer(64).fixed(toBytes, ADDRESS_SIZE).u64(big).string(memo).toBytes();
}

/**
 * Strict decoding of a TRANSFER body.
 * @param {Uint8Array} bytes
 * @returns {TransferBody}
 */
export function decodeTransferBody(bytes) {
  const r = new Reader(bytes, Limits.MAX_TX_BODY_BYTES);
  const to = r.fixed(ADDRESS_SIZE, 'to');
  const amount = r.u64('amount');
  const memo = r.string(MAX_MEMO_BYTES, 'memo');
  r.finish('transfer body');
  checkTransferBody(amount, memo);
  return { to, amount, memo };
}

// ---------------------------------------------------------------------------------------------
// Transaction

const TX_TAG = 0x54;
const TX_VERSION = 1;

/**
 * @typedef {object} Transaction
 * @property {Uint8Array} chainId 32 bytes
 * @property {Uint8Array} sender the 32-byte public key
 * @property {bigint} nonce
 * @property {number} kind a TxKind code
 * @property {Uint8Array} body the kind's canonical body bytes
 * @property {Uint8Array} signature 64 bytes, Ed25519 over the signing payload
 */

/**
 * The bytes a transaction's signature covers:
 * u8 0x54 | u8 1 | chainId[32] | sender[32] | u64 nonce | u8 kind | bytes body.
 * @param {{chainId, sender, nonce, kind, body}} tx
 * @returns {Uint8Array}
 */
export function txSigningPayload({ chainId, sender, nonce, kind, body }) {
  const bodyBytes = asBytes(body, undefined, 'body');
  if (bodyBytes.length > Limits.MAX_TX_BODY_BYTES) {
    throw new RangeError(`body over ${Limits.MAX_TX_BODY_BYTES} bytes`);
  }
  return new Writer(bodyBytes.length + 96)
    .u8(TX_TAG)
    .u8(TX_VERSION)
    .fixed(asBytes(chainId, HASH_SIZE, 'chainId'), HASH_SIZE)
    .fixed(asBytes(sender, PUBLIC_KEY_SIZE, 'sender'), PUBLIC_KEY_SIZE)
    .u64(nonce)
    .u8(kindCode(TxKind, kind, 'transaction'))
    .bytes(bodyBytes)
    .toBytes();
}

/**
 * The canonical bytes of a signed transaction: signing payload | signature[64].
 * @param {Transaction} tx
 * @returns {Uint8Array}
 */
export function encodeTransaction(tx) {
  const payload = txSigningPayload(tx);
  return new Writer(payload.length + SIGNATURE_SIZE)
    .raw(payload)
    .fixed(asBytes(tx.signature, SIGNATURE_SIZE, 'signature'), SIGNATURE_SIZE)
    .toBytes();
}

/**
 * Strict decoding of a transaction; does not check the signature (see verifyTransaction).
 * @param {Uint8Array} bytes
 * @returns {Transaction}
 */
export function decodeTransaction(bytes) {
  const r = new Reader(bytes, Limits.MAX_TX_BYTES);
  r.header(TX_TAG, TX_VERSION, 'transaction');
  const chainId = r.fixed(HASH_SIZE, 'chainId');
  const sender = r.fixed(PUBLIC_KEY_SIZE, 'sender');
  const nonce = r.u64('nonce');
  const kind = readKind(TxKind, r.u8('kind'), 'transaction');
  const body = r.bytes(Limits.MAX_TX_BODY_BYTES, 'body');
  const signature = r.fixed(SIGNATURE_SIZE, 'signature');
  r.finish('transaction');
  return { chainId, sender, nonce, kind, body, signature };
}

/**
 * A transaction's hash: SHA-256 of its canonical bytes.
 * @param {Transaction|Uint8Array} tx the record or its encoding
 * @returns {Promise<Uint8Array>}
 */
export async function transactionHash(tx) {
  return sha256(tx instanceof Uint8Array ? tx : encodeTransaction(tx));
}

/**
 * Whether the transaction's signature is valid for its sender.
 * @param {Transaction} tx
 * @returns {Promise<boolean>}
 */
export async function verifyTransaction(tx) {
  return verify(tx.sender, txSigningPayload(tx), tx.signature);
}

/**
 * Builds and signs a transaction with the sender's key, as Java's Transaction.sign.
 * @param {import('./crypto.js').ErisKey} key the sender
 * @param {Uint8Array|string} chainId the genesis hash
 * @param {bigint|number} nonce the sender's next nonce
 * @param {number|string} kind a TxKind code or name
 * @param {Uint8Array|WriteBody|{to, amount, memo}} body the body bytes, or for WRITE and
 *     TRANSFER the body record to encode
 * @returns {Promise<{tx: Transaction, encoded: Uint8Array, hash: Uint8Array}>}
 */
export async function signTransaction(key, chainId, nonce, kind, body) {
  const code = kindCode(TxKind, kind, 'transaction');
  let bodyBytes;
  if (body instanceof Uint8Array || typeof body === 'string') {
    bodyBytes = asBytes(body, undefined, 'body');
  } else if (code === TxKind.WRITE) {
    bodyBytes = encodeWriteBody(body);
  } else if (code === TxKind.TRANSFER) {
    bodyBytes = encodeTransferBody(body);
  } else {
    throw new TypeError(`pass the encoded body of a ${txKindName(code)} transaction`);
  }
  const unsigned = {
    chainId: asBytes(chainId, HASH_SIZE, 'chainId'),
    sender: key.publicKey,
    nonce: toBigInt(nonce),
    kind: code,
    body: bodyBytes,
  };
  const signature = await sign(key, txSigningPayload(unsigned));
  const tx = { ...unsigned, signature };
  const encoded = encodeTransaction(tx);
  return { tx, encoded, hash: await sha256(encoded) };
}

// ---------------------------------------------------------------------------------------------
// Block header

const HEADER_TAG = 0x48;
const HEADER_VERSION = 1;
/** The fixed size of an encoded block header. */
export const HEADER_SIZE = 2 + 32 + 8 + 32 + 8 + 1 + 20 + 8 + 32 + 32 + 4 + 32 + 8;
const INT_MAX = 0x7fffffff;

/**
 * @typedef {object} BlockHeader
 * @property {Uint8Array} chainId
 * @property {bigint} height
 * @property {Uint8Array} parent
 * @property {bigint} timestampMillis
 * @property {number} kind a BlockKind code
 * @property {Uint8Array} proposer 20-byte address
 * @property {bigint} leaderEpoch
 * @property {Uint8Array} txRoot
 * @property {Uint8Array} stateRoot
 * @property {number} txCount
 * @property {Uint8Array} powTarget
 * @property {bigint} powNonce
 */

/**
 * The fixed-layout encoding of a block header (HEADER_SIZE bytes).
 * @param {BlockHeader} h
 * @returns {Uint8Array}
 */
export function encodeBlockHeader(h) {
  return new Writer(HEADER_SIZE)
    .u8(HEADER_TAG)
    .u8(HEADER_VERSION)
    .fixed(asBytes(h.chainId, HASH_SIZE, 'chainId'), HASH_SIZE)
    .u64(h.height)
    .fixed(asBytes(h.parent, HASH_SIZE, 'parent'), HASH_SIZE)
    .u64(h.timestampMillis)
    .u8(kindCode(BlockKind, h.kind, 'block'))
    .fixed(asBytes(h.proposer, ADDRESS_SIZE, 'proposer'), ADDRESS_SIZE)
    .u64(h.leaderEpoch)
    .fixed(asBytes(h.txRoot, HASH_SIZE, 'txRoot'), HASH_SIZE)
    .fixed(asBytes(h.stateRoot, HASH_SIZE, 'stateRoot'), HASH_SIZE)
    .u32(h.txCount)
    .fixed(asBytes(h.powTarget, HASH_SIZE, 'powTarget'), HASH_SIZE)
    .u64(h.powNonce)
    .toBytes();
}

function readBlockHeader(r) {
  r.header(HEADER_TAG, HEADER_VERSION, 'block header');
  return {
    chainId: r.fixed(HASH_SIZE, 'chainId'),
    height: r.u64('height'),
    parent: r.fixed(HASH_SIZE, 'parent'),
    timestampMillis: r.u64('timestamp'),
    kind: readKind(BlockKind, r.u8('kind'), 'block'),
    proposer: r.fixed(ADDRESS_SIZE, 'proposer'),
    leaderEpoch: r.u64('leaderEpoch'),
    txRoot: r.fixed(HASH_SIZE, 'txRoot'),
    stateRoot: r.fixed(HASH_SIZE, 'stateRoot'),
    // Java keeps txCount in an int and clamps, so do the same to hash what Java hashes.
    txCount: Math.min(INT_MAX, r.u32('txCount')),
    powTarget: r.fixed(HASH_SIZE, 'powTarget'),
    powNonce: r.u64('powNonce'),
  };
}

/**
 * Strict decoding of a block header. Input longer than HEADER_SIZE is MESSAGE_TOO_LARGE.
 * @param {Uint8Array} bytes
 * @returns {BlockHeader}
 */
export function decodeBlockHeader(bytes) {
  const r = new Reader(bytes, HEADER_SIZE);
  const h = readBlockHeader(r);
  r.finish('block header');
  return h;
}

/**
 * The block hash: SHA-256 of the header's encoding.
 * @param {BlockHeader|Uint8Array} header the record or its encoding
 * @returns {Promise<Uint8Array>}
 */
export async function blockHeaderHash(header) {
  return sha256(header instanceof Uint8Array ? header : encodeBlockHeader(header));
}

// ---------------------------------------------------------------------------------------------
// Block

const BLOCK_TAG = 0x42;
const BLOCK_VERSION = 1;

/**
 * @typedef {object} Block
 * @property {BlockHeader} header
 * @property {Uint8Array} signature the proposer's signature over the header hash (zero at genesis)
 * @property {Transaction[]} txs
 */

/**
 * The canonical bytes of a block.
 * @param {Block} block
 * @returns {Uint8Array}
 */
export function encodeBlock({ header, signature, txs }) {
  const w = new Writer()
    .u8(BLOCK_TAG)
    .u8(BLOCK_VERSION)
    .raw(encodeBlockHeader(header))
    .fixed(asBytes(signature, SIGNATURE_SIZE, 'signature'), SIGNATURE_SIZE)
    .u32(txs.length);
  for (const tx of txs) {
    w.bytes(tx instanceof Uint8Array ? tx : encodeTransaction(tx));
  }
  return w.toBytes();
}

/**
 * Strict decoding of a block; the header's txCount must equal the number of txs.
 * @param {Uint8Array} bytes
 * @returns {Block}
 */
export function decodeBlock(bytes) {
  const r = new Reader(bytes, Limits.MAX_BLOCK_BYTES);
  r.header(BLOCK_TAG, BLOCK_VERSION, 'block');
  const header = readBlockHeader(r);
  const signature = r.fixed(SIGNATURE_SIZE, 'signature');
  const n = r.count(Limits.MAX_BLOCK_TXS, 'txs');
  if (n !== header.txCount) {
    throw new CodecError(
      ErrorCode.NON_CANONICAL,
      `header says ${header.txCount} txs, body has ${n}`,
    );
  }
  const txs = [];
  for (let i = 0; i < n; i++) {
    txs.push(decodeTransaction(r.bytes(Limits.MAX_TX_BYTES, 'tx')));
  }
  r.finish('block');
  return { header, signature, txs };
}

/**
 * Whether the block's signature is the proposer's signature over the header hash.
 * @param {Block} block
 * @param {Uint8Array|string} proposerKey the proposer's public key
 * @returns {Promise<boolean>}
 */
export async function verifyBlockSignature(block, proposerKey) {
  return verify(proposerKey, await blockHeaderHash(block.header), block.signature);
}

// ---------------------------------------------------------------------------------------------
// Vote

const VOTE_TAG = 0x56;
const VOTE_VERSION = 1;
/** The fixed size of an encoded vote. */
export const VOTE_SIZE = 2 + 32 + 8 + 32 + 32 + 64;

/**
 * @typedef {object} Vote
 * @property {Uint8Array} chainId
 * @property {bigint} height
 * @property {Uint8Array} blockHash
 * @property {Uint8Array} voter the validator's 32-byte public key
 * @property {Uint8Array} signature
 */

/**
 * The bytes a vote's signature covers:
 * u8 0x56 | u8 1 | chainId[32] | u64 height | blockHash[32] | voter[32].
 * @param {{chainId, height, blockHash, voter}} vote
 * @returns {Uint8Array}
 */
export function voteSigningPayload({ chainId, height, blockHash, voter }) {
  return new Writer(VOTE_SIZE)
    .u8(VOTE_TAG)
    .u8(VOTE_VERSION)
    .fixed(asBytes(chainId, HASH_SIZE, 'chainId'), HASH_SIZE)
    .u64(height)
    .fixed(asBytes(blockHash, HASH_SIZE, 'blockHash'), HASH_SIZE)
    .fixed(asBytes(voter, PUBLIC_KEY_SIZE, 'voter'), PUBLIC_KEY_SIZE)
    .toBytes();
}

/**
 * The canonical bytes of a vote: signing payload | signature[64].
 * @param {Vote} vote
 * @returns {Uint8Array}
 */
export function encodeVote(vote) {
  return new Writer(VOTE_SIZE)
    .raw(voteSigningPayload(vote))
    .fixed(asBytes(vote.signature, SIGNATURE_SIZE, 'signature'), SIGNATURE_SIZE)
    .toBytes();
}

/**
 * Strict decoding of a vote. Input longer than VOTE_SIZE is MESSAGE_TOO_LARGE.
 * @param {Uint8Array} bytes
 * @returns {Vote}
 */
export function decodeVote(bytes) {
  const r = new Reader(bytes, VOTE_SIZE);
  r.header(VOTE_TAG, VOTE_VERSION, 'vote');
  const vote = {
    chainId: r.fixed(HASH_SIZE, 'chainId'),
    height: r.u64('height'),
    blockHash: r.fixed(HASH_SIZE, 'blockHash'),
    voter: r.fixed(PUBLIC_KEY_SIZE, 'voter'),
    signature: r.fixed(SIGNATURE_SIZE, 'signature'),
  };
  r.finish('vote');
  return vote;
}

/**
 * A vote's hash: SHA-256 of its encoding.
 * @param {Vote|Uint8Array} vote
 * @returns {Promise<Uint8Array>}
 */
export async function voteHash(vote) {
  return sha256(vote instanceof Uint8Array ? vote : encodeVote(vote));
}

/**
 * Signs a vote for a block.
 * @param {import('./crypto.js').ErisKey} key the validator
 * @param {Uint8Array|string} chainId
 * @param {bigint|number} height
 * @param {Uint8Array|string} blockHash
 * @returns {Promise<Vote>}
 */
export async function signVote(key, chainId, height, blockHash) {
  const unsigned = {
    chainId: asBytes(chainId, HASH_SIZE, 'chainId'),
    height: toBigInt(height),
    blockHash: asBytes(blockHash, HASH_SIZE, 'blockHash'),
    voter: key.publicKey,
  };
  return { ...unsigned, signature: await sign(key, voteSigningPayload(unsigned)) };
}

/**
 * Whether the vote is signed by its voter.
 * @param {Vote} vote
 * @returns {Promise<boolean>}
 */
export async function verifyVote(vote) {
  return verify(vote.voter, voteSigningPayload(vote), vote.signature);
}

// ---------------------------------------------------------------------------------------------
// Genesis

const GENESIS_TAG = 0x47;
const GENESIS_VERSION = 1;
/** The proof-of-work functions a genesis may name. */
export const POW_FUNCTIONS = Object.freeze(['sha256d-v1', 'argon2id-v1']);
const ROLE_PATTERN = /^[a-z0-9:_.-]+$/;

/**
 * @typedef {object} Genesis
 * @property {string} chainName
 * @property {bigint} timestampMillis
 * @property {number} blockIntervalMs
 * @property {number} leaderTimeoutMs
 * @property {Uint8Array} leaderKey
 * @property {{key: Uint8Array, stake: bigint, roles: string[]}[]} validators sorted by key
 * @property {{key: Uint8Array, balance: bigint, roles: string[]}[]} accounts sorted by key
 * @property {Uint8Array[]} governanceSigners sorted
 * @property {number} governanceThreshold
 * @property {string} powFunction
 * @property {Uint8Array} powBaseTarget
 * @property {number} powExpectedBlockMs
 * @property {number} finalityNumerator
 * @property {number} finalityDenominator
 * @property {number} anchorEvery
 * @property {number} maxBlockTxs
 */

function invalidGenesis(why) {
  return new CodecError(ErrorCode.INVALID_GENESIS, why);
}

// Genesis.canonicalRoles: sorts (UTF-16 order, as Java's TreeSet<String>) and validates.
function genesisRoles(roles) {
  const sorted = [...new Set(roles)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (sorted.length !== roles.length) {
    throw invalidGenesis('duplicate role');
  }
  if (sorted.length > Limits.MAX_ROLES) {
    throw invalidGenesis('too many roles');
  }
  for (const r of sorted) {
    if (r.length === 0 || r.length > Limits.MAX_ROLE_BYTES || !ROLE_PATTERN.test(r)) {
      throw invalidGenesis(`role names are 1-64 chars of [a-z0-9:_.-]: ${r}`);
    }
  }
  return sorted;
}

function checkSortedUnique(keys, what) {
  for (let i = 1; i < keys.length; i++) {
    if (compareBytes(keys[i - 1], keys[i]) >= 0) {
      throw new CodecError(ErrorCode.NON_CANONICAL, `${what} must be sorted and unique`);
    }
  }
}

// The checks of Genesis's constructor, in its order.
function checkGenesis(g) {
  if (g.chainName.length === 0 || g.chainName.length > 64) {
    throw invalidGenesis('chainName must have 1 to 64 characters');
  }
  if (g.blockIntervalMs < 10 || g.blockIntervalMs > 600_000) {
    throw invalidGenesis('blockIntervalMs must be 10..600000');
  }
  if (g.leaderTimeoutMs <= g.blockIntervalMs) {
    throw invalidGenesis('leaderTimeoutMs must exceed blockIntervalMs');
  }
  if (g.validators.length === 0 || g.validators.length > Limits.MAX_VALIDATORS) {
    throw invalidGenesis(`1 to ${Limits.MAX_VALIDATORS} validators`);
  }
  if (g.accounts.length > Limits.MAX_ACCOUNTS) {
    throw invalidGenesis('too many accounts');
  }
  checkSortedUnique(
    g.validators.map((v) => v.key),
    'validators',
  );
  checkSortedUnique(
    g.accounts.map((a) => a.key),
    'accounts',
  );
  checkSortedUnique(g.governanceSigners, 'governance signers');
  let total = 0n;
  for (const v of g.validators) {
    if (v.stake <= 0n) {
      throw invalidGenesis('validator stake must be positive');
    }
    total += v.stake;
    if (total > (1n << 63n) - 1n) {
      // Java's Math.addExact throws an ArithmeticException here, without an error code.
      throw invalidGenesis('total stake overflows a long');
    }
  }
  if (
    g.governanceSigners.length === 0 ||
    g.governanceThreshold < 1 ||
    g.governanceThreshold > g.governanceSigners.length
  ) {
    throw invalidGenesis('governance needs 1 <= M <= N signers');
  }
  if (!POW_FUNCTIONS.includes(g.powFunction)) {
    throw invalidGenesis(`unknown proof-of-work function ${g.powFunction}`);
  }
  if (g.powExpectedBlockMs <= 0) {
    throw invalidGenesis('powExpectedBlockMs must be positive');
  }
  const num = g.finalityNumerator;
  const den = g.finalityDenominator;
  if (den <= 0 || num <= 0 || num > den || 2 * num <= den) {
    throw invalidGenesis('finality threshold must be a fraction in (1/2, 1]');
  }
  if (g.anchorEvery <= 0 || g.maxBlockTxs <= 0 || g.maxBlockTxs > Limits.MAX_BLOCK_TXS) {
    throw invalidGenesis('anchorEvery and maxBlockTxs must be positive (maxBlockTxs <= 20000)');
  }
}

/**
 * The canonical bytes of a genesis; the record is validated first (INVALID_GENESIS or
 * NON_CANONICAL for unsorted lists). Roles are sorted here, as Java's records sort them.
 * @param {Genesis} g
 * @returns {Uint8Array}
 */
export function encodeGenesis(g) {
  const norm = {
    ...g,
    timestampMillis: toBigInt(g.timestampMillis),
    leaderKey: asBytes(g.leaderKey, PUBLIC_KEY_SIZE, 'leaderKey'),
    validators: g.validators.map((v) => ({
      key: asBytes(v.key, PUBLIC_KEY_SIZE, 'validator'),
      stake: toBigInt(v.stake),
      roles: genesisRoles(v.roles ?? []),
    })),
    accounts: g.accounts.map((a) => ({
      key: asBytes(a.key, PUBLIC_KEY_SIZE, 'account'),
      balance: toBigInt(a.balance),
      roles: genesisRoles(a.roles ?? []),
    })),
    governanceSigners: g.governanceSigners.map((k) => asBytes(k, PUBLIC_KEY_SIZE, 'signer')),
    powBaseTarget: asBytes(g.powBaseTarget, HASH_SIZE, 'powBaseTarget'),
  };
  checkGenesis(norm);
  const w = new Writer(1024)
    .u8(GENESIS_TAG)
    .u8(GENESIS_VERSION)
    .string(norm.chainName)
    .u64(norm.timestampMillis)
    .u32(norm.blockIntervalMs)
    .u32(norm.leaderTimeoutMs)
    .fixed(norm.leaderKey, PUBLIC_KEY_SIZE);
  const writeRoles = (roles) => {
    w.u32(roles.length);
    for (const r of roles) {
      w.string(r);
    }
  };
  w.u32(norm.validators.length);
  for (const v of norm.validators) {
    w.fixed(v.key, PUBLIC_KEY_SIZE).u64(v.stake);
    writeRoles(v.roles);
  }
  w.u32(norm.accounts.length);
  for (const a of norm.accounts) {
    w.fixed(a.key, PUBLIC_KEY_SIZE).u64(a.balance);
    writeRoles(a.roles);
  }
  w.u32(norm.governanceSigners.length);
  for (const k of norm.governanceSigners) {
    w.fixed(k, PUBLIC_KEY_SIZE);
  }
  return w
    .u16(norm.governanceThreshold)
    .string(norm.powFunction)
    .fixed(norm.powBaseTarget, HASH_SIZE)
    .u32(norm.powExpectedBlockMs)
    .u16(norm.finalityNumerator)
    .u16(norm.finalityDenominator)
    .u32(norm.anchorEvery)
    .u32(norm.maxBlockTxs)
    .toBytes();
}

function readGenesisRoles(r) {
  const n = r.count(Limits.MAX_ROLES, 'roles');
  const roles = [];
  for (let i = 0; i < n; i++) {
    roles.push(r.string(Limits.MAX_ROLE_BYTES, 'role'));
  }
  for (let i = 1; i < n; i++) {
    if (roles[i - 1] >= roles[i]) {
      throw new CodecError(ErrorCode.NON_CANONICAL, 'roles must be sorted and unique');
    }
  }
  return genesisRoles(roles);
}

/**
 * Strict decoding of a genesis, with the same checks as Java's Genesis.decode in the same order
 * (content checks come before the trailing-bytes check, as there).
 * @param {Uint8Array} bytes
 * @returns {Genesis}
 */
export function decodeGenesis(bytes) {
  const r = new Reader(bytes, Limits.MAX_GENESIS_BYTES);
  r.header(GENESIS_TAG, GENESIS_VERSION, 'genesis');
  const g = {};
  g.chainName = r.string(64, 'chainName');
  g.timestampMillis = r.u64('timestamp');
  // Java holds these u32 fields in ints and clamps them to 2^31-1; mirror it so that
  // re-encoding gives the bytes Java hashes into the chain id.
  g.blockIntervalMs = Math.min(INT_MAX, r.u32('blockIntervalMs'));
  g.leaderTimeoutMs = Math.min(INT_MAX, r.u32('leaderTimeoutMs'));
  g.leaderKey = r.fixed(PUBLIC_KEY_SIZE, 'leaderKey');
  const nv = r.count(Limits.MAX_VALIDATORS, 'validators');
  g.validators = [];
  for (let i = 0; i < nv; i++) {
    const key = r.fixed(PUBLIC_KEY_SIZE, 'validator');
    const stake = r.u64('stake');
    g.validators.push({ key, stake, roles: readGenesisRoles(r) });
  }
  const na = r.count(Limits.MAX_ACCOUNTS, 'accounts');
  g.accounts = [];
  for (let i = 0; i < na; i++) {
    const key = r.fixed(PUBLIC_KEY_SIZE, 'account');
    const balance = r.u64('balance');
    g.accounts.push({ key, balance, roles: readGenesisRoles(r) });
  }
  const ng = r.count(Limits.MAX_VALIDATORS, 'governance signers');
  g.governanceSigners = [];
  for (let i = 0; i < ng; i++) {
    g.governanceSigners.push(r.fixed(PUBLIC_KEY_SIZE, 'signer'));
  }
  g.governanceThreshold = r.u16('threshold');
  g.powFunction = r.string(32, 'powFunction');
  g.powBaseTarget = r.fixed(HASH_SIZE, 'powBaseTarget');
  g.powExpectedBlockMs = Math.min(INT_MAX, r.u32('powExpectedBlockMs'));
  g.finalityNumerator = r.u16('finalityNumerator');
  g.finalityDenominator = r.u16('finalityDenominator');
  g.anchorEvery = Math.min(INT_MAX, r.u32('anchorEvery'));
  g.maxBlockTxs = Math.min(INT_MAX, r.u32('maxBlockTxs'));
  checkGenesis(g);
  r.finish('genesis');
  return g;
}

const JSON_MEMBERS = {
  genesis: [
    'chainName',
    'timestamp',
    'blockIntervalMs',
    'leaderTimeoutMs',
    'leader',
    'validators',
    'accounts',
    'governance',
    'pow',
    'finality',
    'anchorEvery',
    'maxBlockTxs',
  ],
  governance: ['signers', 'threshold'],
  pow: ['function', 'baseTarget', 'expectedBlockMs'],
  finality: ['numerator', 'denominator'],
  validator: ['publicKey', 'address', 'stake', 'roles'],
  account: ['publicKey', 'address', 'balance', 'roles'],
};

/**
 * The genesis of its JSON file form (Genesis.fromJson): unknown members refused, an `address`
 * next to a public key checked when present, lists sorted by key before the record is built.
 * Unlike Java, which truncates them silently, int fields over 2^31-1 are refused, and so are
 * integers JavaScript cannot hold exactly (over 2^53-1) unless given as BigInt.
 * @param {object|string} json the parsed file or its text
 * @returns {Promise<Genesis>}
 * @throws {CodecError} INVALID_GENESIS (or NON_CANONICAL for a key listed twice)
 */
export async function genesisFromJson(json) {
  let m;
  try {
    m = typeof json === 'string' ? JSON.parse(json) : json;
  } catch (e) {
    throw new CodecError(ErrorCode.MALFORMED_JSON, e.message);
  }
  const obj = (o, what) => {
    if (o === null || typeof o !== 'object' || Array.isArray(o)) {
      throw invalidGenesis(`${what} must be an object`);
    }
    for (const name of Object.keys(o)) {
      if (!JSON_MEMBERS[what].includes(name)) {
        throw invalidGenesis(`unknown member "${name}" in ${what}`);
      }
    }
    return o;
  };
  const list = (o, what) => {
    if (!Array.isArray(o)) {
      throw invalidGenesis(`${what} must be an array`);
    }
    return o;
  };
  const str = (o, what) => {
    if (typeof o !== 'string') {
      throw invalidGenesis(`${what} must be a string`);
    }
    return o;
  };
  const big = (o, what) => {
    if (!((typeof o === 'bigint' && o >= 0n) || (Number.isSafeInteger(o) && o >= 0))) {
      throw invalidGenesis(`${what} must be a non-negative integer`);
    }
    return BigInt(o);
  };
  const int = (o, what) => {
    const v = big(o, what);
    if (v > BigInt(INT_MAX)) {
      throw invalidGenesis(`${what} must be at most 2^31-1`);
    }
    return Number(v);
  };
  const key = (o) => {
    const hex = str(o, 'public key');
    if (!/^[0-9a-f]{64}$/.test(hex)) {
      throw invalidGenesis('a public key is 64 lower-case hex digits');
    }
    return asBytes(hex, PUBLIC_KEY_SIZE);
  };
  const roles = (o) => (o.roles == null ? [] : list(o.roles, 'roles').map((r) => str(r, 'role')));
  const checkAddress = async (o) => {
    if (o.address != null && o.address !== toHex((await sha256(key(o.publicKey))).slice(0, 20))) {
      throw invalidGenesis(`address ${o.address} does not match its public key`);
    }
  };

  obj(m, 'genesis');
  const gov = obj(m.governance, 'governance');
  const pow = obj(m.pow, 'pow');
  const fin = obj(m.finality, 'finality');
  const validators = [];
  for (const o of list(m.validators, 'validators')) {
    obj(o, 'validator');
    await checkAddress(o);
    validators.push({
      key: key(o.publicKey),
      stake: big(o.stake, 'stake'),
      roles: genesisRoles(roles(o)),
    });
  }
  const accounts = [];
  for (const o of list(m.accounts, 'accounts')) {
    obj(o, 'account');
    await checkAddress(o);
    accounts.push({
      key: key(o.publicKey),
      balance: big(o.balance, 'balance'),
      roles: genesisRoles(roles(o)),
    });
  }
  const signers = list(gov.signers, 'governance.signers').map(key);
  validators.sort((a, b) => compareBytes(a.key, b.key));
  accounts.sort((a, b) => compareBytes(a.key, b.key));
  signers.sort(compareBytes);
  const baseTarget = str(pow.baseTarget, 'pow.baseTarget');
  if (!/^[0-9a-fA-F]{64}$/.test(baseTarget)) {
    throw invalidGenesis('pow.baseTarget is 32 bytes of hex');
  }
  const g = {
    chainName: str(m.chainName, 'chainName'),
    timestampMillis: big(m.timestamp, 'timestamp'),
    blockIntervalMs: int(m.blockIntervalMs, 'blockIntervalMs'),
    leaderTimeoutMs: int(m.leaderTimeoutMs, 'leaderTimeoutMs'),
    leaderKey: key(m.leader),
    validators,
    accounts,
    governanceSigners: signers,
    governanceThreshold: int(gov.threshold, 'governance.threshold'),
    powFunction: str(pow.function, 'pow.function'),
    powBaseTarget: asBytes(baseTarget, HASH_SIZE),
    powExpectedBlockMs: int(pow.expectedBlockMs, 'pow.expectedBlockMs'),
    finalityNumerator: int(fin.numerator, 'finality.numerator'),
    finalityDenominator: int(fin.denominator, 'finality.denominator'),
    anchorEvery: int(m.anchorEvery, 'anchorEvery'),
    maxBlockTxs: int(m.maxBlockTxs, 'maxBlockTxs'),
  };
  checkGenesis(g);
  // u16 fields: Java writes them with u16() and fails there; refuse here with a code instead.
  for (const f of ['governanceThreshold', 'finalityNumerator', 'finalityDenominator']) {
    if (g[f] > 0xffff) {
      throw invalidGenesis(`${f} must be at most 65535`);
    }
  }
  return g;
}

/**
 * The chain id: SHA-256 of the genesis's canonical encoding (re-encoded from the record, as Java
 * computes it).
 * @param {Genesis} genesis
 * @returns {Promise<Uint8Array>}
 */
export async function genesisChainId(genesis) {
  return sha256(encodeGenesis(genesis));
}

/**
 * The validator set and finality threshold a genesis starts the chain with, in the form
 * checkFinality takes.
 * @param {Genesis} genesis
 * @returns {{validators: {publicKey: Uint8Array, stake: bigint}[], numerator: number,
 *     denominator: number}}
 */
export function genesisValidatorSet(genesis) {
  return {
    validators: genesis.validators.map((v) => ({ publicKey: v.key, stake: v.stake })),
    numerator: genesis.finalityNumerator,
    denominator: genesis.finalityDenominator,
  };
}
