// Service worker (scope: the app's root). It keeps the app shell and the protocol library in a
// cache so the pages load with the node unreachable. The API (api/...) is never cached here:
// the pages keep the last VERIFIED account state in IndexedDB themselves, and an unverified
// cached answer must never look like a fresh one. Shell files are fetched network-first (a new
// deployment is picked up at once) and fall back to the cache when the node does not answer.

const VERSION = 'eris-shell-v1';

// Every file of the shell (a test checks that this list covers the webapp's static files).
const SHELL = [
  './',
  'index.html',
  'operator.html',
  'app.js',
  'favicon.svg',
  'css/app.css',
  'js/app/api.js',
  'js/app/chart.js',
  'js/app/dom.js',
  'js/app/live.js',
  'js/app/operator.js',
  'js/app/store.js',
  'js/app/txlogic.js',
  'js/app/verify.js',
  'js/lib/account.js',
  'js/lib/codec.js',
  'js/lib/crypto.js',
  'js/lib/hex.js',
  'js/lib/model.js',
  'js/lib/proofs.js',
];

const NETWORK_TIMEOUT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(VERSION)
      .then((cache) => cache.addAll(SHELL.map((p) => new Request(p, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n !== VERSION).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

function isShell(url) {
  const scope = new URL(self.registration.scope);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) {
    return false;
  }
  const rel = url.pathname.slice(scope.pathname.length);
  return !rel.startsWith('api/') && !rel.startsWith('health/') && !rel.startsWith('metrics');
}

async function networkFirst(request) {
  const cache = await caches.open(VERSION);
  try {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), NETWORK_TIMEOUT_MS);
    const response = await fetch(request, { signal: controller.signal, cache: 'no-cache' });
    clearTimeout(timer);
    if (response.ok && response.type === 'basic') {
      cache.put(request, response.clone());
    }
    return response;
  } catch (e) {
    const cached =
      (await cache.match(request, { ignoreSearch: true })) ??
      (request.mode === 'navigate' ? await cache.match('./', { ignoreSearch: true }) : undefined);
    if (cached) {
      return cached;
    }
    return new Response('The node is unreachable and this page is not cached.', {
      status: 503,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') {
    return;
  }
  const url = new URL(request.url);
  if (!isShell(url)) {
    return; // API, health, other origins: straight to the network
  }
  event.respondWith(networkFirst(request));
});
