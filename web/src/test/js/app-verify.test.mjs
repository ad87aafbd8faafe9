// The browser client's verification of reads (js/app/verify.js) against a chain built here:
// a genesis with two validators, a header whose state root holds one account, votes.

import assert from 'node:assert/strict';
import test from 'node:test';

import { accountStateKey, encodeAccountState, kvStateKey } from '../../main/webapp/js/lib/account.js';
import { address, generateKey } from '../../main/webapp/js/lib/crypto.js';
import { fromHex, toHex, utf8Encode } from '../../main/webapp/js/lib/hex.js';
import {
  blockHeaderHash,
  encodeBlockHeader,
  encodeVote,
  signVote,
} from '../../main/webapp/js/lib/model.js';
import { encodeStateProof, stateRootOf } from '../../main/webapp/js/lib/proofs.js';
import {
  trustFromGenesis,
  validatorList,
  verifyAccountRead,
  verifyKvRead,
} from '../../main/webapp/js/app/verify.js';

const ZERO = '00'.repeat(32);

async function chain() {
  const v1 = await generateKey();
  const v2 = await generateKey();
  const genesisJson = {
    chainName: 'eris-test',
    timestamp: 1764000000000,
    blockIntervalMs: 250,
    leaderTimeoutMs: 2000,
    leader: toHex(v1.publicKey),
    validators: [
      { publicKey: toHex(v1.publicKey), stake: 100, roles: ['validator'] },
      { publicKey: toHex(v2.publicKey), stake: 50, roles: ['validator'] },
    ],
    accounts: [],
    governance: { signers: [toHex(v1.publicKey)], threshold: 1 },
    pow: { function: 'sha256d-v1', baseTarget: 'ff'.repeat(32), expectedBlockMs: 1000 },
    finality: { numerator: 2, denominator: 3 },
    anchorEvery: 100,
    maxBlockTxs: 5000,
  };
  return { v1, v2, genesisJson, trust: await trustFromGenesis(genesisJson) };
}

// A final block at height 42 whose state holds exactly one entry (its root is the entry's leaf,
// its proof a MEMBER with no siblings), voted by both validators.
async function read(c, key, value) {
  const stateRoot = await stateRootOf([{ key, value }]);
  const header = {
    chainId: c.trust.chainId,
    height: 42n,
    parent: ZERO,
    timestampMillis: 1764000010000n,
    kind: 1,
    proposer: await address(c.v1.publicKey),
    leaderEpoch: 1n,
    txRoot: ZERO,
    stateRoot,
    txCount: 0,
    powTarget: ZERO,
    powNonce: 0n,
  };
  const headerBytes = encodeBlockHeader(header);
  const blockHash = toHex(await blockHeaderHash(headerBytes));
  const votes = [];
  for (const v of [c.v1, c.v2]) {
    votes.push(toHex(encodeVote(await signVote(v, c.trust.chainId, 42n, blockHash))));
  }
  return {
    height: 42,
    blockHash,
    header: toHex(headerBytes),
    stateKey: toHex(key),
    value: toHex(value),
    proof: toHex(encodeStateProof({ terminal: 0, siblings: [] })),
    votes,
  };
}

async function fixture() {
  const c = await chain();
  const user = await generateKey();
  const addr = await address(user.publicKey);
  const value = encodeAccountState({
    publicKey: user.publicKey,
    balance: 1_000_000n,
    nonce: 3n,
    revoked: false,
    roles: ['writer:shared'],
  });
  const resp = { address: addr, ...(await read(c, accountStateKey(addr), value)) };
  return { ...c, addr, resp };
}

test('a correct account read verifies, and the account is decoded from the proven bytes', async () => {
  const { trust, addr, resp } = await fixture();
  const r = await verifyAccountRead(resp, trust, addr);
  assert.deepEqual(r.problems, []);
  assert.equal(r.ok, true);
  assert.equal(r.height, 42);
  assert.equal(r.account.balance, '1000000');
  assert.equal(r.account.nonce, '3');
  assert.deepEqual(r.account.roles, ['writer:shared']);
  assert.equal(r.finality.stake, 150n);
});

