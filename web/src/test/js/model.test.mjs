// Transactions, bodies, headers, blocks, votes and the genesis: built here from their fields and
// compared with bytes the Java classes produced for the same fields (Ed25519 is deterministic, so
// signatures compare too), then signatures that must fail and malformed inputs with their codes.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { CodecError, ErrorCode, Writer } from '../../main/webapp/js/lib/codec.js';
import { ZERO_HASH, address, keyFromSeed, sha256 } from '../../main/webapp/js/lib/crypto.js';
import { concatBytes, fromHex, toHex, utf8Encode } from '../../main/webapp/js/lib/hex.js';
import {
  BlockKind,
  HEADER_SIZE,
  TxKind,
  VOTE_SIZE,
  blockHeaderHash,
  blockKindName,
  decodeBlock,
  decodeBlockHeader,
  decodeGenesis,
  decodeTransaction,
  decodeTransferBody,
  decodeVote,
  decodeWriteBody,
  encodeBlock,
  encodeBlockHeader,
  encodeGenesis,
  encodeTransaction,
  encodeTransferBody,
  encodeVote,
  encodeWriteBody,
  genesisChainId,
  genesisFromJson,
  genesisValidatorSet,
  signTransaction,
  signVote,
  transactionHash,
  txKindName,
  txSigningPayload,
  verifyBlockSignature,
  verifyTransaction,
  verifyVote,
  voteHash,
} from '../../main/webapp/js/lib/model.js';

// Java-produced bytes for the fields built below (io.eris.core.model, KeyPair.deterministic).
const JAVA = {
  genesis:
    '47010000000c657269732d766563746f72730000018bcfe56800000000fa000007d0f1e0bd6f58298a8082ce04' +
    'ec6126b786455fda37436a78fe89e2cc991f2892c90000000310fad4424b33c6659c3bd0b4e294100ba5f4b0e2' +
    '0ff648fd9a364cd648501955000000000000003200000000bc889a0aaefd45d37d830481da1c4516f6193f9f4d' +
    '5bfae7863533e8c20bbfbd00000000000000320000000200000001610000000162f1e0bd6f58298a8082ce04ec' +
    '6126b786455fda37436a78fe89e2cc991f2892c90000000000000064000000010000000976616c696461746f72' +
    '000000028f0cbbd73b9970e7cdac44ce0c4c099e909d60931cbb769ec4b0eaf7cdc60711000000000000000500' +
    '000000b58b1968ce2830eaac174fac36cc8f680243351ad6c9d7e4392546033ae4567600000000000003e80000' +
    '00010000000b7772697465723a73686f700000000310fad4424b33c6659c3bd0b4e294100ba5f4b0e20ff648fd' +
    '9a364cd648501955bc889a0aaefd45d37d830481da1c4516f6193f9f4d5bfae7863533e8c20bbfbdf1e0bd6f58' +
    '298a8082ce04ec6126b786455fda37436a78fe89e2cc991f2892c900020000000a736861323536642d76310000' +
    '0fffffffffffffffffffffffffffffffffffffffffffffffffffffffffff000003e80002000300000064000013' +
    '88',
  chainId: '50fe9d0e63e028656497d311dc09cdce737fc14049c989ddd866ac7317123051',
  writeBody: '0000000000000003010000000161000000013102000000016201000000016300000000',
  writeTx:
    '540150fe9d0e63e028656497d311dc09cdce737fc14049c989ddd866ac7317123051b58b1968ce2830eaac174f' +
    'ac36cc8f680243351ad6c9d7e4392546033ae45676000000000000000101000000230000000000000003010000' +
    '000161000000013102000000016201000000016300000000b45601b2878df269eb57f48afa69f4906ae85e527e' +
    '8d59b42388ed97d965f3f5c59a6f5ddce0ee90ab95debcf0bf8aa59485295f3236ee08ca2ef03dd80d4603',
  writeTxHash: '8c0bd429339ba9254215b08bacf378edb29e335074f998fc8bd6a2beb060f26f',
  transferBody: '92a124aa1639c786ceb0d4e4b3ddd3d644663b4600000000000000fa0000000872656e7420e282ac',
  transferTx:
    '540150fe9d0e63e028656497d311dc09cdce737fc14049c989ddd866ac7317123051b58b1968ce2830eaac174f' +
    'ac36cc8f680243351ad6c9d7e4392546033ae456760000000000000003020000002892a124aa1639c786ceb0d4' +
    'e4b3ddd3d644663b4600000000000000fa0000000872656e7420e282ac95aa78140dbbe2ae6649f63b822d5bc6' +
    '7138251605f77aac4c56e7ee06da69022693856113c6f3d1f3970c850e7f9e53563046bf36d811feb8ee3d8b70' +
    '7d1005',
  transferTxHash: '08e7a757938866584bff87058c37c4da2f79c1c3cdc486b6f115b1eaf2ad2273',
  powHeader:
    '480150fe9d0e63e028656497d311dc09cdce737fc14049c989ddd866ac73171230517fffffffffffffff3946ca' +
    '64ff78d93ca61090a437cbb6b3d2ca0d488f5f9ccf3059608368b2769300000000000000050289773e99f28992' +
    'e640ccffffeedcb3a6d30b84190000000000000000e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934c' +
    'a495991b7852b85500000000000000000000000000000000000000000000000000000000000000000000000000' +
    '000fffffffffffffffffffffffffffffffffffffffffffffffffffffffffff00000000075bcd15',
  powHeaderHash: '85e8a7ab7dd4962fee5dcc674a4451c89f439f97b4cae4b42f6fb5a36a80de8f',
  vote:
    '560150fe9d0e63e028656497d311dc09cdce737fc14049c989ddd866ac73171230510000000000000007496aca' +
    '80e4d8f29fb8e8cd816c3afb48d3f103970b3a2ee1600c08ca67326deef1e0bd6f58298a8082ce04ec6126b786' +
    '455fda37436a78fe89e2cc991f2892c908543c075f5a2fa1fba2909d016e653b17327d6bcd322e9d41e2e2f11c' +
    'b2526f55694b5d5cb05cc73e5802b81eba5500a48ab117061425aef0356e7579390e0f',
  voteHash: 'd8d80e391322f8f2face9774ae11bba99bc44603cad888ccd641b796b8bc0a10',
};

