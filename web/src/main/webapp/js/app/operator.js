// The operator page: head and finality, mode, validators (from genesis; their last votes when
// the node serves GET /api/v1/validators), pending and outbox counts when GET /api/v1/node reports
// them, and the intervals of the last ~50 blocks drawn on a canvas.

import { api, ApiError, metrics, Unreachable } from './api.js';
import { blockIntervals, drawIntervalChart, intervalStats } from './chart.js';
import { $, ago, fill, h } from './dom.js';
import { formatAmount, shortHex } from './txlogic.js';
import { trustFromGenesis, validatorList } from './verify.js';

const POLL_MS = 2000;
const WINDOW = 50;
const CONCURRENCY = 6;

const state = {
  head: null,
  online: null,
  trust: null,
  validators: null,
  validatorsNote: null,
  votes: null, // from /validators, by public key and by address
  node: null,
  metrics: null, // GET /metrics, when served
  blocks: new Map(), // height -> block summary
  updatedAt: 0,
};

// ---------------------------------------------------------------------------------------------

async function loadGenesis() {
  try {
    const json = await api.genesis();
    state.trust = await trustFromGenesis(json);
    state.validators = await validatorList(state.trust);
    state.validatorsNote = null;
  } catch (e) {
    if (e instanceof Unreachable) {
      return;
    }
    state.validatorsNote =
      e instanceof ApiError && e.status === 404
        ? 'This node does not serve its genesis (GET /api/v1/genesis): validators unknown.'
        : `The genesis cannot be read: ${e.message}`;
  }
}

function pick(o, ...names) {
  for (const n of names) {
    if (o && o[n] !== undefined && o[n] !== null) {
      return o[n];
    }
  }
  return undefined;
}

async function loadVotes() {
  try {
    const answer = await api.validators();
    const list = Array.isArray(answer) ? answer : pick(answer, 'validators', 'items') ?? [];
    const map = new Map();
    for (const v of list) {
      const vote = pick(v, 'lastVote', 'vote') ?? {};
      const entry = {
        height: pick(vote, 'height') ?? pick(v, 'lastVoteHeight', 'lastVotedHeight'),
        blockHash: pick(vote, 'blockHash', 'hash') ?? pick(v, 'lastVoteBlockHash'),
        at: pick(vote, 'at', 'timestamp', 'receivedAt') ?? pick(v, 'lastVoteAt'),
        online: pick(v, 'online', 'active'),
        stake: pick(v, 'stake'),
      };
      for (const k of [pick(v, 'publicKey', 'key'), pick(v, 'address')]) {
        if (k) {
          map.set(k, entry);
        }
      }
    }
    state.votes = map;
  } catch (e) {
    state.votes = e instanceof ApiError && e.status === 404 ? 'absent' : state.votes;
  }
}

async function loadNode() {
  try {
    state.node = await api.node();
  } catch (e) {
    if (!(e instanceof Unreachable)) {
      state.node = { status: 'UNKNOWN', reason: e.message };
    }
  }
}

async function loadMetrics() {
  try {
    state.metrics = await metrics();
  } catch {
    // unreachable: the head poll reports it
  }
}

