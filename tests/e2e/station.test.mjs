// End-to-end: the built station in Debian's Chromium, driven by touch like a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startStaticServer } from './lib/static-server.mjs';
import { openPhone, freshProfile, killRenderer } from './lib/browser.mjs';
import * as st from './lib/station.mjs';

const WEB = path.resolve(process.env.DQ_WEB_DIR || 'build/web');
let server;

before(async () => { server = await startStaticServer(WEB); });
after(async () => { await server.stop(); });

async function openStation(profile, viewport) {
  const ctx = await openPhone(profile, viewport ? { viewport } : {});
  const page = ctx.pages()[0] || (await ctx.newPage());
  await page.goto(server.url);
  await st.waitReady(page);
  return { ctx, page };
}

test('first start asks for the venue, then shows today', async () => {
  const { ctx, page } = await openStation(freshProfile());
  try {
    await st.waitForWidget(page, 'today.notConfigured');
    // Said once (it was in the top bar and in the banner), with what to do next, whose button
    // is in view.
    const said = (await st.probe(page)).items.filter((i) => /Chưa chọn địa điểm/.test(i.text));
    assert.deepEqual(said.map((i) => i.id), ['today.notConfigured']);
    assert.match(said[0].text, /Mở Cài đặt, nhập mã đăng ký/);
    assert.equal((await st.find(page, 'top.where')).text, 'Chưa cài đặt');
    await st.assertInView(page, 'today.goSettings');
    await st.screenshot(page, '01-first-start');
    // Scan, before any card: it says no scan is saved yet and how to set up (it asked for a
    // card, and people scanned visitors who were never saved).
    await st.tap(page, 'nav.scan');
    const scanSays = await st.assertInView(page, 'scan.notConfigured');
    assert.match(scanSays.text, /chưa lưu lượt quét nào\. Quét mã QR trên áp phích của địa điểm, hoặc mở Cài đặt\.$/);
    await st.assertInView(page, 'scan.goSettings');
    assert.ok(!(await st.exists(page, 'scan.hint')), 'no "hold up a card" before the station is set up');
    await st.screenshot(page, '01b-first-start-scan');
    await st.configure(page);
    await st.screenshot(page, '02-settings-saved');
    await st.tap(page, 'nav.today');
    await st.waitForWidget(page, 'today.inside');
    const where = await st.find(page, 'top.where');
    assert.equal(where.text, 'Chợ Bến Thành · Cổng chính');
  } finally { await ctx.close(); }
});

test('a manual check-in is still there after a reload', async () => {
  const profile = freshProfile();
  let { ctx, page } = await openStation(profile);
  try {
    await st.configure(page);
    await st.manualCheckIn(page, { name: 'Nguyễn Văn An', cccd: '001099012345' });
    await st.waitForWidget(page, 'status.saved');
    await st.screenshot(page, '03-manual-saved');
    await page.reload();
    await st.waitReady(page);
    await st.tap(page, 'nav.today');
    const entry = await st.find(page, 'today.entry.0');
    assert.match(entry.text, /VÀO Nguyễn Văn An ••••••••2345/);
    assert.equal((await st.state(page)).total, 1);
    // The list's title says how many it shows (one), not the limit ("20 lượt gần nhất").
    assert.equal((await st.find(page, 'today.recentTitle')).text, '1 lượt gần nhất');
    await st.screenshot(page, '04-today-after-reload');
  } finally { await ctx.close(); }
});

test('typing Vietnamese with the phone keyboard', async () => {
  const { ctx, page } = await openStation(freshProfile());
  try {
    await st.configure(page);
    await st.tap(page, 'nav.manual');
    await st.typeInto(page, 'field.name', 'Nguyễn Thị Hương');
    // An IME composes a syllable in steps; the field follows the input's whole value.
    await st.typeInto(page, 'field.phone', '0901234567');
    await st.screenshot(page, '05-manual-typing');
    await st.tap(page, 'manual.save');
    await st.waitForWidget(page, 'status.saved');
    await st.tap(page, 'nav.today');
    const entry = await st.find(page, 'today.entry.0');
    assert.match(entry.text, /Nguyễn Thị Hương/);
  } finally { await ctx.close(); }
});

