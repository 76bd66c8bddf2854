// The visitor page (/v) end to end against the real server: a phone opens the poster URL once
// online (the key ring and the venue's names are kept), then, offline, opens it again, fills in
// the form with a Vietnamese name, checks in; after a reload the profile is remembered and
// "Khai báo ra" is at the top. Back online, both self check-ins reach the server. A declaration
// saved offline survives the tab killed the instant it says "saved", and reaches the server once
// with its symptoms. Stage 65.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { openPhone, freshProfile, killRenderer } from './lib/browser.mjs';
import { posterServer, waitForVenue } from './lib/poster-fixture.mjs';
import * as st from './lib/station.mjs';
import { buttonFill } from './lib/pixels.mjs';

const fx = posterServer();
const { skip } = fx;

const VISITOR = 'Nguyễn Thị Hương';

test('offline self check-in from the poster, remembered profile, check-out at the top, uploaded later', { skip }, async () => {
  const ctx = await openPhone(freshProfile('dq-visitor'));
  try {
    let page = ctx.pages()[0] || (await ctx.newPage());
    // Once online: the page verifies the poster with the key ring it fetches and keeps.
    await page.goto(fx.posterUrl);
    await st.waitReady(page);
    await st.find(page, 'visitor.name', 20000);
    await waitForVenue(page, 10000);
    await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller, null, { timeout: 15000 });

    // Offline: the poster opened again (a new tab, as the camera app would).
    await ctx.setOffline(true);
    await page.close();
    page = await ctx.newPage();
    await page.goto(fx.posterUrl);
    await st.waitReady(page);
    await st.waitForWidget(page, 'visitor.name', 10000);
    assert.match((await st.find(page, 'visitor.point')).text, /Cổng sau/);
    assert.match((await st.find(page, 'visitor.net')).text, /Ngoại tuyến/);
    await st.typeInto(page, 'visitor.name', VISITOR);
    await st.typeInto(page, 'visitor.phone', '0901234567');
    await st.screenshot(page, 'visitor-01-offline-form');
    await st.tap(page, 'visitor.checkin');
    const saved = await st.find(page, 'visitor.saved', 10000);
    assert.match(saved.text, /Đã khai báo VÀO lúc \d\d:\d\d/);
    // Inside now: "Khai báo ra" is the filled button, "vào" an outline (a second "in" was the
    // filled one, a thumb away, for someone leaving).
    assert.equal(await buttonFill(page, await st.find(page, 'visitor.checkout')), 'filled', '"Khai báo ra" filled after checking in');
    assert.equal(await buttonFill(page, await st.find(page, 'visitor.checkin')), 'outline');
    assert.match((await st.find(page, 'visitor.pending')).text, /Chờ gửi: 1/);
    await st.screenshot(page, 'visitor-02-offline-saved');

    // Reload (still offline): the profile is remembered and the actions are at the top.
    await page.reload();
    await st.waitReady(page);
    const name = await st.find(page, 'visitor.name', 10000);
    assert.equal(name.text, VISITOR);
    assert.match((await st.find(page, 'visitor.who')).text, new RegExp(`${VISITOR} · 0901234567`));
    const out = await st.find(page, 'visitor.checkout');
    assert.ok(out.y + out.h < 915 * 0.6, `"Khai báo ra" is near the top (y=${out.y})`);
    assert.ok((await st.find(page, 'visitor.checkin')).y < out.y);
    assert.equal(await buttonFill(page, out), 'filled', 'back on the page while inside: "Khai báo ra" filled');
    await st.screenshot(page, 'visitor-03-returning');
    await st.tap(page, 'visitor.checkout');
    assert.match((await st.find(page, 'visitor.saved', 10000)).text, /Đã khai báo RA lúc/);
    assert.equal(await buttonFill(page, await st.find(page, 'visitor.checkin')), 'filled', '"Khai báo vào" filled again after leaving');
    await st.screenshot(page, 'visitor-04-checked-out');

    // Online again: both go up with the poster as the credential.
    await ctx.setOffline(false);
    const deadline = Date.now() + 60000;
    let rows = [];
    while (Date.now() < deadline) {
      rows = fx.server.exported().filter((c) => c.device.startsWith('self-'));
      if (rows.length >= 2) break;
      await page.waitForTimeout(500);
    }
    assert.equal(rows.length, 2, 'both self check-ins stored once');
    assert.deepEqual(rows.map((c) => c.dir).sort(), ['in', 'out']);
    for (const c of rows) {
      assert.equal(c.name, VISITOR);
      assert.equal(c.scanPoint, 'back');
      assert.equal(c.kind, 'visitor');
    }
  } finally { await ctx.close(); }
});

