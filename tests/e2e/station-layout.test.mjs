// The station at 360×740 and 412×915 as a person meets it (issue #12, defects 5, 6, 7):
// tabs on one line; after a save "Lưu" is in view and stays put when the undo expires; Today
// opens at its top; closing the day says how many went out, in view; Settings right after
// enrolling shows the venue, switches language at once and saves; the poster download's error
// is in view. Against the real server (enrollment). Screenshots: station-layout-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { posterServer } from './lib/poster-fixture.mjs';
import * as st from './lib/station.mjs';
import { SIZES, assertInView, assertSteady, tapWhereShown, assertOneLineLabel, openStationAt } from './lib/layout.mjs';

const fx = posterServer({ poster: false });
const { skip } = fx;
const openStation = (width, height) => openStationAt(fx.server.url, width, height);

for (const [width, height] of SIZES) {
  const tag = `${width}x${height}`;

  test(`${tag}: tabs on one line; "Lưu" in view after a save and still there when the undo expires`, { skip }, async () => {
    const { ctx, page } = await openStation(width, height);
    try {
      await st.configure(page);
      for (const id of ['nav.scan', 'nav.today', 'nav.manual', 'nav.settings']) await assertOneLineLabel(page, id);
      await st.manualCheckIn(page, { name: 'Trần Văn Đức', phone: '0901234567' });
      await st.waitForWidget(page, 'status.saved');
      await st.waitForWidget(page, 'status.undo');
      await st.screenshot(page, `station-layout-${tag}-manual-saved`);
      // Where "Lưu" is the moment the save is shown is where a tap 3 s later lands…
      const shown = await assertInView(page, 'manual.save');
      await assertSteady(page, 'manual.save', 3000);
      // …and after the undo offer expires (15 s), too.
      await page.waitForFunction(() => !globalThis.dq.probe().items.some((i) => i.id === 'status.undo'), null, { timeout: 20000 });
      const later = await find(page, 'manual.save');
      assert.ok(Math.abs(later.y - shown.y) < 1, `"Lưu" moved ${later.y - shown.y} px when the undo expired`);
      // The tap lands on "Lưu" (a tab would have left the form), and what it says is in view.
      await tapWhereShown(page, 'manual.save');
      await assertInView(page, 'field.name.error');
      await st.screenshot(page, `station-layout-${tag}-manual-after-tap`);
    } finally { await ctx.close(); }
  });

  // "Đóng ngày" scrolled wholly under the bottom bar at 360×740 was taken for part of the bar
  // and tapped there (the tap switched tabs): the tap helper now tells them apart by the
  // probe's clip, and checks every tap reached its widget.
  test(`${tag}: Today opens at its top; closing the day says how many went out, in view`, { skip }, async () => {
    const { ctx, page } = await openStation(width, height);
    try {
      await st.configure(page);
      // Where the counts are before any save is where they stay while a save's status shows.
      await st.tap(page, 'nav.today');
      const countsBefore = await assertInView(page, 'today.inside');
      for (const [name, phone] of [['Phạm Văn Cường', '0911111111'], ['Đỗ Thùy Vân', '0922222222'], ['Lê Thị Mai', '0933333333']]) {
        await st.manualCheckIn(page, { name, phone });
        await st.waitForWidget(page, 'status.saved');
      }
      // Scroll Settings to its end, then open Today: it shows its counts, not the middle.
      await st.tap(page, 'nav.settings');
      await page.mouse.move(width / 2, height / 2);
      for (let i = 0; i < 4; i++) { await page.mouse.wheel(0, 400); await page.waitForTimeout(80); }
      await st.tap(page, 'nav.today');
      await page.waitForTimeout(300);
      for (const id of ['today.inside', 'today.in', 'today.out']) await assertInView(page, id);
      await st.waitForWidget(page, 'status.saved');
      const countsNow = await find(page, 'today.inside');
      assert.ok(Math.abs(countsNow.y - countsBefore.y) < 1, `the counts moved ${countsNow.y - countsBefore.y} px when the status appeared`);
      await st.screenshot(page, `station-layout-${tag}-today`);
      await st.tap(page, 'today.closeDay');
      await st.tap(page, 'today.closeDayYes');
      await page.waitForFunction(() => globalThis.dq.state().today.inside === 0, null, { timeout: 10000 });
      await page.waitForTimeout(300);
      const summary = await assertInView(page, 'status.closed');
      assert.match(summary.text, /^Đã đóng ngày · 3 người được ghi RA · \d\d:\d\d$/);
      await assertInView(page, 'today.inside');
      await st.screenshot(page, `station-layout-${tag}-day-closed`);
    } finally { await ctx.close(); }
  });

  // "Lưu cài đặt" hidden wholly under the bottom bar was tapped there (see above); "Đã kết nối"
  // no longer expires after 4 s, moving the form up under the finger.
  test(`${tag}: Settings right after enrolling: venue shown, language at once, saved; the poster error in view`, { skip }, async () => {
    const { ctx, page } = await openStation(width, height);
    try {
      // The poster download fails (no network to the server for it): its message must be seen.
      await page.route('**/api/v1/venues/*/posters', (r) => r.abort());
      await st.tap(page, 'nav.settings');
      await st.typeInto(page, 'sync.code', fx.server.issueCode());
      await st.tap(page, 'sync.enroll');
      await page.waitForFunction(() => globalThis.dq.state().sync.enrolled, null, { timeout: 10000 });
      // The form shows what the station now is (the server's first scan point is "Cổng sau").
      await page.waitForFunction(() => {
        const it = globalThis.dq.probe().items;
        const where = it.find((i) => i.id === 'top.where');
        return it.some((i) => i.id === 'settings.venue' && i.text === 'Chợ Bến Thành') &&
          it.some((i) => i.id === 'settings.scanPoint' && /^Cổng /.test(i.text) && where && where.text === `Chợ Bến Thành · ${i.text}`);
      }, null, { timeout: 15000 });
      await st.screenshot(page, `station-layout-${tag}-settings-enrolled`);
      // English at once, no save needed; every tab still on one line.
      await st.tap(page, 'settings.lang.1');
      await page.waitForFunction(() => globalThis.dq.probe().items.some((i) => i.id === 'nav.today' && i.text === 'Today'), null, { timeout: 5000 });
      for (const id of ['nav.scan', 'nav.today', 'nav.manual', 'nav.settings']) await assertOneLineLabel(page, id);
      const tappedAt = await st.reveal(page, 'settings.save');
      await st.tap(page, 'settings.save');
      await st.waitForWidget(page, 'settings.saved', 5000);
      // "Đã lưu" is said where the finger is; nothing pushes "Lưu cài đặt" away (under the bar).
      await assertInView(page, 'settings.saved');
      assert.ok(Math.abs((await find(page, 'settings.save')).y - tappedAt.y) < 1, '"Lưu cài đặt" moved when the save was said');
      assert.equal(await st.exists(page, 'settings.venue.error'), false);
      await st.screenshot(page, `station-layout-${tag}-settings-en`);
      await st.tap(page, 'settings.lang.0');
      await page.waitForFunction(() => globalThis.dq.probe().items.some((i) => i.id === 'nav.today' && i.text === 'Hôm nay'), null, { timeout: 5000 });
      // The download: revealed, tapped where it is; the error shows in view.
      await st.reveal(page, 'binding.download');
      await tapWhereShown(page, 'binding.download');
      await page.waitForFunction(() => globalThis.dq.probe().items.some((i) => i.id === 'binding.downloadStatus' && /mạng|Không/.test(i.text)),
        null, { timeout: 10000 });
      const status = await assertInView(page, 'binding.downloadStatus');
      assert.doesNotMatch(status.text, /Áp phích để khách/);
      await st.screenshot(page, `station-layout-${tag}-poster-error`);
      // In English, the outcome is said in English too (it stayed in Vietnamese).
      await st.reveal(page, 'settings.lang.1');
      await st.tap(page, 'settings.lang.1');
      await page.waitForFunction(() => globalThis.dq.probe().items.some((i) => i.id === 'nav.today' && i.text === 'Today'), null, { timeout: 5000 });
      const statusEn = await find(page, 'binding.downloadStatus');
      assert.doesNotMatch(statusEn.text, /[ăâđêôơưàáạảãấầẩẫậắằẳẵặèéẹẻẽếềểễệìíỉịĩòóọỏõốồổỗộớờởỡợùúụủũứừửữựỳýỵỷỹ]/i,
        `the download's outcome stays in Vietnamese on an English screen: "${statusEn.text}"`);
      assert.doesNotMatch(statusEn.text, /^Posters for visitors/, 'the outcome, not the hint');
    } finally { await ctx.close(); }
  });
}

