// Hashing, addresses and Ed25519 keys through WebCrypto only (browsers and Node 20 alike):
// SHA-256, address = first 20 bytes of SHA-256(public key) in lower-case hex, key generation,
// import and export (raw public key, PKCS#8, the 32-byte RFC 8032 seed and the Java KeyFile JSON),
// signing and verification. Everything that touches crypto.subtle is async.

import { asBytes, concatBytes, equalBytes, fromHex, toHex } from './hex.js';

const subtle = globalThis.crypto?.subtle;
const ED25519 = { name: 'Ed25519' };

/** Sizes of the fixed fields, as io.eris.core.crypto defines them. */
export const HASH_SIZE = 32;
export const PUBLIC_KEY_SIZE = 32;
export const ADDRESS_SIZE = 20;
export const SIGNATURE_SIZE = 64;
export const SEED_SIZE = 32;

/** The 32 zero bytes: the empty state tree's root, LEADER blocks' PoW target. */
export const ZERO_HASH = new Uint8Array(HASH_SIZE);

// PKCS#8 PrivateKeyInfo of an Ed25519 key is this fixed prefix and the 32-byte seed (RFC 8410).
const PKCS8_PREFIX = fromHex('302e020100300506032b657004220420');

function requireSubtle() {
  if (!subtle) {
    throw new Error('WebCrypto (crypto.subtle) is not available: a secure context is needed');
  }
  return subtle;
}

/**
 * SHA-256 of the concatenation of the parts.
 * @param {...Uint8Array} parts
 * @returns {Promise<Uint8Array>} 32 bytes
 */
export async function sha256(...parts) {
  const data = parts.length === 1 ? parts[0] : concatBytes(...parts);
  return new Uint8Array(await requireSubtle().digest('SHA-256', data));
}

/**
 * The 20 address bytes of a public key: the first 20 bytes of SHA-256(public key).
 * @param {Uint8Array|string} publicKey 32 bytes or hex
 * @returns {Promise<Uint8Array>}
 */
export async function addressBytes(publicKey) {
  const digest = await sha256(asBytes(publicKey, PUBLIC_KEY_SIZE, 'public key'));
  return digest.slice(0, ADDRESS_SIZE);
}

/**
 * The address of a public key, 40 lower-case hex digits.
 * @param {Uint8Array|string} publicKey 32 bytes or hex
 * @returns {Promise<string>}
 */
export async function address(publicKey) {
  return toHex(await addressBytes(publicKey));
}

/**
 * Parses an address as Java's Address.fromHex does: exactly 40 lower-case hex digits.
 * @param {string} hex
 * @returns {Uint8Array} 20 bytes
 */
export function parseAddress(hex) {
  if (typeof hex !== 'string' || !/^[0-9a-f]{40}$/.test(hex)) {
    throw new TypeError('an address is 40 lower-case hex digits');
  }
  return fromHex(hex);
}

/**
 * @typedef {object} ErisKey An Ed25519 key pair as the client keeps it (storable in IndexedDB).
 * @property {CryptoKey} privateKey may be non-extractable
 * @property {Uint8Array} publicKey the 32-byte RFC 8032 public key
 */

async function fromPkcs8(pkcs8, extractable) {
  const s = requireSubtle();
  // The public key is only reachable through a JWK export, so import once extractable to read it.
  const readable = await s.importKey('pkcs8', pkcs8, ED25519, true, ['sign']);
  const jwk = await s.exportKey('jwk', readable);
  const publicKey = base64UrlDecode(jwk.x);
  const privateKey = extractable
    ? readable
    : await s.importKey('pkcs8', pkcs8, ED25519, false, ['sign']);
  return { privateKey, publicKey };
}

