// The station's camera: the rear camera's video shown in the rect the ImGui scan screen
// reserves for it (an HTML <video> over the canvas, with the framing guide), frames taken by
// the decoding worker (never decoded or read back on the UI thread where the browser allows
// it), and decoded texts handed to the WASM station at once.
// Exposed as globalThis.dqCamera; wasm/platform/camera_browser.cpp calls it.
//
// How frames reach the worker, the first that works:
//  1. 'track': the track itself is transferred and the worker reads it with its own
//     MediaStreamTrackProcessor (Safari 18's model: the processor exists only in workers);
//  2. 'stream': a MediaStreamTrackProcessor made here, its stream of VideoFrames transferred
//     to the worker (Chromium: no processor in workers, no track transfer);
//  3. 'bitmap': createImageBitmap(video) here, drawn and read back in the worker on an
//     OffscreenCanvas (Firefox, WebKitGTK before the processor);
//  4. 'pixels': drawImage + getImageData here (no OffscreenCanvas 2D in workers).
// With 1 and 2 the worker decodes each new camera frame once, as soon as it is free; with 3
// and 4 this side hands it the newest frame whenever it is idle, at most 30 times a second.
(function () {
  'use strict';
  var STATES = { off: 0, starting: 1, live: 2, denied: 3, unavailable: 4, error: 5 };
  var video = null, stream = null, state = 'off', worker = null, workerCaps = null, busy = false;
  var mode = '', grab = null, grabCtx = null, devices = [], deviceId = '', torchOn = false;
  var decoded = [], frames = 0, decodeMs = 0, grabMs = 0, started = 0, startGen = 0;
  var frameCounts = { framesRead: 0, framesClosed: 0 };
  var onDecoded = null;  // the station's handler: takes the texts at once (camera_browser.cpp)
  var view = null, guide = null, placed = '';
  var MAX_SIDE = 1280;  // frames larger than this are scaled down before decoding
  // 'bitmap' and 'pixels' cannot tell a new video frame from the last one: grab at most at a
  // camera's rate, or a fast decoder would spin on the same frame (Firefox: 260 grabs/s).
  var GRAB_INTERVAL_MS = 1000 / 30, lastGrab = 0, pumpTimer = 0;
  var watchdog = 0, WATCHDOG_MS = 4000;
  var GUIDE = '#22c55e';  // green corners read on light and dark frames

  function ensureWorker() {
    if (worker) return;
    worker = new Worker(new URL('scanner/worker.mjs', document.baseURI), { type: 'module' });
    worker.onmessage = function (ev) {
      var m = ev.data;
      if (m.type === 'ready') { workerCaps = m; feed(); }
      else if (m.type === 'error') { console.error('scanner worker failed', m.message); state = 'error'; }
      else if (m.type === 'frames') { frameCounts = m; }
      else if (m.type === 'result') {
        if (m.framesRead !== undefined) frameCounts = { framesRead: m.framesRead, framesClosed: m.framesClosed };
        busy = false;
        frames++;
        decodeMs += m.ms;
        grabMs += m.grabMs || 0;
        for (var i = 0; i < m.found.length; i++) decoded.push(m.found[i].text);
        // Handled now, not at the next animation frame: the save starts as early as it can.
        if (m.found.length && onDecoded) onDecoded();
        if (mode === 'bitmap' || mode === 'pixels') schedulePump();
      }
    };
  }

  // Starts the worker on the live track once both are ready: picks how frames travel.
  function feed() {
    if (!workerCaps || state !== 'live' || mode) return;
    var track = stream && stream.getVideoTracks()[0];
    if (!track) return;
    if (workerCaps.trackProcessor) {
      try {
        var t = track.clone();
        worker.postMessage({ type: 'track', track: t }, [t]);
        mode = 'track';
        armWatchdog();
        return;
      } catch (e) { /* not transferable here: next way */ }
    }
    if (typeof MediaStreamTrackProcessor === 'function') {
      try {
        var readable = new MediaStreamTrackProcessor({ track: track, maxBufferSize: 2 }).readable;
        worker.postMessage({ type: 'stream', readable: readable }, [readable]);
        mode = 'stream';
        armWatchdog();
        return;
      } catch (e) { /* streams not transferable: next way */ }
    }
    mode = workerCaps.offscreen && typeof createImageBitmap === 'function' ? 'bitmap' : 'pixels';
    pump();
  }

  // A processor that delivers no frame (an engine that accepts the transfer but never reads)
  // would leave the scanner blind: with nothing decoded after WATCHDOG_MS, use bitmaps.
  function armWatchdog() {
    var gen = startGen, m = mode;
    clearTimeout(watchdog);
    watchdog = setTimeout(function () {
      if (gen !== startGen || mode !== m || frames > 0 || state !== 'live') return;
      console.warn('scanner: no frame through ' + m + ' in ' + WATCHDOG_MS + ' ms; using bitmaps');
      worker.postMessage({ type: 'stop' });
      mode = workerCaps.offscreen && typeof createImageBitmap === 'function' ? 'bitmap' : 'pixels';
      busy = false;
      pump();
    }, WATCHDOG_MS);
  }

  function schedulePump() {
    if (pumpTimer) return;
    var wait = lastGrab + GRAB_INTERVAL_MS - performance.now();
    if (wait <= 0) { pump(); return; }
    pumpTimer = setTimeout(function () { pumpTimer = 0; pump(); }, wait);
  }

  // 'bitmap' and 'pixels': sends the current frame to the worker if it is idle.
  function pump() {
    if (!workerCaps || busy || state !== 'live' || !video) return;
    var w = video.videoWidth, h = video.videoHeight;
    if (video.readyState < 2 || !w || !h) { setTimeout(pump, 50); return; }  // no frame yet
    busy = true;
    lastGrab = performance.now();
    if (mode === 'bitmap') {
      var gen = startGen;
      createImageBitmap(video).then(function (bitmap) {
        if (gen !== startGen || state !== 'live') { bitmap.close(); busy = false; return; }
        worker.postMessage({ type: 'bitmap', id: frames, bitmap: bitmap }, [bitmap]);
      }, function () {
        // This browser cannot make a bitmap of a video: read the pixels here from now on.
        mode = 'pixels';
        busy = false;
        pump();
      });
      return;
    }
    var k = Math.min(1, MAX_SIDE / Math.max(w, h));
    var cw = Math.round(w * k), ch = Math.round(h * k);
    if (!grab) {
      if (typeof OffscreenCanvas !== 'undefined') {
        grab = new OffscreenCanvas(cw, ch);
        try { grabCtx = grab.getContext('2d', { willReadFrequently: true }); } catch (e) { grabCtx = null; }
      }
      if (!grabCtx) {
        grab = document.createElement('canvas');
        grabCtx = grab.getContext('2d', { willReadFrequently: true });
      }
    }
    if (grab.width !== cw || grab.height !== ch) { grab.width = cw; grab.height = ch; }
    var t0 = performance.now();
    grabCtx.drawImage(video, 0, 0, cw, ch);
    var img = grabCtx.getImageData(0, 0, cw, ch);
    grabMs += performance.now() - t0;
    worker.postMessage({ type: 'decode', id: frames, image: img }, [img.data.buffer]);
  }

  // The live view: the <video> in a box over the canvas, clipped to the part of the screen
  // the UI shows (the scrolled body, between the top bar and the bottom tabs), with the
  // framing guide on top. Touches go through to the canvas. Hidden by visibility, not
  // display: the video stays in the layout, so every engine keeps advancing its frames.
  function ensureView() {
    if (view) return;
    view = document.createElement('div');
    view.id = 'dq-camera';
    view.style.cssText = 'position:fixed;overflow:hidden;pointer-events:none;visibility:hidden;left:0;top:0;width:0;height:0';
    var box = document.createElement('div');
    box.style.cssText = 'position:absolute;overflow:hidden;background:#0f172a';
    video = document.createElement('video');
    video.setAttribute('playsinline', '');  // iOS: play inline, not full screen
    video.setAttribute('muted', '');
    video.setAttribute('aria-hidden', 'true');
    video.autoplay = true;
    video.muted = true;
    // Opacity just under 1: Chromium's software compositor (headless, --disable-gpu) drew a
    // second, stale copy of an opaque video over the canvas further down the screen.
    video.style.cssText = 'position:absolute;left:0;top:0;width:100%;height:100%;object-fit:cover;display:block;opacity:0.99';
    guide = document.createElement('div');
    guide.style.cssText = 'position:absolute';
    for (var i = 0; i < 4; i++) {
      var c = document.createElement('div');
      var side = (i % 2 ? 'right' : 'left'), edge = (i < 2 ? 'top' : 'bottom');
      c.style.cssText = 'position:absolute;box-sizing:border-box;' + side + ':0;' + edge + ':0;' +
        'border-' + side + ':4px solid ' + GUIDE + ';border-' + edge + ':4px solid ' + GUIDE;
      guide.appendChild(c);
    }
    box.appendChild(video);
    box.appendChild(guide);
    view.appendChild(box);
    // Right above the canvas: under the keyboard's input, the splash and the update bar.
    var canvas = document.getElementById('canvas');
    if (canvas && canvas.parentNode) canvas.parentNode.insertBefore(view, canvas.nextSibling);
    else document.body.appendChild(view);
  }

  // x, y, w, h: the view's box; c0x..c1y: the visible clip; all in CSS px of the canvas.
  function place(x, y, w, h, radius, c0x, c0y, c1x, c1y) {
    ensureView();
    var key = [x, y, w, h, radius, c0x, c0y, c1x, c1y].join(',');
    if (key === placed && view.style.visibility === 'visible') return;
    placed = key;
    var canvas = document.getElementById('canvas');
    var r = canvas ? canvas.getBoundingClientRect() : { left: 0, top: 0 };
    var cw = Math.max(0, c1x - c0x), ch = Math.max(0, c1y - c0y);
    var s = view.style;
    s.left = (r.left + c0x) + 'px'; s.top = (r.top + c0y) + 'px';
    s.width = cw + 'px'; s.height = ch + 'px';
    var box = view.firstChild.style;
    box.left = (x - c0x) + 'px'; box.top = (y - c0y) + 'px';
    box.width = w + 'px'; box.height = h + 'px';
    box.borderRadius = radius + 'px';
    // The guide: a square of 78 % of the box's height, centred, corner marks 18 % of its side.
    var g = h * 0.78, l = g * 0.18, gs = guide.style;
    gs.left = ((w - g) / 2 - 2) + 'px'; gs.top = ((h - g) / 2 - 2) + 'px';
    gs.width = (g + 4) + 'px'; gs.height = (g + 4) + 'px';
    for (var i = 0; i < 4; i++) { guide.children[i].style.width = l + 2 + 'px'; guide.children[i].style.height = l + 2 + 'px'; }
    s.visibility = cw > 0 && ch > 0 ? 'visible' : 'hidden';
  }

  function hideView() {
    if (view) view.style.visibility = 'hidden';
  }

  async function listDevices() {
    try {
      var all = await navigator.mediaDevices.enumerateDevices();
      devices = all.filter(function (d) { return d.kind === 'videoinput'; });
    } catch (e) { devices = []; }
  }

  async function start(id) {
    if (state === 'starting') return;
    stop();
    state = 'starting';
    var gen = ++startGen;
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { state = 'unavailable'; return; }
    ensureWorker();
    ensureView();
    var constraints = { audio: false, video: id ? { deviceId: { exact: id } }
      : { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } } };
    var s;
    try {
      s = await navigator.mediaDevices.getUserMedia(constraints);
    } catch (e) {
      if (gen !== startGen) return;
      state = (e && (e.name === 'NotAllowedError' || e.name === 'SecurityError')) ? 'denied'
            : (e && (e.name === 'NotFoundError' || e.name === 'OverconstrainedError')) ? 'unavailable' : 'error';
      return;
    }
    if (gen !== startGen) { s.getTracks().forEach(function (t) { t.stop(); }); return; }
    stream = s;
    video.srcObject = stream;
    try { await video.play(); } catch (e) {}
    var track = stream.getVideoTracks()[0];
    deviceId = (track && track.getSettings && track.getSettings().deviceId) || id || '';
    await listDevices();
    if (gen !== startGen) return;
    state = 'live';
    started = performance.now();
    frames = 0; decodeMs = 0; grabMs = 0;
    feed();
  }

  function stop() {
    ++startGen;
    if (worker && (mode === 'track' || mode === 'stream')) worker.postMessage({ type: 'stop' });
    mode = '';
    busy = false;
    if (pumpTimer) { clearTimeout(pumpTimer); pumpTimer = 0; }
    clearTimeout(watchdog);
    if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
    stream = null;
    if (video) video.srcObject = null;
    hideView();
    torchOn = false;
    if (state !== 'denied' && state !== 'unavailable') state = 'off';
  }

  function torchSupported() {
    var t = stream && stream.getVideoTracks()[0];
    var caps = t && t.getCapabilities ? t.getCapabilities() : {};
    return !!caps.torch;
  }

  globalThis.dqCamera = {
    start: start,
    stop: stop,
    state: function () { return STATES[state]; },
    deviceCount: function () { return devices.length; },
    deviceLabel: function (i) { return (devices[i] && devices[i].label) || ('Camera ' + (i + 1)); },
    deviceId: function (i) { return (devices[i] && devices[i].deviceId) || ''; },
    currentDeviceId: function () { return deviceId; },
    torchSupported: torchSupported,
    setTorch: function (on) {
      var t = stream && stream.getVideoTracks()[0];
      if (!t || !torchSupported()) return false;
      torchOn = !!on;
      t.applyConstraints({ advanced: [{ torch: torchOn }] }).catch(function () {});
      return true;
    },
    torchOn: function () { return torchOn; },
    // The UI shows the live view in this rect for the frame it is drawing; hideView() when a
    // drawn frame did not (another screen, the camera off).
    place: place,
    hideView: hideView,
    // How frames reach the worker: 'track', 'stream', 'bitmap', 'pixels' ('' before live).
    mode: function () { return mode; },
    // The station's handler for decoded texts, called as soon as the worker finds one.
    setOnDecoded: function (fn) { onDecoded = fn; },
    // A scan from elsewhere (a keyboard-wedge scanner) joins the camera's queue.
    pushScan: function (text) { decoded.push(text); if (onDecoded) onDecoded(); },
    takeDecoded: function () { var d = decoded; decoded = []; return d; },
    stats: function () {
      var secs = (performance.now() - started) / 1000;
      return { frames: frames, fps: secs > 0 ? frames / secs : 0, meanDecodeMs: frames ? decodeMs / frames : 0,
               meanGrabMs: frames ? grabMs / frames : 0, mode: mode,
               // VideoFrames the worker read and closed ('track'/'stream'): equal once stopped.
               framesRead: frameCounts.framesRead, framesClosed: frameCounts.framesClosed };
    },
    // The scanner's decoder on a still image, for tests and the benchmark.
    decodeImage: function (imageData) {
      return new Promise(function (resolve) {
        var probe = new Worker(new URL('scanner/worker.mjs', document.baseURI), { type: 'module' });
        probe.onmessage = function (ev) {
          if (ev.data.type === 'ready') probe.postMessage({ type: 'decode', id: 0, image: imageData });
          else if (ev.data.type === 'result') { probe.terminate(); resolve(ev.data); }
        };
      });
    }
  };
})();
