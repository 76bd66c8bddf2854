// How much WebAssembly V8 compiles on the page's main thread while a face starts (issue #15):
// V8 compiles a function when it is first called, on the calling thread, so a first frame's
// code costs the page tens to hundreds of ms unless a worker ran it first (wasm/app/
// code_warmup.hpp). Counts `wasm.CompileLazy` trace events per thread from navigation until the
// face has drawn and settled, for this build and the commit before, in one run (a ratio), with
// the loader's timed steps. Counts do not move with the machine's load; the ms do.
//   node bench/web/lazy-compile.mjs CURRENT_WEB_DIR [BASE_WEB_DIR]   (DQ_LAZY_RUNS=2)
import { chromium } from 'playwright-core';
import path from 'node:path';
import { BASE_ARGS, GPU_ARGS, CHROMIUM } from '../../tests/e2e/lib/browser.mjs';
import { startSyncServer } from '../../tests/e2e/lib/server-process.mjs';

const RUNS = Number(process.env.DQ_LAZY_RUNS || 2);
const FACES = [['visitor', 'v'], ['station', ''], ['office', 'office']];

async function once(url) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true,
    args: [...BASE_ARGS.filter((a) => a !== '--disable-gpu'), ...GPU_ARGS] });
  try {
    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2.625, isMobile: true, hasTouch: true });
    const page = await ctx.newPage();
    await browser.startTracing(page, { categories: ['devtools.timeline', 'v8.wasm', 'disabled-by-default-v8.wasm.detailed'] });
    await page.goto(url);
    await page.waitForFunction(() => globalThis.dq && (globalThis.dq.error || (globalThis.dq.probe && globalThis.dq.probe().frame > 1)), null, { timeout: 30000 });
    await page.waitForTimeout(1500);
    const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
    const s = await page.evaluate(() => globalThis.dq.startup);
    const threads = new Map();
    for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threads.set(`${e.pid}:${e.tid}`, e.args.name);
    const out = { main: 0, mainMs: 0, worker: 0, steps: `boot ${s.bootMs} prepare ${s.prepareMs ?? '-'} codeWarmed ${s.codeWarmed}` };
    for (const e of events) {
      if (e.name !== 'wasm.CompileLazy') continue;
      if (threads.get(`${e.pid}:${e.tid}`) === 'CrRendererMain') { out.main++; out.mainMs += (e.dur || 0) / 1000; } else out.worker++;
    }
    return out;
  } finally { await browser.close(); }
}

async function measure(webDir) {
  const server = await startSyncServer(path.resolve(webDir));
  const out = {};
  try {
    for (const [face, route] of FACES) {
      out[face] = [];
      for (let i = 0; i < RUNS; i++) out[face].push(await once(server.url + route));
    }
  } finally { await server.stop(); }
  return out;
}

const [cur, base] = process.argv.slice(2);
const now = await measure(cur);
const before = base ? await measure(base) : null;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`WASM functions compiled lazily at start, median of ${RUNS} (main thread: count, ms; workers: count); this build vs. the commit before`);
for (const [face] of FACES) {
  const n = now[face], b = before?.[face];
  const main = median(n.map((r) => r.main)), ms = median(n.map((r) => r.mainMs));
  const line = [`${face.padEnd(8)} main ${main} fns, ${ms.toFixed(0)} ms; workers ${median(n.map((r) => r.worker))}`];
  if (b) {
    const bm = median(b.map((r) => r.main)), bms = median(b.map((r) => r.mainMs));
    line.push(`| before: main ${bm} fns, ${bms.toFixed(0)} ms; ratio x${(main / bm).toFixed(2)} fns, x${(ms / bms).toFixed(2)} ms`);
  }
  console.log(line.join(' '), `| ${n[0].steps}`);
}
