// Verification of what the node says about state: a read (account or key-value entry) comes with
// the header of the final block it was read at, a Merkle proof against that header's state root
// and the finality votes for the block. Nothing the node claims is shown as verified unless the
// header hashes to the block hash, belongs to our chain, the proof holds for the key we compute
// ourselves, and validators from genesis holding enough stake signed votes for the block.

import { decodeAccountState, kvStateKey, accountStateKey } from '../lib/account.js';
import { address as addressOf } from '../lib/crypto.js';
import { equalBytes, fromHex, toHex } from '../lib/hex.js';
import {
  blockHeaderHash,
  decodeBlockHeader,
  genesisChainId,
  genesisFromJson,
  genesisValidatorSet,
} from '../lib/model.js';
import { checkFinality, verifyStateProof } from '../lib/proofs.js';

/**
 * @typedef {object} Trust What reads are checked against, from the genesis.
 * @property {string} chainId hex, computed from the genesis here (not taken from the node)
 * @property {string} chainName
 * @property {number} blockIntervalMs
 * @property {{publicKey: Uint8Array, stake: bigint}[]} validators
 * @property {number} numerator
 * @property {number} denominator
 */

/**
 * The trust anchor of a genesis as GET /api/v1/genesis returns it (the file form plus
 * "chainId"): the chain id is recomputed from the genesis and must match the one stated.
 * @param {object} json
 * @returns {Promise<Trust>}
 * @throws {Error} when the genesis does not parse or its chain id is not the one stated
 */
export async function trustFromGenesis(json) {
  if (json === null || typeof json !== 'object') {
    throw new Error('the genesis is not a JSON object');
  }
  const { chainId: stated, ...file } = json;
  const genesis = await genesisFromJson(file);
  const chainId = toHex(await genesisChainId(genesis));
  if (stated !== undefined && stated !== chainId) {
    throw new Error(`the genesis hashes to chain id ${chainId}, not to the ${stated} stated`);
  }
  const set = genesisValidatorSet(genesis);
  return {
    chainId,
    chainName: genesis.chainName,
    blockIntervalMs: genesis.blockIntervalMs,
    validators: set.validators,
    numerator: set.numerator,
    denominator: set.denominator,
  };
}

/**
 * The validators of a trust anchor, as the operator page lists them.
 * @param {Trust} trust
 * @returns {Promise<{publicKey: string, address: string, stake: bigint, share: number}[]>}
 */
export async function validatorList(trust) {
  const total = trust.validators.reduce((s, v) => s + v.stake, 0n);
  return Promise.all(
    trust.validators.map(async (v) => ({
      publicKey: toHex(v.publicKey),
      address: await addressOf(v.publicKey),
      stake: v.stake,
      share: total === 0n ? 0 : Number((v.stake * 10000n) / total) / 100,
    })),
  );
}

function bytesOrNull(hex, what, problems) {
  if (hex === null || hex === undefined) {
    return null;
  }
  try {
    return fromHex(hex);
  } catch {
    problems.push({ code: 'MALFORMED', message: `${what} is not hex` });
    return undefined;
  }
}

/**
 * @typedef {object} ReadVerification
 * @property {boolean} ok everything holds
 * @property {number|null} height the header's height (null when the header does not decode)
 * @property {string|null} blockHash the header's hash, computed here
 * @property {number} timestamp the header's timestamp (ms)
 * @property {{code: string, message: string}[]} problems what failed: HEADER_HASH,
 *     WRONG_CHAIN, HEIGHT, PROOF, FINALITY, MALFORMED, NO_TRUST
 * @property {{stake: bigint, totalStake: bigint, voters: number}|null} finality
 */

/**
 * Verifies a state read against its header and votes.
 * @param {object} resp the node's answer: {height, blockHash, header, value, proof, votes}
 * @param {Trust|null} trust
 * @param {Uint8Array} stateKey computed by the caller from what it asked for
 * @returns {Promise<ReadVerification & {value: Uint8Array|null}>}
 */
