// State proofs, tx inclusion and finality. State tree answers come from the specification (the
// roots are the ones StateTreeKnownAnswerTest takes from an independent Python implementation);
// each verification rule has a case that would pass without it.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { CodecError, ErrorCode } from '../../main/webapp/js/lib/codec.js';
import { ZERO_HASH, keyFromSeed, sha256 } from '../../main/webapp/js/lib/crypto.js';
import { concatBytes, fromHex, toHex, utf8Encode } from '../../main/webapp/js/lib/hex.js';
import { encodeVote, signVote } from '../../main/webapp/js/lib/model.js';
import {
  Terminal,
  checkFinality,
  decodeStateProof,
  encodeStateProof,
  stateInternalHash,
  stateLeafHash,
  txInclusionPath,
  txLeafHash,
  txRoot,
  verifyStateProof,
  verifyTxInclusion,
} from '../../main/webapp/js/lib/proofs.js';

const b = (s) => utf8Encode(s);
const LEAF_A1 = '565388d4bc00257133f799d9366ac97f6e949c18acc53d17457f8859ba0f08d3';
const ROOT_AB = '70a50295110313dd28320faccbee14d04dc2894e877a2e407115a2f337ed4efa';
const ROOT_BC = '4b5e5b4885a797d155a82f66fa0dec93706f71f6fb2ae779d42b4c04dfc630de';

const leaf = async (key, value) => stateLeafHash(await sha256(b(key)), await sha256(b(value)));
const node = stateInternalHash;
const proof = (terminal, siblings, otherPath = null, otherValueHash = null) =>
  encodeStateProof({ terminal, siblings, otherPath, otherValueHash });

test('state proofs against the known roots of {a}, {a, b} and {b, c}', async () => {
  const la = await leaf('a', '1');
  const lb = await leaf('b', '2');
  const lc = await leaf('c', '3');
  assert.equal(toHex(la), LEAF_A1);
  assert.equal(toHex(await node(lb, la)), ROOT_AB);
  const split = await node(lc, lb);
  const mid = await node(await node(ZERO_HASH, split), ZERO_HASH);
  assert.equal(toHex(await node(mid, ZERO_HASH)), ROOT_BC);

  // {a}: the root is a's leaf; b is absent, its search ends at a's leaf.
  assert.equal(await verifyStateProof(LEAF_A1, b('a'), b('1'), proof(Terminal.MEMBER, [])), true);
  const otherA = proof(Terminal.OTHER_LEAF, [], await sha256(b('a')), await sha256(b('1')));
  assert.equal(await verifyStateProof(LEAF_A1, b('b'), null, otherA), true);
  // The empty tree: everything is absent, with no siblings.
  assert.equal(await verifyStateProof(ZERO_HASH, b('a'), null, proof(Terminal.EMPTY, [])), true);

  // {a, b}: path(a) starts with bit 1, path(b) and path(c) with bit 0.
  assert.equal(await verifyStateProof(ROOT_AB, b('a'), b('1'), proof(Terminal.MEMBER, [lb])), true);
  assert.equal(await verifyStateProof(ROOT_AB, b('b'), b('2'), proof(Terminal.MEMBER, [la])), true);
  const cAbsent = proof(Terminal.OTHER_LEAF, [la], await sha256(b('b')), await sha256(b('2')));
  assert.equal(await verifyStateProof(ROOT_AB, b('c'), null, cAbsent), true);

  // {b, c}: b and c share the prefix 001, so b's leaf is at depth 4 under empty siblings.
  const bMember = proof(Terminal.MEMBER, [ZERO_HASH, ZERO_HASH, ZERO_HASH, lc]);
  assert.equal(await verifyStateProof(ROOT_BC, b('b'), b('2'), bMember), true);
  assert.equal(await verifyStateProof(ROOT_BC, b('a'), null, proof(Terminal.EMPTY, [mid])), true);
});

