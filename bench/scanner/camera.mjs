// The station's camera path in headless Debian Chromium, offline, service worker controlling:
//  1. scan-to-saved latency: the camera is replaced by a canvas.captureStream() stand-in
//     (getUserMedia overridden before the page loads), so the bench knows the instant a card's
//     QR appears: a blank scene, then at t0 a card; t1 is the dqOnSaved hook (the check-in's
//     IndexedDB commit completed and applied). Each card is a different person. Run with the
//     CPU throttled 4× (CDP Emulation.setCPUThrottlingRate, the page and, where Chromium allows,
//     the decoding worker) and unthrottled, at 640×480 and 1280×720;
//  2. frames decoded per second on Chromium's fake camera playing a 1280×720 y4m at 30 frames/s
//     (a phone camera's rate), read from dqCamera.stats() after ~10 s, with a card in view and
//     with an empty scene.
// With DQ_WEB_DIR_BASE set (another assembled shell, e.g. the commit before a change), every
// run is made for both shells in turn, base first, and the tables show them side by side.
// Never fails on a slow figure; fails only when something does not work.
// Usage: node bench/scanner/camera.mjs   (DQ_WEB_DIR, DQ_SHARED_DIR as for the e2e tests)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from '../../tests/e2e/lib/static-server.mjs';
import { openPhone, freshProfile } from '../../tests/e2e/lib/browser.mjs';
import { cameraArgs } from '../../tests/e2e/lib/camera-video.mjs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WEB = path.resolve(process.env.DQ_WEB_DIR || path.join(ROOT, 'build/web'));
const BASE = process.env.DQ_WEB_DIR_BASE ? path.resolve(process.env.DQ_WEB_DIR_BASE) : null;
const SHARED = path.resolve(process.env.DQ_SHARED_DIR || path.join(ROOT, '../shared'));
const CARDS = path.join(SHARED, 'data/vn-cards');
const NCARDS = Number(process.env.DQ_BENCH_CARDS || 24);
const FPS_SECONDS = Number(process.env.DQ_BENCH_FPS_SECONDS || 10);

const quantile = (a, q) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]; };
const f1 = (x) => x.toFixed(1);
function check(cond, what) { if (!cond) throw new Error(what); }

async function waitReady(page, timeout = 60000) {
  await page.waitForFunction(() => globalThis.dq && (globalThis.dq.error || (globalThis.dq.probe && globalThis.dq.probe().frame > 1)), null, { timeout });
  const err = await page.evaluate(() => globalThis.dq.error);
  check(err === undefined, `station failed to start: ${err}`);
}

async function tap(page, id) {
  const deadline = Date.now() + 15000;
  for (;;) {
    const hit = (await page.evaluate(() => globalThis.dq.probe())).items.find((i) => i.id === id);
    if (hit) { await page.touchscreen.tap(hit.x + hit.w / 2, hit.y + hit.h / 2); await page.waitForTimeout(150); return; }
    check(Date.now() < deadline, `no widget ${id}`);
    await page.waitForTimeout(50);
  }
}