const POW_TARGET = '00000fffffffffffffffffffffffffffffffffffffffffffffffffffffffffff';

/** KeyPair.deterministic(label) of the Java side. */
async function testKey(label) {
  return keyFromSeed(await sha256(utf8Encode(`eris-test-key:${label}`)));
}

const keys = {};
for (const label of ['leader', 'v2', 'v3', 'alice', 'bob']) {
  keys[label] = await testKey(label);
}

function refuses(fn, code) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof CodecError, `expected a CodecError, got ${e}`);
    assert.equal(e.code, code, e.message);
    return true;
  });
}

const byKey = (a, b) => (toHex(a.key) < toHex(b.key) ? -1 : 1);

function genesisFields() {
  const validators = [
    { key: keys.leader.publicKey, stake: 100n, roles: ['validator'] },
    { key: keys.v2.publicKey, stake: 50n, roles: [] },
    { key: keys.v3.publicKey, stake: 50n, roles: ['b', 'a'] },
  ].sort(byKey);
  return {
    chainName: 'eris-vectors',
    timestampMillis: 1_700_000_000_000n,
    blockIntervalMs: 250,
    leaderTimeoutMs: 2000,
    leaderKey: keys.leader.publicKey,
    validators,
    accounts: [
      { key: keys.alice.publicKey, balance: 1000n, roles: ['writer:shop'] },
      { key: keys.bob.publicKey, balance: 5n, roles: [] },
    ].sort(byKey),
    governanceSigners: validators.map((v) => v.key),
    governanceThreshold: 2,
    powFunction: 'sha256d-v1',
    powBaseTarget: POW_TARGET,
    powExpectedBlockMs: 1000,
    finalityNumerator: 2,
    finalityDenominator: 3,
    anchorEvery: 100,
    maxBlockTxs: 5000,
  };
}

test('genesis: the encoding and chain id Java computes for the same fields', async () => {
  const bytes = encodeGenesis(genesisFields());
  assert.equal(toHex(bytes), JAVA.genesis);
  assert.equal(toHex(await sha256(bytes)), JAVA.chainId);
  const g = decodeGenesis(bytes);
  assert.equal(toHex(await genesisChainId(g)), JAVA.chainId);
  assert.deepEqual(g.validators.find((v) => v.stake === 50n && v.roles.length).roles, ['a', 'b']);
  const set = genesisValidatorSet(g);
  assert.equal(set.validators.length, 3);
  assert.equal(set.numerator, 2);
  assert.equal(set.denominator, 3);
});

