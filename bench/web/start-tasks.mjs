// The page's main-thread tasks at start, in wall time and in CPU time, this build against another
// in one run. Lighthouse's TBT and profile-start.mjs's samples count wall time, and on this
// 2-core machine, loaded by builds and tests, a task's wall time is often many times its CPU time:
// the thread waited, for a core or for another process. The CPU time is the page's own work.
// Read from a Chrome trace: the tasks (ThreadControllerImpl::RunTask, with dur and tdur) of the
// main thread that ran the page's script, from navigation until DQ_PROFILE_MS (6000) later,
// each long one named by the first event inside it.
//   node bench/web/start-tasks.mjs CUR_WEB [BASE_WEB]
//   DQ_ROUTE: v (default), office, '' (the station), bao-cao (a plain page, with
//             DQ_PAGE_SCRIPT=report\. : the browser's own share); DQ_RUNS: 3; DQ_MARKS=1 prints
//             the loader's startup marks of each run.
import fs from 'node:fs';
import path from 'node:path';
import { openPhone, freshProfile } from '../../tests/e2e/lib/browser.mjs';
import { startSyncServer } from '../../tests/e2e/lib/server-process.mjs';

const [cur, base] = process.argv.slice(2);
const route = process.env.DQ_ROUTE ?? 'v';
const RUNS = Number(process.env.DQ_RUNS || 3);
const MS = Number(process.env.DQ_PROFILE_MS || 6000);
const LONG = 50;  // ms: a long task, as Lighthouse and the Long Tasks API count them

async function trace(server) {
  const ctx = await openPhone(freshProfile('dq-tasks'), { viewport: { width: 360, height: 740 }, scale: 2.625, gpu: true });
  try {
    const page = ctx.pages()[0] || await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Tracing.start', { categories: process.env.DQ_TRACE_CATS || 'toplevel,devtools.timeline,__metadata,cc,v8,blink.user_timing', transferMode: 'ReturnAsStream' });
    await page.goto(server.url + route);
    await page.waitForTimeout(MS);
    const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    const { stream } = await done;
    let text = '';
    for (;;) {
      const chunk = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
      text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data;
      if (chunk.eof) break;
    }
    await cdp.send('IO.close', { handle: stream });
    const startup = await page.evaluate(() => (globalThis.dq && dq.startup) || null).catch(() => null);
    if (process.env.DQ_MARKS) console.error(JSON.stringify(startup));
    return { events: JSON.parse(text).traceEvents || JSON.parse(text), drawnIn: startup && startup.drawnIn };
  } finally {
    await ctx.close();
  }
}

// The page's main thread: the CrRendererMain whose tasks include the navigation's document.
function mainThreadTasks(events) {
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
    .map((e) => `${e.pid}:${e.tid}`));
  const byThread = new Map();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (!mains.has(key) || e.ph !== 'X' || e.name !== 'ThreadControllerImpl::RunTask' || e.dur === undefined) continue;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key).push({ wall: e.dur / 1000, cpu: (e.tdur ?? e.dur) / 1000, at: e.ts, key });
  }
  // The page's main thread is the one that ran the loader (others: the blank page navigated
  // from, which is another process under site isolation).
  const ran = new Set(events.filter((e) => new RegExp(process.env.DQ_PAGE_SCRIPT || 'loader\\.').test(e.args?.data?.url || '')).map((e) => `${e.pid}:${e.tid}`));
  let best = [];
  for (const [key, tasks] of byThread) if (ran.has(key) && tasks.length > best.length) best = tasks;
  // What the long ones did: the first event inside each with a name of its own (a script's
  // function call names the script).
  // Times from the page's navigation (its performance.now() 0, the startup marks' clock).
  const nav = events.find((e) => e.name === 'navigationStart' && /^http/.test(e.args?.data?.documentLoaderURL || ''));
  const t0 = nav ? nav.ts : best.length ? best[0].at : 0;
  for (const t of best.filter((x) => x.wall > LONG)) {
    const inside = events.filter((e) => `${e.pid}:${e.tid}` === t.key && e.ph === 'X' && e.ts >= t.at && e.ts <= t.at + t.wall * 1000 &&
      !/RunTask|OnTaskCompleted|Microtask|ScopedAllow|ScopedBlocking/.test(e.name));
    const first = inside.find((e) => e.dur > 1000) || inside[0];
    const url = first?.args?.data?.url || first?.args?.data?.stackTrace?.[0]?.url || '';
    t.what = first ? `${first.name}${url ? ' ' + url.split('/').pop() : ''}` : '?';
    t.after = Math.round((t.at - t0) / 1000);
  }
  return best;
}

async function measure(webDir) {
  const server = await startSyncServer(path.resolve(webDir));
  const rows = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const { events, drawnIn } = await trace(server);
      const tasks = mainThreadTasks(events);
      const long = tasks.filter((t) => t.wall > LONG);
      const cpuLong = tasks.filter((t) => t.cpu > LONG);
      const row = {
        drawnIn,
        busyWall: Math.round(tasks.reduce((s, t) => s + t.wall, 0)),
        busyCpu: Math.round(tasks.reduce((s, t) => s + t.cpu, 0)),
        blockingWall: Math.round(long.reduce((s, t) => s + t.wall - LONG, 0)),
        blockingCpu: Math.round(cpuLong.reduce((s, t) => s + t.cpu - LONG, 0)),
        // Lighthouse's total blocking time as it simulates a mid-range phone (4× this machine's
        // CPU), from CPU time instead of wall time: each task's 4 × CPU ms beyond 50.
        tbtCpu4x: Math.round(tasks.reduce((s, t) => s + Math.max(0, 4 * t.cpu - LONG), 0)),
        // The longest tasks as wall/CPU ms: a task far longer than its CPU time waited (for a
        // core, or for another process).
        longest: [...tasks].sort((a, b) => b.wall - a.wall).slice(0, 5).map((t) => `${Math.round(t.wall)}/${Math.round(t.cpu)} @${t.after} ${t.what}`),
      };
      rows.push(row);
      console.error(`${webDir} /${route} run ${i + 1}: ${JSON.stringify(row)}`);
    }
  } finally {
    await server.stop();
  }
  const median = (k) => rows.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(rows.length / 2)];
  return Object.fromEntries(['busyCpu', 'busyWall', 'blockingCpu', 'blockingWall', 'tbtCpu4x'].map((k) => [k, median(k)]));
}

const now = await measure(cur);
const before = base ? await measure(base) : null;
const ratio = (k) => (before && before[k] ? ` (before ${before[k]}, x${(now[k] / before[k]).toFixed(2)})` : '');
console.log(`start of /${route}, median of ${RUNS}, main thread, ms: busy CPU ${now.busyCpu}${ratio('busyCpu')}; ` +
  `busy wall ${now.busyWall}${ratio('busyWall')}; TBT at 4x CPU from CPU time ${now.tbtCpu4x}${ratio('tbtCpu4x')}; ` +
  `blocking beyond ${LONG} ms, wall ${now.blockingWall}${ratio('blockingWall')}`);
if (process.env.DQ_BENCH_OUT) fs.writeFileSync(path.join(process.env.DQ_BENCH_OUT, `start-tasks-${route || 'station'}.json`), JSON.stringify({ now, before }, null, 1));