export async function verifyRead(resp, trust, stateKey) {
  const problems = [];
  const out = { ok: false, height: null, blockHash: null, timestamp: 0, problems, finality: null };
  const headerBytes = bytesOrNull(resp.header, 'the header', problems);
  const value = bytesOrNull(resp.value, 'the value', problems);
  const proof = bytesOrNull(resp.proof, 'the proof', problems);
  out.value = value ?? null;
  if (headerBytes === null) {
    problems.push({ code: 'MALFORMED', message: 'the answer carries no block header' });
  }
  if (proof === null) {
    problems.push({ code: 'MALFORMED', message: 'the answer carries no proof' });
  }
  if (headerBytes == null || proof == null || value === undefined) {
    return out;
  }
  let header;
  try {
    header = decodeBlockHeader(headerBytes);
  } catch (e) {
    problems.push({ code: 'MALFORMED', message: `the header does not decode (${e.code ?? e.message})` });
    return out;
  }
  const hash = await blockHeaderHash(headerBytes);
  out.height = Number(header.height);
  out.blockHash = toHex(hash);
  out.timestamp = Number(header.timestampMillis);
  if (resp.blockHash !== undefined && resp.blockHash !== out.blockHash) {
    problems.push({
      code: 'HEADER_HASH',
      message: `the header hashes to ${out.blockHash.slice(0, 16)}…, not to the block hash ` +
        `${String(resp.blockHash).slice(0, 16)}… the node named`,
    });
  }
  if (resp.height !== undefined && Number(resp.height) !== out.height) {
    problems.push({
      code: 'HEIGHT',
      message: `the header is at height ${out.height}, the node said ${resp.height}`,
    });
  }
  if (!trust) {
    problems.push({
      code: 'NO_TRUST',
      message: 'no genesis to check the chain and the votes against',
    });
  } else if (toHex(header.chainId) !== trust.chainId) {
    problems.push({ code: 'WRONG_CHAIN', message: 'the header belongs to another chain' });
  }
  if (!(await verifyStateProof(header.stateRoot, stateKey, value, proof))) {
    problems.push({
      code: 'PROOF',
      message: "the Merkle proof does not hold against the header's state root",
    });
  }
  if (trust) {
    const votes = [];
    for (const v of Array.isArray(resp.votes) ? resp.votes : []) {
      try {
        votes.push(fromHex(v));
      } catch {
        votes.push(new Uint8Array(0));
      }
    }
    const f = await checkFinality({
      chainId: trust.chainId,
      height: header.height,
      blockHash: hash,
      votes,
      validators: trust.validators,
      numerator: trust.numerator,
      denominator: trust.denominator,
    });
    out.finality = { stake: f.stake, totalStake: f.totalStake, voters: f.voters.length };
    if (!f.final) {
      problems.push({
        code: 'FINALITY',
        message:
          `valid votes carry ${f.stake} of ${f.totalStake} stake, below the ` +
          `${trust.numerator}/${trust.denominator} finality threshold` +
          (f.rejected.length ? ` (${f.rejected.length} vote(s) refused: ` +
            `${[...new Set(f.rejected.map((r) => r.reason))].join(', ')})` : ''),
      });
    }
  }
  out.ok = problems.length === 0;
  return out;
}

/**
 * Verifies GET /api/v1/accounts/{address}: the read, and that the account entry decodes and
 * belongs to the address.
 * @param {object} resp
 * @param {Trust|null} trust
 * @param {string} address 40 hex
 * @returns {Promise<ReadVerification & {account: object|null}>}
 */
export async function verifyAccountRead(resp, trust, address) {
  const r = await verifyRead(resp, trust, accountStateKey(address));
  let account = null;
  if (r.value) {
    try {
      const a = decodeAccountState(r.value);
      if ((await addressOf(a.publicKey)) !== address) {
        r.problems.push({ code: 'PROOF', message: 'the account entry belongs to another key' });
      }
      account = {
        publicKey: toHex(a.publicKey),
        balance: a.balance.toString(),
        nonce: a.nonce.toString(),
        revoked: a.revoked,
        roles: a.roles,
      };
    } catch (e) {
      r.problems.push({
        code: 'MALFORMED',
        message: `the account entry does not decode (${e.code ?? e.message})`,
      });
    }
  }
  r.ok = r.problems.length === 0;
  return { ...r, account };
}

/**
 * Verifies GET /api/v1/kv/{namespace}/{keyHex} for the entry we asked for.
 * @param {object} resp
 * @param {Trust|null} trust
 * @param {string} namespace the namespace as stored (an address for one's own)
 * @param {Uint8Array} key
 * @returns {Promise<ReadVerification>}
 */
export async function verifyKvRead(resp, trust, namespace, key) {
  return verifyRead(resp, trust, kvStateKey(namespace, key));
}

/** Whether two byte strings given as hex are the same (either may be null). */
export function sameHex(a, b) {
  if (a == null || b == null) {
    return a == b;
  }
  return equalBytes(fromHex(a), fromHex(b));
}

/** One line summing up what failed. */
export function problemSummary(problems) {
  return problems.map((p) => p.message).join('; ');
}
