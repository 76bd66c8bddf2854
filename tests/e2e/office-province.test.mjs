// The office as the TP. Hồ Chí Minh province officer meets it on the 2025 map (169 areas: the
// city and its 168 communes, most without a venue yet), on phones against the real server
// (SQLite): the weekly report puts the venues to act on first and folds the communes with no
// venue into one line that opens ("… xã/phường chưa có cơ sở"), on screen and in the print
// version. Run by stage 61-office-e2e.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { waitReady, find, tap, typeInto, screenshot, probe, reveal, assertNoMissingGlyphs } from './lib/station.mjs';
import { SERVER_BIN, serverAvailable, serveDb, setVenuesRegistered } from './lib/server-process.mjs';
import { SIZES, openPhoneAt, assertTextsFitWidth, assertOneLineLabel, assertInView, OFFICE_BARS } from './lib/layout.mjs';
import { freshProfile } from './lib/browser.mjs';
import { areasFile, importAreas } from '../server/areas_fixture.mjs';

const WEB = path.resolve(process.env.DQ_WEB_DIR || 'build/web');
const skip = !serverAvailable() || !fs.existsSync(path.join(WEB, 'office.html'));
const PASSWORD = 'mat-khau-thanh-pho-79';
// Communes of the 2025 map (tools/areas/normalize.mjs vn-2025): two with venues, one without.
const SAI_GON = '70101063', BEN_THANH = '70101065';
const COMMUNES = 168, WITH_VENUES = 2;
let dir, server, token;

async function api(method, p, body, tok) {
  const r = await fetch(server.url + p.replace(/^\//, ''), { method, body: body ? JSON.stringify(body) : undefined,
    headers: { 'content-type': 'application/json', ...(tok ? { authorization: `Bearer ${tok}` } : {}) } });
  return { status: r.status, json: await r.clone().json().catch(() => null), text: await r.text() };
}

before(async () => {
  if (skip) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dq-province-e2e-'));
  const db = `sqlite:${path.join(dir, 'office.db')}`;
  importAreas(SERVER_BIN, db, areasFile('vn-2025', '79'));
  execFileSync(SERVER_BIN, ['admin', 'create-officer', '--username', 'tphcm', '--level', 'province', '--area', '79', '--db', db],
    { input: PASSWORD + '\n' });
  server = await serveDb(db, WEB);
  token = (await api('POST', '/api/v1/office/login', { username: 'tphcm', password: PASSWORD })).json.token;
  // Three venues registered by the officer a while ago, none scanning: all three not complying.
  for (const [name, ward] of [['Chợ Bến Thành', BEN_THANH], ['Nhà hàng Ngon', SAI_GON], ['Karaoke Sao Mai', SAI_GON]]) {
    const r = await api('POST', '/api/v1/venues', { name, address: '1 Lê Lợi', ward, category: 'restaurant', staffCount: 4,
      phone: '0281234567', scanPoints: ['Cổng chính'] }, token);
    assert.equal(r.status, 201, r.text);
  }
  setVenuesRegistered(db, Date.now() - 14 * 86_400_000);  // open a while: not "Mới đăng ký"
});

