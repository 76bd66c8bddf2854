// The scanner worker: takes camera frames and decodes them with zxing-wasm (ZXing-C++ compiled
// to WASM), off the UI thread. Its .wasm is served from our own origin and precached by the
// service worker. Frames arrive in one of three ways (web/scanner/camera.js picks the first
// the browser has):
//  - 'stream' / 'track': a MediaStreamTrackProcessor's stream of VideoFrames, read here; the
//    Y plane of a YUV frame is the luminance the decoder wants, so no canvas is involved and
//    the UI thread never touches a pixel. The newest frame wins: frames that arrive during a
//    decode replace each other, and each frame is decoded at most once.
//  - 'bitmap': an ImageBitmap of the <video> made on the UI thread (cheap, no pixel readback
//    there), drawn and read back here on an OffscreenCanvas.
//  - 'decode': an ImageData ready to decode (browsers without OffscreenCanvas in workers, and
//    still images from tests).
// Each decoded frame answers with one 'result' message: texts found, decode and grab ms.
import { prepareZXingModule, readBarcodes } from '../zxing/es/reader/index.js';
import { scannerSettings } from '../scanner-settings.mjs';

const MAX_SIDE = 1280;  // larger frames are scaled down before decoding (as on the UI thread)

let canvas = null, ctx2d = null;
function context2d() {
  if (!ctx2d && typeof OffscreenCanvas !== 'undefined') {
    try {
      canvas = new OffscreenCanvas(1, 1);
      ctx2d = canvas.getContext('2d', { willReadFrequently: true });
    } catch (e) { ctx2d = null; }
  }
  return ctx2d;
}

const ready = prepareZXingModule({
  overrides: {
    locateFile: (p, prefix) => (p.endsWith('.wasm') ? new URL('../zxing/reader/' + p, import.meta.url).href : prefix + p),
  },
  fireImmediately: true,
});
ready.then(
  () => postMessage({
    type: 'ready',
    trackProcessor: typeof MediaStreamTrackProcessor === 'function',
    offscreen: !!context2d(),
  }),
  (e) => postMessage({ type: 'error', message: String(e && e.message) }));

async function decode(image) {
  try {
    const results = await readBarcodes(image, scannerSettings);
    return { found: results.filter((r) => r.isValid).map((r) => ({ text: r.text, position: r.position })) };
  } catch (e) {
    return { found: [], error: String(e && e.message) };
  }
}

async function decodeAndAnswer(id, image, grabMs) {
  const t0 = performance.now();
  const r = await decode(image);
  postMessage({ type: 'result', id, found: r.found, ms: performance.now() - t0, grabMs, error: r.error, ...frameCounts() });
}

// Any drawable (ImageBitmap, VideoFrame) → ImageData, scaled to at most MAX_SIDE.
function drawnImage(source, w, h) {
  const k = Math.min(1, MAX_SIDE / Math.max(w, h));
  const cw = Math.round(w * k), ch = Math.round(h * k);
  const g = context2d();
  if (canvas.width !== cw || canvas.height !== ch) { canvas.width = cw; canvas.height = ch; }
  g.drawImage(source, 0, 0, cw, ch);
  return g.getImageData(0, 0, cw, ch);
}

// A VideoFrame as the decoder's ImageData, scaled to at most MAX_SIDE by picking pixels, from
// the frame's own planes (copyTo: no canvas, no colour conversion). YUV (cameras): the luma
// plane as grey (R = G = B = Y, which zxing-wasm turns back into exactly Y). RGB (a canvas
// capture): the pixels, red and blue swapped back for BGR orders. Anything else: drawn
// through the OffscreenCanvas.
const YUV = new Set(['I420', 'I420A', 'I422', 'I444', 'NV12']);
const RGB = new Set(['RGBA', 'RGBX', 'BGRA', 'BGRX']);
let frameBuf = null, frameOut = null, framePx = null;
async function frameImage(frame) {
  const w = frame.visibleRect ? frame.visibleRect.width : frame.displayWidth;
  const h = frame.visibleRect ? frame.visibleRect.height : frame.displayHeight;
  const yuv = YUV.has(frame.format);
  if (!yuv && !RGB.has(frame.format)) return drawnImage(frame, w, h);
  const size = frame.allocationSize();
  if (!frameBuf || frameBuf.byteLength < size) frameBuf = new Uint8Array(size);
  const layout = await frame.copyTo(frameBuf);
  const { offset, stride } = layout[0];
  const step = Math.max(1, Math.ceil(Math.max(w, h) / MAX_SIDE));
  const cw = Math.floor(w / step), ch = Math.floor(h / step);
  // One ImageData reused for every frame of a size: a new 1–4 MB buffer 30 times a second
  // kept the garbage collector busy (the decoder reads it before the next frame is made).
  if (!frameOut || frameOut.width !== cw || frameOut.height !== ch) {
    frameOut = new ImageData(cw, ch);
    framePx = new Uint32Array(frameOut.data.buffer);
  }
  const out = frameOut, px = framePx;  // little-endian: 0xAABBGGRR
  if (yuv) {
    const y = frameBuf;
    for (let r = 0, o = 0; r < ch; r++) {
      let i = offset + r * step * stride;
      for (let c = 0; c < cw; c++, i += step) px[o++] = 0xff000000 | (y[i] * 0x010101);
    }
  } else {
    const src = new Uint32Array(frameBuf.buffer, 0, size >> 2);
    const bgr = frame.format[0] === 'B';
    for (let r = 0, o = 0; r < ch; r++) {
      let i = (offset + r * step * stride) >> 2;
      for (let c = 0; c < cw; c++, i += step) {
        const v = src[i];
        px[o++] = bgr ? 0xff000000 | ((v & 0xff) << 16) | (v & 0xff00) | ((v >> 16) & 0xff) : v | 0xff000000;
      }
    }
  }
  return out;
}

