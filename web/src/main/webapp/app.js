// The account page: one Ed25519 key kept in IndexedDB, its account read with a proof from the
// latest final block and checked here, transfers and writes signed here, every tx followed live,
// and everything that matters kept locally so the page works when the node is unreachable.

import { kvStateKey } from './js/lib/account.js';
import { address as addressOf, exportKeyFile, generateKey, importKeyFile, parseAddress } from './js/lib/crypto.js';
import { fromHex, toHex, utf8Decode, utf8Encode } from './js/lib/hex.js';
import { signTransaction, TxKind } from './js/lib/model.js';
import { api, ApiError, Unreachable } from './js/app/api.js';
import { $, ago, copyButton, fill, h } from './js/app/dom.js';
import { Live } from './js/app/live.js';
import { getMeta, setMeta, store } from './js/app/store.js';
import {
  applyUpdate,
  formatAmount,
  isTerminal,
  mergeHistory,
  nextNonce,
  parseAmount,
  shortHex,
  statusText,
} from './js/app/txlogic.js';
import { problemSummary, trustFromGenesis, verifyAccountRead, verifyKvRead } from './js/app/verify.js';

const ACCOUNT_REFRESH_MS = 5000;
const HISTORY_REFRESH_MS = 15_000;
const KV_REFRESH_MS = 10_000;

const state = {
  key: null, // {privateKey: CryptoKey, publicKey: Uint8Array}
  address: null,
  trust: null,
  trustError: null,
  chainMismatch: null,
  head: null,
  online: null, // null: not known yet
  liveMode: null,
  snapshot: null, // last verified account state
  verification: null, // outcome of the latest read
  txs: new Map(), // hash -> local record
  remote: [], // the node's history
  remoteAvailable: true,
  kv: new Map(),
  enrol: null, // {state: 'requested'|'closed'|'error', message}
};

let live = null;

// ---------------------------------------------------------------------------------------------
// start-up

async function main() {
  bindUi();
  registerServiceWorker();
  try {
    await loadLocal();
  } catch (e) {
    showBanner('danger', `This browser's database cannot be opened: ${e.message}`);
  }
  render();
  window.addEventListener('online', () => live?.kick());
  window.addEventListener('offline', () => setOnline(false));
  await start();
}

async function start() {
  live?.stop();
  live = new Live({
    address: state.address,
    onHead,
    onTx,
    poll,
    onMode: (mode) => {
      state.liveMode = mode;
      renderConn();
    },
  });
  live.start();
}

async function loadLocal() {
  const pinned = await getMeta('genesis');
  if (pinned) {
    try {
      state.trust = await trustFromGenesis(pinned);
    } catch (e) {
      state.trustError = `the pinned genesis is not valid: ${e.message}`;
    }
  }
  const key = await store.get('keys', 'main');
  if (!key) {
    return;
  }
  state.key = { privateKey: key.privateKey, publicKey: key.publicKey };
  state.address = key.address;
  state.snapshot = (await store.get('snapshots', key.address)) ?? null;
  for (const tx of await store.byAddress('txs', key.address)) {
    if (tx.status === 'SENDING') {
      tx.status = 'QUEUED'; // the page closed while sending: send again (the node dedups)
    }
    state.txs.set(tx.hash, tx);
  }
  for (const e of await store.byAddress('kv', key.address)) {
    state.kv.set(e.id, e);
  }
  const remote = await getMeta(`history:${key.address}`);
  if (Array.isArray(remote)) {
    state.remote = remote;
  }
}

function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) {
    $('sw-state').textContent = 'Offline use is not available in this browser.';
    return;
  }
  navigator.serviceWorker
    .register('sw.js')
    .then(() => navigator.serviceWorker.ready)
    .then(() => {
      document.documentElement.dataset.sw = 'ready';
      $('sw-state').textContent = 'Available offline.';
    })
    .catch((e) => {
      $('sw-state').textContent = `Offline use is not available: ${e.message}`;
    });
}

// ---------------------------------------------------------------------------------------------
// talking to the node

let lastAccountRead = 0;
let accountTimer = null;
let accountBusy = false;
let accountAgain = false;
let lastHistoryRead = 0;
let lastKvRead = 0;

