// State keys and the account entry: layouts Java produced, strict decoding with its codes, and
// reading an account through a state proof.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import {
  accountStateKey,
  anchorStateKey,
  decodeAccountState,
  encodeAccountState,
  kvStateKey,
  proposalStateKey,
  validatorStateKey,
  verifyAccount,
} from '../../main/webapp/js/lib/account.js';
import { CodecError, ErrorCode, Writer } from '../../main/webapp/js/lib/codec.js';
import { ZERO_HASH, address, keyFromSeed, sha256 } from '../../main/webapp/js/lib/crypto.js';
import { concatBytes, fromHex, toHex, utf8Encode } from '../../main/webapp/js/lib/hex.js';
import { Terminal, encodeStateProof, stateLeafHash } from '../../main/webapp/js/lib/proofs.js';

// AccountState.encode() and StateKeys of the Java side for KeyPair.deterministic("alice"/"bob").
const ALICE = {
  publicKey: 'b58b1968ce2830eaac174fac36cc8f680243351ad6c9d7e4392546033ae45676',
  address: '6557d084b7642aea6244f13c2fae8ab581882ddf',
  stateKey: '016557d084b7642aea6244f13c2fae8ab581882ddf',
  value:
    '01b58b1968ce2830eaac174fac36cc8f680243351ad6c9d7e4392546033ae4567600000000000002ee0000000000' +
    '00000300000000010000000b7772697465723a73686f70',
};
const BOB = {
  publicKey: '8f0cbbd73b9970e7cdac44ce0c4c099e909d60931cbb769ec4b0eaf7cdc60711',
  address: '92a124aa1639c786ceb0d4e4b3ddd3d644663b46',
  value:
    '018f0cbbd73b9970e7cdac44ce0c4c099e909d60931cbb769ec4b0eaf7cdc6071100000000000000ff00000000' +
    '000000000100000000',
};

function refuses(fn, code) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof CodecError, `expected a CodecError, got ${e}`);
    assert.equal(e.code, code, e.message);
    return true;
  });
}

test('state keys: the layouts of StateKeys', () => {
  assert.equal(toHex(accountStateKey(ALICE.address)), ALICE.stateKey);
  assert.equal(toHex(accountStateKey(fromHex(ALICE.address))), ALICE.stateKey);
  assert.equal(toHex(validatorStateKey(ALICE.address)), `02${ALICE.address}`);
  assert.equal(toHex(kvStateKey('shop', utf8Encode('kéy'))), '030473686f706bc3a979');
  assert.equal(toHex(kvStateKey('', fromHex('00'))), '030000');
  assert.equal(toHex(proposalStateKey(ZERO_HASH)), `04${'00'.repeat(32)}`);
  assert.equal(toHex(anchorStateKey(256)), '050000000000000100');
  assert.equal(kvStateKey('ns', new Uint8Array(1020)).length, 1024);
  refuses(() => kvStateKey('ns', new Uint8Array(1021)), ErrorCode.FIELD_TOO_LARGE);
  refuses(() => kvStateKey('n'.repeat(256), new Uint8Array(0)), ErrorCode.FIELD_TOO_LARGE);
  assert.throws(() => accountStateKey(ALICE.address.toUpperCase()), TypeError);
});

test('account values: the bytes Java writes, read back', () => {
  const alice = decodeAccountState(fromHex(ALICE.value));
  assert.equal(toHex(alice.publicKey), ALICE.publicKey);
  assert.equal(alice.balance, 750n);
  assert.equal(alice.nonce, 3n);
  assert.equal(alice.revoked, false);
  assert.deepEqual(alice.roles, ['writer:shop']);
  assert.equal(toHex(encodeAccountState(alice)), ALICE.value);
  const bob = decodeAccountState(fromHex(BOB.value));
  assert.equal(bob.balance, 255n);
  assert.equal(bob.nonce, 0n);
  assert.equal(bob.revoked, true);
  assert.deepEqual(bob.roles, []);
  assert.equal(toHex(encodeAccountState({ ...bob, balance: 255, nonce: 0 })), BOB.value);
  // Roles are sorted on encoding, as Java's record sorts them.
  const sorted = encodeAccountState({ ...bob, roles: ['b', 'a'] });
  assert.deepEqual(decodeAccountState(sorted).roles, ['a', 'b']);
});