// A configured station (one settings record in the journal), offline, on the scan screen.
async function scanningStation(ctx, server) {
  const page = ctx.pages()[0] || (await ctx.newPage());
  page.on('console', (m) => { if (m.type() === 'error') console.error('page:', m.text()); });
  await page.goto(server.url);
  await waitReady(page);
  await page.evaluate(async () => {
    const db = await new Promise((res, rej) => { const r = indexedDB.open('diemquet', 1); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    await new Promise((res, rej) => {
      const t = db.transaction('journal', 'readwrite');
      t.objectStore('journal').add(JSON.stringify({ t: 'set', device: 'bench-scan-0001',
        venue: { id: 'bench-venue', name: 'Chợ Bến Thành', address: 'Quận 1', category: 'market', staff: 4, stay: 120 },
        scanPoint: { id: 'gate-1', venue: 'bench-venue', name: 'Cổng chính' }, lang: 'vi' }));
      t.oncomplete = res; t.onerror = () => rej(t.error);
    });
    db.close();
  });
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller, null, { timeout: 30000 });
  await page.reload();
  await waitReady(page);
  check((await page.evaluate(() => globalThis.dq.state())).configured, 'station not configured');
  await ctx.setOffline(true);
  await tap(page, 'nav.scan');
  await page.waitForFunction(() => globalThis.dqCamera && globalThis.dqCamera.state() === 2, null, { timeout: 30000 });
  return page;
}

// Throttles the page's main thread, then asks each dedicated worker (the decoder) for the same
// rate through auto-attached worker sessions. Whether Chromium honours it in a worker shows in
// the decode ms column (compare with the unthrottled run).
async function throttle(ctx, page, rate) {
  const s = await ctx.newCDPSession(page);
  await s.send('Emulation.setCPUThrottlingRate', { rate });
  const workers = [];
  s.on('Target.attachedToTarget', (e) => { if (e.targetInfo.type === 'worker') workers.push(e.sessionId); });
  await s.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  let ok = 0;
  s.on('Target.receivedMessageFromTarget', (e) => { const m = JSON.parse(e.message); if (m.id === 1 && m.result) ok++; });
  await page.waitForTimeout(300);
  for (const sessionId of workers) {
    try {
      await s.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method: 'Emulation.setCPUThrottlingRate', params: { rate } }) });
    } catch { /* reported as not throttled */ }
  }
  await page.waitForTimeout(300);
  return `${ok}/${workers.length}`;
}

// Card images as data URLs: the page decodes them to ImageBitmaps once, before timing.
function cardList() {
  const all = fs.readdirSync(CARDS).filter((f) => f.endsWith('_clean.png')).sort();
  const cccd = all.filter((f) => f.startsWith('cccd_')), bhyt = all.filter((f) => f.startsWith('bhyt_'));
  const out = [];
  for (let i = 0; out.length < NCARDS && (i < cccd.length || i < bhyt.length); i++) {
    if (i < cccd.length) out.push(cccd[i]);
    if (i < bhyt.length && out.length < NCARDS) out.push(bhyt[i]);
  }
  return out;
}

const CANVAS_CAMERA = ([w, h]) => {
  const canvas = document.createElement('canvas');
  canvas.width = w; canvas.height = h;
  const g = canvas.getContext('2d');
  let current = null;
  const paint = () => {
    g.fillStyle = '#fff'; g.fillRect(0, 0, w, h);
    if (current) { const s = Math.round(Math.min(w, h) * 0.8); g.drawImage(current, (w - s) >> 1, (h - s) >> 1, s, s); }
  };
  // Repaint at 30 Hz: captureStream emits a frame when the canvas changes.
  setInterval(() => { paint(); g.fillStyle = 'rgba(255,255,255,0.01)'; g.fillRect(0, 0, 1, 1); }, 33);
  paint();
  globalThis.__dqCam = { show: (bitmap) => { current = bitmap; paint(); return performance.now(); } };
  const stream = canvas.captureStream(30);
  navigator.mediaDevices.getUserMedia = async () => stream;
  navigator.mediaDevices.enumerateDevices = async () => [{ kind: 'videoinput', deviceId: 'canvas', label: 'canvas', groupId: '' }];
};