async function poll() {
  let head;
  try {
    head = await api.head();
  } catch (e) {
    if (e instanceof Unreachable) {
      setOnline(false);
    }
    return;
  }
  setOnline(true);
  if (!state.trust) {
    await ensureTrust();
  }
  onHead(head);
  if (!state.key) {
    return;
  }
  await flushOutbox();
  await pollOpenTxs();
  if (Date.now() - lastAccountRead > ACCOUNT_REFRESH_MS) {
    scheduleAccountRefresh(0);
  }
}

function setOnline(online) {
  const was = state.online;
  state.online = online;
  if (was !== online) {
    renderConn();
    renderAccount();
    renderBanner();
    if (online && was === false) {
      // back: send what was queued and read everything again
      flushOutbox();
      scheduleAccountRefresh(0, { history: true, kv: true });
    }
  }
}

async function ensureTrust() {
  try {
    const json = await api.genesis();
    const trust = await trustFromGenesis(json);
    state.trust = trust;
    state.trustError = null;
    await setMeta('genesis', json);
  } catch (e) {
    if (e instanceof Unreachable) {
      return;
    }
    state.trustError =
      e instanceof ApiError && e.status === 404
        ? 'this node does not serve its genesis (GET /api/v1/genesis), so proofs cannot be checked'
        : `the node's genesis cannot be used: ${e.message}`;
  }
  renderAll();
}

function onHead(head) {
  const prevFinal = state.head?.finalHeight;
  state.head = { ...state.head, ...head };
  if (state.trust && head.chainId && head.chainId !== state.trust.chainId) {
    state.chainMismatch = head.chainId;
  } else if (head.chainId) {
    state.chainMismatch = null;
  }
  if (!state.online) {
    setOnline(true);
  }
  renderConn();
  renderBanner();
  if (state.key && head.finalHeight !== prevFinal && Date.now() - lastAccountRead > ACCOUNT_REFRESH_MS) {
    scheduleAccountRefresh(0);
  }
}

async function onTx(update) {
  const local = state.txs.get(update.hash);
  if (!local) {
    // someone else's view of our account changed (another browser, a bank system)
    scheduleAccountRefresh(500, { history: true });
    return;
  }
  await saveUpdate(local, update);
}

async function saveUpdate(local, update) {
  const { tx, changed } = applyUpdate(local, update);
  if (!changed) {
    return;
  }
  state.txs.set(tx.hash, tx);
  await store.put('txs', tx);
  renderTxs();
  if (tx.status === 'FINAL' || tx.status === 'INCLUDED' || isTerminal(tx.status)) {
    scheduleAccountRefresh(tx.status === 'FINAL' ? 0 : 1000, { history: true, kv: tx.kind === 'WRITE' });
  }
}

function myTxs() {
  return [...state.txs.values()].filter((t) => t.address === state.address);
}

async function pollOpenTxs() {
  // With the event stream up, the node reports changes; poll anyway now and then.
  // While the stream is up only txs quiet for a while are asked about.
  const quietSince = state.liveMode === 'sse' ? Date.now() - 8000 : Infinity;
  const open = myTxs().filter(
    (t) => !isTerminal(t.status) && !['QUEUED', 'SENDING'].includes(t.status) && (t.updatedAt ?? 0) < quietSince,
  );
  if (open.length === 0) {
    return;
  }
  for (const t of open) {
    try {
      await saveUpdate(state.txs.get(t.hash), await api.tx(t.hash));
    } catch (e) {
      if (e instanceof Unreachable) {
        setOnline(false);
        return;
      }
    }
  }
}

function scheduleAccountRefresh(delay, { history = false, kv = false } = {}) {
  if (!state.key) {
    return;
  }
  if (history) {
    lastHistoryRead = 0;
  }
  if (kv) {
    lastKvRead = 0;
  }
  clearTimeout(accountTimer);
  accountTimer = setTimeout(refreshAccount, delay);
}