test('WRITE transaction: same body, payload, signature and hash as Java', async () => {
  const body = {
    namespace: '',
    ops: [
      { key: utf8Encode('a'), value: utf8Encode('1') },
      { key: utf8Encode('b'), value: null },
      { key: utf8Encode('c'), value: new Uint8Array(0) },
    ],
  };
  assert.equal(toHex(encodeWriteBody(body)), JAVA.writeBody);
  assert.deepEqual(decodeWriteBody(fromHex(JAVA.writeBody)), body);
  const signed = await signTransaction(keys.alice, JAVA.chainId, 1, 'WRITE', body);
  assert.equal(toHex(signed.encoded), JAVA.writeTx);
  assert.equal(toHex(signed.hash), JAVA.writeTxHash);
  assert.equal(signed.tx.kind, TxKind.WRITE);
  const tx = decodeTransaction(fromHex(JAVA.writeTx));
  assert.equal(tx.nonce, 1n);
  assert.equal(txKindName(tx.kind), 'WRITE');
  assert.equal(toHex(encodeTransaction(tx)), JAVA.writeTx);
  assert.equal(toHex(await transactionHash(tx)), JAVA.writeTxHash);
  assert.equal(toHex(await transactionHash(fromHex(JAVA.writeTx))), JAVA.writeTxHash);
  assert.equal(await verifyTransaction(tx), true);
  assert.equal(
    toHex(concatBytes(txSigningPayload(tx), tx.signature)),
    JAVA.writeTx,
    'encoding = signing payload | signature',
  );
});

test('TRANSFER transaction: same body, signature and hash as Java', async () => {
  const to = await address(keys.bob.publicKey);
  const body = { to, amount: 250n, memo: 'rent €' };
  assert.equal(toHex(encodeTransferBody(body)), JAVA.transferBody);
  const decoded = decodeTransferBody(fromHex(JAVA.transferBody));
  assert.equal(toHex(decoded.to), to);
  assert.equal(decoded.amount, 250n);
  assert.equal(decoded.memo, 'rent €');
  const signed = await signTransaction(
    keys.alice,
    fromHex(JAVA.chainId),
    3n,
    TxKind.TRANSFER,
    body,
  );
  assert.equal(toHex(signed.encoded), JAVA.transferTx);
  assert.equal(toHex(signed.hash), JAVA.transferTxHash);
  const fromBytes = await signTransaction(keys.alice, JAVA.chainId, 3, 2, encodeTransferBody(body));
  assert.equal(toHex(fromBytes.encoded), JAVA.transferTx);
});

test('block header: same fixed layout and hash as Java', async () => {
  const header = {
    chainId: JAVA.chainId,
    height: (1n << 63n) - 1n,
    parent: await sha256(utf8Encode('p2')),
    timestampMillis: 5,
    kind: 'POW',
    proposer: await address(keys.v2.publicKey),
    leaderEpoch: 0,
    txRoot: await sha256(new Uint8Array(0)),
    stateRoot: ZERO_HASH,
    txCount: 0,
    powTarget: POW_TARGET,
    powNonce: 123456789,
  };
  const bytes = encodeBlockHeader(header);
  assert.equal(bytes.length, HEADER_SIZE);
  assert.equal(toHex(bytes), JAVA.powHeader);
  assert.equal(toHex(await blockHeaderHash(header)), JAVA.powHeaderHash);
  const back = decodeBlockHeader(bytes);
  assert.equal(back.kind, BlockKind.POW);
  assert.equal(blockKindName(back.kind), 'POW');
  assert.equal(back.powNonce, 123456789n);
  assert.equal(toHex(await blockHeaderHash(back)), JAVA.powHeaderHash);
});

test('vote: same payload, signature and hash as Java', async () => {
  const vote = await signVote(keys.leader, JAVA.chainId, 7, await sha256(utf8Encode('block')));
  const bytes = encodeVote(vote);
  assert.equal(bytes.length, VOTE_SIZE);
  assert.equal(toHex(bytes), JAVA.vote);
  assert.equal(toHex(await voteHash(vote)), JAVA.voteHash);
  const back = decodeVote(bytes);
  assert.equal(back.height, 7n);
  assert.equal(await verifyVote(back), true);
});

