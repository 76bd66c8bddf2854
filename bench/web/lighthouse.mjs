// Lighthouse (npm, pinned) in Debian's Chromium against the real server, for each face of two
// shells: the build under test and the build of the commit before (a ratio in one run).
// Mobile, simulated Slow 4G, 4x CPU (Lighthouse's defaults). Per face: bytes transferred on a
// first visit (fresh storage) and on a repeat visit (storage and service worker kept),
// performance score, total blocking time, and the accessibility score.
//   node bench/web/lighthouse.mjs CURRENT_WEB_DIR [BASE_WEB_DIR]
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSyncServer } from '../../tests/e2e/lib/server-process.mjs';

const CHROMIUM = process.env.DQ_CHROMIUM || '/usr/bin/chromium';
const ALL_FACES = [['visitor', 'v'], ['station', ''], ['office', 'office']];
// DQ_LH_FACES=visitor,office: only these (a shorter run on a busy machine).
const FACES = ALL_FACES.filter(([f]) => !process.env.DQ_LH_FACES || process.env.DQ_LH_FACES.split(',').includes(f));
const BUDGET = { visitor: [400e3, 90, 200], station: [1.2e6, 85, 300], office: [800e3, 85, 300] };
const RUNS = Number(process.env.DQ_LH_RUNS || 1);
// The compositor as on a phone, which has a GPU: SwiftShader stands in for it, so the canvas is
// composited on the GPU side. With --disable-gpu (DQ_LH_SOFTWARE=1) Chromium composites in
// software and reads every presented WebGL frame back on the page's main thread (a sync
// ReadPixels of 300-700 ms here), a cost no phone with a GPU pays; it is kept for comparison.
const GPU_FLAGS = process.env.DQ_LH_SOFTWARE === '1'
  ? ['--disable-gpu']
  : ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--enable-gpu-compositing'];

async function audit(url, port, keepStorage) {
  const r = await lighthouse(url, {
    port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'],
    disableStorageReset: keepStorage,
    // A canvas app redraws while it lives: without a bound Lighthouse waits its full default
    // (45 s) for a quiet CPU on a loaded machine, per audit.
    maxWaitForLoad: 20000,
  });
  const a = r.lhr.audits;
  // DQ_LH_REPORTS=DIR: each audit's whole report kept there, to read what a figure came from.
  if (process.env.DQ_LH_REPORTS) {
    fs.mkdirSync(process.env.DQ_LH_REPORTS, { recursive: true });
    fs.writeFileSync(path.join(process.env.DQ_LH_REPORTS, `lh-${Date.now()}.json`), JSON.stringify(r.lhr));
  }
  const tasks = (a['long-tasks'].details?.items || []).slice(0, 5).map((t) => `${Math.round(t.duration)} ms @${Math.round(t.startTime)} ${String(t.url).split('/').pop()}`);
  const work = (a['mainthread-work-breakdown'].details?.items || []).map((w) => `${w.group} ${Math.round(w.duration)}`);
  return {
    bytes: a['total-byte-weight'].numericValue,
    perf: r.lhr.categories.performance.score == null ? NaN : Math.round(r.lhr.categories.performance.score * 100),
    a11y: Math.round(r.lhr.categories.accessibility.score * 100),
    tbt: a['total-blocking-time'].numericValue,
    lcp: a['largest-contentful-paint'].numericValue,
    tti: a.interactive.numericValue,
    longTasks: tasks,
    lcpElement: String(a['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet || '').slice(0, 80),
    mainThread: work,
  };
}

// The median of the runs that produced a figure (an audit Lighthouse could not score gives none).
const median = (xs) => {
  const ok = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return ok.length ? ok[Math.floor(ok.length / 2)] : NaN;
};
const fixed = (x, digits = 0) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');

async function measure(webDir) {
  const server = await startSyncServer(webDir);
  const out = {};
  try {
    for (const [face, route] of FACES) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) {
        const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'dq-lh-'));
        const chrome = await chromeLauncher.launch({
          chromePath: CHROMIUM, userDataDir: profile,
          chromeFlags: ['--headless=new', '--no-sandbox', ...GPU_FLAGS, '--ignore-gpu-blocklist', '--no-first-run'],
        });
        try {
          // DQ_LH_WARM=1: the browser first shows a page of the site without the module (the
          // citizen's report page), so the audit does not include the browser's own cold start
          // (its GPU process and first compositor frame: a plain page's first paint took
          // 777 ms cold and 324 ms after one page here, SwiftShader on 2 cores).
          if (process.env.DQ_LH_WARM === '1') await audit(server.url + 'bao-cao', chrome.port, false);
          let first = await audit(server.url + route, chrome.port, false);
          // Lighthouse now and then returns no score (a trace it could not read): audit again.
          for (let retry = 0; retry < 2 && !Number.isFinite(first.tbt); retry++) first = await audit(server.url + route, chrome.port, false);
          const repeat = await audit(server.url + route, chrome.port, true);
          console.error(`${path.basename(path.dirname(webDir))}/${face} run ${i + 1}: ${Math.round(first.bytes / 1000)} KB, perf ${first.perf}, TBT ${Math.round(first.tbt)} ms, LCP ${Math.round(first.lcp)} ms ${first.lcpElement}; long tasks ${first.longTasks.join(', ')}; main thread ${first.mainThread.join(', ')}`);
          runs.push({ first, repeat });
        } finally {
          await chrome.kill();
          fs.rmSync(profile, { recursive: true, force: true });
        }
      }
      const pick = (k, sub) => median(runs.map((r) => r[sub][k]));
      out[face] = { firstBytes: pick('bytes', 'first'), repeatBytes: pick('bytes', 'repeat'), perf: pick('perf', 'first'),
                    tbt: pick('tbt', 'first'), lcp: pick('lcp', 'first'), tti: pick('tti', 'first'), a11y: pick('a11y', 'first'),
                    longTasks: runs[0].first.longTasks, mainThread: runs[0].first.mainThread };
    }
  } finally { await server.stop(); }
  return out;
}