test('a state proof proves only its own claim', async () => {
  const la = await leaf('a', '1');
  const member = proof(Terminal.MEMBER, [la]);
  assert.equal(await verifyStateProof(ROOT_AB, b('b'), b('2'), member), true);
  assert.equal(await verifyStateProof(ROOT_AB, b('b'), b('3'), member), false, 'other value');
  assert.equal(
    await verifyStateProof(ROOT_AB, b('b'), new Uint8Array(0), member),
    false,
    'empty value',
  );
  assert.equal(await verifyStateProof(ROOT_AB, b('b'), null, member), false, 'claims absence');
  assert.equal(await verifyStateProof(ROOT_AB, b('c'), b('2'), member), false, 'other key');
  assert.equal(await verifyStateProof(ROOT_BC, b('b'), b('2'), member), false, 'other root');
  const cAbsent = proof(Terminal.OTHER_LEAF, [la], await sha256(b('b')), await sha256(b('2')));
  assert.equal(
    await verifyStateProof(ROOT_AB, b('c'), b('3'), cAbsent),
    false,
    'absence as member',
  );
  // The other leaf must not be the key's own leaf: that would "prove" b absent.
  assert.equal(await verifyStateProof(ROOT_AB, b('b'), null, cAbsent), false, 'q = p');
  const empty = proof(Terminal.EMPTY, [la]);
  assert.equal(await verifyStateProof(ROOT_AB, b('c'), b('3'), empty), false, 'empty as member');
});

test('a terminal with an empty sibling is refused even when the hashes match', async () => {
  // Not the canonical shape: a's leaf would have moved up. The hash chain does reach this root.
  const la = await leaf('a', '1');
  const nonCanonicalRoot = await node(ZERO_HASH, la);
  const p = proof(Terminal.MEMBER, [ZERO_HASH]);
  assert.equal(await verifyStateProof(nonCanonicalRoot, b('a'), b('1'), p), false);
  // Two levels down, with the exact hash chain: only the rule refuses it. Bit 0 of path(a) is 1.
  const bit1 = ((await sha256(b('a')))[0] >> 6) & 1;
  const lower = bit1 === 0 ? await node(la, ZERO_HASH) : await node(ZERO_HASH, la);
  const root2 = await node(ZERO_HASH, lower);
  const p2 = proof(Terminal.MEMBER, [ZERO_HASH, ZERO_HASH]);
  assert.equal(await verifyStateProof(root2, b('a'), b('1'), p2), false);
});

test('an OTHER_LEAF must share the searched path up to the terminal depth', async () => {
  // A key whose path starts with bit 1, and b's leaf (path starting with bit 0) put on the right
  // of a forged root: the hashes chain up, only the prefix rule refuses it.
  let key;
  for (let i = 0; ; i++) {
    key = b(`k${i}`);
    if ((await sha256(key))[0] & 0x80) {
      break;
    }
  }
  const la = await leaf('a', '1');
  const lb = await leaf('b', '2');
  const forgedRoot = await node(la, lb);
  const p = proof(Terminal.OTHER_LEAF, [la], await sha256(b('b')), await sha256(b('2')));
  assert.equal(await verifyStateProof(forgedRoot, key, null, p), false);
  // The same shape with a leaf that does share bit 0 is accepted.
  const honestRoot = await node(lb, la);
  const q = proof(Terminal.OTHER_LEAF, [lb], await sha256(b('a')), await sha256(b('1')));
  assert.equal(await verifyStateProof(honestRoot, key, null, q), true);
});