test('bad input gets a message beside the field and saves nothing', async () => {
  const { ctx, page } = await openStation(freshProfile());
  try {
    await st.configure(page);
    const before = (await st.state(page)).total;
    // A CCCD of 11 digits, with an empty name and a time in the future.
    await st.tap(page, 'nav.manual');
    await st.typeInto(page, 'field.cccd', '00109901234');
    await st.typeInto(page, 'field.time', '23:59');
    await st.tap(page, 'manual.save');
    const nameErr = await st.find(page, 'field.name.error');
    const cccdErr = await st.find(page, 'field.cccd.error');
    assert.equal(nameErr.text, 'Vui lòng nhập họ tên.');
    assert.equal(cccdErr.text, 'Số CCCD phải có đúng 12 chữ số.');
    const now = await page.evaluate(() => new Date().getHours() * 60 + new Date().getMinutes());
    if (now < 23 * 60 + 58) {
      const timeErr = await st.find(page, 'field.time.error');
      assert.equal(timeErr.text, 'Giờ không được ở tương lai.');
    }
    await st.screenshot(page, '06-manual-errors');
    assert.equal((await st.state(page)).total, before);
    // Fixing the CCCD clears its message.
    await st.typeInto(page, 'field.cccd', '001099012345');
    await page.waitForFunction(() => !globalThis.dq.probe().items.some((i) => i.id === 'field.cccd.error'), null, { timeout: 5000 });
    assert.equal(await st.exists(page, 'field.name.error'), true, 'the other message stays until its field is fixed');
    assert.equal((await st.state(page)).total, before);
    // A name with an emoji (pasted from a chat) is refused beside the field. The field and the
    // "not saved" banner draw the name with a box where the emoji was, never with "?" (every
    // probe read asserts no fallback glyph was drawn since the page loaded).
    await st.paste(page, 'field.name', 'Hương 🌸', { shows: 'Hương □' });
    await st.tap(page, 'manual.save');
    await page.waitForFunction(() => /biểu tượng/.test((globalThis.dq.probe().items.find((i) => i.id === 'field.name.error') || {}).text || ''),
      null, { timeout: 5000 });
    await st.assertInView(page, 'field.name.error');
    const failed = await st.find(page, 'status.failed');
    assert.match(failed.text, /Hương □/);
    assert.match(failed.text, /Sửa ô báo đỏ bên dưới/, 'a refused entry says what to do, not "try again"');
    const frame = await st.probe(page);
    assert.deepEqual(frame.boxedEver, ['U+1F338'], 'only the emoji was drawn as a box');
    await st.assertNoMissingGlyphs(page, 'with an emoji in the name');
    await st.screenshot(page, '06b-manual-emoji-name');
    assert.equal((await st.state(page)).total, before);
  } finally { await ctx.close(); }
});

test('offline: with the server stopped the app loads and saves', async () => {
  const profile = freshProfile();
  const local = await startStaticServer(WEB);
  let { ctx, page } = await openPhone(profile).then(async (c) => {
    const p = c.pages()[0] || (await c.newPage());
    await p.goto(local.url);
    await st.waitReady(p);
    return { ctx: c, page: p };
  });
  try {
    await st.configure(page);
    // The service worker must have taken control before the network goes.
    await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller, null, { timeout: 15000 });
    await local.stop();
    await ctx.setOffline(true);
    await page.reload();
    await st.waitReady(page);
    await st.waitForWidget(page, 'top.offline');
    await st.manualCheckIn(page, { name: 'Trần Thị Bình', phone: '0912345678' });
    await st.waitForWidget(page, 'status.saved');
    await st.screenshot(page, '07-offline-saved');
    await ctx.close();
    // A new browser process on the same profile, still offline.
    ctx = await openPhone(profile);
    await ctx.setOffline(true);
    page = ctx.pages()[0] || (await ctx.newPage());
    await page.goto(local.url).catch(() => {});
    await st.waitReady(page);
    assert.equal((await st.state(page)).total, 1);
  } finally { await ctx.close(); }
});

