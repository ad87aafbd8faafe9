// SHA-256, addresses and Ed25519 through WebCrypto: known answers (RFC 8032, FIPS 180, keys made
// by the Java KeyPair), key import/export, and signatures that must not verify.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  address,
  addressBytes,
  exportKeyFile,
  exportPkcs8,
  exportSeed,
  generateKey,
  importKeyFile,
  keyFromPkcs8,
  keyFromSeed,
  parseAddress,
  sha256,
  sign,
  verify,
} from '../../main/webapp/js/lib/crypto.js';
import { concatBytes, fromHex, toHex, utf8Encode } from '../../main/webapp/js/lib/hex.js';

// RFC 8032 section 7.1, tests 1 and 2.
const RFC8032 = [
  {
    seed: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    publicKey: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    message: '',
    signature:
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e3970' +
      '1cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    seed: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    publicKey: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    message: '72',
    signature:
      '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613' +
      'd0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
];

// KeyPair.deterministic(label) in Java: seed = SHA-256("eris-test-key:" + label); public keys and
// addresses printed by the Java side.
const JAVA_KEYS = [
  {
    label: 'leader',
    seed: '0536b928394debc9bab69b607211d445b5f93e82c12b0c27817ba63a35e565de',
    publicKey: 'f1e0bd6f58298a8082ce04ec6126b786455fda37436a78fe89e2cc991f2892c9',
    address: '198a424c1747221f743004a2caba3e81cd0ed201',
  },
  {
    label: 'alice',
    seed: '10863e6f6a3db1776e0359d065dfea3ef4017283626f6d15cc91f7bef1b52b96',
    publicKey: 'b58b1968ce2830eaac174fac36cc8f680243351ad6c9d7e4392546033ae45676',
    address: '6557d084b7642aea6244f13c2fae8ab581882ddf',
  },
];

test('SHA-256 known answers, and of concatenated parts', async () => {
  assert.equal(
    toHex(await sha256(new Uint8Array(0))),
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  );
  assert.equal(
    toHex(await sha256(utf8Encode('abc'))),
    'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
  );
  assert.deepEqual(
    await sha256(utf8Encode('a'), utf8Encode('bc')),
    await sha256(utf8Encode('abc')),
  );
});

test('RFC 8032 test vectors: seed -> public key, deterministic signature, verification', async () => {
  for (const v of RFC8032) {
    const key = await keyFromSeed(v.seed);
    assert.equal(toHex(key.publicKey), v.publicKey);
    const sig = await sign(key, fromHex(v.message));
    assert.equal(toHex(sig), v.signature);
    assert.equal(await verify(v.publicKey, fromHex(v.message), sig), true);
  }
});

test('Java deterministic keys: same public keys and addresses', async () => {
  for (const k of JAVA_KEYS) {
    assert.equal(toHex(await sha256(utf8Encode(`eris-test-key:${k.label}`))), k.seed);
    const key = await keyFromSeed(k.seed);
    assert.equal(toHex(key.publicKey), k.publicKey);
    assert.equal(await address(key.publicKey), k.address);
    assert.equal(await address(k.publicKey), k.address, 'hex input');
    assert.equal(toHex(await addressBytes(key.publicKey)), k.address);
    assert.equal(toHex((await sha256(key.publicKey)).slice(0, 20)), k.address);
  }
});

test('addresses parse only as 40 lower-case hex digits', () => {
  assert.equal(toHex(parseAddress(JAVA_KEYS[0].address)), JAVA_KEYS[0].address);
  assert.throws(() => parseAddress(JAVA_KEYS[0].address.toUpperCase()), TypeError);
  assert.throws(() => parseAddress(JAVA_KEYS[0].address.slice(2)), TypeError);
  assert.throws(() => parseAddress(`0x${JAVA_KEYS[0].address.slice(2)}`), TypeError);
});

test('a generated key signs, and survives PKCS#8, seed and key-file round trips', async () => {
  const key = await generateKey();
  assert.equal(key.publicKey.length, 32);
  const msg = utf8Encode('hello eris');
  const sig = await sign(key, msg);
  assert.equal(await verify(key.publicKey, msg, sig), true);

  const pkcs8 = await exportPkcs8(key);
  const back = await keyFromPkcs8(pkcs8);
  assert.deepEqual(back.publicKey, key.publicKey);
  // Ed25519 signatures are deterministic: the same key gives the same signature.
  assert.deepEqual(await sign(back, msg), sig);

  const seed = await exportSeed(key);
  assert.equal(seed.length, 32);
  assert.deepEqual((await keyFromSeed(seed)).publicKey, key.publicKey);

  const file = await exportKeyFile(key);
  assert.deepEqual(Object.keys(file), ['type', 'seed', 'publicKey', 'address']);
  assert.equal(file.type, 'ed25519');
  assert.equal(file.address, await address(key.publicKey));
  const fromFile = await importKeyFile(JSON.stringify(file));
  assert.deepEqual(fromFile.publicKey, key.publicKey);
});

test('a non-extractable key signs but cannot be exported', async () => {
  const key = await keyFromSeed(JAVA_KEYS[0].seed, { extractable: false });
  assert.equal(toHex(key.publicKey), JAVA_KEYS[0].publicKey);
  assert.equal(key.privateKey.extractable, false);
  const sig = await sign(key.privateKey, utf8Encode('m'));
  assert.equal(await verify(key.publicKey, utf8Encode('m'), sig), true);
  await assert.rejects(exportSeed(key));
  const generated = await generateKey({ extractable: false });
  await assert.rejects(exportPkcs8(generated));
});

test('key files that do not match their seed, or are not key files, are refused', async () => {
  const k = JAVA_KEYS[0];
  const good = { type: 'ed25519', seed: k.seed, publicKey: k.publicKey, address: k.address };
  assert.equal(toHex((await importKeyFile(good)).publicKey), k.publicKey);
  await assert.rejects(importKeyFile({ ...good, publicKey: JAVA_KEYS[1].publicKey }), /public key/);
  await assert.rejects(importKeyFile({ ...good, address: JAVA_KEYS[1].address }), /address/);
  await assert.rejects(importKeyFile({ ...good, type: 'rsa' }), /not an ed25519 key file/);
  await assert.rejects(importKeyFile({ ...good, seed: k.seed.toUpperCase() }), /not an ed25519/);
  await assert.rejects(importKeyFile({ ...good, seed: k.seed.slice(2) }), /not an ed25519/);
});

test('forged, altered or misattributed signatures do not verify', async () => {
  const v = RFC8032[1];
  const msg = fromHex(v.message);
  const sig = fromHex(v.signature);
  assert.equal(await verify(v.publicKey, msg, sig), true);
  assert.equal(await verify(v.publicKey, fromHex('73'), sig), false, 'other message');
  assert.equal(await verify(RFC8032[0].publicKey, msg, sig), false, 'other key');
  for (const i of [0, 31, 32, 63]) {
    const bad = Uint8Array.from(sig);
    bad[i] ^= 0x01;
    assert.equal(await verify(v.publicKey, msg, bad), false, `bit flipped in byte ${i}`);
  }
  assert.equal(await verify(v.publicKey, msg, sig.slice(0, 63)), false, 'short signature');
  assert.equal(await verify(v.publicKey, msg, new Uint8Array(64)), false, 'zero signature');
  assert.equal(await verify(fromHex(v.publicKey).slice(1), msg, sig), false, 'short key');
  assert.equal(await verify(new Uint8Array(32).fill(0xff), msg, sig), false, 'not a point');
});

test('S + L (a malleated signature) does not verify', async () => {
  const L = (1n << 252n) + 27742317777372353535851937790883648493n;
  const v = RFC8032[0];
  const sig = fromHex(v.signature);
  let s = 0n;
  for (let i = 63; i >= 32; i--) {
    s = (s << 8n) | BigInt(sig[i]);
  }
  s += L;
  const malleated = Uint8Array.from(sig);
  for (let i = 32; i < 64; i++) {
    malleated[i] = Number(s & 0xffn);
    s >>= 8n;
  }
  assert.equal(await verify(v.publicKey, new Uint8Array(0), malleated), false);
});

test('small-order public keys are refused, as Bouncy Castle refuses them', async () => {
  // With the neutral element as public key and R = neutral, S = 0, the verification equation
  // holds for every message; OpenSSL accepts it, Bouncy Castle (the Java side) does not.
  const neutral = fromHex(`01${'00'.repeat(31)}`);
  const forged = concatBytes(neutral, new Uint8Array(32));
  for (const message of ['', '6869', 'ff'.repeat(100)]) {
    assert.equal(await verify(neutral, fromHex(message), forged), false);
  }
  const order8 = fromHex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a');
  assert.equal(
    await verify(order8, fromHex('6869'), concatBytes(order8, new Uint8Array(32))),
    false,
  );
  const minusOne = fromHex(`ec${'ff'.repeat(30)}7f`);
  assert.equal(
    await verify(minusOne, fromHex('6869'), concatBytes(neutral, new Uint8Array(32))),
    false,
  );
});