test('state proof encoding: layout and strict decoding', async () => {
  const s = await sha256(b('s'));
  const q = await sha256(b('q'));
  const v = await sha256(b('v'));
  assert.equal(toHex(proof(Terminal.MEMBER, [])), '000000');
  assert.equal(toHex(proof(Terminal.EMPTY, [s])), `010001${toHex(s)}`);
  const other = proof(Terminal.OTHER_LEAF, [s, s], q, v);
  assert.equal(toHex(other), `02${toHex(q)}${toHex(v)}0002${toHex(s)}${toHex(s)}`);
  assert.equal(other.length, 3 + 64 + 2 * 32);
  const back = decodeStateProof(other);
  assert.equal(back.terminal, Terminal.OTHER_LEAF);
  assert.deepEqual(back.otherPath, q);
  assert.deepEqual(encodeStateProof(back), other);

  const refuses = (bytes, code) =>
    assert.throws(
      () => decodeStateProof(bytes),
      (e) => e instanceof CodecError && e.code === code,
    );
  refuses(new Uint8Array(0), ErrorCode.TRUNCATED);
  refuses(fromHex('00'), ErrorCode.TRUNCATED);
  refuses(fromHex('000001'), ErrorCode.TRUNCATED);
  refuses(other.slice(0, 40), ErrorCode.TRUNCATED);
  refuses(fromHex('00000000'), ErrorCode.TRAILING_BYTES);
  refuses(fromHex('030000'), ErrorCode.UNKNOWN_KIND);
  refuses(concatBytes(fromHex('000101'), new Uint8Array(257 * 32)), ErrorCode.FIELD_TOO_LARGE);
  // The verifier answers false, never throws, on such bytes.
  for (const bad of [fromHex(''), fromHex('030000'), fromHex('00000000')]) {
    assert.equal(await verifyStateProof(LEAF_A1, b('a'), b('1'), bad), false);
  }
  assert.equal(
    await verifyStateProof('00', b('a'), b('1'), fromHex('000000')),
    false,
    'short root',
  );
});

// RFC 6962's recursive definition, independent of the bottom-up implementation.
async function mth(hashes) {
  if (hashes.length === 0) {
    return sha256(new Uint8Array(0));
  }
  if (hashes.length === 1) {
    return txLeafHash(hashes[0]);
  }
  let k = 1;
  while (k * 2 < hashes.length) {
    k *= 2;
  }
  return sha256(fromHex('01'), await mth(hashes.slice(0, k)), await mth(hashes.slice(k)));
}

const txHashes = async (n) => Promise.all(Array.from({ length: n }, (_, i) => sha256(b(`tx${i}`))));

test('tx root: RFC 6962 tree hash, and the roots Java computes', async () => {
  // TxMerkle.root over SHA-256("tx0") .. SHA-256("tx{n-1}"), from the Java side.
  const java = [
    'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    '5e0bee3b0a2e783a0e43a5b93c5d769ad07969cb6213d009763153f07134fca3',
    'cd8e9a192f1c2b8e3a7e36dbef6ef90cac12fed7f2d18e4daf169a304f6b2438',
    '4c13e5e804cf591f35c2beaba7bfa3a284e107f9dae70a729ff99a1c5e8b4e61',
    '15756b165b28a8d9a1c1aaf5a46ee2f5b04038bb39444d45dfb058fdb5b6b37e',
    '2a93a1df25ab1da8500ec53ae9a3e90a41d55a410a4f2cb50a0ba2d8d5b626bb',
    'deb5156dfc7980c27f5bf5f0c984ad8e6ddea2c54658e164f43272647bb73fba',
    'd8db8c3a291d6fbffb4abf03268f80df8917cfa825b06d62e5659f86c92aea2f',
  ];
  for (let n = 0; n < java.length; n++) {
    assert.equal(toHex(await txRoot(await txHashes(n))), java[n], `${n} txs`);
  }
  for (let n = 0; n <= 33; n++) {
    const hs = await txHashes(n);
    assert.deepEqual(await txRoot(hs), await mth(hs), `${n} txs`);
  }
});