test('forged transaction signatures are refused', async () => {
  const tx = decodeTransaction(fromHex(JAVA.transferTx));
  assert.equal(await verifyTransaction(tx), true);
  assert.equal(await verifyTransaction({ ...tx, nonce: 4n }), false, 'other nonce');
  assert.equal(await verifyTransaction({ ...tx, chainId: ZERO_HASH }), false, 'other chain');
  assert.equal(await verifyTransaction({ ...tx, kind: TxKind.WRITE }), false, 'other kind');
  const body = Uint8Array.from(tx.body);
  body[body.length - 1] ^= 1;
  assert.equal(await verifyTransaction({ ...tx, body }), false, 'altered body');
  assert.equal(
    await verifyTransaction({ ...tx, sender: keys.bob.publicKey }),
    false,
    'other sender',
  );
  // Bob signs Alice's payload: a valid signature, but not by the sender.
  const bobs = await signTransaction(keys.bob, JAVA.chainId, 3, 'TRANSFER', tx.body);
  assert.equal(await verifyTransaction({ ...tx, signature: bobs.tx.signature }), false);
  const sig = Uint8Array.from(tx.signature);
  sig[10] ^= 0x80;
  assert.equal(await verifyTransaction({ ...tx, signature: sig }), false, 'altered signature');
});

test('forged votes and block signatures are refused', async () => {
  const vote = decodeVote(fromHex(JAVA.vote));
  assert.equal(await verifyVote({ ...vote, height: 8n }), false);
  assert.equal(await verifyVote({ ...vote, blockHash: ZERO_HASH }), false);
  assert.equal(await verifyVote({ ...vote, voter: keys.v2.publicKey }), false);

  const header = decodeBlockHeader(fromHex(JAVA.powHeader));
  const signature = await (
    await import('../../main/webapp/js/lib/crypto.js')
  ).sign(keys.v2, await blockHeaderHash(header));
  const block = { header, signature, txs: [] };
  assert.equal(await verifyBlockSignature(block, keys.v2.publicKey), true);
  assert.equal(await verifyBlockSignature(block, keys.leader.publicKey), false);
  const moved = { ...block, header: { ...header, powNonce: 1n } };
  assert.equal(await verifyBlockSignature(moved, keys.v2.publicKey), false);
});

test('a block round-trips; its tx count must match the header', async () => {
  const txs = [
    decodeTransaction(fromHex(JAVA.writeTx)),
    decodeTransaction(fromHex(JAVA.transferTx)),
  ];
  const header = { ...decodeBlockHeader(fromHex(JAVA.powHeader)), txCount: 2 };
  const block = { header, signature: new Uint8Array(64), txs };
  const bytes = encodeBlock(block);
  const back = decodeBlock(bytes);
  assert.equal(back.txs.length, 2);
  assert.deepEqual(encodeBlock(back), bytes);
  assert.equal(toHex(await transactionHash(back.txs[1])), JAVA.transferTxHash);
  refuses(
    () => decodeBlock(encodeBlock({ ...block, header: { ...header, txCount: 3 } })),
    ErrorCode.NON_CANONICAL,
  );
  refuses(() => decodeBlock(concatBytes(bytes, fromHex('00'))), ErrorCode.TRAILING_BYTES);
  refuses(() => decodeBlock(bytes.slice(0, bytes.length - 1)), ErrorCode.TRUNCATED);
  const badTx = Uint8Array.from(bytes);
  badTx[2 + HEADER_SIZE + 64 + 4 + 4 + 2 + 32 + 32 + 8] = 9; // first tx's kind byte
  refuses(() => decodeBlock(badTx), ErrorCode.UNKNOWN_KIND);
});