after(async () => {
  if (server) await server.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function officeLogin(page) {
  await page.goto(server.url + 'office');
  await waitReady(page);
  await typeInto(page, 'office.login.user', 'tphcm');
  await typeInto(page, 'office.login.password', PASSWORD, { password: true });
  await tap(page, 'office.login.submit');
  await find(page, 'office.report.bad.0', 20000);
}

for (const [width, height] of SIZES) {
  test(`the province report at ${width}×${height}: the venues to act on first, the communes with no venue one line that opens`, { skip }, async () => {
    const ctx = await openPhoneAt(width, height, freshProfile('dq-province'));
    try {
      const page = ctx.pages()[0] || (await ctx.newPage());
      await officeLogin(page);
      await screenshot(page, `office-province-report-${width}`);
      // Unscrolled, the first venue's reminder button is at most one screen further down (it
      // was under 168 rows of communes, 6000 px down at 360 px).
      const remind = await find(page, 'office.report.remind.0');
      assert.ok(remind.y + remind.h <= 2 * height,
        `the first venue not complying ends ${Math.round(remind.y + remind.h)} px down the page, more than a short scroll at ${height} px`);
      await reveal(page, 'office.report.remind.0');
      await assertInView(page, 'office.report.bad.0', OFFICE_BARS);
      const bad = (await probe(page)).items.filter((i) => /^office\.report\.bad\.\d+$/.test(i.id)).map((i) => i.text);
      assert.equal(bad.length, 3);
      // The table lists the city and the communes that have venues; no row of zeros.
      const rows = (await probe(page)).items.filter((i) => /^office\.report\.scans\./.test(i.id)).map((i) => i.id.split('.').pop());
      assert.deepEqual(rows.sort(), ['79', SAI_GON, BEN_THANH].sort());
      // The rest is one line, and it opens to their names.
      const line = await reveal(page, 'office.report.empty');
      assert.equal(line.text, `${COMMUNES - WITH_VENUES} xã/phường chưa có cơ sở · Xem`);
      await assertOneLineLabel(page, 'office.report.empty');
      assert.ok(!(await probe(page)).items.some((i) => i.id === 'office.report.empty.list'), 'folded at first');
      await tap(page, 'office.report.empty');
      const list = await find(page, 'office.report.empty.list');
      assert.match(list.text, /Phường Tân Định/);
      assert.doesNotMatch(list.text, /Phường Sài Gòn|Phường Bến Thành/);
      assert.ok(list.y < height && list.y >= OFFICE_BARS.top, `the opened list starts in view (y ${list.y})`);
      assert.match((await find(page, 'office.report.empty')).text, / · Ẩn$/);
      await assertTextsFitWidth(page);
      await assertNoMissingGlyphs(page);
      await screenshot(page, `office-province-empty-open-${width}`);
      // In English the same, in its words; the line still on one line.
      await tap(page, 'office.lang');
      await page.waitForFunction(() => globalThis.dq.probe().items.some((i) => i.id === 'office.report.empty' && / · Hide$/.test(i.text)),
        null, { timeout: 5000 });
      assert.equal((await find(page, 'office.report.empty')).text, `${COMMUNES - WITH_VENUES} wards/communes without venues · Hide`);
      await assertOneLineLabel(page, 'office.report.empty');
      await assertTextsFitWidth(page);
      await tap(page, 'office.report.empty');
      await page.waitForFunction(() => !globalThis.dq.probe().items.some((i) => i.id === 'office.report.empty.list'), null, { timeout: 5000 });
      await assertOneLineLabel(page, 'office.report.empty');  // "· Show" wrapped at 360 px
      await screenshot(page, `office-province-empty-en-${width}`);
      await tap(page, 'office.lang');
    } finally {
      await ctx.close();
    }
  });
}

// The print version: the city and the communes with venues as rows; the others named on one
// line after the table (168 rows of zeros were four printed pages before the venues).
test('the province print version lists the communes with no venue on one line, not as rows of zeros', { skip }, async () => {
  for (const [lang, words] of [['vi', 'xã/phường chưa có cơ sở'], ['en', 'wards/communes without venues']]) {
    const html = (await api('GET', `/api/v1/office/report?format=html&lang=${lang}`, null, token)).text;
    const firstTable = html.split('<table>')[1].split('</table>')[0];
    const rows = firstTable.split('<tr>').slice(2).map((r) => r.match(/<td class=t>([^<]*)<\/td>/)[1]);
    assert.deepEqual(rows.sort(), ['79', SAI_GON, BEN_THANH].sort(), `${lang}: the area rows`);
    const line = html.match(/<p><b>(\d+) ([^:<]+):<\/b> ([^<]*)<\/p>/);
    assert.ok(line, `${lang}: no line for the communes with no venue`);
    assert.equal(Number(line[1]), COMMUNES - WITH_VENUES);
    assert.equal(line[2], words);
    assert.ok(line[3].split(', ').includes('Phường Tân Định'));
    assert.ok(!line[3].includes('Phường Sài Gòn'));
    assert.ok(html.indexOf(line[0]) < html.indexOf('<h2>'), 'the line comes with the area table, before the venues');
  }
});

// Walked in session 10: an error above the form stayed after its cause was gone ("Chọn địa bàn"
// with the commune chosen, "already taken" after disabling another officer). Each error is said
// under the field it is about, in view, and goes when that field is put right.
test('the province officer adds a commune officer at 360×740: each error under its field, gone once put right', { skip }, async () => {
  const ctx = await openPhoneAt(360, 740, freshProfile('dq-province-officers'));
  const texts = async () => (await probe(page)).items.map((i) => i.text);
  let page;
  try {
    page = ctx.pages()[0] || (await ctx.newPage());
    await officeLogin(page);
    await tap(page, 'office.tab.officers');
    await find(page, 'office.officers.username');
    // A name as typed on a phone with marks and a space: the rule, under the username.
    await typeInto(page, 'office.officers.username', 'Tân Định');
    await tap(page, 'office.officers.create');
    assert.match((await assertInView(page, 'office.officers.username.error', OFFICE_BARS)).text, /^Tên đăng nhập: 3 đến 64/);
    await typeInto(page, 'office.officers.username', 'p.tandinh');
    await page.waitForFunction(() => !globalThis.dq.probe().items.some((i) => i.id === 'office.officers.username.error'), null, { timeout: 5000 });
    // No commune chosen: said under the commune's search field, in view.
    await tap(page, 'office.officers.create');
    const noArea = await assertInView(page, 'office.officers.area.q.error', OFFICE_BARS);
    assert.equal(noArea.text, 'Chọn địa bàn: gõ tên rồi chạm vào kết quả.');
    await typeInto(page, 'office.officers.area.q', 'tan dinh');
    await find(page, 'office.officers.area.r0', 5000);
    await tap(page, 'office.officers.area.r0');
    await find(page, 'office.officers.area.chosen');
    await page.waitForTimeout(300);
    assert.ok(!(await texts()).some((t) => /Chọn địa bàn/.test(t)), 'the commune is chosen: no "Chọn địa bàn" left on screen');
    await screenshot(page, 'office-province-officer-area-chosen-360');
    await tap(page, 'office.officers.create');
    await find(page, 'office.officers.shown.password', 15000);
    await tap(page, 'office.officers.shown.done');
    // The same username again: taken, said under the username, in view; in English after a switch.
    await typeInto(page, 'office.officers.username', 'p.tandinh');
    await typeInto(page, 'office.officers.area.q', 'tan dinh');
    await find(page, 'office.officers.area.r0', 5000);
    await tap(page, 'office.officers.area.r0');
    await tap(page, 'office.officers.create');
    assert.equal((await assertInView(page, 'office.officers.username.error', OFFICE_BARS, 10000)).text, 'Tên đăng nhập này đã có người dùng.');
    await assertNoMissingGlyphs(page);
    await screenshot(page, 'office-province-officer-taken-360');
    await tap(page, 'office.lang');
    await page.waitForFunction(() => globalThis.dq.probe().items.some((i) => i.id === 'office.officers.username.error' && i.text === 'That username is taken.'),
      null, { timeout: 5000 });
    await tap(page, 'office.lang');
    // Another name: the error goes; another action (disabling the new officer) leaves none behind.
    await typeInto(page, 'office.officers.username', 'p.tandinh2');
    await page.waitForFunction(() => !globalThis.dq.probe().items.some((i) => i.id === 'office.officers.username.error'), null, { timeout: 5000 });
    const card = (await probe(page)).items.find((i) => /^office\.officers\.\d+\.name$/.test(i.id) && i.text === 'p.tandinh').id.split('.')[2];
    await tap(page, `office.officers.${card}.toggle`);
    await tap(page, `office.officers.${card}.toggle`);
    await page.waitForFunction((id) => globalThis.dq.probe().items.some((i) => i.id === id && i.text === 'Đã khóa'),
      `office.officers.${card}.state`, { timeout: 10000 });
    assert.deepEqual((await probe(page)).items.filter((i) => /error/.test(i.id)).map((i) => `${i.id}: ${i.text}`), []);
    await screenshot(page, 'office-province-officer-disabled-360');
  } finally {
    await ctx.close();
  }
});

// A district's or province's week can bring dozens of new venues (a market's stalls imported in
// one list): the screen lists the first 20 "Mới đăng ký" and says how many more the files hold,
// as it does for the venues not complying; the title's count alone read as a list cut short.
test('the province report lists 20 newly registered venues and says how many more the files hold', { skip }, async () => {
  for (let i = 1; i <= 22; i++) {
    const r = await api('POST', '/api/v1/venues', { name: `Sạp ${i} chợ Tân Định`, address: `${i} Hai Bà Trưng`, ward: SAI_GON,
      category: 'market', staffCount: 1, phone: '0281234567', scanPoints: ['Cổng chính'] }, token);
    assert.equal(r.status, 201, r.text);
  }
  const ctx = await openPhoneAt(360, 740, freshProfile('dq-province-new'));
  try {
    const page = ctx.pages()[0] || (await ctx.newPage());
    await officeLogin(page);
    assert.equal((await find(page, 'office.report.new.title')).text, 'Mới đăng ký (22)');
    const lines = (await probe(page)).items.filter((i) => /^office\.report\.new\.\d+$/.test(i.id));
    assert.equal(lines.length, 20, 'the first 20 are listed');
    const more = await reveal(page, 'office.report.new.more');
    assert.equal(more.text, '… và 2 cơ sở khác: tải XLSX hoặc CSV để xem đủ.');
    await assertNoMissingGlyphs(page);
  } finally {
    await ctx.close();
  }
});