test('tx inclusion: every leaf of trees up to 17 txs verifies, nothing else does', async () => {
  for (let n = 1; n <= 17; n++) {
    const hs = await txHashes(n);
    const root = await txRoot(hs);
    for (let i = 0; i < n; i++) {
      const path = await txInclusionPath(hs, i);
      assert.equal(await verifyTxInclusion(root, hs[i], i, n, path), true, `${i} of ${n}`);
      assert.equal(
        await verifyTxInclusion(toHex(root), toHex(hs[i]), BigInt(i), BigInt(n), path.map(toHex)),
        true,
      );
      if (n > 1) {
        assert.equal(await verifyTxInclusion(root, hs[(i + 1) % n], i, n, path), false, 'other tx');
        assert.equal(
          await verifyTxInclusion(root, hs[i], (i + 1) % n, n, path),
          false,
          'other index',
        );
        assert.equal(
          await verifyTxInclusion(root, hs[i], i, n, path.slice(1)),
          false,
          'short path',
        );
        const flipped = path.map((p, j) =>
          j === 0 ? Uint8Array.from(p, (x, k) => (k === 0 ? x ^ 1 : x)) : p,
        );
        assert.equal(await verifyTxInclusion(root, hs[i], i, n, flipped), false, 'altered sibling');
      }
      if ((await txInclusionPath(await txHashes(n + 1), i)).length !== path.length) {
        assert.equal(await verifyTxInclusion(root, hs[i], i, n + 1, path), false, 'other size');
      }
      assert.equal(await verifyTxInclusion(root, hs[i], i, n, [...path, root]), false, 'long path');
    }
  }
  const hs = await txHashes(3);
  const root = await txRoot(hs);
  // As in RFC 9162, the root does not bind the size on its own: leaf 0 of 3 also verifies as
  // leaf 0 of 4 (the same hashes); the size must come from the header's txCount.
  assert.equal(await verifyTxInclusion(root, hs[0], 0, 4, await txInclusionPath(hs, 0)), true);
  assert.equal(await verifyTxInclusion(root, hs[0], -1, 3, []), false);
  assert.equal(await verifyTxInclusion(root, hs[0], 3, 3, []), false);
  assert.equal(await verifyTxInclusion(root, hs[0], 0, 0, []), false);
  assert.equal(await verifyTxInclusion(root, 'zz', 0, 3, []), false);
  await assert.rejects(txInclusionPath(hs, 3), RangeError);
});

// ---------------------------------------------------------------------------------------------
// Finality

const key = async (label) => keyFromSeed(await sha256(b(`eris-test-key:${label}`)));
const A = await key('fin-a');
const B = await key('fin-b');
const C = await key('fin-c');
const D = await key('fin-d');
const CHAIN = await sha256(b('chain'));
const OTHER_CHAIN = await sha256(b('other chain'));
const BLOCK = await sha256(b('block 10'));
const OTHER_BLOCK = await sha256(b('block 10 bis'));
const HEIGHT = 10n;

const vote = (k, { chain = CHAIN, height = HEIGHT, block = BLOCK } = {}) =>
  signVote(k, chain, height, block);

function finality(votes, stakes = [1n, 1n, 1n], numerator = 2, denominator = 3) {
  const validators = [A, B, C].map((k, i) => ({ publicKey: k.publicKey, stake: stakes[i] }));
  return checkFinality({
    chainId: CHAIN,
    height: HEIGHT,
    blockHash: BLOCK,
    votes,
    validators,
    numerator,
    denominator,
  });
}

test('finality: below the threshold not final, at the threshold final', async () => {
  const none = await finality([]);
  assert.equal(none.final, false);
  assert.equal(none.stake, 0n);
  assert.equal(none.totalStake, 3n);
  const one = await finality([await vote(A)]);
  assert.equal(one.final, false);
  assert.equal(one.stake, 1n);
  // 2 of 3 at 2/3: 2 * 3 >= 3 * 2, exactly the threshold.
  const two = await finality([await vote(A), await vote(B)]);
  assert.equal(two.final, true);
  assert.equal(two.stake, 2n);
  assert.deepEqual(two.voters, [toHex(A.publicKey), toHex(B.publicKey)]);
  assert.deepEqual(two.rejected, []);
  // Stake, not heads: A alone (100 of 200) is not 2/3; A + B (150) is; B + C (100) is not.
  const stakes = [100n, 50n, 50n];
  assert.equal((await finality([await vote(A)], stakes)).final, false);
  assert.equal((await finality([await vote(A), await vote(B)], stakes)).final, true);
  assert.equal((await finality([await vote(B), await vote(C)], stakes)).final, false);
  // 3/4 of 4 equal stakes: 3 votes are exactly enough (with D as the fourth validator).
  const four = [A, B, C, D].map((k) => ({ publicKey: toHex(k.publicKey), stake: 1 }));
  const args = {
    chainId: CHAIN,
    height: HEIGHT,
    blockHash: BLOCK,
    validators: four,
    numerator: 3,
    denominator: 4,
  };
  assert.equal(
    (await checkFinality({ ...args, votes: [await vote(A), await vote(B)] })).final,
    false,
  );
  assert.equal(
    (await checkFinality({ ...args, votes: [await vote(A), await vote(B), await vote(D)] })).final,
    true,
  );
});

