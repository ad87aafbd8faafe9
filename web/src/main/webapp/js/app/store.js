// The client's IndexedDB database "eris-client":
//   keys       {id: "main", privateKey: CryptoKey, publicKey: Uint8Array, address, createdAt}
//              the Ed25519 key; the CryptoKey object is stored as it is (structured clone)
//   snapshots  {address, height, blockHash, timestamp, account|null, verifiedAt}
//              the last VERIFIED account state, shown when the node is unreachable
//   txs        {hash, address, kind, nonce, encoded, status, summary, ...} (index "address")
//              every tx made here; those with status QUEUED are the outbox
//   kv         {id, address, namespace, keyHex, keyText, value?, height?, verified?}
//              the keys this account wrote (index "address")
//   meta       {name, value}: the pinned genesis, the chain id

const DB_NAME = 'eris-client';
const DB_VERSION = 1;

let dbPromise = null;

function promisify(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Opens (and on first use creates) the database. */
export function openDb() {
  if (!dbPromise) {
    dbPromise = new Promise((resolve, reject) => {
      const req = indexedDB.open(DB_NAME, DB_VERSION);
      req.onupgradeneeded = () => {
        const db = req.result;
        db.createObjectStore('keys', { keyPath: 'id' });
        db.createObjectStore('snapshots', { keyPath: 'address' });
        db.createObjectStore('txs', { keyPath: 'hash' }).createIndex('address', 'address');
        db.createObjectStore('kv', { keyPath: 'id' }).createIndex('address', 'address');
        db.createObjectStore('meta', { keyPath: 'name' });
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new Error('the client database is blocked by another tab'));
    });
  }
  return dbPromise;
}

async function tx(storeName, mode, fn) {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const t = db.transaction(storeName, mode);
    const store = t.objectStore(storeName);
    let result;
    Promise.resolve(fn(store)).then((r) => {
      result = r;
    }, reject);
    t.oncomplete = () => resolve(result);
    t.onerror = () => reject(t.error);
    t.onabort = () => reject(t.error ?? new Error('transaction aborted'));
  });
}

export const store = {
  get: (name, key) => tx(name, 'readonly', (s) => promisify(s.get(key))),
  put: (name, value) => tx(name, 'readwrite', (s) => promisify(s.put(value))),
  delete: (name, key) => tx(name, 'readwrite', (s) => promisify(s.delete(key))),
  all: (name) => tx(name, 'readonly', (s) => promisify(s.getAll())),
  byAddress: (name, address) =>
    tx(name, 'readonly', (s) => promisify(s.index('address').getAll(address))),
  clear: (name) => tx(name, 'readwrite', (s) => promisify(s.clear())),
};

export async function getMeta(name) {
  return (await store.get('meta', name))?.value;
}

export async function setMeta(name, value) {
  await store.put('meta', { name, value });
}
