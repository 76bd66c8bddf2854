// The offline shell. Precaches every file the station needs under a versioned cache
// (the version is the hash of the files, stamped in by scripts/assemble-web.sh), serves them
// cache-first, and answers every page route with the cached index.html. Data never lives
// here: check-ins are in IndexedDB, so replacing the shell cannot lose any of them.
'use strict';
const VERSION = '__DQ_VERSION__';
const PRECACHE = __DQ_PRECACHE__;
const CACHE = 'diemquet-shell-' + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(PRECACHE.map((p) => new Request(p, { cache: 'reload' })))));
  // The first install takes over at once; later versions wait for the page to say when.
  event.waitUntil(self.registration.active ? Promise.resolve() : self.skipWaiting());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys())
      if (key.startsWith('diemquet-shell-') && key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data === 'skipWaiting') self.skipWaiting();
});

// Background Sync: the page registers 'dq-sync' while check-ins are pending. The uploader is
// the WASM module in the page, so waking up means asking every open station page to sync now;
// with no page open there is nothing to do until one opens (it syncs at start).
self.addEventListener('sync', (event) => {
  if (event.tag !== 'dq-sync') return;
  event.waitUntil(self.clients.matchAll({ type: 'window', includeUncontrolled: true })
    .then((clients) => clients.forEach((c) => c.postMessage('dq-sync-now'))));
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith(new URL('api/', self.registration.scope).pathname)) return;
  if (req.mode === 'navigate') {
    // Every app route (/, /v, /office) is the same shell.
    event.respondWith(caches.open(CACHE).then((c) => c.match('index.html')).then((r) => r || fetch(req)));
    return;
  }
  event.respondWith(caches.open(CACHE).then((c) => c.match(req, { ignoreSearch: true })).then((r) => r || fetch(req)));
});
