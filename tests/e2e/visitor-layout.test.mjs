// The visitor page's layout on small phones: a first-time visitor reaches "Khai báo vào" and
// "Khai báo ra" without scrolling (they stay pinned at the bottom while the form scrolls), at
// 412×915 and 360×740 CSS px. Against the real server (the poster is verified). Stage 65.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { BASE_ARGS, CHROMIUM, freshProfile } from './lib/browser.mjs';
import { posterServer, waitForVenue } from './lib/poster-fixture.mjs';
import * as st from './lib/station.mjs';

const fx = posterServer();
const { skip } = fx;

for (const [width, height] of [[412, 915], [360, 740]]) {
  test(`first-time visitor at ${width}×${height}: both actions in view without scrolling, and they work`, { skip }, async () => {
    const ctx = await chromium.launchPersistentContext(freshProfile('dq-vlayout'), {
      executablePath: CHROMIUM, headless: true, args: BASE_ARGS, viewport: { width, height }, deviceScaleFactor: 2,
      hasTouch: true, isMobile: true, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    try {
      const page = ctx.pages()[0] || (await ctx.newPage());
      await page.goto(fx.posterUrl);
      await st.waitReady(page);
      await waitForVenue(page, 20000);
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

// Issue #12 (first use): the page was said to jump back to its top when a late server answer
// (the key ring, the venue's names, the exposure list) re-laid it out while the visitor was
// reading further down. The venue's names and the exposure list are held back from the start,
// the key ring from the second visit on; the visitor scrolls down, the answers arrive: what the
// visitor was looking at stays where it was.
for (const returning of [false, true]) {
  test(`a late server answer leaves the ${returning ? 'returning' : 'first-time'} visitor where they scrolled (360×740)`, { skip }, async () => {
    const [width, height] = [360, 740];
    const ctx = await chromium.launchPersistentContext(freshProfile('dq-vscroll'), {
      executablePath: CHROMIUM, headless: true, args: BASE_ARGS, viewport: { width, height }, deviceScaleFactor: 2,
      hasTouch: true, isMobile: true, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    try {
      const held = [];
      let release;
      const gate = new Promise((r) => { release = r; });
      const hold = (pattern) => ctx.route(pattern, async (route) => {
        held.push(new URL(route.request().url()).pathname);
        await gate;
        await route.continue().catch(() => {});
      });
      await hold('**/api/v1/venues/*/posters/info*');
      await hold('**/api/v1/exposures*');
      let page = ctx.pages()[0] || (await ctx.newPage());
      // A first visit keeps the key ring (and, checked in, the profile and one visit).
      await page.goto(fx.posterUrl);
      await st.waitReady(page);
      await st.find(page, 'visitor.name', 20000);
      if (returning) {
        await st.typeInto(page, 'visitor.name', 'Trần Văn Đức');
        await st.typeInto(page, 'visitor.phone', '0901234567');
        await st.tap(page, 'visitor.checkin');
        await st.find(page, 'visitor.saved', 10000);
      }
      // The next visit, the key ring held too, until the visitor has scrolled down.
      await hold('**/api/v1/keys*');
      await page.close();
      page = await ctx.newPage();
      await page.goto(fx.posterUrl);
      await st.waitReady(page);
      await st.find(page, 'visitor.name', 20000);
      await page.mouse.move(width / 2, height / 3);
      for (let i = 0; i < 3; i++) { await page.mouse.wheel(0, 300); await page.waitForTimeout(150); }
      const seen = await st.find(page, 'visitor.lang.0');
      const title = await st.find(page, 'visitor.title');
      assert.ok(title.y < 0, `the page did not scroll (title at ${title.y})`);
      await st.screenshot(page, `visitor-late-${returning ? 'returning' : 'first'}-before`);
      release();
      await waitForVenue(page, 10000);
      await page.waitForTimeout(1000);
      assert.ok(held.some((p) => p.endsWith('/keys')) && held.some((p) => p.endsWith('/posters/info')), `answers held: ${held.join(', ')}`);
      const after = await st.find(page, 'visitor.lang.0');
      const titleAfter = await st.find(page, 'visitor.title');
      await st.screenshot(page, `visitor-late-${returning ? 'returning' : 'first'}-after`);
      assert.ok(titleAfter.y < 0, `the page jumped back to its top (title at ${titleAfter.y}, was ${title.y}; held: ${held.join(', ')})`);
      assert.ok(Math.abs(after.y - seen.y) <= 1, `what the visitor was reading moved ${after.y - seen.y} px when the answers came`);
      await st.assertNoMissingGlyphs(page);
    } finally { await ctx.close(); }
  });
}