test('the tab killed right after "saved" loses nothing (20 times)', async () => {
  const profile = freshProfile();
  let { ctx, page } = await openStation(profile);
  try {
    await st.configure(page);
    for (let i = 1; i <= 20; i++) {
      await st.tap(page, 'nav.manual');
      await st.typeInto(page, 'field.name', `Khách ${i}`);
      await st.typeInto(page, 'field.phone', `09${String(10000000 + i)}`);
      await st.tap(page, 'manual.save');
      // The instant the UI shows "Đã lưu", the renderer dies.
      await page.waitForFunction(() => globalThis.dq.probe().items.some((x) => x.id === 'status.saved'), null, { polling: 'raf', timeout: 10000 });
      await killRenderer(ctx, page);
      page = await ctx.newPage();
      await page.goto(server.url);
      await st.waitReady(page);
      const s = await st.state(page);
      assert.equal(s.total, i, `after kill ${i} the log has ${s.total} check-ins`);
    }
  } finally { await ctx.close(); }
});

test('closing the day checks everyone out', async () => {
  const { ctx, page } = await openStation(freshProfile());
  try {
    await st.configure(page);
    await st.manualCheckIn(page, { name: 'Phạm Văn Cường', phone: '0911111111' });
    await st.waitForWidget(page, 'status.saved');
    await st.manualCheckIn(page, { name: 'Đỗ Thùy Vân', phone: '0922222222' });
    await page.waitForFunction(() => globalThis.dq.state().total === 2);
    await st.tap(page, 'nav.today');
    await st.tap(page, 'today.closeDay');
    await st.tap(page, 'today.closeDayYes');
    await page.waitForFunction(() => globalThis.dq.state().today.inside === 0, null, { timeout: 10000 });
    const s = await st.state(page);
    assert.equal(s.today.out, 2);
    assert.equal(s.total, 4);
    const closed = await st.waitForWidget(page, 'status.closed');
    assert.match(closed.text, /^Đã đóng ngày · 2 người được ghi RA/);
    await st.screenshot(page, '08-day-closed');
  } finally { await ctx.close(); }
});

// Issue #12: what people do at 7 am on their own phones, at both phone sizes: a name typed
// decomposed (NFD: "a" + U+0300, as some Vietnamese keyboards and macOS send it), a phone
// number pasted in one input event, fast typing, and a double tap on "Lưu".
for (const vp of st.PHONES) {
  test(`people's input at ${vp.width}×${vp.height}: NFD name, pasted phone, double tap on Lưu`, async () => {
    const { ctx, page } = await openStation(freshProfile(), vp);
    try {
      await st.configure(page);
      await st.tap(page, 'nav.manual');
      await st.typeNfd(page, 'field.name', 'Trần Văn Đức');
      await st.paste(page, 'field.phone', '0901234567');
      await st.screenshot(page, `10-manual-nfd-${vp.width}`);
      await st.doubleTap(page, 'manual.save');
      await st.waitForWidget(page, 'status.saved');
      await page.waitForTimeout(600);  // the second tap has landed by now
      const s = await st.state(page);
      assert.equal(s.total, 1, 'a double tap on Lưu saves one check-in');
      const saved = await st.assertInView(page, 'status.saved');
      assert.match(saved.text, /Trần Văn Đức/);
      assert.equal(saved.text.normalize('NFC'), saved.text, 'the banner shows NFC text');
      assert.ok(!(await st.exists(page, 'status.failed')), 'the second tap is no failed save');
      await st.screenshot(page, `11-manual-saved-${vp.width}`);
      await st.tap(page, 'nav.today');
      const entry = await st.find(page, 'today.entry.0');
      assert.ok(entry.text.includes('Trần Văn Đức'), `Today shows the NFC name: ${JSON.stringify(entry.text)}`);
      await st.assertNoMissingGlyphs(page);
    } finally { await ctx.close(); }
  });
}