test('votes of two thirds of the stake suffice, less does not', async () => {
  const { trust, addr, resp } = await fixture();
  // v1 alone holds 100 of 150 = 2/3: final.
  assert.equal((await verifyAccountRead({ ...resp, votes: [resp.votes[0]] }, trust, addr)).ok, true);
  // v2 alone holds 50 of 150: not final.
  const r = await verifyAccountRead({ ...resp, votes: [resp.votes[1]] }, trust, addr);
  assert.equal(r.ok, false);
  assert.deepEqual(r.problems.map((p) => p.code), ['FINALITY']);
  assert.match(r.problems[0].message, /50 of 150 stake/);
  const none = await verifyAccountRead({ ...resp, votes: [] }, trust, addr);
  assert.deepEqual(none.problems.map((p) => p.code), ['FINALITY']);
});

test('a tampered proof, value or header is refused with the reason', async () => {
  const { trust, addr, resp } = await fixture();
  // A proof with a sibling it does not have.
  const badProof = toHex(encodeStateProof({ terminal: 0, siblings: [fromHex('11'.repeat(32))] }));
  let r = await verifyAccountRead({ ...resp, proof: badProof }, trust, addr);
  assert.equal(r.ok, false);
  assert.deepEqual(r.problems.map((p) => p.code), ['PROOF']);

  // Another balance in the value: the proof no longer holds.
  const v = fromHex(resp.value);
  v[40] ^= 1;
  r = await verifyAccountRead({ ...resp, value: toHex(v) }, trust, addr);
  assert.ok(r.problems.some((p) => p.code === 'PROOF'));

  // A header changed (another state root): its hash is not the named one, votes do not count.
  const h = fromHex(resp.header);
  h[h.length - 60] ^= 1;
  r = await verifyAccountRead({ ...resp, header: toHex(h) }, trust, addr);
  const codes = r.problems.map((p) => p.code);
  assert.ok(codes.includes('HEADER_HASH'), codes.join());
  assert.ok(codes.includes('FINALITY'), codes.join());

  // Claimed absent: the MEMBER proof does not prove absence.
  r = await verifyAccountRead({ ...resp, value: null }, trust, addr);
  assert.ok(r.problems.some((p) => p.code === 'PROOF'));

  // Not hex at all.
  r = await verifyAccountRead({ ...resp, proof: 'zz' }, trust, addr);
  assert.deepEqual(r.problems.map((p) => p.code), ['MALFORMED']);
  r = await verifyAccountRead({ ...resp, header: undefined }, trust, addr);
  assert.equal(r.ok, false);
});

test('the account of another address is not accepted', async () => {
  const { trust, resp } = await fixture();
  const other = await address((await generateKey()).publicKey);
  const r = await verifyAccountRead(resp, trust, other);
  assert.equal(r.ok, false);
  assert.ok(r.problems.some((p) => p.code === 'PROOF'));
});

test('without a genesis nothing verifies', async () => {
  const { addr, resp } = await fixture();
  const r = await verifyAccountRead(resp, null, addr);
  assert.equal(r.ok, false);
  assert.ok(r.problems.some((p) => p.code === 'NO_TRUST'));
});

test('the chain id is computed from the genesis, not taken from the node', async () => {
  const { genesisJson, trust } = await fixture();
  assert.equal((await trustFromGenesis({ ...genesisJson, chainId: trust.chainId })).chainId, trust.chainId);
  await assert.rejects(trustFromGenesis({ ...genesisJson, chainId: 'ab'.repeat(32) }), /chain id/);
  const list = await validatorList(trust);
  assert.equal(list.length, 2);
  assert.ok(Math.abs(list.reduce((s, v) => s + v.share, 0) - 100) < 0.05);
});

test('a key-value read verifies under the namespace and key the client computes', async () => {
  const c = await chain();
  const addr = await address((await generateKey()).publicKey);
  const k = utf8Encode('greeting');
  const resp = await read(c, kvStateKey(addr, k), utf8Encode('hello'));
  assert.deepEqual((await verifyKvRead(resp, c.trust, addr, k)).problems, []);
  // The same answer for another key or another namespace does not verify.
  const other = await verifyKvRead(resp, c.trust, addr, utf8Encode('greetinG'));
  assert.deepEqual(other.problems.map((p) => p.code), ['PROOF']);
  const shared = await verifyKvRead(resp, c.trust, 'shared', k);
  assert.deepEqual(shared.problems.map((p) => p.code), ['PROOF']);
});
