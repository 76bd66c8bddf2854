// The station's foundation figures, in headless Debian Chromium on this machine:
//  1. the time to durably save one check-in (from the call into the session until the journal's
//     IndexedDB commit has completed and the station has applied it: "Đã lưu"), at journal
//     sizes 0, 10,000 and 100,000, side by side with a bare IndexedDB append of the same record;
//  2. the cold offline start (new browser process, service worker cache, network off) to the
//     first drawn frame, with an empty journal and with 100,000 records replayed;
//  3. the size of the shell the service worker precaches, raw and gzip.
// Never fails on a slow figure; fails only when something does not work.
// Usage: node bench/station/station.mjs   (DQ_WEB_DIR: the assembled shell, default build/web)
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from '../../tests/e2e/lib/static-server.mjs';
import { openPhone, freshProfile } from '../../tests/e2e/lib/browser.mjs';
import { prefill } from '../../tests/e2e/lib/journal-fill.mjs';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WEB = path.resolve(process.env.DQ_WEB_DIR || path.join(ROOT, 'build/web'));
const SIZES = (process.env.DQ_BENCH_SIZES || '0,10000,100000').split(',').map(Number);
const SAVES = Number(process.env.DQ_BENCH_SAVES || 60);  // the first WARMUP are not counted
const WARMUP = 5;
const COLD_RUNS = Number(process.env.DQ_BENCH_COLD_RUNS || 3);
const BIG = Math.max(...SIZES);

const quantile = (a, q) => { const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]; };
const median = (a) => quantile(a, 0.5);
const f2 = (x) => x.toFixed(2);
function check(cond, what) { if (!cond) throw new Error(what); }

async function waitReady(page, timeout = 180000) {
  await page.waitForFunction(() => globalThis.dq && (globalThis.dq.error || globalThis.dq.firstFrameMs > 0), null, { timeout, polling: 50 });
  const err = await page.evaluate(() => globalThis.dq.error);
  check(err === undefined, `station failed to start: ${err}`);
}

