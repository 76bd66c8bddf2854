// Builds the font atlas off the page's main thread (issue #15, step 4). Rasterising every glyph
// of the four faces takes ~200 ms on a desktop and several times that on a cheap phone; done in
// the first frame it froze the page. Here the page's own module (the same build: its bytes are
// read back as its own structs, app_fonts.cpp) is started in this worker, bakes the atlas for
// the page's pixel ratio and hands the bytes over; web/loader.js keeps them for the next start.
// Message in: { glue: 'visitor.<hash>.js', dpr }. Out: { bytes, ms } or { error }.
'use strict';
self.onmessage = function (e) {
  var glue = e.data.glue, dpr = e.data.dpr;
  try {
    importScripts(glue);
  } catch (err) {
    postMessage({ error: 'module script: ' + (err && err.message) });
    return;
  }
  createDiemQuet({ printErr: function () {} }).then(function (M) {
    var t0 = performance.now();
    var at = M._dq_bake_fonts(dpr);
    var size = M._dq_baked_fonts_size();
    if (!size) { postMessage({ error: 'the atlas did not build' }); return; }
    var bytes = M.HEAPU8.slice(at, at + size);
    postMessage({ bytes: bytes.buffer, ms: performance.now() - t0 }, [bytes.buffer]);
  }, function (err) {
    postMessage({ error: 'module: ' + (err && err.message || err) });
  });
};
