// The offline shell. Precaches, under a versioned cache (the version is the hash of the files,
// stamped in by scripts/assemble-web.sh), the files of each face that was opened on this
// phone: the page registers this worker as service-worker.js?face=station|visitor|office, and
// a visitor's phone stores only the visitor page's files. Serves them cache-first and answers
// each page route with its face's cached page. Data never lives here: check-ins are in
// IndexedDB, so replacing the shell cannot lose any of them.
'use strict';
const VERSION = '__DQ_VERSION__';
const PRECACHE = __DQ_PRECACHE__;  // face -> its files
const PAGES = { station: 'index.html', visitor: 'visitor.html', office: 'office.html' };
const CACHE = 'diemquet-shell-' + VERSION;
const FACES_KEY = 'dq-installed-faces';  // a synthetic entry: the faces this cache holds
const FACE = new URL(self.location.href).searchParams.get('face') || 'station';

// Content-hashed names (scripts/hash-assets.py) never change: the copy the page just loaded
// into the HTTP cache is the right one, so a first visit downloads nothing twice. The rest
// (the pages, the manifest) is fetched past the HTTP cache.
const HASHED = /\.[0-9a-f]{12}(\.|\/|$)/;

async function installedFaces() {
  const faces = new Set();
  for (const key of await caches.keys()) {
    if (!key.startsWith('diemquet-shell-')) continue;
    const r = await (await caches.open(key)).match(FACES_KEY);
    if (r) for (const f of await r.json()) faces.add(f);
  }
  return faces;
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    // This face, and every face an earlier version had: an update keeps each face offline.
    const faces = await installedFaces();
    // This version's cache is complete only once its face list was written.
    const sameVersion = !!(await (await caches.open(CACHE)).match(FACES_KEY));
    faces.add(PRECACHE[FACE] ? FACE : 'station');
    const files = new Set();
    for (const f of faces) for (const p of PRECACHE[f] || []) files.add(p);
    const cache = await caches.open(CACHE);
    await cache.addAll([...files].map((p) => new Request(p, { cache: HASHED.test(p) ? 'default' : 'reload' })));
    await cache.put(FACES_KEY, new Response(JSON.stringify([...faces]), { headers: { 'content-type': 'application/json' } }));
    // The first install takes over at once, and so does one that only adds a face to the same
    // version (no file changes under a running page); a new version waits for the page.
    if (!self.registration.active || sameVersion) await self.skipWaiting();
  })());
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

// Exposure alerts (issue #17): the signed list of exposures is public and holds no personal
// data, so the worker may keep the last copy (its own cache, kept across shell versions) and
// refresh it in the background where the browser has Periodic Background Sync (the visitor
// page registers 'dq-exposures'). The page fetches it at every open through here: network
// first, this copy when offline. The page verifies the signature and matches on the phone.
const EXPOSURES_CACHE = 'diemquet-exposures';
function exposuresUrl() { return new URL('api/v1/exposures', self.registration.scope).href; }

async function refreshExposures() {
  const r = await fetch(exposuresUrl(), { cache: 'no-cache' });
  if (r.ok) await (await caches.open(EXPOSURES_CACHE)).put(exposuresUrl(), r.clone());
  return r;
}

self.addEventListener('periodicsync', (event) => {
  if (event.tag !== 'dq-exposures') return;
  event.waitUntil(refreshExposures().then(() => self.clients.matchAll({ type: 'window' }))
    .then((clients) => clients.forEach((c) => c.postMessage('dq-exposures-now'))).catch(() => {}));
});

// The face a page route shows (the server maps them the same way).
function pageFor(pathname) {
  const rel = pathname.slice(new URL(self.registration.scope).pathname.length).replace(/\/+$/, '');
  const first = rel.split('/')[0];
  if (first === 'v') return PAGES.visitor;
  // The office's venue import page needs the network anyway (it sends a file): not the office face.
  if (rel === 'office/nhap-co-so') return null;
  if (first === 'office') return PAGES.office;
  // Pages no face caches (violation report, venue registration, venue code): from the network.
  if (first === 'bao-cao' || first === 'dang-ky' || first === 'c') return null;
  return PAGES.station;
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.href === exposuresUrl()) {
    event.respondWith(refreshExposures().catch(() => caches.open(EXPOSURES_CACHE).then((c) => c.match(url.href))
      .then((r) => r || Response.error())));
    return;
  }
  if (url.origin !== self.location.origin || url.pathname.startsWith(new URL('api/', self.registration.scope).pathname)) return;
  if (req.mode === 'navigate') {
    const page = pageFor(url.pathname);
    if (!page) return;
    event.respondWith(cachedOrNetwork(page, req));
    return;
  }
  event.respondWith(cachedOrNetwork(req, req, { ignoreSearch: true }));
});

// The shell's copy, else the network. A cache that cannot be read (WebKit while another
// install of this worker writes the same cache) is a miss, not a failed page.
async function cachedOrNetwork(key, req, options) {
  let hit = null;
  try { hit = await (await caches.open(CACHE)).match(key, options); } catch (e) { /* a miss */ }
  return hit || fetch(req);
}