async function refreshAccount() {
  if (accountBusy) {
    accountAgain = true;
    return;
  }
  accountBusy = true;
  try {
    await readAccount();
    if (Date.now() - lastHistoryRead > HISTORY_REFRESH_MS) {
      await readHistory();
    }
    if (Date.now() - lastKvRead > KV_REFRESH_MS) {
      await readKv();
    }
  } finally {
    accountBusy = false;
    if (accountAgain) {
      accountAgain = false;
      scheduleAccountRefresh(200);
    }
  }
  // Waiting for an enrolment to become final: look again soon.
  if (state.enrol?.state === 'requested' && !state.snapshot?.account) {
    scheduleAccountRefresh(1500);
  }
}

async function readAccount() {
  const addr = state.address;
  if (!state.trust) {
    await ensureTrust();
  }
  let resp;
  try {
    resp = await api.account(addr);
  } catch (e) {
    if (e instanceof Unreachable) {
      setOnline(false);
    } else {
      state.verification = {
        ok: false,
        height: null,
        problems: [{ code: 'UNAVAILABLE', message: `the node did not give the account: ${e.message}` }],
        at: Date.now(),
      };
      renderAccount();
    }
    return;
  }
  lastAccountRead = Date.now();
  if (addr !== state.address) {
    return;
  }
  const v = await verifyAccountRead(resp, state.trust, addr);
  state.verification = { ok: v.ok, height: v.height, problems: v.problems, at: Date.now() };
  if (v.ok) {
    // Verified against validators' votes: this is the account's state now (a development chain
    // that was reset starts again from lower heights).
    state.snapshot = {
      address: addr,
      height: v.height,
      blockHash: v.blockHash,
      timestamp: v.timestamp,
      account: v.account,
      verifiedAt: Date.now(),
    };
    await store.put('snapshots', state.snapshot);
    if (v.account && state.enrol?.state === 'requested') {
      state.enrol = { state: 'done', message: 'Enrolled.' };
    }
  }
  renderAccount();
  renderForms();
}

async function readHistory() {
  lastHistoryRead = Date.now();
  try {
    const list = await api.accountTxs(state.address);
    if (Array.isArray(list)) {
      state.remote = list;
      state.remoteAvailable = true;
      await setMeta(`history:${state.address}`, list);
      // The node's statuses update ours.
      for (const r of list) {
        const local = state.txs.get(r.hash);
        if (local) {
          await saveUpdate(local, r);
        }
      }
    }
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      state.remoteAvailable = false;
    }
  }
  renderTxs();
}

async function readKv() {
  lastKvRead = Date.now();
  for (const entry of [...state.kv.values()]) {
    let resp;
    try {
      resp = await api.kv(entry.namespace, entry.keyHex);
    } catch (e) {
      if (e instanceof Unreachable) {
        return;
      }
      state.kv.set(entry.id, { ...entry, error: e.message });
      continue;
    }
    const v = await verifyKvRead(resp, state.trust, entry.namespace, fromHex(entry.keyHex));
    const next = { ...entry, error: null, readAt: Date.now() };
    if (v.ok) {
      next.verified = true;
      next.height = v.height;
      next.value = v.value ? toHex(v.value) : null;
      next.problems = null;
    } else {
      next.verified = false;
      next.problems = problemSummary(v.problems);
    }
    state.kv.set(entry.id, next);
    await store.put('kv', next);
  }
  renderKv();
}

// ---------------------------------------------------------------------------------------------
// transactions

let flushing = false;

async function flushOutbox() {
  if (flushing || !state.key) {
    return;
  }
  flushing = true;
  try {
    const queued = myTxs()
      .filter((t) => t.status === 'QUEUED')
      .sort((a, b) => (BigInt(a.nonce) < BigInt(b.nonce) ? -1 : 1));
    for (const t of queued) {
      await setLocalStatus(t.hash, 'SENDING');
      try {
        const answer = await api.submitTx(t.encoded);
        await saveUpdate(state.txs.get(t.hash), { status: 'PENDING', ...answer });
      } catch (e) {
        if (e instanceof Unreachable || (e instanceof ApiError && (e.status >= 500 || e.status === 429))) {
          await setLocalStatus(t.hash, 'QUEUED');
          if (e instanceof Unreachable) {
            setOnline(false);
          }
          break;
        }
        if (e instanceof ApiError && ['DUPLICATE', 'NONCE_USED'].includes(e.code)) {
          // Maybe it is this very tx, sent before an answer was lost.
          try {
            const known = await api.tx(t.hash);
            await saveUpdate(state.txs.get(t.hash), known);
            continue;
          } catch {
            // not known: a rejection after all
          }
        }
        const p = e instanceof ApiError ? e.problem : {};
        await saveUpdate(state.txs.get(t.hash), {
          status: 'REJECTED',
          code: p.code ?? (e instanceof ApiError ? `HTTP_${e.status}` : 'CLIENT_ERROR'),
          detail: p.detail ?? e.message,
        });
      }
    }
  } finally {
    flushing = false;
    renderTxs();
  }
}