async function latencyRun(server, size, rate, cards) {
  const profile = freshProfile('dq-bench-scan');
  const ctx = await openPhone(profile);
  try {
    await ctx.addInitScript(CANVAS_CAMERA, size);
    const page = await scanningStation(ctx, server);
    await page.evaluate(async (urls) => {
      globalThis.__dqCards = await Promise.all(urls.map(async (u) => createImageBitmap(await (await fetch(u)).blob())));
    }, cards.map((f) => 'data:image/png;base64,' + fs.readFileSync(path.join(CARDS, f)).toString('base64')));
    // When the station first takes a decoded text from the camera's queue: splits the latency
    // into camera + decode (t0 → taken) and station + journal (taken → saved).
    await page.evaluate(() => {
      const take = globalThis.dqCamera.takeDecoded;
      globalThis.dqCamera.takeDecoded = () => {
        const d = take();
        if (d.length && globalThis.__dqTaken == null) globalThis.__dqTaken = performance.now();
        return d;
      };
    });
    const workers = rate > 1 ? await throttle(ctx, page, rate) : '-';
    await page.waitForTimeout(1000);  // a few blank frames through the decoder first
    const ms = [], taken = [];
    const before = (await page.evaluate(() => globalThis.dq.state())).total;
    for (let i = 0; i < cards.length; i++) {
      const dt = await page.evaluate(async (i) => {
        const saved = new Promise((resolve) => { globalThis.dqOnSaved = (id, ok) => resolve([performance.now(), ok]); });
        globalThis.__dqTaken = null;
        const t0 = globalThis.__dqCam.show(globalThis.__dqCards[i]);
        const timeout = new Promise((resolve) => setTimeout(() => resolve([NaN, 0]), 20000));
        const [t1, ok] = await Promise.race([saved, timeout]);
        globalThis.dqOnSaved = null;
        globalThis.__dqCam.show(null);
        return ok ? [t1 - t0, globalThis.__dqTaken - t0] : null;
      }, i);
      check(dt !== null, `card ${cards[i]} was not saved within 20 s`);
      ms.push(dt[0]);
      taken.push(dt[1]);
      await page.waitForTimeout(400);  // the card leaves the frame; the blank scene is decoded
    }
    const st = await page.evaluate(() => ({ total: globalThis.dq.state().total, cam: globalThis.dqCamera.stats() }));
    check(st.total === before + cards.length, `expected ${cards.length} check-ins, got ${st.total - before}`);
    return { ms, taken, workers, meanDecodeMs: st.cam.meanDecodeMs, meanGrabMs: st.cam.meanGrabMs || 0, mode: st.cam.mode || 'main' };
  } finally { await ctx.close(); fs.rmSync(profile, { recursive: true, force: true }); }
}

// A 1280×720 y4m at 30 frames/s: one card centred (80 % of the short side) or a white scene.
function fpsVideo(image, seconds = 2) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dq-fps-'));
  const out = path.join(dir, 'camera.y4m');
  const [w, h] = [1280, 720], side = Math.round(720 * 0.8);
  const input = image ? ['-loop', '1', '-t', String(seconds), '-i', image] : ['-f', 'lavfi', '-t', String(seconds), '-i', `color=white:s=${w}x${h}:r=30`];
  const vf = image ? `scale=${side}:${side}:flags=neighbor,pad=${w}:${h}:(ow-iw)/2:(oh-ih)/2:white,fps=30,format=yuv420p,setsar=1` : 'fps=30,format=yuv420p,setsar=1';
  execFileSync('ffmpeg', ['-y', '-loglevel', 'error', ...input, '-vf', vf, '-r', '30', out]);
  return out;
}

async function fpsRun(server, video) {
  const profile = freshProfile('dq-bench-fps');
  const ctx = await openPhone(profile, { extraArgs: cameraArgs(video) });
  try {
    const page = await scanningStation(ctx, server);
    await page.waitForTimeout(FPS_SECONDS * 1000);
    return await page.evaluate(() => ({ ...globalThis.dqCamera.stats(), total: globalThis.dq.state().total }));
  } finally {
    await ctx.close();
    fs.rmSync(profile, { recursive: true, force: true });
    fs.rmSync(path.dirname(video), { recursive: true, force: true });
  }
}