// Issue #12 defect 4: a refused save (here: a 3-digit CCCD) after a saved one must not leave
// the previous person's green "Đã lưu" and its undo on screen.
test('a failed save replaces the last "Đã lưu" and its undo', async () => {
  const { ctx, page } = await openStation(freshProfile(), st.PHONES[0]);
  try {
    await st.configure(page);
    await st.manualCheckIn(page, { name: 'Nguyễn Văn An', phone: '0901234567' });
    await st.waitForWidget(page, 'status.undo');
    await st.typeInto(page, 'field.name', 'Lê Thị Mai');
    await st.typeInto(page, 'field.cccd', '123');
    await st.tap(page, 'manual.save');
    const failed = await st.assertInView(page, 'status.failed');
    assert.match(failed.text, /Lê Thị Mai/);
    assert.match(failed.text, /Sửa ô báo đỏ bên dưới/, 'a refused entry says what to do, not "try again"');
    assert.ok(!(await st.exists(page, 'status.saved')), 'no green banner of the previous person');
    assert.ok(!(await st.exists(page, 'status.undo')), 'no undo of the previous person');
    await st.screenshot(page, '12-manual-failed-360');
    assert.equal((await st.state(page)).total, 1);
  } finally { await ctx.close(); }
});

// A status line that wrapped past its fixed 76-px slot was drawn over the form or the counts
// below it. Wherever it is shown (Manual, Today), the line stays inside its slot: the name is
// shortened with "…", what was done and when ("VÀO 07:02") stays in view.
const LONG_NAME = 'Nguyễn Thị Phương Thảo Hoàng Lan Anh';
const LONGER_NAME = 'Nguyễn Thị Phương Thảo Hoàng Lan Anh Tôn Nữ Minh Châu Ngọc Bảo Quyên';  // 67 letters, under the 80 allowed
const LONG_VENUE = 'Chợ đầu mối nông sản thực phẩm Bình Điền, Phường 7, Quận 8, TP.HCM'.slice(0, 60);

// The banner `id` lies inside the slot it is drawn in (its window's clip) and over nothing else.
async function assertInItsSlot(page, id, below) {
  const frame = await st.probe(page);
  const b = frame.items.find((i) => i.id === id);
  assert.ok(b, `no '${id}' on screen`);
  assert.ok(b.h <= 76.5 && b.y >= b.clip[0] - 0.5 && b.y + b.h <= b.clip[1] + 0.5,
    `'${id}' ("${b.text}") spans y ${b.y}..${b.y + b.h}, outside its slot ${b.clip[0]}..${b.clip[1]}`);
  const under = frame.items.find((i) => i.id === below);
  assert.ok(under && under.y >= b.y + b.h - 0.5, `'${id}' (to y ${b.y + b.h}) is drawn over '${below}' (at y ${under && under.y})`);
  for (const i of frame.items) {
    if (i === b || i.kind === 'bar' || i.id.startsWith(id)) continue;
    const over = i.x < b.x + b.w && b.x < i.x + i.w && i.y < b.y + b.h && b.y < i.y + i.h;
    assert.ok(!over, `'${id}' ("${b.text}") lies over '${i.id}' ("${i.text}")`);
  }
  return b;
}