test('malformed transactions are refused with their codes', () => {
  const good = fromHex(JAVA.transferTx);
  const kindAt = 2 + 32 + 32 + 8;
  const set = (bytes, at, ...values) => {
    const out = Uint8Array.from(bytes);
    out.set(values, at);
    return out;
  };
  refuses(() => decodeTransaction(good.slice(0, good.length - 1)), ErrorCode.TRUNCATED);
  refuses(() => decodeTransaction(good.slice(0, 40)), ErrorCode.TRUNCATED);
  refuses(() => decodeTransaction(concatBytes(good, fromHex('00'))), ErrorCode.TRAILING_BYTES);
  refuses(() => decodeTransaction(set(good, 0, 0x55)), ErrorCode.UNKNOWN_TYPE);
  refuses(() => decodeTransaction(set(good, 1, 2)), ErrorCode.UNSUPPORTED_VERSION);
  refuses(() => decodeTransaction(set(good, kindAt, 0)), ErrorCode.UNKNOWN_KIND);
  refuses(() => decodeTransaction(set(good, kindAt, 6)), ErrorCode.UNKNOWN_KIND);
  refuses(() => decodeTransaction(set(good, 2 + 32 + 32, 0x80)), ErrorCode.NON_CANONICAL);
  refuses(() => decodeTransaction(set(good, kindAt + 1, 0, 1, 0x08, 1)), ErrorCode.FIELD_TOO_LARGE);
  refuses(() => decodeTransaction(new Uint8Array(70 * 1024 + 1)), ErrorCode.MESSAGE_TOO_LARGE);
  assert.throws(
    () => txSigningPayload({ ...decodeTransaction(good), body: new Uint8Array(66 * 1024 + 1) }),
    RangeError,
  );
  refuses(() => txSigningPayload({ ...decodeTransaction(good), kind: 7 }), ErrorCode.UNKNOWN_KIND);
});

test('WRITE bodies: canonical key order, bounds and op codes', () => {
  const op = (k, v = '1') => ({ key: utf8Encode(k), value: v === null ? null : utf8Encode(v) });
  refuses(
    () => encodeWriteBody({ namespace: '', ops: [op('b'), op('a')] }),
    ErrorCode.NON_CANONICAL,
  );
  refuses(
    () => encodeWriteBody({ namespace: '', ops: [op('a'), op('a', null)] }),
    ErrorCode.NON_CANONICAL,
  );
  refuses(() => encodeWriteBody({ namespace: '', ops: [] }), ErrorCode.INVALID_BODY);
  refuses(
    () => encodeWriteBody({ namespace: 'x'.repeat(65), ops: [op('a')] }),
    ErrorCode.FIELD_TOO_LARGE,
  );
  refuses(
    () => encodeWriteBody({ namespace: '', ops: [op('k'.repeat(1025))] }),
    ErrorCode.FIELD_TOO_LARGE,
  );
  // Unsigned byte order: 0x7f sorts before 0x80.
  const ordered = {
    namespace: 'é',
    ops: [
      { key: fromHex('7f'), value: null },
      { key: fromHex('80'), value: null },
    ],
  };
  assert.deepEqual(decodeWriteBody(encodeWriteBody(ordered)), ordered);

  const raw = (...ops) => {
    const w = new Writer().string('').u32(ops.length);
    for (const [code, key, value] of ops) {
      w.u8(code).bytes(utf8Encode(key));
      if (value !== undefined) {
        w.bytes(utf8Encode(value));
      }
    }
    return w.toBytes();
  };
  assert.equal(decodeWriteBody(raw([1, 'a', '1'], [2, 'b'])).ops.length, 2);
  refuses(() => decodeWriteBody(raw([1, 'b', '1'], [2, 'a'])), ErrorCode.NON_CANONICAL);
  refuses(() => decodeWriteBody(raw([3, 'a'])), ErrorCode.UNKNOWN_KIND);
  refuses(() => decodeWriteBody(raw([1, '', '1'])), ErrorCode.FIELD_TOO_LARGE);
  refuses(
    () => decodeWriteBody(concatBytes(raw([2, 'a']), fromHex('00'))),
    ErrorCode.TRAILING_BYTES,
  );
  refuses(() => decodeWriteBody(raw()), ErrorCode.INVALID_BODY);
  refuses(
    () => decodeWriteBody(new Writer().string('').u32(257).toBytes()),
    ErrorCode.FIELD_TOO_LARGE,
  );
  refuses(
    () => decodeWriteBody(new Writer().bytes(fromHex('c0af')).u32(0).toBytes()),
    ErrorCode.INVALID_UTF8,
  );
});

