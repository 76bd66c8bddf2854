// The visitor page as people use it (issue #12, defects 13, 14, 15): on a phone that is also a
// station, the poster opens beside the station tab and the visitor's check-in reaches the server
// as a visitor's (never the station's journal); a second poster tab takes over; a double tap
// on "Khai báo vào" stores one check-in; a returning visitor's declaration starts blank.
// Against the real server. Stage 65. Screenshots: visitor-first-use-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openPhone, freshProfile } from './lib/browser.mjs';
import { posterServer, openPoster } from './lib/poster-fixture.mjs';
import * as st from './lib/station.mjs';

const fx = posterServer();
const { skip } = fx;

async function openVisitor(ctx) {
  return openPoster(await ctx.newPage(), fx.posterUrl);
}

async function fillIn(page, name, phone) {
  await st.typeInto(page, 'visitor.name', name);
  await st.typeInto(page, 'visitor.phone', phone);
}

// The self check-ins the server holds for this visitor, waiting up to `ms` for `want` of them.
async function serverRows(name, want, ms = 20000) {
  const deadline = Date.now() + ms;
  let rows = [];
  while (Date.now() < deadline) {
    rows = fx.server.exported().filter((c) => c.name === name);
    if (rows.length >= want) break;
    await new Promise((r) => setTimeout(r, 300));
  }
  return rows;
}

test('a phone that is also a station: the visitor page opens beside it and its check-in is the visitor\'s', { skip }, async () => {
  const ctx = await openPhone(freshProfile('dq-vstation'));
  try {
    const station = ctx.pages()[0] || (await ctx.newPage());
    await station.goto(fx.server.url);
    await st.waitReady(station);
    await st.configure(station);
    const before = (await st.state(station)).total;
    // The poster, in a second tab, while the station holds its lock.
    const visitor = await openVisitor(ctx);
    await fillIn(visitor, 'Võ Thị Sáu', '0907654321');
    await st.tap(visitor, 'visitor.checkin');
    await st.find(visitor, 'visitor.saved', 10000);
    const rows = await serverRows('Võ Thị Sáu', 1);
    assert.equal(rows.length, 1, 'the declaration reached the server');
    assert.match(rows[0].device, /^self-/);
    assert.equal(rows[0].kind, 'visitor');
    await st.screenshot(visitor, 'visitor-first-use-beside-station');
    // The station's journal holds none of it: reloaded, it has what it had.
    await station.reload();
    await st.waitReady(station);
    assert.equal((await st.state(station)).total, before);
    // Another poster tab takes over; the first says so instead of saving anything.
    const second = await openVisitor(ctx);
    await visitor.waitForFunction(() => !document.getElementById('dq-splash').hidden &&
      /tab khác/.test(document.getElementById('dq-splash-text').textContent), null, { timeout: 10000 });
    await st.find(second, 'visitor.checkin');
  } finally { await ctx.close(); }
});

test('two quick taps on "Khai báo vào" store one check-in', { skip }, async () => {
  const ctx = await openPhone(freshProfile('dq-vdouble'));
  try {
    const page = await openVisitor(ctx);
    await fillIn(page, 'Ngô Văn Tư', '0908888888');
    const b = await st.find(page, 'visitor.checkin');
    // A double tap: 60 ms apart, as a thumb does.
    await page.touchscreen.tap(b.x + b.w / 2, b.y + b.h / 2);
    await page.waitForTimeout(60);
    await page.touchscreen.tap(b.x + b.w / 2, b.y + b.h / 2);
    await st.find(page, 'visitor.saved', 10000);
    await page.waitForTimeout(1500);  // a second save, if any, would have been made by now
    assert.equal((await st.state(page)).total, 1, 'one check-in on the phone');
    const rows = await serverRows('Ngô Văn Tư', 2, 6000);
    assert.equal(rows.length, 1, 'one check-in on the server');
  } finally { await ctx.close(); }
});

test('a returning visitor finds the name kept and the health declaration blank', { skip }, async () => {
  const ctx = await openPhone(freshProfile('dq-vblank'));
  try {
    let page = await openVisitor(ctx);
    await fillIn(page, 'Lý Thị Ba', '0909999999');
    await st.tap(page, 'visitor.sym.fever');
    await st.tap(page, 'visitor.sym.cough');
    await st.tap(page, 'visitor.contact.1');
    const fever = await st.find(page, 'visitor.sym.fever');
    await st.tap(page, 'visitor.checkin');
    await st.find(page, 'visitor.saved', 10000);
    const rows = await serverRows('Lý Thị Ba', 1);
    assert.equal(rows.length, 1);
    await page.reload();
    await st.waitReady(page, 20000);
    assert.equal((await st.find(page, 'visitor.name', 10000)).text, 'Lý Thị Ba');
    const feverNow = await st.find(page, 'visitor.sym.fever');
    assert.notEqual(feverNow.text, fever.text, 'fever is not pre-selected');
    assert.equal(await st.exists(page, 'visitor.contact.1') && (await st.probe(page)).items.find((i) => i.id === 'visitor.contact.1').kind, 'toggle');
    assert.equal((await st.probe(page)).items.find((i) => i.id === 'visitor.contact.0').kind, 'toggle-on', '"no contact" is the start');
    await st.screenshot(page, 'visitor-first-use-returning');
  } finally { await ctx.close(); }
});