for (const vp of st.PHONES) {
  test(`a long name stays inside the status slot at ${vp.width}×${vp.height}`, async () => {
    const { ctx, page } = await openStation(freshProfile(), vp);
    try {
      await st.tap(page, 'nav.settings');
      await st.typeNfd(page, 'settings.venue', LONG_VENUE);
      await st.typeInto(page, 'settings.scanPoint', 'Cổng chính');
      await st.tap(page, 'settings.save');
      await page.waitForFunction(() => globalThis.dq.state().configured, null, { timeout: 10000 });
      await st.tap(page, 'nav.manual');
      await st.typeNfd(page, 'field.name', LONG_NAME);
      await st.paste(page, 'field.phone', '0901234567');
      await st.tap(page, 'manual.save');
      await st.waitForWidget(page, 'status.undo');
      const saved = await assertInItsSlot(page, 'status.saved', 'field.name');
      assert.match(saved.text, /^Đã lưu · Nguyễn Thị/, 'the name begins as typed');
      assert.match(saved.text, /· VÀO \d\d:\d\d$/, 'direction and time stay in view');
      await st.screenshot(page, `13-long-name-manual-${vp.width}`);
      await st.tap(page, 'nav.today');
      await st.waitForWidget(page, 'today.inside');
      const today = await assertInItsSlot(page, 'status.saved', 'today.inside');
      assert.match(today.text, /· VÀO \d\d:\d\d$/);
      await st.screenshot(page, `14-long-name-today-${vp.width}`);
      // Refused (a 3-digit CCCD): "CHƯA LƯU · <name>" and what to do, in the slot too; a name
      // too long for it is shortened where it is cut.
      await st.tap(page, 'nav.manual');
      await st.paste(page, 'field.name', LONGER_NAME);
      await st.typeInto(page, 'field.cccd', '123');
      await st.tap(page, 'manual.save');
      // The refusal is drawn in the frame after the one that took the tap, as a person sees it.
      await st.waitForWidget(page, 'status.failed');
      const failed = await assertInItsSlot(page, 'status.failed', 'field.name');
      const shownName = failed.text.split('\n')[0].replace(/^CHƯA LƯU · /, '');
      assert.ok(shownName === LONGER_NAME || (shownName.endsWith('…') && LONGER_NAME.startsWith(shownName.slice(0, -1))),
        `the name reads "${shownName}": whole, or its beginning and "…"`);
      if (vp.width === 360) assert.ok(shownName.endsWith('…'), `at 360 px the name is shortened: "${shownName}"`);
      assert.match(failed.text, /Sửa ô báo đỏ bên dưới\.$/, 'what to do stays in view');
      await st.screenshot(page, `15-long-name-failed-${vp.width}`);
      await st.assertNoMissingGlyphs(page);
    } finally { await ctx.close(); }
  });
}

// Every screen, in Vietnamese and in English, at both sizes: no character drawn with the
// font's fallback glyph (find() checks every probe it reads; this walks every screen).
for (const vp of st.PHONES) {
  // Every tap is checked to reach its widget (lib/station.mjs tap): a lost one fails by name.
  test(`every station screen in both languages draws no missing glyph at ${vp.width}×${vp.height}`, async () => {
    const { ctx, page } = await openStation(freshProfile(), vp);
    try {
      await st.configure(page);
      await st.manualCheckIn(page, { name: 'Đỗ Thùy Vân', phone: '0922222222' });
      await st.waitForWidget(page, 'status.saved');
      for (const lang of ['vi', 'en']) {
        if (lang === 'en') {
          // The language applies (and is kept) at the tap: no "Lưu cài đặt" needed.
          await st.goTo(page, 'nav.settings', 'settings.lang.1');
          await st.tap(page, 'settings.lang.1');
          await st.waitForText(page, /^Scan$|^Today$/);
        }
        for (const tab of ['nav.scan', 'nav.today', 'nav.manual', 'nav.settings']) {
          await st.tap(page, tab);
          await page.waitForTimeout(200);
          await st.assertNoMissingGlyphs(page, `on ${tab} (${lang})`);
        }
      }
    } finally { await ctx.close(); }
  });
}
