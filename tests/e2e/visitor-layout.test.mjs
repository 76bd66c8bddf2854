// The visitor page's layout on small phones: a first-time visitor reaches "Khai báo vào" and
// "Khai báo ra" without scrolling (they stay pinned at the bottom while the form scrolls), at
// 412×915 and 360×740 CSS px. Against the real server (the poster is verified). Stage 65.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { BASE_ARGS, CHROMIUM, freshProfile } from './lib/browser.mjs';
import { startSyncServer, serverAvailable, issuePosterUrl, SERVER_BIN } from './lib/server-process.mjs';
import * as st from './lib/station.mjs';

const WEB = path.resolve(process.env.DQ_WEB_DIR || 'build/web');
const skip = !serverAvailable() ? `no server binary at ${SERVER_BIN}`
  : !fs.existsSync(path.join(WEB, 'visitor.html')) ? `no shell build in ${WEB}` : false;
let server;
let posterUrl;

before(async () => {
  if (skip) return;
  server = await startSyncServer(WEB);
  posterUrl = issuePosterUrl(server);
});
after(async () => { if (server) await server.stop(); });

for (const [width, height] of [[412, 915], [360, 740]]) {
  test(`first-time visitor at ${width}×${height}: both actions in view without scrolling, and they work`, { skip }, async () => {
    const ctx = await chromium.launchPersistentContext(freshProfile('dq-vlayout'), {
      executablePath: CHROMIUM, headless: true, args: BASE_ARGS, viewport: { width, height }, deviceScaleFactor: 2,
      hasTouch: true, isMobile: true, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    try {
      const page = ctx.pages()[0] || (await ctx.newPage());
      await page.goto(posterUrl);
      await st.waitReady(page);
      await page.waitForFunction(() => globalThis.dq.probe().items.some((i) => i.id === 'visitor.venue' && i.text === 'Chợ Bến Thành'),
        null, { timeout: 20000 });
      await page.waitForTimeout(200);
      for (const id of ['visitor.checkin', 'visitor.checkout']) {
        const w = await st.find(page, id);
        assert.ok(w.y >= 0 && w.y + w.h <= height, `${id} is off screen (y=${w.y}, h=${w.h}, viewport ${height})`);
      }
      await st.screenshot(page, `visitor-layout-${width}x${height}`);
      // Scrolled to the end of the form, then tapped where it is: the form shows its top again,
      // with what to fix (nothing typed yet) in view.
      await page.mouse.move(width / 2, height / 3);
      for (let i = 0; i < 5; i++) { await page.mouse.wheel(0, 400); await page.waitForTimeout(80); }
      const w = await st.find(page, 'visitor.checkin');
      await page.touchscreen.tap(w.x + w.w / 2, w.y + w.h / 2);
      const fix = await st.waitForWidget(page, 'visitor.fix', 5000);
      await page.waitForTimeout(200);
      const shown = await st.find(page, 'visitor.fix');
      assert.ok(shown.y >= 0 && shown.y + shown.h <= w.y, `"${fix.text}" is out of view (y=${shown.y})`);
    } finally { await ctx.close(); }
  });
}