test('finality: votes for another block, height or chain are not counted', async () => {
  const r = await finality([
    await vote(A),
    await vote(B, { block: OTHER_BLOCK }),
    await vote(C, { height: HEIGHT + 1n }),
    await vote(B, { chain: OTHER_CHAIN }),
  ]);
  assert.equal(r.final, false);
  assert.equal(r.stake, 1n);
  assert.deepEqual(
    r.rejected.map((x) => x.reason),
    ['OTHER_BLOCK', 'OTHER_BLOCK', 'WRONG_CHAIN'],
  );
});

test('finality: votes from unknown keys or with bad signatures are not counted', async () => {
  const forged = await vote(B);
  const sig = Uint8Array.from(forged.signature);
  sig[0] ^= 1;
  const signedByD = { ...(await vote(D)), voter: B.publicKey };
  const r = await finality([
    await vote(A),
    await vote(D),
    { ...forged, signature: sig },
    signedByD,
  ]);
  assert.equal(r.final, false);
  assert.equal(r.stake, 1n);
  assert.deepEqual(
    r.rejected.map((x) => [x.index, x.reason]),
    [
      [1, 'UNKNOWN_VOTER'],
      [2, 'BAD_SIGNATURE'],
      [3, 'BAD_SIGNATURE'],
    ],
  );
});

test('finality: a validator voting several times counts once', async () => {
  const a = await vote(A);
  const r = await finality([a, a, await vote(A), { ...a }]);
  assert.equal(r.final, false);
  assert.equal(r.stake, 1n);
  assert.deepEqual(r.voters, [toHex(A.publicKey)]);
  assert.equal(r.rejected.filter((x) => x.reason === 'DUPLICATE').length, 3);
  // A bad copy does not stop the good one from counting.
  const bad = { ...a, signature: new Uint8Array(64) };
  const s = await finality([bad, a, await vote(B)]);
  assert.equal(s.final, true);
  assert.equal(s.stake, 2n);
});

test('finality: votes as encodings, malformed encodings rejected with their code', async () => {
  const r = await finality([encodeVote(await vote(A)), encodeVote(await vote(C)), fromHex('5601')]);
  assert.equal(r.final, true);
  assert.deepEqual(r.rejected, [{ index: 2, reason: 'TRUNCATED' }]);
});

test('finality: an empty validator set or a bad threshold is an error, not a verdict', async () => {
  const base = { chainId: CHAIN, height: HEIGHT, blockHash: BLOCK, votes: [] };
  await assert.rejects(
    checkFinality({ ...base, validators: [], numerator: 2, denominator: 3 }),
    RangeError,
  );
  const vs = [{ publicKey: A.publicKey, stake: 1n }];
  await assert.rejects(
    checkFinality({ ...base, validators: vs, numerator: 0, denominator: 3 }),
    RangeError,
  );
  await assert.rejects(
    checkFinality({ ...base, validators: vs, numerator: 4, denominator: 3 }),
    RangeError,
  );
  await assert.rejects(
    checkFinality({ ...base, validators: [...vs, ...vs], numerator: 2, denominator: 3 }),
    RangeError,
  );
  await assert.rejects(
    checkFinality({
      ...base,
      validators: [{ publicKey: A.publicKey, stake: 0n }],
      numerator: 2,
      denominator: 3,
    }),
    RangeError,
  );
});