// The durability Chromium grants a transaction opened the way web/journal.js opens one.
async function durability(page) {
  return page.evaluate(async () => {
    const db = await new Promise((res, rej) => { const r = indexedDB.open('diemquet', 1); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    const t = db.transaction('journal', 'readonly', { durability: 'strict' });
    const d = t.durability || 'unsupported';
    db.close();
    return d;
  });
}

// `saves` check-ins through the session, one at a time, each timed from the call to the
// dqOnSaved hook (journal commit completed, check-in applied); then the same number of bare
// dqJournal.append() calls of a check-in record (IndexedDB strict commit only).
async function timeSaves(page, saves, tag) {
  return page.evaluate(async ([saves, tag]) => {
    const M = globalThis.dq.module;
    const save = [], append = [], relaxed = [];
    globalThis.__dqFrames = [];
    // The same store through a second connection, committed with durability 'relaxed' (no
    // flush to disk): how much of a save is the disk's flush.
    const rdb = await new Promise((res, rej) => { const r = indexedDB.open('diemquet', 1); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    const appendRelaxed = (text) => new Promise((res, rej) => {
      const t = rdb.transaction('journal', 'readwrite', { durability: 'relaxed' });
      t.objectStore('journal').add(text);
      t.oncomplete = res; t.onerror = () => rej(t.error);
    });
    const before = globalThis.dq.state().total;
    // A settings record equal to the station's own: harmless when replayed, about a check-in's size.
    const record = JSON.stringify({ t: 'set', device: globalThis.dq.state().device,
      venue: { id: 'bench-venue', name: 'Chợ Bến Thành', address: 'Quận 1, TP. Hồ Chí Minh', category: 'market', staff: 4, stay: 120 },
      scanPoint: { id: 'gate-1', venue: 'bench-venue', name: 'Cổng chính' }, lang: 'vi' });
    const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
    // Settle: the bulk prefill leaves the browser's IndexedDB backend compacting for a while;
    // wait until five bare commits in a row take < 5 ms (at most 60 s).
    const settleT0 = performance.now();
    for (let fast = 0; fast < 5 && performance.now() - settleT0 < 60000;) {
      const t0 = performance.now();
      await globalThis.dqJournal.append(record);
      fast = performance.now() - t0 < 5 ? fast + 1 : 0;
      await sleep(50);
    }
    const settleMs = performance.now() - settleT0;
    // Idle commits: the station is not redrawing (it draws once a second when nothing changes).
    const idle = [];
    for (let i = 0; i < 15; i++) {
      await sleep(150);
      const t0 = performance.now();
      await globalThis.dqJournal.append(record);
      idle.push(performance.now() - t0);
    }
    // Interleaved, so both see the same conditions: one check-in through the station, then one
    // bare append of a record of about the same size.
    for (let i = 0; i < saves; i++) {
      const done = new Promise((resolve) => { globalThis.dqOnSaved = (id, ok) => resolve(ok); });
      let t0 = performance.now();
      const started = M.ccall('dq_automation_checkin', 'number', ['string', 'string'], [`Bench ${tag} ${i}`, `bench-${tag}-${i}`]);
      if (!started) throw new Error('dq_automation_checkin refused (not configured?)');
      const ok = await done;
      save.push(performance.now() - t0);
      if (!ok) throw new Error('journal commit failed');
      globalThis.dqOnSaved = null;
      await sleep(20);
      t0 = performance.now();
      await globalThis.dqJournal.append(record);
      append.push(performance.now() - t0);
      await sleep(20);
      t0 = performance.now();
      await appendRelaxed(record);
      relaxed.push(performance.now() - t0);
      await sleep(20);
    }
    rdb.close();
    const frames = globalThis.__dqFrames.filter((x) => x > 1);  // iterations that drew
    const st = globalThis.dq.state();
    if (st.total !== before + saves || st.save.state !== 'saved') throw new Error(`saves not applied: ${JSON.stringify(st)}`);
    return { save, append, relaxed, idle, frames, settleMs, total: st.total };
  }, [saves, tag]);
}

const server = await startStaticServer(WEB);
const results = [];
let strict = '?';
const coldProfiles = {};
try {
  for (const n of SIZES) {
    const profile = freshProfile('dq-bench');
    const ctx = await openPhone(profile);
    try {
      // Times each animation-frame callback (the station's main loop, drawing or not), so a slow
      // save can be told apart from a slow frame that the commit's completion had to wait for.
      await ctx.addInitScript(() => {
        const raf = window.requestAnimationFrame.bind(window);
        globalThis.__dqFrames = [];
        window.requestAnimationFrame = (cb) => raf((ts) => { const t = performance.now(); cb(ts); globalThis.__dqFrames.push(performance.now() - t); });
      });
      const page = ctx.pages()[0] || (await ctx.newPage());
      await page.goto(server.url);
      await waitReady(page);
      const t0 = Date.now();
      await prefill(page, n);
      const prefillS = (Date.now() - t0) / 1000;
      await page.reload();
      await waitReady(page);
      const st = await page.evaluate(() => ({ ...globalThis.dq.state(), replayed: globalThis.dq.replayed, firstFrameMs: globalThis.dq.firstFrameMs }));
      check(st.configured && st.total === n && st.damaged === 0, `replay of ${n} records: ${JSON.stringify(st)}`);
      strict = await durability(page);
      const t = await timeSaves(page, SAVES, String(n));
      const save = t.save.slice(WARMUP), append = t.append.slice(WARMUP), relaxed = t.relaxed.slice(WARMUP);
      results.push({ n, settleS: t.settleMs / 1000, prefillS, warmFirstFrameMs: st.firstFrameMs, save, append, relaxed, idle: t.idle, frames: t.frames });
      // The bare appends are not check-ins; the profile is kept only for the cold starts below.
      await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller, null, { timeout: 30000 });
      coldProfiles[n] = profile;
    } finally { await ctx.close(); }
  }

  // Cold offline start: a new browser process on the same profile, the network off before the
  // first request, a new page; the service worker serves the shell.
  const cold = [];
  for (const n of [Math.min(...SIZES), BIG]) {
    const runs = [];
    for (let r = 0; r < COLD_RUNS; r++) {
      const ctx = await openPhone(coldProfiles[n]);
      try {
        await ctx.setOffline(true);
        for (const p of ctx.pages()) await p.close();
        const page = await ctx.newPage();
        await page.addInitScript(() => {
          (function poll() {
            if (globalThis.dq && globalThis.dq.firstFrameMs > 0) globalThis.__dqNavToFrameMs = performance.now();
            else requestAnimationFrame(poll);
          })();
        });
        await page.goto(server.url);
        await waitReady(page);
        await page.waitForFunction(() => globalThis.__dqNavToFrameMs > 0, null, { timeout: 10000 });
        const m = await page.evaluate(() => ({
          firstFrameMs: globalThis.dq.firstFrameMs, navToFrameMs: globalThis.__dqNavToFrameMs, replayed: globalThis.dq.replayed,
          controlled: !!navigator.serviceWorker.controller, online: navigator.onLine, total: globalThis.dq.state().total,
        }));
        check(m.controlled && !m.online, `cold start not offline from the service worker: ${JSON.stringify(m)}`);
        check(m.total >= n, `cold start lost check-ins: ${JSON.stringify(m)}`);
        runs.push(m);
      } finally { await ctx.close(); }
    }
    cold.push({ n, replayed: runs[0].replayed, firstFrameMs: median(runs.map((x) => x.firstFrameMs)), navToFrameMs: median(runs.map((x) => x.navToFrameMs)) });
  }
  for (const p of Object.values(coldProfiles)) fs.rmSync(p, { recursive: true, force: true });

  // ---- tables ----
  console.log(`Station foundation — ${os.cpus()[0].model}, ${os.cpus().length} cores; Chromium headless (SwiftShader), IndexedDB durability: ${strict}`);
  console.log(`\nDurable save of one check-in (${SAVES - WARMUP} saves per size after ${WARMUP} warm-up; ms)`);
  const base = results.find((r) => r.n === Math.min(...SIZES));
  console.log('log size'.padStart(9) + 'save p50'.padStart(10) + 'save p95'.padStart(10) + 'idb p50'.padStart(10) + 'idb p95'.padStart(10) + 'relax p50'.padStart(11) + 'idle p50'.padStart(10) +
    'save/idb'.padStart(10) + `p50 vs ${base.n}`.padStart(11) + 'frame p50'.padStart(11) + 'frame p95'.padStart(11) + 'prefill s'.padStart(11) + 'settle s'.padStart(10));
  for (const r of results) {
    console.log(String(r.n).padStart(9) + f2(median(r.save)).padStart(10) + f2(quantile(r.save, 0.95)).padStart(10) +
      f2(median(r.append)).padStart(10) + f2(quantile(r.append, 0.95)).padStart(10) + f2(median(r.relaxed)).padStart(11) + f2(median(r.idle)).padStart(10) +
      f2(median(r.save) / median(r.append)).padStart(10) + f2(median(r.save) / median(base.save)).padStart(11) +
      f2(median(r.frames)).padStart(11) + f2(quantile(r.frames, 0.95)).padStart(11) + r.prefillS.toFixed(1).padStart(11) + r.settleS.toFixed(1).padStart(10));
  }
  console.log('save: call into the session → commit completed and applied (dqOnSaved); idb: a bare dqJournal.append of a ' +
    'record of about the same size (durability strict, as web/journal.js), interleaved with the saves; relax: the same with ' +
    "durability 'relaxed' (no disk flush); idle: strict bare appends 150 ms apart before the saves, station not redrawing; frame: main-loop iterations that drew, during the saves");
  const big = results.find((r) => r.n === BIG);
  const growth = median(big.save) / median(base.save);
  console.log(`goal: save ≤ 5 ms median at every size: ${results.every((r) => median(r.save) <= 5) ? 'met' : 'missed'}; ` +
    `p50 ${BIG}/${base.n} ≤ 1.2: ${f2(growth)} — ${growth <= 1.2 ? 'met' : 'missed'}`);

  console.log(`\nCold offline start (new browser process, service worker cache, offline; median of ${COLD_RUNS}; ms)`);
  console.log('replayed'.padStart(9) + 'loader→frame'.padStart(14) + 'nav→frame'.padStart(12) + `vs ${cold[0].n}`.padStart(8));
  for (const c of cold) {
    console.log(String(c.replayed).padStart(9) + f2(c.firstFrameMs).padStart(14) + f2(c.navToFrameMs).padStart(12) + f2(c.navToFrameMs / cold[0].navToFrameMs).padStart(8));
  }

  // The shell: every file the service worker precaches, by kind.
  const files = [];
  const walk = (d) => { for (const e of fs.readdirSync(d, { withFileTypes: true })) { const p = path.join(d, e.name); e.isDirectory() ? walk(p) : files.push(p); } };
  walk(WEB);
  const kindOf = (f) => {
    const r = path.relative(WEB, f);
    if (/^station\.[0-9a-f]{12}\.wasm$/.test(r)) return 'station WASM';
    if (/^station\.[0-9a-f]{12}\.data$/.test(r)) return 'data (fonts)';
    if (/^(visitor|office)\./.test(r)) return 'visitor and office modules';
    if (/\.(br|gz)$/.test(r)) return 'pre-compressed copies (.br, .gz)';
    if (r.startsWith('zxing') && r.endsWith('.wasm')) return 'zxing reader WASM';
    if (/\.(m?js)$/.test(r)) return 'JS (incl. zxing glue, worker, SW)';
    return 'other (html, css, icons, manifest)';
  };
  const groups = new Map();
  for (const f of files) {
    const buf = fs.readFileSync(f);
    const g = groups.get(kindOf(f)) ?? { raw: 0, gz: 0, files: 0 };
    g.raw += buf.length; g.gz += zlib.gzipSync(buf, { level: 9 }).length; g.files++;
    groups.set(kindOf(f), g);
  }
  const kb = (b) => (b / 1024).toFixed(1);
  console.log(`\nShell size (${path.relative(ROOT, WEB) || WEB}; gzip level 9 per file via node zlib; KiB)`);
  console.log('part'.padEnd(36) + 'files'.padStart(6) + 'raw'.padStart(10) + 'gzip'.padStart(10) + 'gz/raw'.padStart(8));
  let raw = 0, gz = 0, nf = 0;
  for (const [k, g] of [...groups].sort((a, b) => b[1].gz - a[1].gz)) {
    raw += g.raw; gz += g.gz; nf += g.files;
    console.log(k.padEnd(36) + String(g.files).padStart(6) + kb(g.raw).padStart(10) + kb(g.gz).padStart(10) + f2(g.gz / g.raw).padStart(8));
  }
  console.log('total'.padEnd(36) + String(nf).padStart(6) + kb(raw).padStart(10) + kb(gz).padStart(10) + f2(gz / raw).padStart(8));
  console.log(`goal: shell ≤ 2 MB gzip (2048 KiB): ${kb(gz)} KiB — ${gz <= 2 * 1024 * 1024 ? 'met' : 'missed'}`);
} finally {
  await server.stop();
}