async function loadBlocks() {
  const head = state.head;
  if (!head) {
    return;
  }
  const from = Math.max(0, head.height - WINDOW);
  const wanted = [];
  for (let hgt = head.height; hgt >= from; hgt--) {
    const b = state.blocks.get(hgt);
    // Blocks not final when read can still be replaced (fallback forks) or become final:
    // read the newest of them again.
    if (!b || (!b.final && wanted.length < 15)) {
      wanted.push(hgt);
    }
  }
  for (const k of state.blocks.keys()) {
    if (k < from) {
      state.blocks.delete(k);
    }
  }
  let i = 0;
  const worker = async () => {
    while (i < wanted.length) {
      const hgt = wanted[i++];
      try {
        const b = await api.block(hgt);
        state.blocks.set(hgt, {
          height: b.height,
          hash: b.hash,
          timestamp: b.timestamp,
          kind: b.kind,
          txCount: b.txCount ?? (Array.isArray(b.txs) ? b.txs.length : 0),
          proposer: b.proposer,
          final: Boolean(b.final),
        });
      } catch {
        // a block not there (yet): next round
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

async function poll() {
  try {
    state.head = await api.head();
    state.online = true;
  } catch (e) {
    state.online = !(e instanceof Unreachable) && state.online;
    if (e instanceof Unreachable) {
      state.online = false;
    }
    render();
    return;
  }
  if (!state.trust) {
    await loadGenesis();
  }
  await Promise.all([loadNode(), loadVotes(), loadBlocks(), loadMetrics()]);
  state.updatedAt = Date.now();
  render();
}

// ---------------------------------------------------------------------------------------------

function render() {
  const conn = $('conn');
  const text = $('conn-text');
  const banner = $('banner');
  $('chain-name').textContent = state.trust?.chainName ?? '';
  if (state.online === false) {
    conn.dataset.state = 'offline';
    text.textContent = 'Offline';
    banner.hidden = false;
    banner.dataset.kind = 'warning';
    banner.textContent = state.head
      ? `The node is unreachable. Figures below are as of height ${state.head.height}.`
      : 'The node is unreachable.';
  } else {
    banner.hidden = true;
  }
  const hd = state.head;
  if (!hd) {
    return;
  }
  if (state.online) {
    conn.dataset.state = hd.mode === 'FALLBACK' ? 'fallback' : 'online';
    text.textContent = `${state.node?.name ?? 'node'} · ${state.node?.status ?? ''}`.trim();
  }
  $('head-height').textContent = formatAmount(hd.height);
  fill($('head-hash'), h('code', { title: hd.hash }, shortHex(hd.hash, 16, 6)));
  $('final-height').textContent = hd.finalHeight === undefined || hd.finalHeight === null ? '—' : formatAmount(hd.finalHeight);
  const lag = hd.finalHeight === undefined ? null : hd.height - hd.finalHeight;
  $('final-lag').textContent = lag === null ? '' : lag === 0 ? 'head is final' : `${lag} block${lag === 1 ? '' : 's'} behind the head`;
  const mode = $('mode');
  mode.textContent = hd.mode ?? '—';
  mode.dataset.mode = hd.mode ?? '';
  $('mode-note').textContent =
    hd.mode === 'FALLBACK'
      ? 'leader silent: stake-weighted proof of work'
      : hd.mode === 'LEADER'
        ? 'the leader signs a block every interval'
        : '';

  renderCounts();
  renderChart();
  renderBlocks();
  renderValidators();
  renderNode();
  $('updated').textContent = state.updatedAt ? `Updated ${new Date(state.updatedAt).toLocaleTimeString()}` : '';
}

// A count from GET /api/v1/node (any of the names, dotted paths allowed) or, failing that, from
// the Prometheus metrics.
function countOf(names, metricNames) {
  const n = state.node;
  for (const name of n ? names : []) {
    const v = name.split('.').reduce((o, k) => (o == null ? undefined : o[k]), n);
    if (typeof v === 'number') {
      return { value: v, source: 'node' };
    }
  }
  for (const name of state.metrics ? metricNames : []) {
    if (typeof state.metrics[name] === 'number') {
      return { value: state.metrics[name], source: 'metrics' };
    }
  }
  return undefined;
}

function renderCounts() {
  const pending = countOf(
    ['pending', 'pendingTxs', 'mempool', 'mempoolTxs', 'mempoolSize', 'mempool.size'],
    ['eris_mempool_txs', 'eris_mempool_size', 'eris_pending_txs'],
  );
  const outbox = countOf(
    ['outbox', 'outboxSize', 'outboxPending', 'outbox.size', 'outbox.pending'],
    ['eris_outbox_pending', 'eris_outbox_txs', 'eris_outbox_size', 'eris_outbox'],
  );
  $('pending-count').textContent = pending === undefined ? '—' : formatAmount(pending.value);
  $('pending-note').textContent = pending === undefined ? 'not reported by this node' : 'in the mempool';
  $('outbox-count').textContent = outbox === undefined ? '—' : formatAmount(outbox.value);
  $('outbox-note').textContent = outbox === undefined ? 'not reported by this node' : 'stored, not yet final';
}

function renderChart() {
  const blocks = [...state.blocks.values()];
  const iv = blockIntervals(blocks).slice(-WINDOW);
  const expected = state.trust?.blockIntervalMs;
  drawIntervalChart($('interval-chart'), iv, { expectedMs: expected });
  const s = intervalStats(iv);
  $('interval-stats').textContent = s.count
    ? `${s.count} intervals · median ${Math.round(s.median)} ms · mean ${Math.round(s.mean)} ms · max ${Math.round(s.max)} ms`
    : '';
  $('expected-label').textContent = expected ? `target interval ${expected} ms` : 'target interval';
}

function renderBlocks() {
  const rows = [...state.blocks.values()].sort((a, b) => b.height - a.height).slice(0, 12);
  if (rows.length === 0) {
    fill($('blocks'), h('p', { class: 'empty' }, 'Reading blocks…'));
    return;
  }
  fill(
    $('blocks'),
    h(
      'table',
      { class: 'table' },
      h(
        'thead',
        null,
        h('tr', null, h('th', null, 'Height'), h('th', null, 'Hash'), h('th', null, 'Kind'), h('th', { class: 'num' }, 'Txs'), h('th', null, 'Time'), h('th', null, '')),
      ),
      h(
        'tbody',
        null,
        rows.map((b) =>
          h(
            'tr',
            { dataset: { height: b.height } },
            h('td', null, formatAmount(b.height)),
            h('td', null, h('code', { title: b.hash }, shortHex(b.hash, 12, 4))),
            h('td', null, b.kind),
            h('td', { class: 'num' }, b.txCount),
            h('td', null, new Date(b.timestamp).toLocaleTimeString()),
            h(
              'td',
              null,
              b.final || (state.head && b.height <= state.head.finalHeight)
                ? h('span', { class: 'pill pill-final' }, 'FINAL')
                : h('span', { class: 'pill pill-pending' }, 'not final'),
            ),
          ),
        ),
      ),
    ),
  );
}

function renderValidators() {
  const note = $('validators-note');
  const t = state.trust;
  $('threshold').textContent = t ? `finality at ${t.numerator}/${t.denominator} of the stake` : '';
  if (!state.validators) {
    fill($('validators'), h('p', { class: 'empty' }, state.validatorsNote ?? 'Reading genesis…'));
    return;
  }
  const votesKnown = state.votes instanceof Map;
  fill(
    $('validators'),
    h(
      'table',
      { class: 'table' },
      h(
        'thead',
        null,
        h('tr', null, h('th', null, 'Validator'), h('th', { class: 'num' }, 'Stake'), h('th', null, 'Last vote')),
      ),
      h(
        'tbody',
        null,
        state.validators.map((v) => {
          const vote = votesKnown ? state.votes.get(v.publicKey) ?? state.votes.get(v.address) : null;
          let last;
          if (!votesKnown) {
            last = h('span', { class: 'muted' }, '—');
          } else if (vote?.height !== undefined) {
            const behind = state.head ? state.head.height - vote.height : 0;
            last = h(
              'div',
              null,
              h('span', null, `height ${formatAmount(vote.height)}`),
              vote.at ? h('div', { class: 'muted small' }, ago(typeof vote.at === 'number' ? vote.at : Date.parse(vote.at))) : null,
              behind > 10 ? h('div', { class: 'error small' }, `${behind} blocks behind`) : null,
            );
          } else {
            last = h('span', { class: 'muted' }, 'no vote seen');
          }
          return h(
            'tr',
            { dataset: { address: v.address } },
            h(
              'td',
              null,
              h('div', null, h('code', { title: v.publicKey }, shortHex(v.address, 12, 4))),
              h('div', { class: 'muted small' }, `key ${shortHex(v.publicKey, 10, 4)}`),
            ),
            h('td', { class: 'num' }, formatAmount(v.stake), h('div', { class: 'muted small' }, `${v.share}%`)),
            h('td', null, last),
          );
        }),
      ),
    ),
  );
  note.hidden = votesKnown;
  note.textContent = votesKnown
    ? ''
    : 'This node does not report validators’ votes (GET /api/v1/validators): last votes are not shown.';
}

function renderNode() {
  const n = state.node;
  if (!n) {
    fill($('node'), h('dd', { class: 'muted' }, 'not reported'));
    return;
  }
  const rows = [];
  const add = (label, value) => {
    if (value !== undefined && value !== null && value !== '') {
      rows.push(h('dt', null, label), h('dd', null, value));
    }
  };
  add('Name', n.name);
  add('Status', n.reason && n.reason !== 'running' ? `${n.status} — ${n.reason}` : n.status);
  add('Address', n.address ? h('code', { title: n.address }, shortHex(n.address, 12, 4)) : null);
  add('Leader', n.leader === undefined ? null : n.leader ? 'yes' : 'no');
  add('Chain', n.chainId ? h('code', { title: n.chainId }, shortHex(n.chainId, 12, 4)) : null);
  for (const [k, v] of Object.entries(n)) {
    if (typeof v === 'number' && !['blockIntervalMs'].includes(k)) {
      add(k.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase()), formatAmount(v));
    }
  }
  const dropped = n.droppedMessages && typeof n.droppedMessages === 'object' ? Object.entries(n.droppedMessages) : [];
  add('Dropped messages', dropped.length ? dropped.map(([k, v]) => `${k}: ${v}`).join(', ') : 'none');
  fill($('node'), rows);
}

// ---------------------------------------------------------------------------------------------

let timer = null;
async function loop() {
  clearTimeout(timer);
  await poll();
  timer = setTimeout(loop, POLL_MS);
}

window.addEventListener('resize', () => renderChart());
window.addEventListener('online', () => loop());
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('sw.js').catch(() => {});
}
loop();
