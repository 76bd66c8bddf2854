// Makes a 1×1 WebGL2 context in a worker while the page's module downloads (issue #15). A
// browser's first WebGL context starts its GPU back end (on Android: ANGLE's Vulkan driver;
// headless: SwiftShader), which took 500-800 ms here, all of it with the page's main thread
// waiting inside getContext. Started here, that wait is this worker's; the page's own context
// then costs tens of ms. Out: { ok, ms }. The context is kept until the page terminates this
// worker, once its own exists: a back end with no context left may shut down again.
'use strict';
var t0 = performance.now();
var keep = null;
try {
  keep = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1).getContext('webgl2') : null;
  if (keep) keep.getError();  // a round trip: the back end is up when this returns
} catch (e) { keep = null; }
self.postMessage({ ok: !!keep, ms: Math.round(performance.now() - t0) });