const [cur, base] = process.argv.slice(2);
const now = await measure(path.resolve(cur));
const before = base ? await measure(path.resolve(base)) : null;
const kb = (b) => (b / 1000).toFixed(0) + ' KB';
const ratio = (a, b) => (b && Number.isFinite(a / b) ? (a / b).toFixed(2) : '-');
console.log(`Lighthouse, mobile, simulated Slow 4G, 4x CPU, median of ${RUNS}; this build vs. the commit before`);
console.log('face     | first visit       | repeat visit     | perf     | TBT ms          | LCP s       | a11y     | budget');
for (const [face] of FACES) {
  const n = now[face], b = before ? before[face] : null;
  const [maxBytes, minPerf, maxTbt] = BUDGET[face];
  const ok = n.firstBytes <= maxBytes && n.perf >= minPerf && n.tbt <= maxTbt;
  console.log([face.padEnd(8),
    `${kb(n.firstBytes)}${b ? ` (${kb(b.firstBytes)}, x${ratio(n.firstBytes, b.firstBytes)})` : ''}`.padEnd(17),
    `${kb(n.repeatBytes)}${b ? ` (${kb(b.repeatBytes)})` : ''}`.padEnd(16),
    `${n.perf}${b ? ` (${b.perf})` : ''}`.padEnd(8),
    `${fixed(n.tbt)}${b ? ` (${fixed(b.tbt)}, x${ratio(n.tbt, b.tbt)})` : ''}`.padEnd(15),
    `${fixed(n.lcp / 1000, 1)}${b ? ` (${fixed(b.lcp / 1000, 1)})` : ''}`.padEnd(11),
    `${n.a11y}${b ? ` (${b.a11y})` : ''}`.padEnd(8),
    `${ok ? 'within' : 'OVER'} (≤ ${kb(maxBytes)}, ≥ ${minPerf}, ≤ ${maxTbt} ms)`].join(' | '));
}
fs.writeFileSync(path.join(process.env.DQ_BENCH_OUT || '.', 'lighthouse-web.json'), JSON.stringify({ now, before }, null, 1));
