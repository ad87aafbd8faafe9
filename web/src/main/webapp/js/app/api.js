// The node's REST API (/api/v1) as the pages use it. Paths are relative to the page, so the app
// works under any context root. Two kinds of failure are told apart: Unreachable (no answer at
// all: offline, node down, timeout) and ApiError (the node answered with a problem+json).

const DEFAULT_TIMEOUT_MS = 10_000;

/** The node did not answer (network down, connection refused, timeout). */
export class Unreachable extends Error {
  constructor(message, cause) {
    super(message);
    this.name = 'Unreachable';
    this.cause = cause;
  }
}

/** The node answered with an error status; `problem` is its problem+json body when it sent one. */
export class ApiError extends Error {
  constructor(status, problem, path) {
    super(problem?.detail || problem?.title || `HTTP ${status} from ${path}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem ?? {};
    this.code = problem?.code;
    this.path = path;
  }
}

function apiUrl(path) {
  return new URL(`api/v1/${path}`, globalThis.document?.baseURI ?? globalThis.location?.href);
}

async function request(path, { method = 'GET', body, timeoutMs = DEFAULT_TIMEOUT_MS } = {}) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let res;
  try {
    res = await fetch(apiUrl(path), {
      method,
      cache: 'no-store',
      headers: body === undefined
        ? { Accept: 'application/json' }
        : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
    });
  } catch (e) {
    throw new Unreachable(
      controller.signal.aborted ? `no answer from the node within ${timeoutMs} ms` : 'the node is unreachable',
      e,
    );
  } finally {
    clearTimeout(timer);
  }
  let json = null;
  const text = await res.text().catch(() => '');
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
  }
  if (!res.ok) {
    // A service worker answering for an unreachable node, or a proxy in between, says 502-504
    // without a problem body: that is no answer from the node.
    if ([502, 503, 504].includes(res.status) && !(json && json.code)) {
      throw new Unreachable(`the node is unreachable (HTTP ${res.status})`);
    }
    throw new ApiError(res.status, json, path);
  }
  return { status: res.status, json };
}

async function getJson(path, options) {
  return (await request(path, options)).json;
}

const enc = encodeURIComponent;

export const api = {
  head: () => getJson('head', { timeoutMs: 5000 }),
  genesis: () => getJson('genesis'),
  node: () => getJson('node'),
  validators: () => getJson('validators'),
  block: (id) => getJson(`blocks/${enc(id)}`),
  account: (address) => getJson(`accounts/${enc(address)}`),
  accountTxs: (address) => getJson(`accounts/${enc(address)}/txs`),
  kv: (namespace, keyHex) => getJson(`kv/${enc(namespace)}/${enc(keyHex)}`),
  tx: (hash) => getJson(`txs/${enc(hash)}`),
  /** POST /txs: resolves with the 202 status object; a 4xx rejection throws ApiError. */
  submitTx: async (hex) => (await request('txs', { method: 'POST', body: { tx: hex } })).json,
  enrol: async (publicKeyHex) =>
    (await request('enrol', { method: 'POST', body: { publicKey: publicKeyHex } })).json,
};

/**
 * The node's Prometheus metrics (GET /metrics) as {name: value}, labels dropped (the first
 * sample of a name wins). Resolves to null when the node does not serve them.
 */
export async function metrics() {
  let res;
  try {
    res = await fetch(new URL('metrics', globalThis.document?.baseURI ?? globalThis.location?.href), {
      cache: 'no-store',
      headers: { Accept: 'text/plain' },
    });
  } catch (e) {
    throw new Unreachable('the node is unreachable', e);
  }
  if (!res.ok) {
    return null;
  }
  return parseMetrics(await res.text());
}

/** Parses the Prometheus text format into {name: number} (labels dropped, first sample wins). */
export function parseMetrics(text) {
  const out = {};
  for (const line of text.split('\n')) {
    const m = line.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)/);
    if (m && !(m[1] in out)) {
      const v = Number(m[3]);
      if (!Number.isNaN(v)) {
        out[m[1]] = v;
      }
    }
  }
  return out;
}

/** The URL of the server-sent events stream for an address (or all heads when null). */
export function eventsUrl(address) {
  const u = apiUrl('events');
  if (address) {
    u.searchParams.set('address', address);
  }
  return u.toString();
}