test('TRANSFER bodies: positive amount, bounded memo, u64 range', () => {
  const to = new Uint8Array(20).fill(1);
  refuses(() => encodeTransferBody({ to, amount: 0n, memo: '' }), ErrorCode.INVALID_BODY);
  refuses(
    () => encodeTransferBody({ to, amount: 1n, memo: 'm'.repeat(257) }),
    ErrorCode.FIELD_TOO_LARGE,
  );
  assert.equal(
    decodeTransferBody(encodeTransferBody({ to, amount: 1n, memo: 'm'.repeat(256) })).memo.length,
    256,
  );
  const raw = (amountHex) => concatBytes(to, fromHex(amountHex), fromHex('00000000'));
  assert.equal(decodeTransferBody(raw('7fffffffffffffff')).amount, (1n << 63n) - 1n);
  refuses(() => decodeTransferBody(raw('8000000000000000')), ErrorCode.NON_CANONICAL);
  refuses(() => decodeTransferBody(raw('0000000000000000')), ErrorCode.INVALID_BODY);
  refuses(() => decodeTransferBody(raw('0000000000000001').slice(0, 30)), ErrorCode.TRUNCATED);
  assert.throws(() => encodeTransferBody({ to: 'ABCD', amount: 1n }), TypeError);
});

test('malformed headers and votes are refused with their codes (longer input is MESSAGE_TOO_LARGE)', () => {
  const header = fromHex(JAVA.powHeader);
  const kindAt = 2 + 32 + 8 + 32 + 8;
  const h = Uint8Array.from(header);
  h[kindAt] = 4;
  refuses(() => decodeBlockHeader(h), ErrorCode.UNKNOWN_KIND);
  // Java reads a header with its fixed size as the message limit, so an extra byte is refused as
  // MESSAGE_TOO_LARGE rather than TRAILING_BYTES; the same for votes.
  refuses(() => decodeBlockHeader(concatBytes(header, fromHex('00'))), ErrorCode.MESSAGE_TOO_LARGE);
  refuses(() => decodeBlockHeader(header.slice(0, HEADER_SIZE - 1)), ErrorCode.TRUNCATED);
  refuses(() => decodeBlockHeader(fromHex('4201')), ErrorCode.UNKNOWN_TYPE);
  const vote = fromHex(JAVA.vote);
  refuses(() => decodeVote(concatBytes(vote, fromHex('00'))), ErrorCode.MESSAGE_TOO_LARGE);
  refuses(() => decodeVote(vote.slice(0, VOTE_SIZE - 1)), ErrorCode.TRUNCATED);
  const v = Uint8Array.from(vote);
  v[1] = 0;
  refuses(() => decodeVote(v), ErrorCode.UNSUPPORTED_VERSION);
  const high = Uint8Array.from(vote);
  high[2 + 32] = 0xff;
  refuses(() => decodeVote(high), ErrorCode.NON_CANONICAL);
});

test('a header txCount above 2^31-1 is clamped as Java clamps it', () => {
  const header = Uint8Array.from(fromHex(JAVA.powHeader));
  const countAt = 2 + 32 + 8 + 32 + 8 + 1 + 20 + 8 + 32 + 32;
  header.set([0xff, 0xff, 0xff, 0xff], countAt);
  assert.equal(decodeBlockHeader(header).txCount, 0x7fffffff);
});

