// The canonical codec and the byte helpers: exact layouts, and strict refusals with the stable
// error codes of io.eris.core.codec.ErrorCode.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { CodecError, ErrorCode, MAX_U64, Reader, Writer } from '../../main/webapp/js/lib/codec.js';
import {
  compareBytes,
  fromHex,
  toHex,
  utf8Decode,
  utf8Encode,
} from '../../main/webapp/js/lib/hex.js';

const JAVA_ERROR_CODE = new URL(
  '../../../../core/src/main/java/io/eris/core/codec/ErrorCode.java',
  import.meta.url,
);

/** Asserts that fn throws a CodecError with the given code. */
function refuses(fn, code) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof CodecError, `expected a CodecError, got ${e}`);
    assert.equal(e.code, code);
    return true;
  });
}

test('ErrorCode has exactly the names of the Java enum, in its order', () => {
  const java = readFileSync(JAVA_ERROR_CODE, 'utf8');
  const body = java.slice(java.indexOf('{') + 1, java.lastIndexOf('}'));
  const names = body
    .replace(/\/\/.*$/gm, '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  assert.ok(names.length > 10);
  assert.deepEqual(Object.keys(ErrorCode), names);
  for (const name of names) {
    assert.equal(ErrorCode[name], name);
  }
});

test('Writer writes big-endian fixed-width integers, length-prefixed bytes and strings', () => {
  const bytes = new Writer(1)
    .u8(0xab)
    .u16(0x0102)
    .u32(0xdeadbeef)
    .u64(0x0102030405060708n)
    .bool(true)
    .bool(false)
    .fixed(fromHex('cafe'), 2)
    .bytes(fromHex('00ff'))
    .string('é')
    .toBytes();
  assert.equal(
    toHex(bytes),
    'ab' +
      '0102' +
      'deadbeef' +
      '0102030405060708' +
      '01' +
      '00' +
      'cafe' +
      '0000000200ff' +
      '00000002c3a9',
  );
});

test('u64 spans 0..2^63-1 and nothing else, as BigInt or safe number', () => {
  assert.equal(toHex(new Writer().u64(MAX_U64).toBytes()), '7fffffffffffffff');
  assert.equal(toHex(new Writer().u64(0).toBytes()), '0000000000000000');
  assert.equal(toHex(new Writer().u64(Number.MAX_SAFE_INTEGER).toBytes()), '001fffffffffffff');
  assert.throws(() => new Writer().u64(MAX_U64 + 1n), RangeError);
  assert.throws(() => new Writer().u64(-1n), RangeError);
  assert.throws(() => new Writer().u64(2 ** 60), RangeError, 'unsafe numbers must be BigInt');
  assert.equal(new Reader(fromHex('7fffffffffffffff'), 8).u64('v'), MAX_U64);
  refuses(() => new Reader(fromHex('8000000000000000'), 8).u64('v'), ErrorCode.NON_CANONICAL);
  refuses(() => new Reader(fromHex('ffffffffffffffff'), 8).u64('v'), ErrorCode.NON_CANONICAL);
});

test('Writer refuses out-of-range values and wrong fixed sizes', () => {
  assert.throws(() => new Writer().u8(256), RangeError);
  assert.throws(() => new Writer().u8(-1), RangeError);
  assert.throws(() => new Writer().u16(0x10000), RangeError);
  assert.throws(() => new Writer().u32(2 ** 32), RangeError);
  assert.throws(() => new Writer().u32(1.5), RangeError);
  assert.throws(() => new Writer().fixed(new Uint8Array(31), 32), RangeError);
  assert.throws(() => new Writer().bool(1), TypeError);
  assert.throws(() => new Writer().string('\ud800'), TypeError);
});

test('Reader reads back what Writer wrote', () => {
  const data = new Writer()
    .u8(7)
    .u16(65535)
    .u32(4294967295)
    .u64(42n)
    .bool(true)
    .fixed(fromHex('0102'), 2)
    .bytes(fromHex('abcd'))
    .string('eris ✓')
    .u32(3)
    .toBytes();
  const r = new Reader(data, data.length);
  assert.equal(r.u8('a'), 7);
  assert.equal(r.u16('b'), 65535);
  assert.equal(r.u32('c'), 4294967295);
  assert.equal(r.u64('d'), 42n);
  assert.equal(r.bool('e'), true);
  assert.equal(toHex(r.fixed(2, 'f')), '0102');
  assert.equal(toHex(r.bytes(2, 'g')), 'abcd');
  assert.equal(r.string(100, 'h'), 'eris ✓');
  assert.equal(r.count(3, 'i'), 3);
  assert.equal(r.remaining(), 0);
  r.finish('test');
});

test('truncated input is TRUNCATED, in every field type', () => {
  refuses(() => new Reader(new Uint8Array(0), 10).u8('x'), ErrorCode.TRUNCATED);
  refuses(() => new Reader(fromHex('01'), 10).u16('x'), ErrorCode.TRUNCATED);
  refuses(() => new Reader(fromHex('010203'), 10).u32('x'), ErrorCode.TRUNCATED);
  refuses(() => new Reader(fromHex('01020304050607'), 10).u64('x'), ErrorCode.TRUNCATED);
  refuses(() => new Reader(fromHex('0102'), 10).fixed(3, 'x'), ErrorCode.TRUNCATED);
  refuses(() => new Reader(fromHex('00000003abcd'), 10).bytes(5, 'x'), ErrorCode.TRUNCATED);
});

test('trailing bytes are TRAILING_BYTES', () => {
  const r = new Reader(fromHex('0102'), 10);
  r.u8('x');
  refuses(() => r.finish('test'), ErrorCode.TRAILING_BYTES);
});

test('oversize fields and lists are FIELD_TOO_LARGE before anything is read', () => {
  refuses(
    () => new Reader(fromHex('00000005aaaaaaaaaa'), 10).bytes(4, 'x'),
    ErrorCode.FIELD_TOO_LARGE,
  );
  // A huge length is refused as too large, not as truncated.
  refuses(() => new Reader(fromHex('ffffffff'), 10).bytes(4, 'x'), ErrorCode.FIELD_TOO_LARGE);
  refuses(() => new Reader(fromHex('00000003'), 10).count(2, 'x'), ErrorCode.FIELD_TOO_LARGE);
  refuses(
    () => new Reader(fromHex('00000005616263646566'), 20).string(4, 'x'),
    ErrorCode.FIELD_TOO_LARGE,
  );
});

test('an input over the message limit is MESSAGE_TOO_LARGE', () => {
  refuses(() => new Reader(new Uint8Array(11), 10), ErrorCode.MESSAGE_TOO_LARGE);
  assert.doesNotThrow(() => new Reader(new Uint8Array(10), 10));
});

test('a bool other than 0 or 1 is NON_CANONICAL', () => {
  assert.equal(new Reader(fromHex('00'), 1).bool('b'), false);
  assert.equal(new Reader(fromHex('01'), 1).bool('b'), true);
  refuses(() => new Reader(fromHex('02'), 1).bool('b'), ErrorCode.NON_CANONICAL);
  refuses(() => new Reader(fromHex('ff'), 1).bool('b'), ErrorCode.NON_CANONICAL);
});

test('tag and version: UNKNOWN_TYPE and UNSUPPORTED_VERSION', () => {
  new Reader(fromHex('5401'), 2).header(0x54, 1, 'transaction');
  refuses(
    () => new Reader(fromHex('5501'), 2).header(0x54, 1, 'transaction'),
    ErrorCode.UNKNOWN_TYPE,
  );
  refuses(
    () => new Reader(fromHex('5402'), 2).header(0x54, 1, 'transaction'),
    ErrorCode.UNSUPPORTED_VERSION,
  );
  refuses(() => new Reader(fromHex('54'), 2).header(0x54, 1, 'transaction'), ErrorCode.TRUNCATED);
});

test('malformed UTF-8 is INVALID_UTF8; a BOM is kept as a character', () => {
  for (const bad of ['c080', 'eda080', 'ff', 'c3', 'f4908080', 'e282']) {
    const data = new Writer().bytes(fromHex(bad)).toBytes();
    refuses(() => new Reader(data, 100).string(10, 's'), ErrorCode.INVALID_UTF8);
  }
  const bom = new Writer().bytes(fromHex('efbbbf61')).toBytes();
  assert.equal(new Reader(bom, 100).string(10, 's'), '\ufeffa');
});

test('hex: lower-case out, strict in', () => {
  assert.equal(toHex(fromHex('00FFaB')), '00ffab');
  assert.throws(() => fromHex('abc'), TypeError);
  assert.throws(() => fromHex('zz'), TypeError);
  assert.throws(() => fromHex('0x00'), TypeError);
  assert.equal(fromHex('').length, 0);
});

test('UTF-8 helpers refuse lone surrogates and malformed bytes', () => {
  assert.equal(toHex(utf8Encode('€𝄞')), 'e282acf09d849e');
  assert.throws(() => utf8Encode('a\udc00'), TypeError);
  assert.throws(() => utf8Encode('\ud834'), TypeError);
  assert.throws(() => utf8Decode(fromHex('c080')), TypeError);
});

test('compareBytes is unsigned lexicographic order', () => {
  assert.ok(compareBytes(fromHex('7f'), fromHex('80')) < 0);
  assert.ok(compareBytes(fromHex('ff'), fromHex('00ff')) > 0);
  assert.ok(compareBytes(fromHex('00'), fromHex('0000')) < 0);
  assert.equal(compareBytes(fromHex('0102'), fromHex('0102')), 0);
});