async function setLocalStatus(hash, status) {
  const tx = { ...state.txs.get(hash), status, updatedAt: Date.now() };
  state.txs.set(hash, tx);
  await store.put('txs', tx);
  renderTxs();
}

function chainIdForSigning() {
  return state.trust?.chainId ?? state.head?.chainId ?? null;
}

/** Signs, stores (QUEUED) and sends a tx; returns its record. */
async function createTx(kind, body, summary, extra = {}) {
  const chainId = chainIdForSigning();
  if (!chainId) {
    throw new Error('the chain is not known yet: the node must be reached once before signing');
  }
  const nonce = nextNonce(state.snapshot?.account?.nonce ?? 0n, myTxs());
  const { encoded, hash } = await signTransaction(state.key, chainId, nonce, kind, body);
  const rec = {
    hash: toHex(hash),
    address: state.address,
    kind: kind === TxKind.WRITE ? 'WRITE' : 'TRANSFER',
    nonce: nonce.toString(),
    encoded: toHex(encoded),
    status: 'QUEUED',
    summary,
    createdAt: Date.now(),
    updatedAt: Date.now(),
    ...extra,
  };
  await store.put('txs', rec);
  state.txs.set(rec.hash, rec);
  renderTxs();
  flushOutbox();
  return rec;
}

// ---------------------------------------------------------------------------------------------
// account management

async function useKey(key) {
  const addr = await addressOf(key.publicKey);
  await store.put('keys', {
    id: 'main',
    privateKey: key.privateKey,
    publicKey: key.publicKey,
    address: addr,
    createdAt: Date.now(),
  });
  location.reload();
}

async function createAccount() {
  const key = await generateKey({ extractable: true });
  await useKey(key);
}

async function importFile(file) {
  const text = await file.text();
  const key = await importKeyFile(text, { extractable: true });
  if (state.key && !confirm('Replace the key in this browser with the imported one?')) {
    return;
  }
  await useKey(key);
}

