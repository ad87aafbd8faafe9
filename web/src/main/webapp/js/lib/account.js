// The ledger's layout in the state tree (io.eris.core.ledger.StateKeys) and the account entry
// (AccountState), so the client can read its own account, or a key-value entry, from a state proof
// and check it against a final header's state root.

import { CodecError, ErrorCode, Reader, Writer, toBigInt } from './codec.js';
import { ADDRESS_SIZE, HASH_SIZE, PUBLIC_KEY_SIZE, address, parseAddress } from './crypto.js';
import { asBytes, concatBytes, toHex, utf8Encode } from './hex.js';
import { Limits } from './model.js';
import { verifyStateProof } from './proofs.js';

/** Largest state key and value, in bytes (StateChange). */
export const MAX_STATE_KEY_BYTES = 1024;
export const MAX_STATE_VALUE_BYTES = 64 * 1024;

/** One-byte prefixes of state keys (StateKeys). */
export const StatePrefix = Object.freeze({
  ACCOUNT: 0x01,
  VALIDATOR: 0x02,
  KV: 0x03,
  PROPOSAL: 0x04,
  ANCHOR: 0x05,
  PARAMS: 0x10,
  VALIDATOR_SET: 0x11,
  GOVERNANCE: 0x12,
  OPEN_PROPOSALS: 0x13,
});

function addressArg(addr) {
  return typeof addr === 'string' ? parseAddress(addr) : asBytes(addr, ADDRESS_SIZE, 'address');
}

/**
 * The state key of an account: 0x01 | address[20].
 * @param {Uint8Array|string} addr 20 bytes or 40 lower-case hex digits
 * @returns {Uint8Array}
 */
export function accountStateKey(addr) {
  return concatBytes(new Uint8Array([StatePrefix.ACCOUNT]), addressArg(addr));
}

/**
 * The state key of a validator entry: 0x02 | address[20].
 * @param {Uint8Array|string} addr
 * @returns {Uint8Array}
 */
export function validatorStateKey(addr) {
  return concatBytes(new Uint8Array([StatePrefix.VALIDATOR]), addressArg(addr));
}

/**
 * The state key of a key-value entry: 0x03 | u8 n | namespace (n bytes UTF-8) | key.
 * @param {string} namespace
 * @param {Uint8Array} key
 * @returns {Uint8Array}
 * @throws {CodecError} FIELD_TOO_LARGE past 1024 bytes (or a namespace over 255 bytes)
 */
export function kvStateKey(namespace, key) {
  const ns = utf8Encode(namespace);
  const k = asBytes(key, undefined, 'key');
  if (ns.length > 255 || 2 + ns.length + k.length > MAX_STATE_KEY_BYTES) {
    throw new CodecError(
      ErrorCode.FIELD_TOO_LARGE,
      `namespace and key take ${2 + ns.length + k.length} bytes of state key, ` +
        `limit ${MAX_STATE_KEY_BYTES}`,
    );
  }
  return concatBytes(new Uint8Array([StatePrefix.KV, ns.length]), ns, k);
}

/**
 * The state key of a governance proposal: 0x04 | id[32].
 * @param {Uint8Array|string} id the hash of the GOVERN_PROPOSE transaction
 * @returns {Uint8Array}
 */
export function proposalStateKey(id) {
  return concatBytes(new Uint8Array([StatePrefix.PROPOSAL]), asBytes(id, HASH_SIZE, 'id'));
}

/**
 * The state key of an anchor: 0x05 | u64 height.
 * @param {bigint|number} height
 * @returns {Uint8Array}
 */
export function anchorStateKey(height) {
  return new Writer(9).u8(StatePrefix.ANCHOR).u64(height).toBytes();
}

// ---------------------------------------------------------------------------------------------
// AccountState

const ACCOUNT_VERSION = 1;
const ROLE_PATTERN = /^[a-z0-9:_.-]+$/;

/**
 * @typedef {object} AccountState
 * @property {Uint8Array} publicKey
 * @property {bigint} balance
 * @property {bigint} nonce the last nonce used, 0 before the first transaction
 * @property {boolean} revoked
 * @property {string[]} roles sorted, unique
 */

const byCodeUnit = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

