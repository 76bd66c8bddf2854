// Starts the station: service worker, one tab at a time, the journal replayed into the WASM
// module, then the first frame. Failures become a message a person can act on.
(function () {
  'use strict';
  var splash = document.getElementById('dq-splash');
  var splashText = document.getElementById('dq-splash-text');
  var t0 = performance.now();

  function say(vi, en) { splashText.textContent = vi + ' / ' + en; }
  function fail(vi, en, err) {
    splash.classList.add('error');
    say(vi, en);
    if (err) console.error(en, err && (err.name || err));
    // What went wrong, for the tests and a remote debugger (a name and message, no user data).
    var detail = err ? String((err.name || 'Error') + ': ' + (err.message || err)).slice(0, 300) : undefined;
    globalThis.dq = Object.assign(globalThis.dq || {}, { error: en, errorDetail: detail });
  }

  function registerServiceWorker() {
    if (!('serviceWorker' in navigator)) return;
    // The face names what the worker precaches (service-worker/service-worker.js).
    navigator.serviceWorker.register('service-worker.js?face=' + face).then(function (reg) {
      function offer(worker) {
        if (!worker || !navigator.serviceWorker.controller) return;
        var bar = document.getElementById('dq-update');
        bar.hidden = false;
        // A worker that only adds this face to the same version activates at once: no offer.
        worker.addEventListener('statechange', function () { if (worker.state !== 'installed') bar.hidden = true; });
        document.getElementById('dq-update-btn').onclick = function () {
          // Only between saves: nothing that is being written may be cut off.
          var st = globalThis.dq && globalThis.dq.state ? globalThis.dq.state() : { inFlight: 0 };
          if (st.inFlight > 0) return;
          worker.postMessage('skipWaiting');
        };
      }
      if (reg.waiting) offer(reg.waiting);
      // The visitor page: the worker refreshes the exposure list in the background where the
      // browser allows it (an installed PWA in Chromium); elsewhere the page fetches it at open.
      if (face === 'visitor' && reg.periodicSync) {
        reg.periodicSync.register('dq-exposures', { minInterval: 12 * 3600 * 1000 })
          .catch(function (e) { console.info('periodic background sync not granted', e && e.name); });
      }
      reg.addEventListener('updatefound', function () {
        var w = reg.installing;
        w.addEventListener('statechange', function () { if (w.state === 'installed') offer(w); });
      });
    }).catch(function (e) { console.warn('service worker registration failed', e && e.name); });
    var reloading = false;
    navigator.serviceWorker.addEventListener('controllerchange', function () {
      if (reloading || !globalThis.dq || !globalThis.dq.updateRequested) return;
      reloading = true;
      location.reload();
    });
  }

  // One station per browser profile: two tabs would hand out the same sequence numbers.
  // Each face has its own lock and journal (journalFor): a station tab never blocks the visitor
  // page, nor the office. Visitor pages (two posters scanned, two tabs) share theirs, and the
  // newest tab takes it over: the older one stops writing and reloads when looked at again.
  function singleTab(lockName, takeOver) {
    if (!navigator.locks || !lockName) return Promise.resolve();
    if (takeOver) {
      return new Promise(function (resolve) {
        navigator.locks.request(lockName, { steal: true }, function () { resolve(); return new Promise(function () {}); })
          .catch(function () { supersededHere(); });
      });
    }
    return new Promise(function (resolve) {
      navigator.locks.request(lockName, { ifAvailable: true }, function (lock) {
        if (lock) { resolve(); return new Promise(function () {}); }
        say('DiemQuet đang mở ở một tab khác. Đóng tab đó để dùng ở đây.',
            'DiemQuet is open in another tab. Close it to use it here.');
        navigator.locks.request(lockName, function () { resolve(); return new Promise(function () {}); });
        return null;
      });
    });
  }

  // This visitor tab's lock was taken by a newer one: write nothing more, say so, and start
  // again (taking the lock back) when the visitor comes back to this tab.
  function supersededHere() {
    if (globalThis.dqJournal) globalThis.dqJournal.close();
    splash.hidden = false;
    say('Trang khai báo đang mở ở tab khác. Chạm để dùng ở đây.',
        'The check-in page is open in another tab. Tap to use it here.');
    splash.addEventListener('click', function () { location.reload(); });
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'visible') location.reload();
    });
  }

  // The face's IndexedDB database and lock (see singleTab).
  function journalFor(face) {
    if (face === 'visitor') return { db: 'diemquet-visitor', lock: 'diemquet-visitor', takeOver: true };
    return { db: 'diemquet', lock: 'diemquet-station', takeOver: false };
  }

  // Each face has its own page and module (scripts/face-pages.py): station, visitor, office.
  var face = document.documentElement.getAttribute('data-face') || 'station';
  var MODES = { station: 0, visitor: 1, office: 2 };  // wasm/ui/modes.hpp
  // The station and the visitor page keep a journal; the office keeps nothing on the phone.
  var usesJournal = face !== 'office';

  // Sync lives in the WASM module; these only wake it: the `online` event, a Background Sync
  // message from the service worker, and a 'dq-sync' registration while check-ins are pending,
  // so the browser wakes the page when the network is back. Without SyncManager: the first two.
  function startSyncTriggers(Module) {
    var syncNow = function () { Module._dq_sync_now(); };
    globalThis.dq.syncNow = syncNow;
    window.addEventListener('online', syncNow);
    if ('serviceWorker' in navigator) {
      navigator.serviceWorker.addEventListener('message', function (e) { if (e.data === 'dq-sync-now') syncNow(); });
    }
    var registered = false;
    function registerBackgroundSync() {
      if (registered || !('SyncManager' in window) || !navigator.serviceWorker) return;
      if (globalThis.dq.state().pending <= 0) return;
      registered = true;
      navigator.serviceWorker.ready
        .then(function (reg) { return reg.sync.register('dq-sync'); })
        .catch(function (e) { console.warn('background sync not available', e && e.name); })
        .then(function () { setTimeout(function () { registered = false; }, 60000); });
    }
    window.addEventListener('offline', registerBackgroundSync);
    setInterval(registerBackgroundSync, 15000);
  }

  // ---- The font atlas, made off the main thread (web/font-baker.js) and kept for next time ----
  // The ratio the module rasterises at (wasm/platform/imgui_impl_html5.cpp clamps it alike).
  var fontRatio = Math.min(Math.max(window.devicePixelRatio || 1, 1), 3);
  // The face's module script (face-pages.py gives each page its own): a bake is valid only for
  // the build that made it, so its hashed name is part of the key.
  var glueScript = document.querySelector('script[src^="' + face + '."]');
  var fontKey = glueScript ? glueScript.getAttribute('src') + '|' + fontRatio : '';

  // The bake the worker kept at an earlier start (font-baker.js writes it), or null.
  function cachedAtlas() {
    return new Promise(function (resolve) {
      if (!globalThis.indexedDB || !fontKey) return resolve(null);
      var open;
      try { open = indexedDB.open('diemquet-fonts', 1); } catch (e) { return resolve(null); }
      open.onupgradeneeded = function () { open.result.createObjectStore('atlas'); };
      open.onerror = function () { resolve(null); };
      open.onsuccess = function () {
        var db = open.result, get;
        try { get = db.transaction('atlas').objectStore('atlas').get(fontKey); } catch (e) { db.close(); return resolve(null); }
        get.onsuccess = function () { db.close(); resolve(get.result instanceof ArrayBuffer ? get.result : null); };
        get.onerror = function () { db.close(); resolve(null); };
      };
    });
  }
  // The font worker (web/font-baker.js), started once the module has loaded (its files are
  // then in the HTTP cache: the worker's copy downloads nothing). `bytes` resolves with its bake,
  // or null (no worker, an error, or too slow: the first frame then builds the atlas itself, as
  // before); with a bake `kept` from an earlier start it bakes nothing. `warmed` resolves once
  // it has built the face's first frame, whose code the page then finds compiled (or when it
  // cannot: no worker, an error).
  function startFontWorker(kept) {
    var warmDone, warmed = new Promise(function (resolve) { warmDone = resolve; });
    var bytes = new Promise(function (resolve) {
      var none = kept || null;  // what the page uses when the worker gives nothing
      if (!globalThis.Worker || !glueScript) { warmDone(); return resolve(none); }
      var worker;
      try { worker = new Worker('font-baker.js'); } catch (e) { warmDone(); return resolve(none); }
      function failed(why) {
        clearTimeout(timer);
        worker.terminate();
        console.warn('font worker failed:', why);
        warmDone();
        resolve(none);
      }
      var timer = setTimeout(function () { failed('timed out'); }, 20000);
      worker.onmessage = function (e) {
        var m = e.data || {};
        if (m.error) return failed(m.error);
        if (m.warmMs !== undefined) {  // the last message: the worker then closes itself
          clearTimeout(timer);
          phases.codeWarmMs = Math.round(m.warmMs);
          phases.codeWarmed = m.warmed;
          phases.codeWarmedAt = Math.round(performance.now() - t0);
          warmDone();
          return;
        }
        phases.fontBakeMs = Math.round(m.ms);
        resolve(m.bytes || null);
      };
      worker.onerror = function (e) { failed(e && e.message); };
      // The worker compiles its own copy of the module from the HTTP cache, off this thread.
      worker.postMessage({ glue: glueScript.getAttribute('src'), dpr: fontRatio, key: fontKey, face: face, warmOnly: !!kept });
      if (kept) resolve(kept);
    });
    return { bytes: bytes, warmed: warmed };
  }
  // The bake kept from the last start (read while the module loads).
  var keptAtlas;

  // Hands the bake over: its glyphs are copied into the module, which fills its atlas from them
  // (dq_use_baked_fonts), and its pixels, the 1.4-MB texture, go straight to the drawing
  // surface (handed to its worker, not copied). The layout is app_fonts.hpp's: the texture's
  // width and height are the header's words 3 and 4, its pixels the bake's last bytes.
  function useAtlas(Module, bytes) {
    if (!bytes || bytes.byteLength < 20 || !Module._dq_use_baked_fonts) return false;
    var header = new DataView(bytes, 12, 8);
    var width = header.getInt32(0, true), height = header.getInt32(4, true);
    var pixels = width * height, glyphs = bytes.byteLength - pixels;
    if (pixels <= 0 || glyphs <= 20) return false;
    var at = Module._malloc(glyphs);
    Module.HEAPU8.set(new Uint8Array(bytes, 0, glyphs), at);
    var used = Module._dq_use_baked_fonts(at, glyphs) === 1;
    Module._free(at);
    if (used) dqDrawSurface.font(new Uint8Array(bytes, glyphs, pixels), width, height);
    return used;
  }

  // Where the start's time goes (bench/station reads it): each phase in ms from t0.
  var phases = {};

  // ---- The module's download, shown as a bar on the splash ----
  // At a market the signal is weak: the module (200-600 KB compressed) can take many seconds,
  // and a splash that never moves looks stuck. The loader makes the module's instance itself
  // (Emscripten's instantiateWasm hook), as the glue would, and counts a clone of the body on
  // the side. The body arrives decompressed, so the total is the module's own size, written on
  // the page by the build (data-wasm-bytes). The response given to the compiler is the fetched
  // one, URL and all: the browser keeps its compiled code for the next start.
  var wasmBytes = Number(glueScript && glueScript.getAttribute('data-wasm-bytes')) || 0;
  var wasmUrl = null;  // the module's hashed name, from the glue (locateFile)
  var bar = document.getElementById('dq-progress');
  function showDownload(got) {
    if (!bar || !wasmBytes) return;
    var pct = Math.min(99, Math.floor(got * 100 / wasmBytes));
    bar.hidden = false;
    bar.firstElementChild.style.width = pct + '%';
    bar.setAttribute('aria-valuenow', String(pct));
  }
  function countDownload(response) {
    if (!bar || !wasmBytes || !response.body || !response.clone) return;
    var reader = response.clone().body.getReader(), got = 0, since = performance.now();
    (function next() {
      reader.read().then(function (r) {
        if (r.done) { bar.hidden = true; return; }
        got += r.value.byteLength;
        // A module from the cache arrives at once: no bar for that.
        if (performance.now() - since > 250) showDownload(got);
        next();
      }, function () { bar.hidden = true; });
    })();
  }
  function instantiateModule(imports, receive) {
    function fetchModule() {
      return fetch(wasmUrl, { credentials: 'same-origin' }).then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status + ' for ' + wasmUrl);
        return response;
      });
    }
    function fromBytes(response) {
      return response.arrayBuffer().then(function (b) { return WebAssembly.instantiate(b, imports); });
    }
    fetchModule()
      // A download cut off is asked for once more, a second later, as a person would reload.
      .catch(function () { return new Promise(function (r) { setTimeout(r, 1000); }).then(fetchModule); })
      .then(function (response) {
        countDownload(response);
        if (typeof WebAssembly.instantiateStreaming !== 'function') return fromBytes(response);
        return WebAssembly.instantiateStreaming(response, imports).catch(function (e) {
          // Cut off mid-way, or served without the application/wasm type: from the bytes, once.
          console.warn('streaming compile failed, compiling from bytes', e && e.name);
          return fetchModule().then(fromBytes);
        });
      })
      .then(function (r) { receive(r.instance, r.module); }, function (e) {
        if (bar) bar.hidden = true;
        fail('Không tải được DiemQuet. Kiểm tra mạng rồi tải lại trang.',
             'Cannot load DiemQuet\'s files. Check the network and reload the page.', e);
      });
    return {};  // the exports come later, through receive
  }

  // Gives the page back to the browser between two steps of the start: each is then a task of
  // its own (input, paint), not one long freeze.
  function nextTask() { return new Promise(function (resolve) { setTimeout(resolve, 0); }); }

  // The canvas at the size the first frame gives it (platform/imgui_impl_html5.cpp
  // resizeCanvas), before its context exists: the drawing buffer is then made once, not made
  // at the default 300×150 and made again in the first frame.
  // The page's scripts are plain <script> tags before this one; one whose download failed
  // leaves its global undefined (WebKit failed the office's module, twice in a row, while the
  // service worker of the page before was installing). Each such script is asked for again
  // after 0.5 s and after 2 s, as a person would reload, before the page says it cannot
  // start. Resolves with their names.
  function fetchMissingScripts() {
    var missing = Array.prototype.filter.call(document.querySelectorAll('script[data-provides]'),
      function (s) { return typeof globalThis[s.getAttribute('data-provides')] === 'undefined'; });
    function load(src) {
      return new Promise(function (resolve, reject) {
        var again = document.createElement('script');
        again.src = src;
        again.onload = resolve;
        again.onerror = function () { again.remove(); reject(new Error('cannot load ' + src)); };
        document.body.appendChild(again);
      });
    }
    function after(ms) { return new Promise(function (r) { setTimeout(r, ms); }); }
    return Promise.all(missing.map(function (old) {
      var src = old.getAttribute('src');
      return after(500).then(function () { return load(src); })
        .catch(function () { return after(2000).then(function () { return load(src); }); })
        .then(function () { return src; });
    }));
  }

  function sizeCanvas() {
    var canvas = document.getElementById('canvas'), box = canvas.getBoundingClientRect();
    var dpr = Math.min(Math.max(window.devicePixelRatio || 1, 1), 3);
    canvas.width = Math.round(box.width * dpr);
    canvas.height = Math.round(box.height * dpr);
  }

  async function start() {
    if (!globalThis.WebAssembly) return fail('Trình duyệt này quá cũ.', 'This browser has no WebAssembly.');
    try { phases.scriptsFetchedAgain = await fetchMissingScripts(); } catch (e) {
      return fail('Không tải được DiemQuet. Kiểm tra mạng rồi tải lại trang.',
                  'Cannot load DiemQuet\'s files. Check the network and reload the page.', e);
    }
    var records = [], keys = [];
    function mark(name) { phases[name] = Math.round(performance.now() - t0); }
    // Runs one step of the start and records its ms as phases[name + 'Ms'].
    function timed(name, step) {
      var at = performance.now(), result = step();
      phases[name + 'Ms'] = Math.round(performance.now() - at);
      return result;
    }
    keptAtlas = cachedAtlas();
    // The drawing worker (web/draw-surface.js) starts the GPU back end while the module
    // downloads; the page then hands it the canvas (or draws itself: no WebGL2 in workers).
    dqDrawSurface.warm();
    dqDrawSurface.warmed.then(function (w) {
      phases.gpuWarmMs = w.ms;
      phases.gpuWarmed = !!w.warm;  // false: no WebGL2 in a worker here
    });
    dqDrawSurface.onFailure = function () {
      splash.hidden = false;
      fail('Không vẽ được màn hình. Hãy tải lại trang.', 'Drawing failed. Reload the page.');
    };
    if (usesJournal) {
      var store = journalFor(face);
      await singleTab(store.lock, store.takeOver);
      say('Đang mở dữ liệu…', 'Opening data…');
      try { await dqJournal.open(store.db); } catch (e) {
        return fail('Không mở được bộ nhớ của trình duyệt (chế độ ẩn danh?).',
                    'Cannot open browser storage (private mode?).', e);
      }
      if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(function () {});
      var journal = await dqJournal.readAllKeyed();
      records = journal.values; keys = journal.keys;
    }
    mark('journalRead');
    if (usesJournal) say('Đang tải…', 'Loading…');
    var Module = await createDiemQuet({
      canvas: document.getElementById('canvas'),
      printErr: function (t) { console.warn(t); },
      locateFile: function (file, prefix) {
        if (/\.wasm$/.test(file)) wasmUrl = prefix + file;
        return prefix + file;
      },
      instantiateWasm: instantiateModule
    });
    mark('moduleReady');
    var fontWorker = keptAtlas.then(startFontWorker);
    var atlasPromise = fontWorker.then(function (w) { return w.bytes; });
    var codeWarmed = fontWorker.then(function (w) { return w.warmed; });
    // In batches: one call per thousand records, not one per record. Each record goes with its
    // key, by which the retention purge deletes it later. Every ~50 ms the loop gives the page
    // back (a 100,000-record journal took seconds in one task): the splash shows how far it is
    // and the browser stays responsive.
    function progress(done) {
      say('Đang khôi phục ' + grouped(done, '.') + ' / ' + grouped(records.length, '.') + ' bản ghi…',
          'Restoring ' + grouped(done, ',') + ' / ' + grouped(records.length, ',') + ' records…');
    }
    // Digits in threes by hand: the first toLocaleString loads the locale's data, ~150-200 ms
    // of the main thread at start-up on this machine, for a separator.
    function grouped(n, sep) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep); }
    if (records.length) progress(0);
    var batch = [], batchKeys = [];
    function flush() {
      if (batch.length) Module.ccall('dq_replay_batch_keyed', null, ['string', 'string'], [batch.join('\n'), batchKeys.join(',')]);
      batch = []; batchKeys = [];
    }
    var sliceStart = performance.now();
    for (var i = 0; i < records.length; i++) {
      var r = records[i];
      if (typeof r !== 'string') continue;
      if (r.indexOf('\n') >= 0) { flush(); Module.ccall('dq_replay_keyed', null, ['string', 'number'], [r, keys[i]]); continue; }
      batch.push(r);
      batchKeys.push(keys[i]);
      if (batch.length === 1000) {
        flush();
        if (performance.now() - sliceStart > 50) {
          progress(i + 1);
          await new Promise(function (resolve) { setTimeout(resolve, 0); });
          sliceStart = performance.now();
        }
      }
    }
    flush();
    mark('replayed');
    // Waited for at most 4 s (the worker starts, loads the module and bakes: ~1.5 s on this
    // machine under load, its bake alone 0.1-0.3 s): a worker that is slower still, or stuck,
    // leaves the first frame to build the atlas itself, which freezes the page for as long as
    // the bake takes; the worker's bake is kept for the next start all the same.
    var atlasBytes = await Promise.race([atlasPromise,
      new Promise(function (resolve) { setTimeout(function () { resolve(null); }, 4000); })]);
    mark('atlasReady');
    // The face's data (the station's SQLite database and session), in a task of its own, after
    // the bake: the worker has then run the same code (font-baker.js), which is compiled.
    if (Module._dq_prepare) {
      await nextTask();
      timed('prepare', Module._dq_prepare);
      mark('prepared');
    }
    // Where the frames will be drawn is known (not the GPU back end up): the worker's answer,
    // waited for at most 3 s more from here.
    await dqDrawSurface.decided(3000);
    mark('gpuReady');
    // The worker's first frame, waited for at most 1 s more: its code is then compiled, not
    // compiled by the boot and the first frame here (100-600 ms of this thread measured).
    await Promise.race([codeWarmed, new Promise(function (resolve) { setTimeout(resolve, 1000); })]);
    mark('codeReady');
    await nextTask();
    sizeCanvas();
    var rc = timed('boot', function () { return Module._dq_boot(MODES[face]); });
    mark('booted');
    phases.drawnIn = dqDrawSurface.stats().mode;  // 'worker', or 'page': no WebGL2 in workers
    if (rc === -1) return fail('Máy này không hỗ trợ WebGL2.', 'This device has no WebGL2.');
    // The bake's hand-over in a task of its own, then the frames (which start only now: one
    // run before the hand-over would build the atlas itself).
    await nextTask();
    phases.atlasBaked = timed('useAtlas', function () { return useAtlas(Module, atlasBytes); });
    Module._dq_start_frames();
    dqTextInput.attach(Module);
    globalThis.dq = {
      module: Module,
      probe: function () { return JSON.parse(Module.UTF8ToString(Module._dq_probe())); },
      // Resolves once the canvas shows the last frame built (drawn in the drawing worker).
      drawn: function () { return dqDrawSurface.settled(); },
      state: function () { return Module._dq_state ? JSON.parse(Module.UTF8ToString(Module._dq_state())) : { inFlight: 0 }; },
      replayed: records.length,
      startup: phases,
      updateRequested: false
    };
    document.getElementById('dq-update-btn').addEventListener('click', function () { globalThis.dq.updateRequested = true; });
    if (Module._dq_sync_now) startSyncTriggers(Module);
    // Hide the splash once ImGui has drawn its first frame, and once the browser has painted
    // anything at all: on a cold start (the GPU process starting) the first frame can be ready
    // before the browser's first paint, and a splash hidden unseen leaves the page with no
    // painted text (Lighthouse then has no largest contentful paint and no score). Waited for at
    // most 1 s more.
    function painted() {
      var types = globalThis.PerformanceObserver && PerformanceObserver.supportedEntryTypes;
      if (!types || types.indexOf('paint') < 0) return true;  // no paint timing here: not waited for
      return performance.getEntriesByType('paint').some(function (e) { return e.name === 'first-contentful-paint'; }) ||
        performance.now() - t0 > (globalThis.dq.firstFrameMs || 0) + 1000;
    }
    (function waitFirstFrame() {
      if (globalThis.dq.probe().frame > 0 && !globalThis.dq.firstFrameMs) globalThis.dq.firstFrameMs = performance.now() - t0;
      if (globalThis.dq.firstFrameMs && painted()) {
        mark('firstFrame');
        if (Module._dq_font_atlas_ms) phases.fontAtlasMs = Math.round(Module._dq_font_atlas_ms());
        splash.hidden = true;
        // Only now: its precache then finds the module in the HTTP cache instead of
        // downloading it a second time while the first visit is still loading.
        registerServiceWorker();
      } else requestAnimationFrame(waitFirstFrame);
    })();
  }

  start().catch(function (e) { fail('Không khởi động được DiemQuet.', 'DiemQuet failed to start.', e); });
})();
