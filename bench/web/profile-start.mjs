// Where the main thread's time goes in a face's first seconds: a CPU profile (CDP Profiler) of
// the page from navigation for DQ_PROFILE_MS, summed by function (self time), and the
// main thread's long tasks from a trace. No throttling: real ms on this machine.
//   node bench/web/profile-start.mjs WEB_DIR [route=v]
import fs from 'node:fs';
import path from 'node:path';
import { openPhone, freshProfile } from '../../tests/e2e/lib/browser.mjs';
import { startSyncServer } from '../../tests/e2e/lib/server-process.mjs';

const [webDir, route = 'v'] = process.argv.slice(2);
const MS = Number(process.env.DQ_PROFILE_MS || 8000);
const server = await startSyncServer(path.resolve(webDir));
// GPU compositing as on a phone (DQ_LH_SOFTWARE=1: software, as the e2e tests run).
const ctx = await openPhone(freshProfile('dq-prof'), { viewport: { width: 360, height: 740 }, scale: 2.625, gpu: process.env.DQ_LH_SOFTWARE !== '1' });
try {
  const page = ctx.pages()[0] || await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const t0 = Date.now();
  await page.goto(server.url + route);
  await page.waitForTimeout(MS);
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dts = profile.timeDeltas;
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    const name = `${n.callFrame.functionName || '(anon)'} ${path.basename(n.callFrame.url || '')}`;
    self.set(name, (self.get(name) || 0) + (dts[i] || 0) / 1000);
  });
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40);
  for (const [name, ms] of top) console.log(`${ms.toFixed(1).padStart(8)} ms  ${name}`);
  // Timeline: busy ms per 250-ms bucket (non-idle samples).
  let t = 0; const buckets = [];
  profile.samples.forEach((id, i) => {
    t += dts[i] || 0;
    const n = byId.get(id);
    const idle = ['(idle)', '(program)', '(garbage collector)'].includes(n.callFrame.functionName) && n.callFrame.functionName === '(idle)';
    const b = Math.floor(t / 250000);
    buckets[b] = (buckets[b] || 0) + (idle ? 0 : (dts[i] || 0) / 1000);
  });
  if (process.env.DQ_PROFILE_BUCKETS) {
    let tt = 0; const per = [];
    profile.samples.forEach((id, i) => {
      tt += dts[i] || 0;
      const n = byId.get(id); const b = Math.floor(tt / (Number(process.env.DQ_PROFILE_BUCKET_MS || 250) * 1000));
      if (n.callFrame.functionName === '(idle)') return;
      // attribute to the outermost non-root frame's chain leaf + root caller
      let chain = []; let p = n; const parent = new Map();
      per[b] = per[b] || new Map();
      const key = `${n.callFrame.functionName || '(anon)'} ${path.basename(n.callFrame.url || '')}`;
      per[b].set(key, (per[b].get(key) || 0) + (dts[i] || 0) / 1000);
    });
    per.forEach((m, b) => { if (!m) return; console.log(`@${b * Number(process.env.DQ_PROFILE_BUCKET_MS || 250)}: ` + [...m.entries()].sort((x, y) => y[1] - x[1]).slice(0, 6).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')); });
  }
  console.log('busy ms per 250 ms:', buckets.map((x) => Math.round(x || 0)).join(' '));
  const stats = await page.evaluate(() => (window.dq && window.dq.startup) || null).catch(() => null);
  console.log('startup marks', JSON.stringify(stats));
  const frames = await page.evaluate(() => globalThis.dq.module._dq_frame_stats
    ? JSON.parse(globalThis.dq.module.UTF8ToString(globalThis.dq.module._dq_frame_stats())) : null).catch(() => null);
  console.log('frames', JSON.stringify(frames));
} finally {
  await ctx.close();
  await server.stop();
}
