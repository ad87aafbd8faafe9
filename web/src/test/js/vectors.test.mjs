// The shared test vectors the Java core writes (io.eris.core.tools.VectorsTool, checked in as
// core/src/test/resources/vectors/eris-vectors.json): every vector is re-encoded, re-hashed,
// re-signed or re-verified here, and tampered copies must fail.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

import { accountStateKey, verifyAccount } from '../../main/webapp/js/lib/account.js';
import { CodecError, Writer } from '../../main/webapp/js/lib/codec.js';
import { ZERO_HASH, address, keyFromSeed, sha256 } from '../../main/webapp/js/lib/crypto.js';
import { fromHex, toHex, utf8Encode } from '../../main/webapp/js/lib/hex.js';
import {
  BlockKind,
  TxKind,
  blockHeaderHash,
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
import {
  stateRootOf,
  txInclusionPath,
  txRoot,
  verifyStateProof,
  verifyTxInclusion,
} from '../../main/webapp/js/lib/proofs.js';

const FILE = new URL(
  '../../../../core/src/test/resources/vectors/eris-vectors.json',
  import.meta.url,
);
assert.ok(
  existsSync(FILE),
  `shared vectors missing: ${fileURLToPath(FILE)} (run io.eris.core.tools.VectorsTool)`,
);
const V = JSON.parse(readFileSync(FILE, 'utf8'));
const H = fromHex;

const keys = new Map();
for (const k of V.keys) {
  keys.set(k.label, { ...k, key: await keyFromSeed(k.seed) });
}
const keyOf = (label) => {
  assert.ok(keys.has(label), `no key "${label}" in the vectors`);
  return keys.get(label);
};

/** Copies of `bytes` with one byte changed, at every position (or every `step`-th). */
function* flips(bytes, step = 1) {
  for (let i = 0; i < bytes.length; i += step) {
    const out = Uint8Array.from(bytes);
    out[i] ^= 0x01 << i % 8;
    yield out;
  }
}

test('the vectors file is the format this client reads, with no category left unchecked', () => {
  assert.equal(V.format, 'eris-test-vectors');
  assert.equal(V.version, 1);
  assert.deepEqual(Object.keys(V), [
    'format',
    'version',
    'notes',
    'keys',
    'genesis',
    'transactions',
    'vote',
    'block',
    'txRoots',
    'stateTree',
    'account',
    'pow',
    'anchorMessage',
  ]);
});

test('keys: seed = SHA-256("eris-test-key:" + label), public key, address', async () => {
  assert.ok(V.keys.length >= 5);
  for (const k of V.keys) {
    assert.equal(toHex(await sha256(utf8Encode(`eris-test-key:${k.label}`))), k.seed, k.label);
    const key = keyOf(k.label).key;
    assert.equal(toHex(key.publicKey), k.publicKey, k.label);
    assert.equal(await address(key.publicKey), k.address, k.label);
  }
});

test('genesis: JSON form -> encoding -> chain id, and the genesis block header', async () => {
  const g = V.genesis;
  const fromJson = await genesisFromJson(g.json);
  assert.equal(toHex(encodeGenesis(fromJson)), g.encoding);
  const decoded = decodeGenesis(H(g.encoding));
  assert.equal(toHex(encodeGenesis(decoded)), g.encoding);
  assert.equal(toHex(await sha256(H(g.encoding))), g.chainId);
  assert.equal(toHex(await genesisChainId(decoded)), g.chainId);
  assert.equal(decoded.validators.length, g.json.validators.length);

  const header = decodeBlockHeader(H(g.blockHeaderEncoding));
  const expected = {
    chainId: g.chainId,
    height: 0n,
    parent: ZERO_HASH,
    timestampMillis: decoded.timestampMillis,
    kind: BlockKind.GENESIS,
    proposer: new Uint8Array(20),
    leaderEpoch: 0n,
    txRoot: await txRoot([]),
    stateRoot: g.stateRoot,
    txCount: 0,
    powTarget: ZERO_HASH,
    powNonce: 0n,
  };
  assert.equal(toHex(encodeBlockHeader(expected)), g.blockHeaderEncoding);
  assert.equal(toHex(await blockHeaderHash(header)), g.blockHash);

  for (const bad of flips(H(g.encoding), 7)) {
    let id;
    try {
      id = toHex(await genesisChainId(decodeGenesis(bad)));
    } catch (e) {
      assert.ok(e instanceof CodecError, String(e));
      continue;
    }
    assert.notEqual(id, g.chainId);
  }
});

test('transactions: bytes, payload, signature, hash; re-signed identically; bodies re-encode', async () => {
  assert.ok(V.transactions.length >= 5);
  const byName = new Map(V.transactions.map((t) => [t.name, t]));
  for (const t of V.transactions) {
    const signer = keyOf(t.signer);
    const tx = decodeTransaction(H(t.encoding));
    assert.equal(toHex(encodeTransaction(tx)), t.encoding, t.name);
    assert.equal(toHex(txSigningPayload(tx)), t.signingPayload, t.name);
    assert.equal(toHex(tx.signature), t.signature, t.name);
    assert.equal(toHex(tx.body), t.body, t.name);
    assert.equal(tx.nonce, BigInt(t.nonce), t.name);
    assert.equal(txKindName(tx.kind), t.kind, t.name);
    assert.equal(toHex(tx.chainId), V.genesis.chainId, t.name);
    assert.equal(toHex(tx.sender), signer.publicKey, t.name);
    assert.equal(toHex(await transactionHash(tx)), t.hash, t.name);
    assert.equal(await verifyTransaction(tx), true, t.name);

    const again = await signTransaction(signer.key, tx.chainId, t.nonce, t.kind, H(t.body));
    assert.equal(toHex(again.encoded), t.encoding, `${t.name} re-signed`);
    assert.equal(toHex(again.hash), t.hash, `${t.name} re-signed`);

    if (tx.kind === TxKind.WRITE) {
      assert.equal(toHex(encodeWriteBody(decodeWriteBody(tx.body))), t.body, t.name);
    } else if (tx.kind === TxKind.TRANSFER) {
      const body = decodeTransferBody(tx.body);
      assert.equal(toHex(encodeTransferBody(body)), t.body, t.name);
    }
  }
  // An approval names the proposal by the hash of the GOVERN_PROPOSE transaction.
  assert.equal(byName.get('govern-approve').body, byName.get('govern-propose').hash);
  assert.equal(
    toHex(decodeTransferBody(H(byName.get('transfer').body)).to),
    keyOf('alice').address,
  );
});

test('transactions: every one-byte change is refused or breaks the signature', async () => {
  let checked = 0;
  for (const t of V.transactions) {
    for (const bad of flips(H(t.encoding))) {
      let tx;
      try {
        tx = decodeTransaction(bad);
      } catch (e) {
        assert.ok(e instanceof CodecError, String(e));
        continue;
      }
      assert.equal(await verifyTransaction(tx), false, `${t.name}: ${toHex(bad)}`);
      checked++;
    }
  }
  assert.ok(checked > 500, `${checked} decodable forgeries checked`);
});

test('vote: bytes, signature, hash, re-signed identically; one-byte changes fail', async () => {
  const v = V.vote;
  const vote = decodeVote(H(v.encoding));
  assert.equal(toHex(encodeVote(vote)), v.encoding);
  assert.equal(toHex(vote.signature), v.signature);
  assert.equal(toHex(await voteHash(vote)), v.hash);
  assert.equal(vote.height, BigInt(v.height));
  assert.equal(toHex(vote.chainId), v.chainId);
  assert.equal(toHex(vote.blockHash), v.blockHash);
  assert.equal(v.blockHash, V.genesis.blockHash);
  assert.equal(toHex(vote.voter), keyOf(v.signer).publicKey);
  assert.equal(await verifyVote(vote), true);
  const again = await signVote(keyOf(v.signer).key, v.chainId, v.height, v.blockHash);
  assert.equal(toHex(encodeVote(again)), v.encoding);
  for (const bad of flips(H(v.encoding))) {
    let forged;
    try {
      forged = decodeVote(bad);
    } catch (e) {
      assert.ok(e instanceof CodecError, String(e));
      continue;
    }
    assert.equal(await verifyVote(forged), false, toHex(bad));
  }
});

test('block: bytes, header hash, proposer signature, tx root over its transactions', async () => {
  const b = V.block;
  const block = decodeBlock(H(b.blockEncoding));
  assert.equal(toHex(encodeBlock(block)), b.blockEncoding);
  assert.equal(toHex(encodeBlockHeader(block.header)), b.headerEncoding);
  assert.equal(toHex(await blockHeaderHash(block.header)), b.hash);
  assert.equal(toHex(block.signature), b.signature);
  assert.equal(await verifyBlockSignature(block, keyOf(b.signer).publicKey), true);
  assert.equal(await verifyBlockSignature(block, keyOf('alice').publicKey), false);
  assert.equal(toHex(block.header.parent), V.genesis.blockHash);
  assert.equal(toHex(block.header.proposer), keyOf(b.signer).address);
  assert.equal(block.header.height, 1n);
  assert.equal(block.header.kind, BlockKind.LEADER);

  const hashes = await Promise.all(block.txs.map((tx) => transactionHash(tx)));
  assert.equal(block.header.txCount, hashes.length);
  assert.deepEqual(await txRoot(hashes), block.header.txRoot);
  const known = new Set(V.transactions.map((t) => t.hash));
  assert.ok(hashes.every((h) => known.has(toHex(h))));
  for (let i = 0; i < hashes.length; i++) {
    const path = await txInclusionPath(hashes, i);
    assert.equal(
      await verifyTxInclusion(block.header.txRoot, hashes[i], i, hashes.length, path),
      true,
    );
  }
  for (const bad of flips(H(b.headerEncoding), 3)) {
    let header;
    try {
      header = decodeBlockHeader(bad);
    } catch (e) {
      assert.ok(e instanceof CodecError, String(e));
      continue;
    }
    assert.equal(
      await verifyBlockSignature({ ...block, header }, keyOf(b.signer).publicKey),
      false,
    );
  }
});

test('tx roots and inclusion proofs; altered proofs fail', async () => {
  for (const r of V.txRoots) {
    const n = r.txHashes.length;
    for (let i = 0; i < n; i++) {
      assert.equal(r.txHashes[i], toHex(await sha256(utf8Encode(`tx ${i}`))));
    }
    assert.equal(toHex(await txRoot(r.txHashes.map(H))), r.root, `${n} txs`);
    assert.equal(r.proofs.length, n);
    for (const p of r.proofs) {
      const path = await txInclusionPath(r.txHashes.map(H), p.index);
      assert.deepEqual(path.map(toHex), p.path, `${p.index} of ${n}`);
      assert.equal(await verifyTxInclusion(r.root, r.txHashes[p.index], p.index, n, p.path), true);
      for (let j = 0; j < p.path.length; j++) {
        for (const bad of flips(H(p.path[j]), 5)) {
          const path2 = p.path.map((x, k) => (k === j ? bad : x));
          assert.equal(
            await verifyTxInclusion(r.root, r.txHashes[p.index], p.index, n, path2),
            false,
          );
        }
      }
      if (n > 1) {
        const other = (p.index + 1) % n;
        assert.equal(await verifyTxInclusion(r.root, r.txHashes[other], p.index, n, p.path), false);
      }
    }
  }
});

test('state tree: roots from the entries, membership and absence proofs', async () => {
  const s = V.stateTree;
  assert.equal(s.emptyRoot, toHex(ZERO_HASH));
  assert.deepEqual(await stateRootOf([]), ZERO_HASH);
  const entries = s.entries.map((e) => ({ key: H(e.key), value: H(e.value) }));
  assert.equal(toHex(await stateRootOf(entries)), s.root);
  assert.equal(toHex(await stateRootOf(entries.slice(1))), s.rootAfterDeletingKey0);
  assert.equal(new TextDecoder().decode(entries[0].key), 'key-0');

  const m = s.membership;
  assert.equal(await verifyStateProof(s.root, H(m.key), H(m.value), H(m.proof)), true);
  assert.equal(await verifyStateProof(s.root, H(m.key), null, H(m.proof)), false);
  assert.equal(await verifyStateProof(s.root, H(m.key), H(s.entries[0].value), H(m.proof)), false);
  assert.equal(
    await verifyStateProof(s.rootAfterDeletingKey0, H(m.key), H(m.value), H(m.proof)),
    false,
  );
  const a = s.nonMembership;
  assert.equal(await verifyStateProof(s.root, H(a.key), null, H(a.proof)), true);
  assert.equal(await verifyStateProof(s.root, H(a.key), new Uint8Array(0), H(a.proof)), false);
  assert.equal(await verifyStateProof(s.root, H(m.key), null, H(a.proof)), false);
});

test('state tree: every one-byte change to a proof or to the root makes it fail', async () => {
  const s = V.stateTree;
  const cases = [
    [s.membership.key, s.membership.value, s.membership.proof],
    [s.nonMembership.key, null, s.nonMembership.proof],
    [V.account.key, V.account.value, V.account.proof],
  ];
  for (const [key, value, proof] of cases) {
    const root = proof === V.account.proof ? V.account.stateRoot : s.root;
    const v = value === null ? null : H(value);
    assert.equal(await verifyStateProof(root, H(key), v, H(proof)), true);
    for (const bad of flips(H(proof))) {
      assert.equal(await verifyStateProof(root, H(key), v, bad), false, toHex(bad));
    }
    for (const bad of flips(H(root))) {
      assert.equal(await verifyStateProof(bad, H(key), v, H(proof)), false);
    }
    // Another key is proven absent by the same proof when its path shares the proof's prefix;
    // only a membership proof is bound to its key.
    if (v !== null) {
      for (const bad of flips(H(key))) {
        assert.equal(await verifyStateProof(root, bad, v, H(proof)), false);
      }
    }
    const p = H(proof);
    assert.equal(
      await verifyStateProof(root, H(key), v, p.slice(0, p.length - 1)),
      false,
      'truncated',
    );
    assert.equal(
      await verifyStateProof(root, H(key), v, Uint8Array.of(...p, 0)),
      false,
      'trailing',
    );
  }
});

test('account: the entry under its state key, proven against the genesis state root', async () => {
  const a = V.account;
  const owner = keyOf(a.owner);
  assert.equal(a.stateRoot, V.genesis.stateRoot);
  assert.equal(toHex(accountStateKey(owner.address)), a.key);
  const r = await verifyAccount({
    stateRoot: a.stateRoot,
    address: owner.address,
    value: H(a.value),
    proof: H(a.proof),
  });
  assert.equal(r.verified, true);
  assert.equal(toHex(r.account.publicKey), owner.publicKey);
  assert.equal(r.account.balance, BigInt(a.balance));
  assert.equal(r.account.nonce, BigInt(a.nonce));
  assert.equal(r.account.revoked, a.revoked);
  assert.deepEqual(r.account.roles, a.roles);
  for (const bad of flips(H(a.value))) {
    const f = await verifyAccount({
      stateRoot: a.stateRoot,
      address: owner.address,
      value: bad,
      proof: H(a.proof),
    });
    assert.equal(f.verified, false);
  }
  const bob = await verifyAccount({
    stateRoot: a.stateRoot,
    address: keyOf('bob').address,
    value: H(a.value),
    proof: H(a.proof),
  });
  assert.equal(bob.verified, false);
});

test('PoW: sha256d-v1 of the header and the stake-weighted target', async (t) => {
  const p = V.pow;
  const bytes = H(p.headerEncoding);
  const header = decodeBlockHeader(bytes);
  assert.equal(toHex(encodeBlockHeader(header)), p.headerEncoding);
  assert.equal(header.kind, BlockKind.POW);
  assert.equal(toHex(await sha256(await sha256(bytes))), p['sha256d-v1']);
  const target = (BigInt(`0x${p.baseTarget}`) * BigInt(p.stake)) / BigInt(p.totalStake);
  assert.equal(target.toString(16).padStart(64, '0'), p.stakeWeightedTarget);
  assert.equal(toHex(header.powTarget), p.stakeWeightedTarget);
  assert.equal(p.baseTarget, toHex(decodeGenesis(H(V.genesis.encoding)).powBaseTarget));
  t.diagnostic('argon2id-v1 not checked: WebCrypto has no Argon2 and the client does not mine');
});

test('anchor message: SHA-256(chainId | u64 height | blockHash)', async () => {
  const a = V.anchorMessage;
  assert.equal(a.chainId, V.genesis.chainId);
  assert.equal(a.blockHash, V.block.hash);
  const bytes = new Writer()
    .fixed(H(a.chainId), 32)
    .u64(a.height)
    .fixed(H(a.blockHash), 32)
    .toBytes();
  assert.equal(toHex(await sha256(bytes)), a.message);
});