const find = st.find;

// Session 17: when Today's list grew past the screen, a 6-px scrollbar appeared and narrowed
// everything: the counts and "Nhập tay" moved sideways under a finger. The scrollbar's width is
// kept from the start, so nothing moves when the list grows.
test('360x740: Today\'s counts and buttons stay put when the list grows past the screen', { skip }, async () => {
  const { ctx, page } = await openStation(360, 740);
  try {
    await st.configure(page);
    await st.manualCheckIn(page, { name: 'Trần Văn Đức', phone: '0901234567' });
    await st.waitForWidget(page, 'status.saved');
    await st.tap(page, 'nav.today');
    await page.waitForTimeout(300);
    // One entry: the whole screen fits, nothing scrolls.
    await assertInView(page, 'today.closeDay');
    const ids = ['today.inside', 'today.in', 'today.out', 'today.manual'];
    const before = {};
    for (const id of ids) before[id] = await assertInView(page, id);
    await st.screenshot(page, 'station-layout-360x740-today-short');
    // Fifteen more people come in (through the session's save path, as a scan would).
    const added = await page.evaluate(() => {
      let n = 0;
      for (let i = 0; i < 15; i++) n += globalThis.dq.module.ccall('dq_automation_checkin', 'number', ['string', 'string'], [`Khách ${i}`, `07919900${1000 + i}`]);
      return n;
    });
    assert.equal(added, 15);
    await page.waitForFunction(() => globalThis.dq.state().today.in === 16, null, { timeout: 10000 });
    await page.waitForTimeout(300);
    const end = await find(page, 'today.closeDay');
    assert.ok(end.y > 740 - 76, `the list should reach past the screen (its end at y ${end.y})`);
    for (const id of ids) {
      const now = await assertInView(page, id);
      assert.ok(Math.abs(now.x - before[id].x) < 0.5 && Math.abs(now.w - before[id].w) < 0.5,
        `'${id}' moved when the list grew past the screen: x ${before[id].x} → ${now.x}, width ${before[id].w} → ${now.w}`);
    }
    await st.screenshot(page, 'station-layout-360x740-today-long');
  } finally { await ctx.close(); }
});
