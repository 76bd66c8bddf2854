// The drawing worker (issue #15; web/draw-surface.js starts it). It first makes a 1×1 WebGL2
// context while the page's module downloads: a browser's first WebGL context starts its GPU
// back end (on Android: ANGLE's Vulkan driver; headless: SwiftShader), 500-800 ms here, and
// that wait is this worker's, not the page's. Out: { webgl2 } at once (whether this worker has
// OffscreenCanvas and WebGL2 at all), then { warm: true|false, ms }.
// Then the page hands over its canvas ({ canvas }: an OffscreenCanvas), and the worker draws on
// it the frames the module sends ({ frame, width, height, seq }) with web/draw-gl.js, and the
// font atlas ({ font: a buffer, at: where the alpha starts in it, width, height }). Out:
// { started: true|false } once; { shown: seq, dropped } after a frame was drawn and handed to
// the browser's compositor. The page's main thread then waits for none of the WebGL work: the
// context's buffer, the shaders, the font upload, the drawing, and the GPU process's replies
// to all of them.
'use strict';
importScripts('draw-gl.js');
var t0 = performance.now();
var warm = null, canvas = null, gl = null, draw = null;
// Whether WebGL2 can be had here at all, said before the (slow) warm-up: the page then hands
// the canvas over without waiting for the GPU back end to start.
self.postMessage({ webgl2: typeof OffscreenCanvas === 'function' && typeof WebGL2RenderingContext === 'function' });
try {
  warm = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1).getContext('webgl2') : null;
  if (warm) warm.getError();  // a round trip: the back end is up when this returns
} catch (e) { warm = null; }
self.postMessage({ warm: !!warm, ms: Math.round(performance.now() - t0) });

self.onmessage = function (e) {
  var m = e.data || {};
  if (m.canvas) {
    canvas = m.canvas;
    try { gl = canvas.getContext('webgl2', self.dqDrawGlAttributes); } catch (err) { gl = null; }
    draw = gl ? self.dqDrawGl(canvas, gl) : null;
    warm = null;  // the page's own context keeps the back end up from now on
    self.postMessage({ started: !!draw });
    return;
  }
  if (!draw) return;
  if (m.font) draw.font(new Uint8Array(m.font, m.at || 0, m.width * m.height), m.width, m.height);
  if (m.frame) {
    if (latest) dropped++;
    latest = m;
    if (!scheduled) { scheduled = true; nextFrame(drawLatest); }
  }
};

// The newest frame only, once per display frame: a frame that came while the GPU was busy
// with the one before is replaced by the next (each frame is the whole picture).
var latest = null, scheduled = false, dropped = 0;
var nextFrame = typeof self.requestAnimationFrame === 'function'
  ? function (f) { self.requestAnimationFrame(f); } : function (f) { setTimeout(f, 16); };
function drawLatest() {
  scheduled = false;
  var m = latest;
  latest = null;
  if (!m) return;
  // The module sized the canvas (web/draw-surface.js resize); a new size clears it, and the
  // frame drawn right after fills it again.
  if (canvas.width !== m.width || canvas.height !== m.height) { canvas.width = m.width; canvas.height = m.height; }
  draw.frame(m.frame);
  // The frame goes to the compositor when this task ends; by the next display frame it is on
  // screen (a test's screenshot, taken after this, shows it).
  nextFrame(function () { self.postMessage({ shown: m.seq, dropped: dropped }); });
}