// ---- Frames from a MediaStreamTrackProcessor ----
let reader = null, latest = null, busy = false, frameId = 0;
// Frames read and closed, reported with every result and when a stream ends: tests assert the
// two are equal once the camera stops (Chromium's own warning comes from the worker, where a
// page's console listener does not see it).
let framesRead = 0, framesClosed = 0;
function closeFrame(f) { f.close(); framesClosed++; }
const frameCounts = () => ({ framesRead, framesClosed });
let ownTrack = null;  // a track transferred here ('track'): stopped here, or the camera stays on

// Every VideoFrame read is closed on every path (decoded, replaced by a newer one, or read
// while stopping): an unclosed frame holds a camera buffer until garbage collection, and a
// phone's camera stalls when its few buffers are all held ("A VideoFrame was garbage
// collected without being closed").
async function readFrames(r) {
  for (;;) {
    let chunk;
    try { chunk = await r.read(); } catch (e) { break; }
    if (chunk.done) break;
    framesRead++;
    if (r !== reader) { closeFrame(chunk.value); continue; }  // stopping: drain and close what is queued
    if (latest) closeFrame(latest);  // never decoded: a newer frame came during the last decode
    latest = chunk.value;
    if (!busy) decodeLatest();
  }
  postMessage({ type: 'frames', ...frameCounts() });
}

async function decodeLatest() {
  busy = true;
  while (latest) {
    const frame = latest;
    latest = null;
    const t0 = performance.now();
    let image = null;
    try { image = await frameImage(frame); } catch (e) { image = null; } finally { closeFrame(frame); }
    if (image) await decodeAndAnswer(frameId++, image, performance.now() - t0);
    // Let frames queued during the decode arrive, so the next one decoded is the newest.
    await new Promise((res) => setTimeout(res, 0));
  }
  busy = false;
}

// Stopping drains the stream instead of cancelling it at once: a cancel discards the frames
// still queued in the stream without closing them. The track's end (camera.js stops it right
// after 'stop') ends the stream; a stream still running after DRAIN_MS is cancelled anyway.
const DRAIN_MS = 1000;
function stopFrames() {
  const r = reader;
  reader = null;
  if (r) setTimeout(() => { r.cancel().catch(() => {}); }, DRAIN_MS);
  if (ownTrack) { ownTrack.stop(); ownTrack = null; }
  if (latest) { closeFrame(latest); latest = null; }
}

function startFrames(readable) {
  reader = readable.getReader();
  readFrames(reader);
}

self.onmessage = async (ev) => {
  const m = ev.data;
  await ready;
  if (m.type === 'track') {
    stopFrames();
    ownTrack = m.track;
    try {
      startFrames(new MediaStreamTrackProcessor({ track: m.track }).readable);
    } catch (e) { /* camera.js's watchdog falls back to bitmaps */ }
  } else if (m.type === 'stream') {
    stopFrames();
    startFrames(m.readable);
  } else if (m.type === 'stop') {
    stopFrames();
  } else if (m.type === 'bitmap') {
    const t0 = performance.now();
    let image = null;
    try { image = drawnImage(m.bitmap, m.bitmap.width, m.bitmap.height); } catch (e) { image = null; }
    m.bitmap.close();
    if (image) await decodeAndAnswer(m.id, image, performance.now() - t0);
    else postMessage({ type: 'result', id: m.id, found: [], ms: 0, grabMs: 0, error: 'bitmap unreadable' });
  } else {
    await decodeAndAnswer(m.id, m.image, 0);
  }
};
