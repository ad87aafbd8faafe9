// Byte-string helpers shared by the protocol modules: hex in and out (lower-case out, as the
// Java side prints it), strict UTF-8, concatenation and unsigned comparison of Uint8Arrays.

const HEX_DIGITS = '0123456789abcdef';

/**
 * Lower-case hex of a byte string.
 * @param {Uint8Array} bytes
 * @returns {string}
 */
export function toHex(bytes) {
  let out = '';
  for (const b of bytes) {
    out += HEX_DIGITS[b >> 4] + HEX_DIGITS[b & 15];
  }
  return out;
}

/**
 * Parses hex (either case, even length, nothing else).
 * @param {string} hex
 * @returns {Uint8Array}
 * @throws {TypeError} when the text is not hex
 */
export function fromHex(hex) {
  if (typeof hex !== 'string' || hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new TypeError('not an even-length hex string');
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    out[i] = parseInt(hex.substr(2 * i, 2), 16);
  }
  return out;
}

/**
 * Accepts bytes or hex and returns bytes, checking the length when one is given.
 * @param {Uint8Array|string} value
 * @param {number} [length] required length in bytes
 * @param {string} [what] name of the field, for the error message
 * @returns {Uint8Array}
 */
export function asBytes(value, length, what = 'value') {
  let bytes;
  if (typeof value === 'string') {
    bytes = fromHex(value);
  } else if (value instanceof Uint8Array) {
    bytes = value;
  } else if (value instanceof ArrayBuffer) {
    bytes = new Uint8Array(value);
  } else {
    throw new TypeError(`${what} must be a Uint8Array or hex`);
  }
  if (length !== undefined && bytes.length !== length) {
    throw new RangeError(`${what} needs ${length} bytes, got ${bytes.length}`);
  }
  return bytes;
}

/**
 * The concatenation of byte strings.
 * @param {...Uint8Array} parts
 * @returns {Uint8Array}
 */
export function concatBytes(...parts) {
  let size = 0;
  for (const p of parts) {
    size += p.length;
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Whether two byte strings are equal.
 * @param {Uint8Array} a
 * @param {Uint8Array} b
 * @returns {boolean}
 */
export function equalBytes(a, b) {
  if (a.length !== b.length) {
    return false;
  }
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      return false;
    }
  }
  return true;
}

/**
 * Unsigned lexicographic comparison, as Java's Arrays.compareUnsigned.
 * @param {Uint8Array} a
 * @param {Uint8Array} b
 * @returns {number} negative, zero or positive
 */
export function compareBytes(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) {
      return a[i] - b[i];
    }
  }
  return a.length - b.length;
}

const ENCODER = new TextEncoder();
const DECODER = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * UTF-8 bytes of a well-formed string. A lone surrogate is refused: TextEncoder would write
 * U+FFFD where Java writes '?', so the two sides would sign different bytes.
 * @param {string} s
 * @returns {Uint8Array}
 * @throws {TypeError} on a lone surrogate
 */
export function utf8Encode(s) {
  if (typeof s !== 'string') {
    throw new TypeError('not a string');
  }
  if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s)) {
    throw new TypeError('string has a lone surrogate');
  }
  return ENCODER.encode(s);
}

/**
 * Strict UTF-8 decoding; a leading byte-order mark is kept as U+FEFF, as Java keeps it.
 * @param {Uint8Array} bytes
 * @returns {string}
 * @throws {TypeError} on malformed input
 */
export function utf8Decode(bytes) {
  return DECODER.decode(bytes);
}