const shells = BASE ? [['base', BASE], ['this', WEB]] : [['this', WEB]];
const servers = {};
for (const [name, dir] of shells) servers[name] = await startStaticServer(dir);
try {
  const cards = cardList();
  check(cards.length >= 20, 'need at least 20 clean cards');
  const lat = [];
  for (const size of [[640, 480], [1280, 720]]) {
    for (const rate of [1, 4]) {
      for (const [shell] of shells) lat.push({ shell, size, rate, ...(await latencyRun(servers[shell], size, rate, cards)) });
    }
  }
  const card = path.join(CARDS, cards[0]);
  const fps = [];
  for (const [scene, image] of [['card in view', card], ['empty scene', null]]) {
    for (const [shell] of shells) fps.push({ shell, scene, ...(await fpsRun(servers[shell], fpsVideo(image))) });
  }

  const sh = (r) => (BASE ? r.shell.padEnd(6) : '');
  console.log(`Scan to saved (canvas camera, ${cards.length} different cards, offline; ms from the QR's first frame to the durable save)`);
  console.log((BASE ? 'shell ' : '') + 'video'.padEnd(10) + 'CPU'.padStart(6) + 'p50'.padStart(9) + 'p95'.padStart(9) + 'max'.padStart(9) + 'decode ms'.padStart(11) + 'grab ms'.padStart(9) +
    'p95 vs 1×'.padStart(11) + 'to taken p50'.padStart(14) + 'taken→saved p50'.padStart(17) + '  frames via  worker throttled');
  for (const r of lat) {
    const base = lat.find((x) => x.shell === r.shell && x.size === r.size && x.rate === 1);
    console.log(sh(r) + `${r.size[0]}×${r.size[1]}`.padEnd(10) + `${r.rate}×`.padStart(6) + f1(quantile(r.ms, 0.5)).padStart(9) + f1(quantile(r.ms, 0.95)).padStart(9) +
      f1(Math.max(...r.ms)).padStart(9) + f1(r.meanDecodeMs).padStart(11) + f1(r.meanGrabMs).padStart(9) + (quantile(r.ms, 0.95) / quantile(base.ms, 0.95)).toFixed(2).padStart(11) +
      f1(quantile(r.taken, 0.5)).padStart(14) + f1(quantile(r.ms.map((x, i) => x - r.taken[i]), 0.5)).padStart(17) + '  ' + r.mode.padEnd(11) + String(r.workers));
  }
  console.log('decode ms: the worker\'s mean per frame; grab ms: reading the frame\'s pixels (in the worker, or on the UI thread for "main"/"pixels"); ' +
    'to taken: QR drawn → text taken by the station; taken→saved: scan handling + journal commit; frames via: how frames reach the worker ' +
    '(web/scanner/camera.js; "main" = a shell that grabs on the UI thread); worker throttled: workers that accepted Emulation.setCPUThrottlingRate / workers found');
  for (const [shell] of shells) {
    const goal = lat.filter((r) => r.shell === shell && r.rate === 4).map((r) => quantile(r.ms, 0.95));
    console.log(`${BASE ? shell + ': ' : ''}goal: p95 ≤ 150 ms at 4× throttling: ${goal.map(f1).join(' / ')} ms — ${goal.every((x) => x <= 150) ? 'met' : 'missed'}`);
  }

  console.log(`\nDecoded frames per second, Chromium fake camera 1280×720 y4m at 30 frames/s, ${FPS_SECONDS} s`);
  console.log((BASE ? 'shell ' : '') + 'scene'.padEnd(14) + 'frames'.padStart(8) + 'frames/s'.padStart(10) + 'decode ms'.padStart(11) + 'grab ms'.padStart(9) + 'other ms'.padStart(10) + 'saved'.padStart(7) + '  frames via');
  for (const r of fps) {
    console.log(sh(r) + r.scene.padEnd(14) + String(r.frames).padStart(8) + f1(r.fps).padStart(10) + f1(r.meanDecodeMs).padStart(11) + f1(r.meanGrabMs || 0).padStart(9) +
      f1(1000 / r.fps - r.meanDecodeMs - (r.meanGrabMs || 0)).padStart(10) + String(r.total).padStart(7) + '  ' + (r.mode || 'main'));
  }
  console.log('other ms: per decoded frame, time outside the decoder and the grab (messages, waiting for a new camera frame or for the UI thread)');
  for (const [shell] of shells) {
    const f = fps.filter((r) => r.shell === shell);
    console.log(`${BASE ? shell + ': ' : ''}goal: ≥ 20 frames/s: ${f.map((r) => f1(r.fps)).join(' / ')} — ${f.every((r) => r.fps >= 20) ? 'met' : 'missed'}`);
  }
} finally {
  for (const s of Object.values(servers)) await s.stop();
}