test('malformed account values are refused with the codes Java uses', () => {
  const head = (version = 1, revoked = 0) =>
    new Writer().u8(version).fixed(fromHex(BOB.publicKey), 32).u64(1n).u64(2n).u8(revoked);
  const withRoles = (roles, w = head()) => {
    w.u32(roles.length);
    for (const r of roles) {
      w.string(r);
    }
    return w.toBytes();
  };
  assert.deepEqual(decodeAccountState(withRoles(['a', 'b:c'])).roles, ['a', 'b:c']);
  refuses(() => decodeAccountState(withRoles([], head(2))), ErrorCode.UNSUPPORTED_VERSION);
  refuses(() => decodeAccountState(withRoles([], head(1, 2))), ErrorCode.NON_CANONICAL);
  refuses(() => decodeAccountState(withRoles(['b', 'a'])), ErrorCode.NON_CANONICAL);
  // Java's Roles.read refuses a duplicate as INVALID_BODY before it checks the order.
  refuses(() => decodeAccountState(withRoles(['a', 'a'])), ErrorCode.INVALID_BODY);
  refuses(() => decodeAccountState(withRoles(['Admin'])), ErrorCode.INVALID_BODY);
  refuses(() => decodeAccountState(withRoles([''])), ErrorCode.INVALID_BODY);
  refuses(() => decodeAccountState(withRoles(['r'.repeat(65)])), ErrorCode.FIELD_TOO_LARGE);
  refuses(
    () => decodeAccountState(withRoles(Array.from({ length: 65 }, (_, i) => `r${i}`))),
    ErrorCode.FIELD_TOO_LARGE,
  );
  const good = fromHex(BOB.value);
  refuses(() => decodeAccountState(concatBytes(good, fromHex('00'))), ErrorCode.TRAILING_BYTES);
  refuses(() => decodeAccountState(good.slice(0, good.length - 1)), ErrorCode.TRUNCATED);
  refuses(() => decodeAccountState(new Uint8Array(0)), ErrorCode.TRUNCATED);
  const huge = Uint8Array.from(good);
  huge[33] = 0x80;
  refuses(() => decodeAccountState(huge), ErrorCode.NON_CANONICAL);
  refuses(() => decodeAccountState(new Uint8Array(64 * 1024 + 1)), ErrorCode.MESSAGE_TOO_LARGE);
});

// A one-entry tree: its root is the entry's leaf, proven with no siblings.
async function oneEntryTree(key, value) {
  return stateLeafHash(await sha256(key), await sha256(value));
}
const MEMBER = encodeStateProof({ terminal: Terminal.MEMBER, siblings: [] });

test('verifyAccount: an account proven under its own address', async () => {
  const value = fromHex(ALICE.value);
  const root = await oneEntryTree(accountStateKey(ALICE.address), value);
  const r = await verifyAccount({ stateRoot: root, address: ALICE.address, value, proof: MEMBER });
  assert.equal(r.verified, true);
  assert.equal(r.account.balance, 750n);
  const other = Uint8Array.from(value);
  other[40] ^= 1; // the balance
  const forged = await verifyAccount({
    stateRoot: root,
    address: ALICE.address,
    value: other,
    proof: MEMBER,
  });
  assert.deepEqual(forged, {
    verified: false,
    account: null,
    reason: 'the state proof does not hold',
  });
  const absent = await verifyAccount({
    stateRoot: root,
    address: ALICE.address,
    value: null,
    proof: MEMBER,
  });
  assert.equal(absent.verified, false);
});

test('verifyAccount: proven absence, and an entry that belongs to another key', async () => {
  const bobKey = await keyFromSeed(await sha256(utf8Encode('eris-test-key:bob')));
  assert.equal(await address(bobKey.publicKey), BOB.address);
  const bobValue = fromHex(BOB.value);
  const root = await oneEntryTree(accountStateKey(BOB.address), bobValue);
  const otherLeaf = encodeStateProof({
    terminal: Terminal.OTHER_LEAF,
    siblings: [],
    otherPath: await sha256(accountStateKey(BOB.address)),
    otherValueHash: await sha256(bobValue),
  });
  const absent = await verifyAccount({
    stateRoot: root,
    address: ALICE.address,
    value: null,
    proof: otherLeaf,
  });
  assert.deepEqual(absent, { verified: true, account: null });
  // Bob's entry stored under Alice's key: the proof holds, the account is not Alice's.
  const misplaced = await oneEntryTree(accountStateKey(ALICE.address), bobValue);
  const r = await verifyAccount({
    stateRoot: misplaced,
    address: ALICE.address,
    value: bobValue,
    proof: MEMBER,
  });
  assert.equal(r.verified, false);
  assert.match(r.reason, /does not match its address/);
});
