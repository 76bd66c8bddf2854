// The page's side of the drawing surface (wasm/platform/draw_surface.hpp), dqDrawSurface.
// warm() starts the drawing worker (web/draw-worker.js) while the module downloads. start()
// hands the canvas over to it where the browser has WebGL2 in workers, so that no WebGL work
// holds up this thread (taps, typing, saves); elsewhere, or when the worker is too slow to
// start, it draws here with the same renderer (web/draw-gl.js). The module then sends the font
// atlas and each frame it wants shown.
(function () {
  'use strict';
  var worker = null, warming = null, warmth = { webgl2: false };
  var warmedNow, warmed = new Promise(function (resolve) { warmedNow = resolve; });
  var canvas = null, mode = '', local = null, size = { width: 0, height: 0 };
  // Frames sent to the worker, shown on screen, and dropped by the worker (a newer one came
  // before it could draw them).
  var posted = 0, shown = 0, dropped = 0, settle = [];
  var failed = false;

  function element() { return canvas || (canvas = document.getElementById('canvas')); }

  function failure() {
    if (failed) return;
    failed = true;
    surface.onFailure();
  }

  function settled() {
    if (shown < posted) return;
    settle.splice(0).forEach(function (resolve) { resolve(); });
  }

  function fromWorker(e) {
    var m = e.data || {};
    if (m.shown !== undefined) {
      shown = m.shown;
      dropped = m.dropped;
      settled();
    } else if (m.started === false) {
      console.error('the drawing worker has no WebGL2 context for the canvas');
      failure();
    }
  }

  var surface = {
    // Called when drawing fails after the start (the page says so: loader.js).
    onFailure: function () {},

    // Starts the worker; resolves once it is known where the frames will be drawn: as soon as
    // the worker says it has WebGL2 (its context, which waits for the GPU back end to start,
    // comes later: neither the page nor the first frame's building waits for it), or that it
    // has none, or failed. No time limit here: see decided(). warmth: { webgl2, warm, ms } as
    // far as known.
    warm: function () {
      if (warming) return warming;
      warming = new Promise(function (resolve) {
        try { worker = new Worker('draw-worker.js'); } catch (e) { worker = null; warmedNow(warmth); return resolve(warmth); }
        worker.onmessage = function (e) {
          var m = e.data || {};
          if (m.webgl2 !== undefined) {
            warmth.webgl2 = m.webgl2;
            if (m.webgl2) resolve(warmth);
          } else if (m.warm !== undefined) {
            warmth.warm = m.warm;
            warmth.ms = m.ms;
            resolve(warmth);
            warmedNow(warmth);
          } else fromWorker(e);
        };
        worker.onerror = function (e) {
          console.warn('drawing worker failed:', e && e.message);
          warmedNow(warmth);
          if (mode === 'worker') failure();
          else resolve(warmth);
        };
      });
      return warming;
    },

    // What warm() found, waited for at most `ms` from now, when the page is ready to draw:
    // after that the page draws itself. The wait starts here, not at warm(): on a weak network
    // the worker's two small scripts can arrive seconds after warm() was called, while the
    // module still downloads, and a clock started at warm() made the page draw on its own
    // thread although the worker was about to say it could.
    decided: function (ms) {
      return Promise.race([surface.warm(), new Promise(function (resolve) { setTimeout(function () { resolve(warmth); }, ms); })]);
    },

    // Resolves with warmth once the worker's warm-up context was made, or could not be.
    warmed: warmed,

    // False when nothing can be drawn (no WebGL2 here).
    start: function () {
      var el = element();
      size = { width: el.width, height: el.height };
      // A worker with WebGL2 draws, unless its warm-up failed (no context to be had there).
      if (worker && warmth.webgl2 && warmth.warm !== false && el.transferControlToOffscreen) {
        try {
          var offscreen = el.transferControlToOffscreen();
          worker.postMessage({ canvas: offscreen }, [offscreen]);
          mode = 'worker';
          return true;
        } catch (e) { console.warn('cannot hand the canvas to the drawing worker', e && e.name); }
      }
      if (worker) worker.terminate();  // a late or failed warm-up: this page draws
      worker = null;
      mode = 'page';
      var gl = null;
      try { gl = el.getContext('webgl2', self.dqDrawGlAttributes); } catch (e) { gl = null; }
      local = gl ? self.dqDrawGl(el, gl) : null;
      return !!local;
    },

    // The canvas's size in device pixels; true when it changed. Once the canvas is the worker's
    // it takes the size with the next frame.
    resize: function (width, height) {
      if (width === size.width && height === size.height) return false;
      size = { width: width, height: height };
      if (mode !== 'worker') { element().width = width; element().height = height; }
      return true;
    },

    // The atlas's alpha: `alpha` (a view, anywhere in its buffer) is handed over, not copied.
    font: function (alpha, width, height) {
      if (mode === 'worker') worker.postMessage({ font: alpha.buffer, at: alpha.byteOffset, width: width, height: height }, [alpha.buffer]);
      else if (local) local.font(alpha, width, height);
    },

    present: function (frame) {
      if (mode === 'worker') {
        worker.postMessage({ frame: frame.buffer, width: size.width, height: size.height, seq: ++posted }, [frame.buffer]);
        return;
      }
      if (local) local.frame(frame.buffer);
      shown = ++posted;
    },

    // Where frames are drawn ('worker' or 'page'), and how many were sent, shown, dropped.
    stats: function () {
      return { mode: mode, warm: warmth.warm, warmMs: warmth.ms, posted: posted, shown: shown, dropped: dropped };
    },

    // Resolves once every frame sent has been drawn (a screenshot then shows the last one).
    settled: function () {
      return new Promise(function (resolve) { settle.push(resolve); settled(); });
    }
  };
  globalThis.dqDrawSurface = surface;
})();
