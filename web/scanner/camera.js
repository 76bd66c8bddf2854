// The station's camera: the rear camera's video, frames sent one at a time to the decoding
// worker (never blocking the UI thread), decoded texts handed to the WASM station, and the
// latest frame uploaded into a WebGL texture the ImGui scan screen draws.
// Exposed as globalThis.dqCamera; wasm/platform/camera_browser.cpp calls it.
(function () {
  'use strict';
  var STATES = { off: 0, starting: 1, live: 2, denied: 3, unavailable: 4, error: 5 };
  var video = null, stream = null, state = 'off', worker = null, workerReady = false, busy = false;
  var grab = null, grabCtx = null, devices = [], deviceId = '', torchOn = false;
  var decoded = [], frames = 0, decodeMs = 0, started = 0, lastUpload = -1;
  var MAX_SIDE = 1280;  // frames larger than this are scaled down before decoding

  function ensureWorker() {
    if (worker) return;
    worker = new Worker(new URL('scanner/worker.mjs', document.baseURI), { type: 'module' });
    worker.onmessage = function (ev) {
      var m = ev.data;
      if (m.type === 'ready') { workerReady = true; pump(); }
      else if (m.type === 'error') { console.error('scanner worker failed', m.message); state = 'error'; }
      else if (m.type === 'result') {
        busy = false;
        frames++;
        decodeMs += m.ms;
        for (var i = 0; i < m.found.length; i++) decoded.push(m.found[i].text);
        pump();
      }
    };
  }

  // Sends the current frame to the worker if it is idle.
  function pump() {
    if (!workerReady || busy || state !== 'live' || !video || video.readyState < 2) return;
    var w = video.videoWidth, h = video.videoHeight;
    if (!w || !h) { setTimeout(pump, 50); return; }
    var k = Math.min(1, MAX_SIDE / Math.max(w, h));
    var cw = Math.round(w * k), ch = Math.round(h * k);
    if (!grab) {
      // OffscreenCanvas where there is one with a 2D context (Safari before 16.4 has none):
      // otherwise a DOM canvas; either way on this thread, only decoding is in the worker.
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
    grabCtx.drawImage(video, 0, 0, cw, ch);
    var img = grabCtx.getImageData(0, 0, cw, ch);
    busy = true;
    worker.postMessage({ id: frames, image: img }, [img.data.buffer]);
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
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { state = 'unavailable'; return; }
    ensureWorker();
    var constraints = { audio: false, video: id ? { deviceId: { exact: id } }
      : { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } } };
    try {
      stream = await navigator.mediaDevices.getUserMedia(constraints);
    } catch (e) {
      state = (e && (e.name === 'NotAllowedError' || e.name === 'SecurityError')) ? 'denied'
            : (e && (e.name === 'NotFoundError' || e.name === 'OverconstrainedError')) ? 'unavailable' : 'error';
      return;
    }
    if (!video) {
      video = document.createElement('video');
      video.setAttribute('playsinline', '');  // iOS: play inline, not full screen
      video.setAttribute('muted', '');
      video.autoplay = true;
      // In the document (invisible): iOS Safari may not advance a detached video's frames.
      video.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;opacity:0;pointer-events:none';
      document.body.appendChild(video);
    }
    video.muted = true;
    video.srcObject = stream;
    try { await video.play(); } catch (e) {}
    var track = stream.getVideoTracks()[0];
    deviceId = (track && track.getSettings && track.getSettings().deviceId) || id || '';
    await listDevices();
    state = 'live';
    started = performance.now();
    frames = 0; decodeMs = 0;
    pump();
  }

  function stop() {
    if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
    stream = null;
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
    // Uploads the newest frame into a WebGL texture; returns [w, h] or null.
    upload: function (gl, texture) {
      if (state !== 'live' || !video || video.readyState < 2) return null;
      gl.bindTexture(gl.TEXTURE_2D, texture);
      gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, gl.RGBA, gl.UNSIGNED_BYTE, video);
      return [video.videoWidth, video.videoHeight];
    },
    // A scan from elsewhere (a keyboard-wedge scanner) joins the camera's queue.
    pushScan: function (text) { decoded.push(text); },
    takeDecoded: function () { var d = decoded; decoded = []; return d; },
    stats: function () {
      var secs = (performance.now() - started) / 1000;
      return { frames: frames, fps: secs > 0 ? frames / secs : 0, meanDecodeMs: frames ? decodeMs / frames : 0 };
    },
    // The scanner's decoder on a still image, for tests and the benchmark.
    decodeImage: function (imageData) {
      ensureWorker();
      return new Promise(function (resolve) {
        var probe = new Worker(new URL('scanner/worker.mjs', document.baseURI), { type: 'module' });
        probe.onmessage = function (ev) {
          if (ev.data.type === 'ready') probe.postMessage({ id: 0, image: imageData });
          else if (ev.data.type === 'result') { probe.terminate(); resolve(ev.data); }
        };
      });
    }
  };
})();