test('genesis: unsorted lists, bad roles, bad parameters and trailing bytes', () => {
  const g = genesisFields();
  refuses(
    () => encodeGenesis({ ...g, validators: [...g.validators].reverse() }),
    ErrorCode.NON_CANONICAL,
  );
  refuses(
    () => encodeGenesis({ ...g, governanceSigners: [...g.governanceSigners].reverse() }),
    ErrorCode.NON_CANONICAL,
  );
  refuses(
    () => encodeGenesis({ ...g, finalityNumerator: 1, finalityDenominator: 2 }),
    ErrorCode.INVALID_GENESIS,
  );
  refuses(() => encodeGenesis({ ...g, validators: [] }), ErrorCode.INVALID_GENESIS);
  refuses(() => encodeGenesis({ ...g, leaderTimeoutMs: 250 }), ErrorCode.INVALID_GENESIS);
  refuses(() => encodeGenesis({ ...g, powFunction: 'md5' }), ErrorCode.INVALID_GENESIS);
  refuses(() => encodeGenesis({ ...g, governanceThreshold: 4 }), ErrorCode.INVALID_GENESIS);
  refuses(() => encodeGenesis({ ...g, chainName: '' }), ErrorCode.INVALID_GENESIS);
  const badRole = g.validators.map((v, i) => (i === 0 ? { ...v, roles: ['Validator'] } : v));
  refuses(() => encodeGenesis({ ...g, validators: badRole }), ErrorCode.INVALID_GENESIS);
  const dupRole = g.validators.map((v, i) => (i === 0 ? { ...v, roles: ['a', 'a'] } : v));
  refuses(() => encodeGenesis({ ...g, validators: dupRole }), ErrorCode.INVALID_GENESIS);

  const bytes = fromHex(JAVA.genesis);
  refuses(() => decodeGenesis(concatBytes(bytes, fromHex('00'))), ErrorCode.TRAILING_BYTES);
  refuses(() => decodeGenesis(bytes.slice(0, bytes.length - 1)), ErrorCode.TRUNCATED);
  // The v3 validator's roles "a","b" are the only "a" then "b" in the bytes: swap them.
  const i = toHex(bytes).indexOf('00000001610000000162') / 2;
  const swapped = Uint8Array.from(bytes);
  swapped.set(fromHex('00000001620000000161'), i);
  refuses(() => decodeGenesis(swapped), ErrorCode.NON_CANONICAL);
  // finalityNumerator 2 -> 1 (1/3 is not above one half).
  const weak = Uint8Array.from(bytes);
  weak[bytes.length - 11] = 1;
  refuses(() => decodeGenesis(weak), ErrorCode.INVALID_GENESIS);
  // Java builds (and checks) the record before it looks for trailing bytes.
  refuses(() => decodeGenesis(concatBytes(weak, fromHex('00'))), ErrorCode.INVALID_GENESIS);
});

test('genesis JSON form: normalised into key order, strict about members and numbers', async () => {
  const g = genesisFields();
  const json = {
    chainName: g.chainName,
    timestamp: 1_700_000_000_000,
    blockIntervalMs: 250,
    leaderTimeoutMs: 2000,
    leader: toHex(keys.leader.publicKey),
    validators: [...g.validators]
      .reverse()
      .map((v) => ({ publicKey: toHex(v.key), stake: Number(v.stake), roles: v.roles })),
    accounts: g.accounts.map((a) => ({
      publicKey: toHex(a.key),
      balance: Number(a.balance),
      roles: a.roles,
    })),
    governance: { signers: g.governanceSigners.map(toHex), threshold: 2 },
    pow: { function: 'sha256d-v1', baseTarget: POW_TARGET, expectedBlockMs: 1000 },
    finality: { numerator: 2, denominator: 3 },
    anchorEvery: 100,
    maxBlockTxs: 5000,
  };
  assert.equal(toHex(encodeGenesis(await genesisFromJson(json))), JAVA.genesis);
  assert.equal(toHex(encodeGenesis(await genesisFromJson(JSON.stringify(json)))), JAVA.genesis);
  json.accounts[0].address = await address(json.accounts[0].publicKey);
  assert.equal(
    toHex(encodeGenesis(await genesisFromJson(json))),
    JAVA.genesis,
    'a matching address',
  );

  const refusesJson = async (mutate, code) => {
    const copy = structuredClone(json);
    mutate(copy);
    await assert.rejects(genesisFromJson(copy), (e) => e instanceof CodecError && e.code === code);
  };
  await refusesJson((j) => (j.extra = 1), ErrorCode.INVALID_GENESIS);
  await refusesJson((j) => (j.pow.extra = 1), ErrorCode.INVALID_GENESIS);
  await refusesJson((j) => (j.accounts[0].address = '00'.repeat(20)), ErrorCode.INVALID_GENESIS);
  await refusesJson((j) => delete j.finality, ErrorCode.INVALID_GENESIS);
  await refusesJson((j) => (j.validators[0].stake = -1), ErrorCode.INVALID_GENESIS);
  await refusesJson((j) => (j.validators[0].stake = 2 ** 60), ErrorCode.INVALID_GENESIS);
  await refusesJson((j) => (j.blockIntervalMs = 2 ** 32 + 250), ErrorCode.INVALID_GENESIS);
  await refusesJson((j) => (j.leader = j.leader.toUpperCase()), ErrorCode.INVALID_GENESIS);
  await refusesJson((j) => j.validators.push(j.validators[0]), ErrorCode.NON_CANONICAL);
  await assert.rejects(
    genesisFromJson('{"chainName": '),
    (e) => e.code === ErrorCode.MALFORMED_JSON,
  );
});
