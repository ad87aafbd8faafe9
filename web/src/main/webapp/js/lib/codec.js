// The canonical encoding, as io.eris.core.codec.CanonicalWriter/CanonicalReader define it:
// big-endian fixed-width integers, u64 limited to 0..2^63-1 (BigInt here), fixed-size fields as
// they are, variable byte strings and lists prefixed by a u32 length or count. Decoding is strict
// and every refusal is a CodecError carrying one of the stable ErrorCode names.

import { utf8Decode, utf8Encode } from './hex.js';

/**
 * The stable error codes of io.eris.core.codec.ErrorCode (same names, same order).
 * @readonly
 * @enum {string}
 */
export const ErrorCode = Object.freeze(
  Object.fromEntries(
    [
      'MESSAGE_TOO_LARGE',
      'TRUNCATED',
      'TRAILING_BYTES',
      'FIELD_TOO_LARGE',
      'UNKNOWN_TYPE',
      'UNSUPPORTED_VERSION',
      'UNKNOWN_KIND',
      'NON_CANONICAL',
      'INVALID_UTF8',
      'MALFORMED_JSON',
      'WRONG_CHAIN',
      'BAD_SIGNATURE',
      'BAD_NONCE',
      'UNKNOWN_SENDER',
      'REVOKED_KEY',
      'FORBIDDEN',
      'INSUFFICIENT_BALANCE',
      'INVALID_BODY',
      'DUPLICATE',
      'BAD_PARENT',
      'BAD_HEIGHT',
      'BAD_TIMESTAMP',
      'BAD_PROPOSER',
      'STALE_EPOCH',
      'BAD_POW',
      'BAD_TX_ROOT',
      'BAD_STATE_ROOT',
      'BLOCK_TOO_LARGE',
      'INVALID_GENESIS',
      'MEMPOOL_FULL',
      'NONCE_USED',
      'UNKNOWN_RECIPIENT',
      'BALANCE_OVERFLOW',
      'BAD_BLOCK_SIGNATURE',
      'BAD_BLOCK_KIND',
      'POW_TOO_EARLY',
      'BAD_POW_TARGET',
      'FUTURE_TIMESTAMP',
      'UNKNOWN_PROPOSAL',
      'PROPOSAL_EXPIRED',
      'PROPOSAL_CLOSED',
      'ALREADY_APPROVED',
      'TOO_MANY_PROPOSALS',
      'BAD_ANCHOR',
    ].map((name) => [name, name]),
  ),
);

/** Input was refused; `code` is stable (an ErrorCode), the message is for humans. */
export class CodecError extends Error {
  /**
   * @param {string} code one of ErrorCode
   * @param {string} message
   */
  constructor(code, message) {
    super(`${code}: ${message}`);
    this.name = 'CodecError';
    this.code = code;
  }
}

/** The largest u64 either side accepts: 2^63-1, so Java's long and JavaScript agree. */
export const MAX_U64 = (1n << 63n) - 1n;

/**
 * A BigInt from a BigInt, a safe integer or a decimal string.
 * @param {bigint|number|string} v
 * @returns {bigint}
 */
export function toBigInt(v) {
  if (typeof v === 'bigint') {
    return v;
  }
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) {
      throw new RangeError(`not a safe integer: ${v} (pass a BigInt)`);
    }
    return BigInt(v);
  }
  if (typeof v === 'string' && /^-?[0-9]+$/.test(v)) {
    return BigInt(v);
  }
  throw new TypeError(`not an integer: ${v}`);
}

function checkInt(v, max, what) {
  if (!Number.isInteger(v) || v < 0 || v > max) {
    throw new RangeError(`${what} out of range: ${v}`);
  }
}

/** Writes the canonical encoding; methods chain. Bad arguments throw RangeError or TypeError. */
export class Writer {
  constructor(initialCapacity = 256) {
    this.buf = new Uint8Array(Math.max(16, initialCapacity));
    this.length = 0;
  }

  ensure(extra) {
    if (this.length + extra > this.buf.length) {
      const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.length + extra));
      bigger.set(this.buf.subarray(0, this.length));
      this.buf = bigger;
    }
  }

  /** @param {number} v 0..255 */
  u8(v) {
    checkInt(v, 0xff, 'u8');
    this.ensure(1);
    this.buf[this.length++] = v;
    return this;
  }

  /** @param {number} v 0..65535 */
  u16(v) {
    checkInt(v, 0xffff, 'u16');
    this.ensure(2);
    this.buf[this.length++] = v >>> 8;
    this.buf[this.length++] = v & 0xff;
    return this;
  }

  /** @param {number} v 0..2^32-1 */
  u32(v) {
    checkInt(v, 0xffffffff, 'u32');
    this.ensure(4);
    for (let shift = 24; shift >= 0; shift -= 8) {
      this.buf[this.length++] = (v >>> shift) & 0xff;
    }
    return this;
  }

  /** @param {bigint|number} v 0..2^63-1; a number must be a safe integer */
  u64(v) {
    const big = toBigInt(v);
    if (big < 0n || big > MAX_U64) {
      throw new RangeError(`u64 out of range 0..2^63-1: ${big}`);
    }
    this.ensure(8);
    for (let shift = 56n; shift >= 0n; shift -= 8n) {
      this.buf[this.length++] = Number((big >> shift) & 0xffn);
    }
    return this;
  }

  /** @param {boolean} v */
  bool(v) {
    if (typeof v !== 'boolean') {
      throw new TypeError('bool needs a boolean');
    }
    return this.u8(v ? 1 : 0);
  }

  /** A fixed-size field, written without a length. */
  fixed(bytes, expectedLength) {
    if (!(bytes instanceof Uint8Array) || bytes.length !== expectedLength) {
      throw new RangeError(`fixed field needs ${expectedLength} bytes, got ${bytes?.length}`);
    }
    return this.raw(bytes);
  }

  /** A variable byte string: u32 length, then the bytes. */
  bytes(bytes) {
    if (!(bytes instanceof Uint8Array)) {
      throw new TypeError('bytes needs a Uint8Array');
    }
    this.u32(bytes.length);
    return this.raw(bytes);
  }

  /** A string as its UTF-8 bytes, length-prefixed. */
  string(s) {
    return this.bytes(utf8Encode(s));
  }

  /** Bytes appended as they are (already canonical, e.g. a nested fixed-layout record). */
  raw(bytes) {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
    return this;
  }

  /** @returns {number} bytes written so far */
  size() {
    return this.length;
  }

  /** @returns {Uint8Array} a copy of the bytes written */
  toBytes() {
    return this.buf.slice(0, this.length);
  }
}