// Issue #15: the visitor page keeps its check-ins in its own store (no SQLite). What it called
// saved must survive the renderer dying at that instant, offline, and go up later with the
// declaration as typed, stored once.
test('a declaration saved offline survives the tab killed right after "saved" and is sent later, once', { skip }, async () => {
  const ctx = await openPhone(freshProfile('dq-visitor-kill'));
  const NAME = 'Lê Văn Tám';
  try {
    let page = ctx.pages()[0] || (await ctx.newPage());
    await page.goto(fx.posterUrl);
    await st.waitReady(page);
    await waitForVenue(page, 10000);
    await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller, null, { timeout: 15000 });

    await ctx.setOffline(true);
    await page.reload();
    await st.waitReady(page);
    await st.typeInto(page, 'visitor.name', NAME);
    await st.typeInto(page, 'visitor.phone', '0938111222');
    await st.tap(page, 'visitor.sym.fever');
    await st.tap(page, 'visitor.sym.cough');
    await st.tap(page, 'visitor.travel.1');
    await st.typeInto(page, 'visitor.travelPlace', 'Đà Nẵng');
    await st.tap(page, 'visitor.checkin');
    // The instant the page says "Đã khai báo", the renderer dies.
    await page.waitForFunction(() => globalThis.dq.probe().items.some((x) => x.id === 'visitor.saved'), null,
      { polling: 'raf', timeout: 10000 });
    await killRenderer(ctx, page);

    // Reopened from the poster, still offline: the check-in is there, waiting to be sent.
    page = await ctx.newPage();
    await page.goto(fx.posterUrl);
    await st.waitReady(page);
    assert.match((await st.find(page, 'visitor.pending', 10000)).text, /Chờ gửi: 1/);
    const s = await st.state(page);
    assert.equal(s.total, 1, 'one self check-in kept');
    assert.equal(s.damaged, 0);
    assert.equal(fx.server.exported().filter((c) => c.name === NAME).length, 0, 'nothing reached the server while offline');

    // Online: it goes up once, with the declaration as it was typed.
    await ctx.setOffline(false);
    const deadline = Date.now() + 60000;
    let rows = [];
    while (Date.now() < deadline) {
      rows = fx.server.exported().filter((c) => c.name === NAME);
      if (rows.length) break;
      await page.waitForTimeout(300);
    }
    assert.equal(rows.length, 1, 'the check-in reached the server once');
    assert.equal(rows[0].dir, 'in');
    const file = fx.server.db.replace(/^sqlite:/, '');
    const decls = execFileSync('sqlite3', ['-json', file,
      `SELECT declaration_json FROM self_declarations WHERE device_id = '${rows[0].device}'`], { encoding: 'utf8' });
    const list = JSON.parse(decls || '[]').map((r) => JSON.parse(r.declaration_json));
    assert.equal(list.length, 1, 'one declaration stored');
    assert.equal(list[0].fever, true);
    assert.equal(list[0].cough, true);
    assert.equal(list[0].travel, true);
    assert.equal(list[0].travelPlace, 'Đà Nẵng');
    await page.waitForFunction(() => !globalThis.dq.probe().items.some((i) => i.id === 'visitor.pending'), null, { timeout: 15000 });
    await st.screenshot(page, 'visitor-05-sent-after-kill');
  } finally { await ctx.close(); }
});

// The poster opened on a fresh phone and the name typed decomposed, as some keyboards send it.
async function openFormAndTypeName(page) {
  await page.goto(fx.posterUrl);
  await st.waitReady(page);
  await st.find(page, 'visitor.name', 20000);
  await st.typeNfd(page, 'visitor.name', VISITOR);
}

// Issue #12 defect 12: a selected symptom showed "? Ho" (the check mark was not in the font
// atlas). At both phone sizes, the mark is drawn and no glyph is missing.
for (const vp of st.PHONES) {
  test(`a selected symptom shows its check mark at ${vp.width}×${vp.height}`, { skip }, async () => {
    const ctx = await openPhone(freshProfile('dq-visitor'), { viewport: vp });
    try {
      const page = ctx.pages()[0] || (await ctx.newPage());
      await openFormAndTypeName(page);
      await st.tap(page, 'visitor.sym.cough');
      await page.waitForFunction(() => globalThis.dq.probe().items.some((i) => i.id === 'visitor.sym.cough' && i.text.startsWith('✓ ')),
        null, { timeout: 5000 });
      await page.waitForTimeout(200);
      await st.assertNoMissingGlyphs(page, 'with a symptom selected');
      await st.screenshot(page, `visitor-symptom-${vp.width}`);
      // A name with an emoji (pasted from a chat) is refused beside the field and drawn with a
      // box where the emoji was, never "?"; nothing is saved.
      await st.paste(page, 'visitor.name', 'Hương 🌸', { shows: 'Hương □' });
      await st.tap(page, 'visitor.checkin');
      await st.assertInView(page, 'visitor.name.error');
      assert.deepEqual((await st.probe(page)).boxedEver, ['U+1F338']);
      await st.assertNoMissingGlyphs(page, 'with an emoji in the name');
      assert.equal(await st.exists(page, 'visitor.saved'), false);
      await st.screenshot(page, `visitor-emoji-name-${vp.width}`);
    } finally { await ctx.close(); }
  });
}

