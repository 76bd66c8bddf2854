// The station's upload figure, in headless Debian Chromium against the real diemquet-server
// (SQLite, loopback, the shell served by the server): the time from the network coming back to
// the last of N pending check-ins acknowledged and journaled (default N = 10,000, in batches of
// 500), over RUNS fresh stations; also the server-side ingest alone for the same N over HTTP
// from node, so the station's own overhead shows as a ratio. Fails only if something is lost.
// Usage: node bench/sync/sync.mjs   (DQ_WEB_DIR, DQ_SERVER_BIN, DQ_BENCH_N, DQ_BENCH_RUNS)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPhone, freshProfile } from '../../tests/e2e/lib/browser.mjs';
import { startSyncServer } from '../../tests/e2e/lib/server-process.mjs';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WEB = path.resolve(process.env.DQ_WEB_DIR || path.join(ROOT, 'build/web'));
const N = Number(process.env.DQ_BENCH_N || 10000);
const RUNS = Number(process.env.DQ_BENCH_RUNS || 3);
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

function record(device, seq, t0) {
  return { device, seq, venue: 'v1', scanPoint: 'gate', kind: 'cccd', personKey: String(1e11 + seq),
           name: `Khách ${seq}`, phone: '', birthYear: 1990, dir: 'in', ts: t0 + seq * 1000, tz: 420, voided: false };
}

async function enroll(server, device) {
  const r = await fetch(server.url + 'api/v1/enroll', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: server.issueCode(), device }) });
  if (r.status !== 200) throw new Error('enroll failed: ' + r.status);
  return r.json();
}

// One station: enrolled, N check-ins in its journal, loaded offline, then the network back.
async function stationRun(server, run) {
  const device = `st-bench-${run}-${Date.now().toString(16)}`;
  const e = await enroll(server, device);
  const ctx = await openPhone(freshProfile('dq-bench-sync'));
  try {
    const page = ctx.pages()[0] || (await ctx.newPage());
    await page.goto(server.url);
    await page.waitForFunction(() => globalThis.dq && globalThis.dq.probe && globalThis.dq.probe().frame > 1, null, { timeout: 30000 });
    await ctx.setOffline(true);
    const t0 = Date.now() - 8 * 3600e3;
    const enr = { t: 'enr', device, token: e.token, venue: { id: e.venue.id, name: e.venue.name }, scanPoints: e.scanPoints, adopt: [], at: Date.now() };
    const recs = [JSON.stringify(enr), ...Array.from({ length: N }, (_, i) => JSON.stringify({ t: 'ci', ...record(device, i + 1, t0) }))];
    await page.evaluate(async (recs) => {
      const db = await new Promise((res, rej) => { const r = indexedDB.open('diemquet', 1); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
      const t = db.transaction('journal', 'readwrite');
      for (const r of recs) t.objectStore('journal').add(r);
      await new Promise((res, rej) => { t.oncomplete = res; t.onerror = () => rej(t.error); });
      db.close();
    }, recs);
    await page.reload();
    await page.waitForFunction((n) => globalThis.dq && globalThis.dq.probe && globalThis.dq.probe().frame > 1 && globalThis.dq.state().pending === n, N, { timeout: 60000 });
    const start = Date.now();
    await ctx.setOffline(false);
    await page.waitForFunction(() => globalThis.dq.state().pending === 0, null, { timeout: 300000, polling: 20 });
    const ms = Date.now() - start;
    const st = await page.evaluate(() => globalThis.dq.state());
    const stored = server.exported().filter((c) => c.device === device);
    if (stored.length !== N || new Set(stored.map((c) => c.seq)).size !== N) throw new Error(`run ${run}: server holds ${stored.length} of ${N}`);
    return { ms, uploads: st.sync.uploads };
  } finally { await ctx.close(); }
}

// The same N straight from node in batches of 500: the server's share of the time.
async function serverOnly(server) {
  const device = `st-node-${Date.now().toString(16)}`;
  const { token } = await enroll(server, device);
  const t0 = Date.now() - 8 * 3600e3;
  const start = Date.now();
  for (let s = 1; s <= N; s += 500) {
    const checkIns = Array.from({ length: Math.min(500, N - s + 1) }, (_, i) => record(device, s + i, t0));
    const r = await fetch(server.url + 'api/v1/checkins', { method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ device, checkIns }) });
    if (r.status !== 200) throw new Error('upload failed: ' + r.status);
    await r.text();
  }
  return Date.now() - start;
}

const server = await startSyncServer(WEB);
try {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await stationRun(server, i));
  const alone = await serverOnly(server);
  const med = median(runs.map((r) => r.ms));
  console.log(`${'what'.padEnd(44)} ${'ms'.padStart(8)}`);
  console.log(`${`station uploads ${N} pending (median of ${RUNS})`.padEnd(44)} ${String(med).padStart(8)}`);
  console.log(`${'  each run'.padEnd(44)} ${runs.map((r) => r.ms).join(', ').padStart(8)}`);
  console.log(`${`node posts the same ${N} (server alone)`.padEnd(44)} ${String(alone).padStart(8)}`);
  console.log(`station / server alone: ${(med / alone).toFixed(2)}; uploads per run: ${runs[0].uploads}; goal ≤ 5000 ms: ${med <= 5000 ? 'met' : 'NOT met'}`);
} finally { await server.stop(); }
