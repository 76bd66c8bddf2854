import path from 'node:path';
import { openPhone, freshProfile } from '../../tests/e2e/lib/browser.mjs';
import { startSyncServer } from '../../tests/e2e/lib/server-process.mjs';
const [webDir, route = 'v'] = process.argv.slice(2);
const server = await startSyncServer(path.resolve(webDir));
const ctx = await openPhone(freshProfile('dq-prof'), { viewport: { width: 360, height: 740 }, scale: 2.625, gpu: true });
const page = ctx.pages()[0] || await ctx.newPage();
const cdp = await ctx.newCDPSession(page);
await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 100 }); await cdp.send('Profiler.start');
await page.goto(server.url + route); await page.waitForTimeout(4000);
const { profile } = await cdp.send('Profiler.stop');
const byId = new Map(profile.nodes.map((n) => [n.id, n])); const parent = new Map();
for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
const stacks = new Map();
profile.samples.forEach((id, i) => {
  let n = byId.get(id); if (['(idle)', '(program)', '(root)', '(garbage collector)'].includes(n.callFrame.functionName)) return;
  const chain = []; let k = id;
  while (k != null) { const m = byId.get(k); if (m.callFrame.functionName !== '(root)') chain.push(`${m.callFrame.functionName || '(anon)'}:${m.callFrame.lineNumber}`); k = parent.get(k); }
  const key = chain.reverse().slice(-6).join(' > ');
  stacks.set(key, (stacks.get(key) || 0) + (profile.timeDeltas[i] || 0) / 1000);
});
for (const [k, v] of [...stacks.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(v.toFixed(1).padStart(7), k);
await ctx.close(); await server.stop();