// Walked at 7 am (session 7): name typed decomposed, phone and CCCD pasted, "Khai báo vào"
// tapped twice. The store keeps one check-in, yet "Lịch sử của tôi" listed two (the second tap,
// answered with the check-in already saved, was added to the phone's history again). Reopened,
// the page said nothing of that check-in.
test('a double tap on "Khai báo vào" is one check-in and one line in "Lịch sử của tôi"; reopened, the page says so (360×740)', { skip }, async () => {
  const ctx = await openPhone(freshProfile('dq-visitor-double'), { viewport: st.PHONES[0] });
  try {
    const page = ctx.pages()[0] || (await ctx.newPage());
    await openFormAndTypeName(page);
    await st.paste(page, 'visitor.phone', '0901 234 567');
    await st.paste(page, 'visitor.cccd', '079190001234');
    await st.doubleTap(page, 'visitor.checkin');
    await st.assertInView(page, 'visitor.saved', 10000);
    // Both taps have been taken and answered.
    await page.waitForFunction(() => globalThis.dq.state().save.state === 'saved' && globalThis.dq.state().inFlight === 0,
      null, { timeout: 10000 });
    await page.waitForTimeout(500);
    assert.equal((await st.state(page)).total, 1, 'one check-in kept');
    await st.tap(page, 'visitor.history');
    await st.find(page, 'visitor.history.0', 5000);
    assert.match((await st.find(page, 'visitor.history')).text, /\(1\)$/);
    assert.equal(await st.exists(page, 'visitor.history.1'), false, 'one line in the history');
    await st.reveal(page, 'visitor.history.0');
    await st.screenshot(page, 'visitor-double-tap-history-360');

    // Reopened from the poster later (at the exit): the page says she checked in this morning,
    // beside the buttons, instead of nothing.
    await page.reload();
    await st.waitReady(page);
    const last = await st.assertInView(page, 'visitor.last', 10000);
    assert.match(last.text, /^Đã khai báo VÀO lúc \d\d:\d\d · Cổng sau$/);
    assert.ok(last.y < (await st.find(page, 'visitor.checkout')).y, 'above the buttons');
    await st.screenshot(page, 'visitor-returning-last-visit-360');
  } finally { await ctx.close(); }
});

// Walked at 7 am (session 7): a CCCD pasted short and "Có" for travel, then "Khai báo vào". The
// banner said "Vui lòng sửa các ô báo đỏ." with one red field in view; the second ("Nơi đã đến")
// lay below the screen's edge, and the visitor who fixed the first was refused again. The banner
// now says how many.
test('two fields to fix, one below the edge: the banner in view says how many (360×740)', { skip }, async () => {
  const ctx = await openPhone(freshProfile('dq-visitor-fix'), { viewport: st.PHONES[0] });
  try {
    const page = ctx.pages()[0] || (await ctx.newPage());
    await openFormAndTypeName(page);
    await st.paste(page, 'visitor.phone', '+84 901 234 567');
    await st.paste(page, 'visitor.cccd', '07919000');
    await st.tap(page, 'visitor.travel.1');
    await st.tap(page, 'visitor.checkin');
    assert.equal((await st.assertInView(page, 'visitor.fix')).text, 'Vui lòng sửa 2 ô báo đỏ.');
    await st.assertInView(page, 'visitor.cccd.error');
    await st.screenshot(page, 'visitor-fix-two-360');
    await st.paste(page, 'visitor.cccd', '079190001234');
    await st.tap(page, 'visitor.checkin');
    await page.waitForFunction(() => globalThis.dq.probe().items.some((i) => i.id === 'visitor.fix' && i.text === 'Vui lòng sửa các ô báo đỏ.'),
      null, { timeout: 5000 });
    await st.typeNfd(page, 'visitor.travelPlace', 'Đà Nẵng');
    await st.tap(page, 'visitor.checkin');
    await st.assertInView(page, 'visitor.saved', 10000);
    assert.equal(await st.exists(page, 'visitor.fix'), false);
  } finally { await ctx.close(); }
});