function base64UrlDecode(text) {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/**
 * A new random Ed25519 key.
 * @param {{extractable?: boolean}} [options] extractable (default true) allows a backup export
 * @returns {Promise<ErisKey>}
 */
export async function generateKey({ extractable = true } = {}) {
  const s = requireSubtle();
  const pair = await s.generateKey(ED25519, extractable, ['sign', 'verify']);
  const publicKey = new Uint8Array(await s.exportKey('raw', pair.publicKey));
  return { privateKey: pair.privateKey, publicKey };
}

/**
 * The key of a 32-byte RFC 8032 seed (what Java's KeyPair.fromSeed and key files hold).
 * @param {Uint8Array|string} seed 32 bytes or hex
 * @param {{extractable?: boolean}} [options]
 * @returns {Promise<ErisKey>}
 */
export async function keyFromSeed(seed, { extractable = true } = {}) {
  return fromPkcs8(concatBytes(PKCS8_PREFIX, asBytes(seed, SEED_SIZE, 'seed')), extractable);
}

/**
 * The key of a PKCS#8 PrivateKeyInfo (as WebCrypto exports it).
 * @param {Uint8Array} pkcs8
 * @param {{extractable?: boolean}} [options]
 * @returns {Promise<ErisKey>}
 */
export async function keyFromPkcs8(pkcs8, { extractable = true } = {}) {
  return fromPkcs8(asBytes(pkcs8, undefined, 'pkcs8'), extractable);
}

/**
 * The PKCS#8 export of an extractable key.
 * @param {ErisKey} key
 * @returns {Promise<Uint8Array>}
 */
export async function exportPkcs8(key) {
  return new Uint8Array(await requireSubtle().exportKey('pkcs8', key.privateKey));
}

/**
 * The 32-byte seed of an extractable key.
 * @param {ErisKey} key
 * @returns {Promise<Uint8Array>}
 */
export async function exportSeed(key) {
  const pkcs8 = await exportPkcs8(key);
  const prefix = pkcs8.subarray(0, PKCS8_PREFIX.length);
  if (pkcs8.length !== PKCS8_PREFIX.length + SEED_SIZE || !equalBytes(prefix, PKCS8_PREFIX)) {
    throw new Error('unexpected PKCS#8 layout for an Ed25519 key');
  }
  return pkcs8.slice(PKCS8_PREFIX.length);
}

/**
 * The key file form Java's io.eris.core.crypto.KeyFile reads and writes:
 * {type: "ed25519", seed, publicKey, address}, all lower-case hex. Needs an extractable key.
 * @param {ErisKey} key
 * @returns {Promise<{type: string, seed: string, publicKey: string, address: string}>}
 */
export async function exportKeyFile(key) {
  return {
    type: 'ed25519',
    seed: toHex(await exportSeed(key)),
    publicKey: toHex(key.publicKey),
    address: await address(key.publicKey),
  };
}

/**
 * Reads the key file form; as KeyFile.read, refuses another type, a malformed seed, and a public
 * key (or, here, an address) that does not match the seed.
 * @param {object|string} file the parsed object or its JSON text
 * @param {{extractable?: boolean}} [options]
 * @returns {Promise<ErisKey>}
 */
export async function importKeyFile(file, options) {
  const m = typeof file === 'string' ? JSON.parse(file) : file;
  if (
    m === null ||
    typeof m !== 'object' ||
    m.type !== 'ed25519' ||
    typeof m.seed !== 'string' ||
    !/^[0-9a-f]{64}$/.test(m.seed)
  ) {
    throw new Error('not an ed25519 key file');
  }
  const key = await keyFromSeed(m.seed, options);
  if (m.publicKey != null && m.publicKey !== toHex(key.publicKey)) {
    throw new Error('key file: public key does not match seed');
  }
  if (m.address != null && m.address !== (await address(key.publicKey))) {
    throw new Error('key file: address does not match seed');
  }
  return key;
}

/**
 * An Ed25519 signature of a message.
 * @param {ErisKey|CryptoKey} key
 * @param {Uint8Array} message
 * @returns {Promise<Uint8Array>} 64 bytes
 */
export async function sign(key, message) {
  const privateKey = key.privateKey ?? key;
  return new Uint8Array(await requireSubtle().sign(ED25519, privateKey, message));
}

const FIELD_P = (1n << 255n) - 19n;
const ORDER8_Y = 0x7a03ac9277fdc74ec6cc392cfa53202a0f67100d760b3cba4fd84d3d706a17c7n;

// Bouncy Castle (checkPointFullVar) refuses public keys that are small-order points or not
// canonically encoded; WebCrypto (OpenSSL) accepts some, e.g. the neutral element, for which a
// zero signature verifies any message. Refuse the same keys so both sides agree.
function isWeakPublicKey(raw) {
  let y = BigInt(raw[31] & 0x7f);
  for (let i = 30; i >= 0; i--) {
    y = (y << 8n) | BigInt(raw[i]);
  }
  return y >= FIELD_P - 1n || y === 0n || y === 1n || y === ORDER8_Y || y === FIELD_P - ORDER8_Y;
}

/**
 * Whether `signature` is a valid Ed25519 signature of `message` by `publicKey`, as Bouncy
 * Castle's Ed25519 decides on the Java side. Never throws on bad input (wrong sizes, a public key
 * that is not a curve point or is a small-order point): it returns false.
 * @param {Uint8Array|string} publicKey 32 bytes or hex
 * @param {Uint8Array} message
 * @param {Uint8Array} signature
 * @returns {Promise<boolean>}
 */
export async function verify(publicKey, message, signature) {
  const s = requireSubtle();
  try {
    const raw = asBytes(publicKey, PUBLIC_KEY_SIZE, 'public key');
    if (
      !(signature instanceof Uint8Array) ||
      signature.length !== SIGNATURE_SIZE ||
      isWeakPublicKey(raw)
    ) {
      return false;
    }
    const key = await s.importKey('raw', raw, ED25519, false, ['verify']);
    return await s.verify(ED25519, key, signature, message);
  } catch {
    return false;
  }
}
