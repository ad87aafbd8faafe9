// The browser client's tx bookkeeping (js/app/txlogic.js) and chart arithmetic (js/app/chart.js).

import assert from 'node:assert/strict';
import test from 'node:test';

import {
  applyUpdate,
  describeReason,
  formatAmount,
  mergeHistory,
  nextNonce,
  nextStatus,
  parseAmount,
  shortHex,
  statusText,
} from '../../main/webapp/js/app/txlogic.js';
import { blockIntervals, intervalStats, niceCeil } from '../../main/webapp/js/app/chart.js';

test('the next nonce is past the account and every tx that holds a nonce', () => {
  assert.equal(nextNonce(0n, []), 1n);
  assert.equal(nextNonce('5', []), 6n);
  const txs = [
    { nonce: '6', status: 'FINAL' },
    { nonce: '7', status: 'PENDING' },
    { nonce: '8', status: 'QUEUED' },
    { nonce: '9', status: 'REJECTED' },
  ];
  assert.equal(nextNonce(5n, txs), 9n);
  // Failed txs free their nonce; a verified account past them wins.
  assert.equal(nextNonce(5n, [{ nonce: '6', status: 'REJECTED' }]), 6n);
  assert.equal(nextNonce(10n, txs), 11n);
  assert.equal(nextNonce(null, [{ nonce: 1, status: 'INCLUDED' }]), 2n);
});

test('terminal statuses stick; local ones never override the node', () => {
  assert.equal(nextStatus('PENDING', 'INCLUDED'), 'INCLUDED');
  assert.equal(nextStatus('INCLUDED', 'FINAL'), 'FINAL');
  assert.equal(nextStatus('FINAL', 'PENDING'), 'FINAL');
  assert.equal(nextStatus('REJECTED', 'PENDING'), 'REJECTED');
  assert.equal(nextStatus('INCLUDED', 'PENDING'), 'PENDING');
  assert.equal(nextStatus('PENDING', 'QUEUED'), 'PENDING');
  assert.equal(nextStatus('QUEUED', 'SENDING'), 'SENDING');
  assert.equal(nextStatus('SENDING', 'QUEUED'), 'QUEUED');
  assert.equal(nextStatus('QUEUED', undefined), 'QUEUED');
});

test('updates carry height, block and reason, and say whether anything changed', () => {
  const local = { hash: 'aa', status: 'PENDING', nonce: '1' };
  let r = applyUpdate(local, { status: 'INCLUDED', height: 12, blockHash: 'bb', blockKind: 'LEADER' });
  assert.equal(r.changed, true);
  assert.equal(r.tx.height, 12);
  r = applyUpdate(r.tx, { status: 'INCLUDED', height: 12, blockHash: 'bb', blockKind: 'LEADER' });
  assert.equal(r.changed, false);
  r = applyUpdate(r.tx, { status: 'PENDING' });
  assert.equal(r.tx.status, 'PENDING');
  assert.equal(r.tx.height, undefined);
  r = applyUpdate(local, { status: 'REJECTED', code: 'INSUFFICIENT_BALANCE', detail: 'balance 1 is less than 5' });
  assert.equal(r.tx.code, 'INSUFFICIENT_BALANCE');
  assert.match(statusText(r.tx), /balance is too low.*balance 1 is less than 5/);
});

test('status texts name the height and the reason', () => {
  assert.equal(statusText({ status: 'FINAL', height: 7 }), 'final at height 7');
  assert.match(statusText({ status: 'INCLUDED', height: 7, blockKind: 'POW' }), /block 7 \(POW\)/);
  assert.match(statusText({ status: 'CONFLICTED', nonce: '3' }), /nonce 3/);
  assert.match(statusText({ status: 'EXPIRED' }), /expired/);
  assert.match(statusText({ status: 'QUEUED' }), /queued/);
  assert.equal(describeReason(undefined, undefined), 'no reason given');
  assert.equal(describeReason('SOMETHING_NEW', 'x'), 'SOMETHING_NEW — x');
});

test('amounts are whole positive numbers, shown with separators', () => {
  assert.equal(parseAmount(' 1,000 '), 1000n);
  assert.equal(parseAmount('1 000 000'), 1000000n);
  assert.throws(() => parseAmount('0'), RangeError);
  assert.throws(() => parseAmount('-5'), RangeError);
  assert.throws(() => parseAmount('1.5'), RangeError);
  assert.throws(() => parseAmount('9223372036854775808'), RangeError);
  assert.equal(parseAmount('9223372036854775807'), (1n << 63n) - 1n);
  assert.equal(formatAmount(1234567n), '1,234,567');
  assert.equal(formatAmount('999'), '999');
  assert.equal(formatAmount(null), '—');
  assert.equal(shortHex('0123456789abcdef0123'), '01234567…0123');
  assert.equal(shortHex('abc'), 'abc');
});

test('history merges node and local records by hash, newest nonce first', () => {
  const local = [
    { hash: 'a', nonce: '1', status: 'INCLUDED', summary: 'Transfer 5', createdAt: 1 },
    { hash: 'c', nonce: '3', status: 'QUEUED', summary: 'Write k', createdAt: 3 },
  ];
  const remote = [
    { hash: 'a', nonce: 1, status: 'FINAL', height: 9, kind: 'TRANSFER' },
    { hash: 'b', nonce: 2, status: 'FINAL', height: 10, kind: 'WRITE' },
  ];
  const h = mergeHistory(local, remote);
  assert.deepEqual(h.map((t) => t.hash), ['c', 'b', 'a']);
  assert.equal(h[2].status, 'FINAL');
  assert.equal(h[2].summary, 'Transfer 5');
  assert.equal(h[2].height, 9);
  assert.equal(h[1].source, 'node');
  assert.equal(h[0].source, 'local');
});

test('block intervals come from consecutive heights only', () => {
  const blocks = [
    { height: 10, timestamp: 1000, kind: 'LEADER' },
    { height: 11, timestamp: 1250, kind: 'LEADER' },
    { height: 13, timestamp: 2000, kind: 'POW' },
    { height: 12, timestamp: 1500, kind: 'LEADER' },
  ];
  const iv = blockIntervals(blocks);
  assert.deepEqual(
    iv.map((i) => [i.height, i.ms, i.kind]),
    [
      [11, 250, 'LEADER'],
      [12, 250, 'LEADER'],
      [13, 500, 'POW'],
    ],
  );
  const s = intervalStats(iv);
  assert.equal(s.max, 500);
  assert.equal(s.mean, 1000 / 3);
  assert.equal(s.median, 250);
  assert.equal(intervalStats([]).count, 0);
  assert.equal(niceCeil(0), 1);
  assert.equal(niceCeil(260), 500);
  assert.equal(niceCeil(1001), 2000);
  assert.equal(niceCeil(90), 100);
});

test('Prometheus metrics parse to numbers by name', async () => {
  const { parseMetrics } = await import('../../main/webapp/js/app/api.js');
  const m = parseMetrics(
    '# HELP eris_mempool_txs txs\n# TYPE eris_mempool_txs gauge\n' +
      'eris_mempool_txs{mp_scope="application"} 3\neris_height 42.0\nbad line\n' +
      'eris_height{x="y"} 7\n',
  );
  assert.deepEqual(m, { eris_mempool_txs: 3, eris_height: 42 });
});