async function exportBackup() {
  const file = await exportKeyFile(state.key);
  const blob = new Blob([JSON.stringify(file, null, 2) + '\n'], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: `eris-key-${state.address.slice(0, 12)}.json` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  showBanner('info', 'The backup file holds your private key: keep it somewhere safe and private.', 8000);
}

async function forgetKey() {
  if (
    !confirm(
      'Remove this key from the browser? Without a backup file the account cannot be used again.',
    )
  ) {
    return;
  }
  await store.delete('keys', 'main');
  location.reload();
}

async function enrol() {
  const button = $('enrol');
  button.disabled = true;
  state.enrol = { state: 'sending', message: 'Asking the node…' };
  renderEnrol();
  try {
    const r = await api.enrol(toHex(state.key.publicKey));
    state.enrol = {
      state: 'requested',
      message: `Requested (${r?.status ?? 'accepted'}): waiting for the governance transaction to become final…`,
    };
    scheduleAccountRefresh(500);
  } catch (e) {
    if (e instanceof ApiError && e.code === 'ENROLMENT_CLOSED') {
      state.enrol = {
        state: 'closed',
        message:
          'Enrolment is closed on this chain: ask an operator to authorise this public key by governance.',
      };
    } else if (e instanceof Unreachable) {
      state.enrol = { state: 'error', message: 'The node is unreachable: try again when it is back.' };
    } else {
      state.enrol = { state: 'error', message: `Enrolment failed: ${e.message}` };
    }
  } finally {
    button.disabled = false;
  }
  renderEnrol();
}

// ---------------------------------------------------------------------------------------------
// forms

function showError(id, message) {
  const el = $(id);
  el.textContent = message ?? '';
  el.hidden = !message;
}

async function submitTransfer(ev) {
  ev.preventDefault();
  showError('transfer-error', null);
  const to = $('transfer-to').value.trim().toLowerCase();
  let amount;
  try {
    parseAddress(to);
  } catch {
    showError('transfer-error', 'The recipient is an address of 40 hex digits.');
    return;
  }
  if (to === state.address) {
    showError('transfer-error', 'That is this account: choose another recipient.');
    return;
  }
  try {
    amount = parseAmount($('transfer-amount').value);
  } catch (e) {
    showError('transfer-error', `Amount: ${e.message}.`);
    return;
  }
  const balance = state.snapshot?.account ? BigInt(state.snapshot.account.balance) : null;
  if (balance !== null && amount > balance) {
    showError('transfer-error', `The verified balance is ${formatAmount(balance)}.`);
    return;
  }
  const memo = $('transfer-memo').value;
  const button = $('transfer-submit');
  button.disabled = true;
  try {
    await createTx(
      TxKind.TRANSFER,
      { to, amount, memo },
      `Transfer ${formatAmount(amount)} to ${shortHex(to, 10, 4)}${memo ? ` · “${memo}”` : ''}`,
      { to, amount: amount.toString() },
    );
    $('transfer-form').reset();
  } catch (e) {
    showError('transfer-error', e.message);
  } finally {
    button.disabled = false;
    renderForms();
  }
}

function namespaces() {
  const list = [{ value: '', label: 'Own namespace (this address)', stored: state.address }];
  for (const role of state.snapshot?.account?.roles ?? []) {
    if (role.startsWith('writer:')) {
      const ns = role.slice('writer:'.length);
      list.push({ value: ns, label: `${ns} (shared, role ${role})`, stored: ns });
    }
  }
  return list;
}

async function submitWrite(ev, { deleteEntry } = {}) {
  ev?.preventDefault();
  showError('write-error', null);
  let nsValue;
  let keyText;
  let valueText;
  if (deleteEntry) {
    nsValue = deleteEntry.namespace === state.address ? '' : deleteEntry.namespace;
    keyText = deleteEntry.keyText;
  } else {
    nsValue = $('write-namespace').value;
    keyText = $('write-key').value;
    valueText = $('write-value').value;
  }
  const key = utf8Encode(keyText);
  if (key.length === 0) {
    showError('write-error', 'The key must not be empty.');
    return;
  }
  if (key.length > 1000) {
    showError('write-error', 'The key is too long (1000 bytes at most).');
    return;
  }
  const namespace = nsValue === '' ? state.address : nsValue;
  const keyHex = toHex(key);
  try {
    kvStateKey(namespace, key);
  } catch (e) {
    showError('write-error', e.message);
    return;
  }
  const value = deleteEntry ? null : utf8Encode(valueText);
  const button = $('write-submit');
  button.disabled = true;
  try {
    await createTx(
      TxKind.WRITE,
      { namespace: nsValue, ops: [{ key, value }] },
      deleteEntry
        ? `Delete “${keyText}”${nsValue ? ` in ${nsValue}` : ''}`
        : `Write “${keyText}” = “${valueText}”${nsValue ? ` in ${nsValue}` : ''}`,
    );
    const id = `${state.address}|${namespace}|${keyHex}`;
    if (!state.kv.has(id)) {
      const entry = { id, address: state.address, namespace, keyHex, keyText, createdAt: Date.now() };
      state.kv.set(id, entry);
      await store.put('kv', entry);
    }
    if (!deleteEntry) {
      $('write-key').value = '';
      $('write-value').value = '';
    }
    renderKv();
  } catch (e) {
    showError('write-error', e.message);
  } finally {
    button.disabled = false;
    renderForms();
  }
}

function bindUi() {
  $('create-account').addEventListener('click', () =>
    createAccount().catch((e) => showError('welcome-error', `The key could not be made: ${e.message}`)),
  );
  $('import-file').addEventListener('change', (ev) => {
    const file = ev.target.files?.[0];
    if (file) {
      importFile(file).catch((e) => {
        const msg = `That file is not an Eris key backup: ${e.message}`;
        if (state.key) {
          showBanner('danger', msg, 8000);
        } else {
          showError('welcome-error', msg);
        }
      });
      ev.target.value = '';
    }
  });
  $('enrol').addEventListener('click', () => enrol());
  $('refresh').addEventListener('click', () => {
    live?.kick();
    scheduleAccountRefresh(0, { history: true, kv: true });
  });
  $('export-key').addEventListener('click', () =>
    exportBackup().catch((e) => showBanner('danger', `Export failed: ${e.message}`, 8000)),
  );
  $('forget-key').addEventListener('click', () => forgetKey());
  $('transfer-form').addEventListener('submit', submitTransfer);
  $('write-form').addEventListener('submit', (ev) => submitWrite(ev));
}

// ---------------------------------------------------------------------------------------------
// rendering

let bannerTimer = null;
let transientBanner = null;

function showBanner(kind, message, ms) {
  transientBanner = { kind, message };
  clearTimeout(bannerTimer);
  if (ms) {
    bannerTimer = setTimeout(() => {
      transientBanner = null;
      renderBanner();
    }, ms);
  }
  renderBanner();
}

function renderBanner() {
  const el = $('banner');
  let b = transientBanner;
  if (!b && state.online === false) {
    b = {
      kind: 'warning',
      message: state.snapshot
        ? `Offline — the node is unreachable. The account below is as of height ${state.snapshot.height}; ` +
          'transactions you make are signed and queued, and sent when the node is back.'
        : 'Offline — the node is unreachable. Transactions you make are signed and queued.',
    };
  }
  if (!b && state.chainMismatch) {
    b = {
      kind: 'danger',
      message: `The node runs chain ${shortHex(state.chainMismatch, 12, 4)}, but this browser trusts ` +
        `chain ${shortHex(state.trust.chainId, 12, 4)} (pinned from an earlier genesis). Reads will not verify.`,
      action: { label: 'Trust the node’s current genesis', run: repin },
    };
  }
  if (!b && state.trustError && state.key) {
    b = { kind: 'danger', message: `Proofs cannot be checked: ${state.trustError}.` };
  }
  if (!b) {
    el.hidden = true;
    return;
  }
  el.hidden = false;
  el.dataset.kind = b.kind;
  fill(
    el,
    h('span', null, b.message),
    b.action ? h('button', { class: 'btn btn-small', type: 'button', onclick: b.action.run }, b.action.label) : null,
  );
}

async function repin() {
  await store.delete('meta', 'genesis');
  state.trust = null;
  state.chainMismatch = null;
  // What was verified on the other chain says nothing about this one.
  state.snapshot = null;
  state.verification = null;
  if (state.address) {
    await store.delete('snapshots', state.address);
  }
  await ensureTrust();
  scheduleAccountRefresh(0, { history: true, kv: true });
}

function renderConn() {
  const el = $('conn');
  const text = $('conn-text');
  $('chain-name').textContent = state.trust?.chainName ?? '';
  if (state.online === false) {
    el.dataset.state = 'offline';
    text.textContent = 'Offline';
    return;
  }
  if (state.online === null || !state.head) {
    el.dataset.state = 'unknown';
    text.textContent = 'Connecting…';
    return;
  }
  const hd = state.head;
  el.dataset.state = hd.mode === 'FALLBACK' ? 'fallback' : 'online';
  text.textContent =
    `${hd.mode ?? ''} · head ${hd.height} · final ${hd.finalHeight ?? '—'}` +
    (state.liveMode === 'sse' ? ' · live' : state.liveMode === 'polling' ? ' · polling' : '');
  el.title = state.liveMode === 'sse'
    ? 'Updates arrive as server-sent events'
    : 'The event stream is not available: polling the node';
}

function renderAll() {
  renderConn();
  renderBanner();
  renderAccount();
  renderForms();
  renderTxs();
  renderKv();
}

const render = renderAll;

function renderAccount() {
  const has = Boolean(state.key);
  $('welcome').hidden = has;
  $('account-view').hidden = !has;
  if (!has) {
    return;
  }
  $('address').textContent = state.address;
  fill($('address-copy'), copyButton(state.address));
  $('public-key').textContent = toHex(state.key.publicKey);

  const snap = state.snapshot;
  const v = state.verification;
  const badge = $('verify-badge');
  const detail = $('verify-detail');
  const problemsEl = $('verify-problems');
  const failed = v && !v.ok;

  if (failed) {
    badge.dataset.state = 'failed';
    badge.textContent = '⚠ Verification failed';
    fill(
      problemsEl,
      h('strong', null, 'The node’s answer did not verify — do not rely on it.'),
      h('ul', null, v.problems.map((p) => h('li', { dataset: { code: p.code } }, p.message))),
      snap
        ? h('p', null, `Showing the last verified state, at height ${snap.height} (${ago(snap.verifiedAt)}).`)
        : h('p', null, 'No verified state of this account is known yet.'),
    );
    problemsEl.hidden = false;
  } else {
    problemsEl.hidden = true;
  }
  if (!failed) {
    if (state.online === false && snap) {
      badge.dataset.state = 'offline';
      badge.textContent = `Offline — as of height ${snap.height}`;
    } else if (v?.ok && snap) {
      badge.dataset.state = 'verified';
      badge.textContent = `✓ Verified at height ${snap.height}`;
    } else if (snap) {
      badge.dataset.state = 'stale';
      badge.textContent = `As of height ${snap.height}`;
    } else {
      badge.dataset.state = 'none';
      badge.textContent = state.online === false ? 'Offline — never verified' : 'Not yet verified';
    }
  }
  if (snap) {
    const when = snap.timestamp ? new Date(snap.timestamp).toLocaleString() : '';
    fill(
      detail,
      snap.account ? 'Proof checked against final block ' : 'No account for this key: absence proven at final block ',
      `${snap.height} `,
      h('code', { title: snap.blockHash }, shortHex(snap.blockHash, 10, 4)),
      when ? ` of ${when}` : '',
      ` · ${ago(snap.verifiedAt)}`,
    );
  } else {
    detail.textContent = state.online === false ? 'No verified state yet (offline).' : 'Reading…';
  }

  const acct = snap?.account ?? null;
  $('balance').textContent = acct ? formatAmount(acct.balance) : snap ? '—' : '…';
  $('nonce').textContent = acct ? acct.nonce : '—';
  fill(
    $('roles'),
    acct?.roles?.length ? acct.roles.map((r) => h('span', { class: 'tag' }, r)) : acct ? 'none' : '—',
    acct?.revoked ? h('span', { class: 'tag tag-danger' }, 'revoked') : null,
  );
  $('account-card').dataset.enrolled = acct ? 'yes' : snap ? 'no' : 'unknown';
  renderEnrol();
}

function renderEnrol() {
  const snap = state.snapshot;
  const box = $('enrol-box');
  const notEnrolled = snap && snap.account === null;
  box.hidden = !(notEnrolled || (state.enrol && state.enrol.state !== 'done'));
  const s = $('enrol-status');
  s.textContent = state.enrol?.message ?? '';
  s.dataset.state = state.enrol?.state ?? '';
  $('enrol').hidden = state.enrol?.state === 'requested';
}

function renderForms() {
  // A key proven absent cannot sign anything the node would take: enrol first.
  const absent = Boolean(state.snapshot && state.snapshot.account === null);
  for (const id of ['transfer-submit', 'write-submit']) {
    $(id).disabled = absent;
    $(id).title = absent ? 'Enrol this account first' : '';
  }
  const sel = $('write-namespace');
  const current = sel.value;
  fill(sel, namespaces().map((n) => h('option', { value: n.value }, n.label)));
  if ([...sel.options].some((o) => o.value === current)) {
    sel.value = current;
  }
}

const PILL = {
  QUEUED: 'queued',
  SENDING: 'queued',
  PENDING: 'pending',
  INCLUDED: 'included',
  FINAL: 'final',
  REJECTED: 'bad',
  CONFLICTED: 'bad',
  EXPIRED: 'bad',
};

function renderTxs() {
  const list = $('tx-list');
  if (!state.key) {
    return;
  }
  const rows = mergeHistory(myTxs(), state.remote);
  const queued = rows.filter((t) => t.status === 'QUEUED' || t.status === 'SENDING').length;
  $('outbox-count').textContent = queued ? `${queued} waiting to be sent` : '';
  if (rows.length === 0) {
    fill(
      list,
      h('p', { class: 'empty' }, 'No transactions yet. Transfers and writes you sign appear here, live.'),
    );
    return;
  }
  fill(
    list,
    rows.slice(0, 100).map((t) =>
      h(
        'div',
        { class: 'tx', dataset: { hash: t.hash, status: t.status, kind: t.kind ?? '' } },
        h('span', { class: `pill pill-${PILL[t.status] ?? 'pending'}` }, t.status),
        h(
          'div',
          { class: 'tx-main' },
          h('div', { class: 'tx-title' }, t.summary ?? `${t.kind ?? 'Transaction'}`),
          h('div', { class: 'tx-status' }, statusText(t)),
        ),
        h(
          'div',
          { class: 'tx-meta' },
          h(
            'div',
            null,
            `nonce ${t.nonce ?? '—'}`,
            ['REJECTED', 'EXPIRED'].includes(t.status) ? ' (unused)' : '',
          ),
          h('code', { title: t.hash }, shortHex(t.hash, 8, 4)),
          t.createdAt ? h('div', { class: 'muted' }, ago(t.createdAt)) : null,
        ),
      ),
    ),
    !state.remoteAvailable
      ? h('p', { class: 'muted small' }, 'This node does not serve account history: showing transactions made in this browser.')
      : null,
  );
}

function renderKv() {
  const el = $('kv-list');
  if (!state.key) {
    return;
  }
  const entries = [...state.kv.values()].sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0));
  if (entries.length === 0) {
    fill(el, h('p', { class: 'empty' }, 'Entries you write are listed here and read back with a proof.'));
    return;
  }
  fill(
    el,
    h(
      'table',
      { class: 'table' },
      h('thead', null, h('tr', null, h('th', null, 'Key'), h('th', null, 'Value'), h('th', null, 'Proof'), h('th', null, ''))),
      h(
        'tbody',
        null,
        entries.map((e) => {
          let valueText;
          if (e.value === undefined) {
            valueText = h('span', { class: 'muted' }, 'not read yet');
          } else if (e.value === null) {
            valueText = h('span', { class: 'muted' }, 'absent');
          } else {
            try {
              valueText = utf8Decode(fromHex(e.value));
            } catch {
              valueText = h('code', null, shortHex(e.value, 16, 4));
            }
          }
          let proof;
          if (e.problems) {
            proof = h('span', { class: 'pill pill-bad', title: e.problems }, '⚠ failed');
          } else if (e.verified) {
            proof = h('span', { class: 'pill pill-final' }, `✓ h ${e.height}`);
          } else if (e.error) {
            proof = h('span', { class: 'muted', title: e.error }, 'unavailable');
          } else {
            proof = h('span', { class: 'muted' }, '—');
          }
          return h(
            'tr',
            { dataset: { key: e.keyText } },
            h(
              'td',
              null,
              h('div', null, e.keyText),
              e.namespace !== state.address ? h('div', { class: 'muted small' }, `in ${e.namespace}`) : null,
            ),
            h('td', { class: 'kv-value' }, valueText),
            h('td', null, proof),
            h(
              'td',
              { class: 'right' },
              e.value
                ? h(
                    'button',
                    {
                      class: 'btn-link danger small',
                      type: 'button',
                      onclick: () => submitWrite(null, { deleteEntry: e }),
                    },
                    'Delete',
                  )
                : null,
            ),
          );
        }),
      ),
    ),
  );
}

// Relative times drift: redraw them now and then.
setInterval(() => {
  if (state.key) {
    renderTxs();
    renderAccount();
  }
}, 15_000);

main();
