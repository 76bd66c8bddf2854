// Issue 15, step 4: a station with 100,000 journal records (years of a busy gate) still starts
// offline, from the service worker's shell, with every record replayed and its venue shown; the
// splash says how far the restore is while it runs. Run by stage 66-delivery; bounded (the
// records are written straight into IndexedDB in a few transactions, seconds).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { startStaticServer } from './lib/static-server.mjs';
import { openPhone, freshProfile } from './lib/browser.mjs';
import { prefill } from './lib/journal-fill.mjs';
import * as st from './lib/station.mjs';

const WEB = path.resolve(process.env.DQ_WEB_DIR || 'build/web');
const RECORDS = 100000;
let server;

before(async () => { server = await startStaticServer(WEB); });
after(async () => { await server.stop(); });

test(`a station with ${RECORDS} journal records starts offline`, { timeout: 150000 }, async () => {
  const ctx = await openPhone(freshProfile('dq-startup'));
  try {
    let page = ctx.pages()[0] || (await ctx.newPage());
    await page.goto(server.url);
    await st.waitReady(page);
    // The service worker has the station's shell.
    await page.waitForFunction(async () => {
      for (const k of await caches.keys()) if (await (await caches.open(k)).match('index.html')) return true;
      return false;
    }, null, { timeout: 30000, polling: 200 });
    await prefill(page, RECORDS);
    await page.close();

    await ctx.setOffline(true);
    page = await ctx.newPage();
    // What the splash says while the records are restored (polled on the page itself).
    await page.addInitScript(() => {
      globalThis.__splash = new Set();
      const poll = () => {
        const t = document.getElementById('dq-splash-text');
        if (t && t.textContent) globalThis.__splash.add(t.textContent);
        if (!(globalThis.dq && globalThis.dq.firstFrameMs)) setTimeout(poll, 20);
      };
      poll();
    });
    await page.goto(server.url);
    await st.waitReady(page, 120000);
    const s = await st.state(page);
    assert.equal(s.total, RECORDS, `replayed ${s.total} of ${RECORDS} check-ins`);
    assert.equal(s.configured, true);
    const where = await st.find(page, 'top.where');
    assert.equal(where.text, 'Chợ Bến Thành · Cổng chính');
    await st.waitForWidget(page, 'top.offline');
    const info = await page.evaluate(() => ({ startup: globalThis.dq.startup, splash: [...globalThis.__splash] }));
    // The restore reports its progress (the splash is not frozen on one line for seconds).
    assert.ok(info.splash.some((t) => /Đang khôi phục [\d.,]+ \/ [\d.,]+/.test(t)),
      `the splash showed no restore progress: ${info.splash.join(' | ')}`);
    fs.mkdirSync(st.OUT, { recursive: true });
    fs.writeFileSync(path.join(st.OUT, 'startup-100k.json'), JSON.stringify(info, null, 1));
    await st.screenshot(page, 'startup-100k-offline');
  } finally { await ctx.close(); }
});

// On a cold start the browser's first paint can come after the module's first frame (the GPU
// process still starting). A splash hidden before it was ever painted leaves the page with no
// painted text at all: a person saw a blank screen, then the app; Lighthouse finds no largest
// contentful paint and gives no score. Each fresh browser, station and office: the splash is
// painted before it goes.
test('the splash is painted before it goes, on cold starts of the station and the office', { timeout: 150000 }, async () => {
  const seen = [];
  for (const route of ['', 'office', '', 'office', '', 'office']) {
    const ctx = await openPhone(freshProfile('dq-splash-paint'), { viewport: { width: 360, height: 740 }, gpu: true });
    try {
      const page = ctx.pages()[0] || (await ctx.newPage());
      await page.addInitScript(() => {
        globalThis.__lcp = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) globalThis.__lcp.push({ at: Math.round(e.startTime), id: e.element ? e.element.id || e.element.className : '' });
        }).observe({ type: 'largest-contentful-paint', buffered: true });
        // When the splash is hidden, on the paint entries' clock (from navigation).
        document.addEventListener('DOMContentLoaded', () => {
          const splash = document.getElementById('dq-splash');
          new MutationObserver(() => { if (splash.hidden && !globalThis.__gone) globalThis.__gone = Math.round(performance.now()); })
            .observe(splash, { attributes: true, attributeFilter: ['hidden'] });
        });
      });
      await page.goto(server.url + route);
      await st.waitReady(page, 30000);
      await page.waitForFunction(() => document.getElementById('dq-splash').hidden, null, { timeout: 10000 });
      const got = await page.evaluate(() => ({
        lcp: globalThis.__lcp,
        fcp: performance.getEntriesByType('paint').filter((e) => e.name === 'first-contentful-paint').map((e) => Math.round(e.startTime)),
        splashGone: globalThis.__gone,
      }));
      seen.push(`/${route}: ${JSON.stringify(got)}`);
      assert.ok(got.lcp.length > 0, `no largest contentful paint: the splash went unpainted\n${seen.join('\n')}`);
      assert.ok(got.fcp.length === 1 && got.fcp[0] <= got.splashGone, `the splash went before the first paint\n${seen.join('\n')}`);
    } finally { await ctx.close(); }
  }
});
