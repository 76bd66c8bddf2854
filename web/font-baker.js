// Builds the font atlas off the page's main thread (issue #15, step 4). Rasterising every glyph
// of the four faces takes ~200 ms on a desktop and several times that on a cheap phone; done in
// the first frame it froze the page. Here the page's own module (the same build: its bytes are
// read back as its own structs, app_fonts.cpp) is started in this worker, bakes the atlas for
// the page's pixel ratio and hands the bytes over; web/loader.js keeps them for the next start.
// Message in: { glue: 'visitor.<hash>.js', dpr, key, face, warmOnly (a bake is kept: only the
// warm-up below) }. Out: { bytes, ms } or { error }, then { warmMs, warmed }. The module is
// fetched and compiled here from the HTTP cache (or the service worker's): V8 shares the code.
// The worker then keeps a copy under `key` in IndexedDB (the page's thread is spared writing a
// megabyte) and closes itself.
'use strict';

// Keeps `bytes` as the face's one bake (an older build's is never read again).
function keep(bytes, key, face) {
  return new Promise(function (resolve) {
    var open;
    try { open = indexedDB.open('diemquet-fonts', 1); } catch (e) { return resolve(); }
    open.onupgradeneeded = function () { open.result.createObjectStore('atlas'); };
    open.onerror = function () { resolve(); };
    open.onsuccess = function () {
      var db = open.result, tx = db.transaction('atlas', 'readwrite'), os = tx.objectStore('atlas');
      var keys = os.getAllKeys();
      keys.onsuccess = function () {
        keys.result.forEach(function (k) { if (String(k).indexOf(face + '.') === 0 && k !== key) os.delete(k); });
        os.put(bytes, key);
      };
      tx.oncomplete = tx.onerror = tx.onabort = function () { db.close(); resolve(); };
    };
  });
}

self.onmessage = function (e) {
  var glue = e.data.glue, dpr = e.data.dpr;
  try {
    importScripts(glue);
  } catch (err) {
    postMessage({ error: 'module script: ' + (err && err.message) });
    return;
  }
  createDiemQuet({ printErr: function () {} }).then(function (M) {
    // The station's database first (in this instance's memory; the page's is not touched): the
    // page opens its own once the atlas has come, and finds that code compiled.
    if (M._dq_prepare) try { M._dq_prepare(); } catch (err) { /* the bake does not need it */ }
    var kept = null;
    if (!e.data.warmOnly) {
      var t0 = performance.now();
      var at = M._dq_bake_fonts(dpr);
      var size = M._dq_baked_fonts_size();
      if (!size) { postMessage({ error: 'the atlas did not build' }); return; }
      var bytes = M.HEAPU8.slice(at, at + size);
      kept = bytes.buffer.slice(0);
      postMessage({ bytes: bytes.buffer, ms: performance.now() - t0 }, [bytes.buffer]);
    }
    // The page boots with the bake; meanwhile the face's first frame, built here, compiles the
    // code the page's runs (V8 keeps one compiled copy of the module for the page and its
    // workers: wasm/app/code_warmup.hpp). What it reaches of the page's API (the journal, the
    // DOM) is not here and throws: the warm-up then ends there, this instance is dropped.
    var w0 = performance.now(), warmed = !!M._dq_warm_frame;
    try { if (warmed) M._dq_warm_frame(); } catch (err) { warmed = String(err && err.message || err).slice(0, 200); }
    postMessage({ warmMs: performance.now() - w0, warmed: warmed });
    if (kept && e.data.key && self.indexedDB) keep(kept, e.data.key, e.data.face).then(function () { self.close(); });
    else self.close();
  }, function (err) {
    postMessage({ error: 'module: ' + (err && err.message || err) });
  });
};