// Roles.canonical: duplicates and bad names are INVALID_BODY, checked in sorted order.
function canonicalRoles(roles) {
  const sorted = [...new Set(roles)].sort(byCodeUnit);
  if (sorted.length !== roles.length) {
    throw new CodecError(ErrorCode.INVALID_BODY, 'duplicate role');
  }
  if (sorted.length > Limits.MAX_ROLES) {
    throw new CodecError(ErrorCode.FIELD_TOO_LARGE, 'too many roles');
  }
  for (const r of sorted) {
    if (r.length === 0 || r.length > Limits.MAX_ROLE_BYTES || !ROLE_PATTERN.test(r)) {
      throw new CodecError(
        ErrorCode.INVALID_BODY,
        `role names are 1-64 chars of [a-z0-9:_.-]: ${r}`,
      );
    }
  }
  return sorted;
}

/**
 * The stored value of an account:
 * u8 1 | publicKey[32] | u64 balance | u64 nonce | u8 revoked | u32 n | n x string role.
 * Roles are sorted here, as Java's record sorts them.
 * @param {AccountState} account
 * @returns {Uint8Array}
 */
export function encodeAccountState({ publicKey, balance, nonce, revoked, roles = [] }) {
  const sorted = canonicalRoles(roles);
  const w = new Writer(64 + 16 * sorted.length)
    .u8(ACCOUNT_VERSION)
    .fixed(asBytes(publicKey, PUBLIC_KEY_SIZE, 'publicKey'), PUBLIC_KEY_SIZE)
    .u64(toBigInt(balance))
    .u64(toBigInt(nonce))
    .bool(revoked)
    .u32(sorted.length);
  for (const r of sorted) {
    w.string(r);
  }
  return w.toBytes();
}

/**
 * Strict decoding of an account value (as AccountState.decode, same codes, same order).
 * @param {Uint8Array} value
 * @returns {AccountState}
 */
export function decodeAccountState(value) {
  const r = new Reader(value, MAX_STATE_VALUE_BYTES);
  const version = r.u8('account version');
  if (version !== ACCOUNT_VERSION) {
    throw new CodecError(
      ErrorCode.UNSUPPORTED_VERSION,
      `account version ${version} is not supported`,
    );
  }
  const publicKey = r.fixed(PUBLIC_KEY_SIZE, 'publicKey');
  const balance = r.u64('balance');
  const nonce = r.u64('nonce');
  const revoked = r.bool('revoked');
  const n = r.count(Limits.MAX_ROLES, 'roles');
  const roles = [];
  for (let i = 0; i < n; i++) {
    roles.push(r.string(Limits.MAX_ROLE_BYTES, 'role'));
  }
  const canonical = canonicalRoles(roles);
  if (canonical.some((role, i) => role !== roles[i])) {
    throw new CodecError(ErrorCode.NON_CANONICAL, 'roles must be sorted and unique');
  }
  r.finish('account');
  return { publicKey, balance, nonce, revoked, roles };
}

/**
 * @typedef {object} VerifiedAccount
 * @property {boolean} verified the proof holds against the root and the entry belongs to the
 *     address
 * @property {AccountState|null} account the account, or null if proven absent or not verified
 * @property {string} [reason] why verification failed
 */

/**
 * Reads an account from a state proof: checks the proof of the value (or of its absence when
 * `value` is null) under the account's state key against `stateRoot`, decodes the value and
 * checks that its public key hashes to the address. Use a state root from a final header.
 * @param {object} args
 * @param {Uint8Array|string} args.stateRoot
 * @param {Uint8Array|string} args.address
 * @param {Uint8Array|null} args.value the account value the server claims, null for absent
 * @param {Uint8Array} args.proof the state proof's encoding
 * @returns {Promise<VerifiedAccount>}
 */
export async function verifyAccount({ stateRoot, address: addr, value, proof }) {
  const key = accountStateKey(addr);
  if (!(await verifyStateProof(stateRoot, key, value ?? null, proof))) {
    return { verified: false, account: null, reason: 'the state proof does not hold' };
  }
  if (value == null) {
    return { verified: true, account: null };
  }
  const account = decodeAccountState(value);
  if ((await address(account.publicKey)) !== toHex(addressArg(addr))) {
    return { verified: false, account: null, reason: 'the account does not match its address' };
  }
  return { verified: true, account };
}