/** Reads the canonical encoding strictly; every refusal is a CodecError. */
export class Reader {
  /**
   * @param {Uint8Array} data
   * @param {number} maxSize inputs longer than this are refused (MESSAGE_TOO_LARGE)
   */
  constructor(data, maxSize) {
    if (!(data instanceof Uint8Array)) {
      throw new TypeError('Reader needs a Uint8Array');
    }
    if (data.length > maxSize) {
      throw new CodecError(ErrorCode.MESSAGE_TOO_LARGE, `${data.length} bytes, limit ${maxSize}`);
    }
    this.data = data;
    this.pos = 0;
    this.end = data.length;
  }

  need(n, field) {
    if (n < 0 || this.end - this.pos < n) {
      throw new CodecError(ErrorCode.TRUNCATED, `input ends inside ${field}`);
    }
  }

  /** @returns {number} */
  u8(field) {
    this.need(1, field);
    return this.data[this.pos++];
  }

  /** @returns {number} */
  u16(field) {
    this.need(2, field);
    const v = (this.data[this.pos] << 8) | this.data[this.pos + 1];
    this.pos += 2;
    return v;
  }

  /** @returns {number} 0..2^32-1 */
  u32(field) {
    this.need(4, field);
    let v = 0;
    for (let i = 0; i < 4; i++) {
      v = v * 256 + this.data[this.pos++];
    }
    return v;
  }

  /** @returns {bigint} 0..2^63-1; a larger value is NON_CANONICAL */
  u64(field) {
    this.need(8, field);
    let v = 0n;
    for (let i = 0; i < 8; i++) {
      v = (v << 8n) | BigInt(this.data[this.pos++]);
    }
    if (v > MAX_U64) {
      throw new CodecError(ErrorCode.NON_CANONICAL, `${field} exceeds 2^63-1`);
    }
    return v;
  }

  /** @returns {boolean}; anything but 0 or 1 is NON_CANONICAL */
  bool(field) {
    const v = this.u8(field);
    if (v > 1) {
      throw new CodecError(ErrorCode.NON_CANONICAL, `${field} is not 0 or 1`);
    }
    return v === 1;
  }

  /** @returns {Uint8Array} a copy of the next `length` bytes */
  fixed(length, field) {
    this.need(length, field);
    const out = this.data.slice(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  /** A u32-length-prefixed byte string of at most `maxLength` bytes (else FIELD_TOO_LARGE). */
  bytes(maxLength, field) {
    const len = this.u32(`${field} length`);
    if (len > maxLength) {
      throw new CodecError(
        ErrorCode.FIELD_TOO_LARGE,
        `${field} has ${len} bytes, limit ${maxLength}`,
      );
    }
    return this.fixed(len, field);
  }

  /** A length-prefixed UTF-8 string of at most `maxBytes` bytes; malformed is INVALID_UTF8. */
  string(maxBytes, field) {
    const raw = this.bytes(maxBytes, field);
    try {
      return utf8Decode(raw);
    } catch {
      throw new CodecError(ErrorCode.INVALID_UTF8, `${field} is not valid UTF-8`);
    }
  }

  /** A list count, bounded before any item is read. */
  count(maxCount, field) {
    const n = this.u32(`${field} count`);
    if (n > maxCount) {
      throw new CodecError(ErrorCode.FIELD_TOO_LARGE, `${field} has ${n} items, limit ${maxCount}`);
    }
    return n;
  }

  /** Checks the leading type tag (UNKNOWN_TYPE) and version (UNSUPPORTED_VERSION). */
  header(expectedTag, expectedVersion, type) {
    const tag = this.u8(`${type} tag`);
    if (tag !== expectedTag) {
      throw new CodecError(
        ErrorCode.UNKNOWN_TYPE,
        `expected ${type} (tag ${expectedTag}), got ${tag}`,
      );
    }
    const version = this.u8(`${type} version`);
    if (version !== expectedVersion) {
      throw new CodecError(
        ErrorCode.UNSUPPORTED_VERSION,
        `${type} version ${version} is not supported`,
      );
    }
  }

  position() {
    return this.pos;
  }

  remaining() {
    return this.end - this.pos;
  }

  /** Fails with TRAILING_BYTES unless every byte was consumed. */
  finish(type) {
    if (this.pos !== this.end) {
      throw new CodecError(
        ErrorCode.TRAILING_BYTES,
        `${this.end - this.pos} bytes after the end of the ${type}`,
      );
    }
  }
}
