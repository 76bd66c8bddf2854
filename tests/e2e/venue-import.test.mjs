// An officer imports the venue list the office keeps, on a 360×740 phone against the real server
// (SQLite): from the office's venues tab to /office/nhap-co-so, a CSV with mistakes picked (every
// bad row listed by number, in view, nothing imported), the corrected XLSX picked, "Nhập" tapped;
// the venues are then in the database and in the office's weekly report. Screenshots in
// test-output/e2e/venue-import-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { waitReady, find, tap, typeInto, probe, assertNoMissingGlyphs } from './lib/station.mjs';
import { SERVER_BIN, serverAvailable, serveDb } from './lib/server-process.mjs';
import { openPhoneAt } from './lib/layout.mjs';
import { freshProfile } from './lib/browser.mjs';
import { importAreas } from '../server/areas_fixture.mjs';
import { csv, xlsx, IMPORT_HEADER } from '../server/sheet_files.mjs';

const WEB = path.resolve(process.env.DQ_WEB_DIR || 'build/web');
const OUT = process.env.DQ_TEST_OUTPUT || path.resolve('test-output/e2e');
const skip = !serverAvailable() ? 'no server binary' : !fs.existsSync(path.join(WEB, 'venue-import.html')) ? 'no import page built' : false;
const PASSWORD = 'mat-khau-quan-1';
let dir, db, server;

before(async () => {
  if (skip) return;
  fs.mkdirSync(OUT, { recursive: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dq-import-e2e-'));
  db = `sqlite:${path.join(dir, 'office.db')}`;
  importAreas(SERVER_BIN, db);
  execFileSync(SERVER_BIN, ['admin', 'create-officer', '--username', 'quan1', '--level', 'district', '--area', '760', '--db', db],
    { input: PASSWORD + '\n' });
  server = await serveDb(db, WEB);
});

after(async () => {
  if (server) await server.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const countVenues = () => Number(execFileSync('sqlite3', [db.slice(7), 'SELECT COUNT(*) FROM venues'], { encoding: 'utf8' }).trim());

// The element lies wholly inside the window, as a person sees it now.
async function assertVisibleInView(page, selector) {
  const box = await page.locator(selector).first().boundingBox();
  assert.ok(box, `${selector} is shown`);
  const vp = page.viewportSize();
  assert.ok(box.y >= 0 && box.y + Math.min(box.height, vp.height) <= vp.height + 1 && box.x >= 0 && box.x + box.width <= vp.width + 1,
    `${selector} in view: ${JSON.stringify(box)}`);
}

test('an officer checks a list with mistakes, fixes it, imports it at 360×740; the venues reach the office', { skip }, async () => {
  const ctx = await openPhoneAt(360, 740, freshProfile('dq-import'));
  try {
    const page = await ctx.newPage();
    await page.goto(server.url + 'office');
    await waitReady(page);
    await typeInto(page, 'office.login.user', 'quan1');
    await typeInto(page, 'office.login.password', PASSWORD, { password: true });
    await tap(page, 'office.login.submit');
    await find(page, 'office.tab.report', 15000);
    await tap(page, 'office.tab.venues');
    await Promise.all([page.waitForURL(/\/office\/nhap-co-so$/, { timeout: 15000 }), tap(page, 'office.venues.import')]);
    await page.locator('#file').waitFor({ state: 'visible' });

    // A list with mistakes: a commune that does not exist, a phone too short, the same venue twice.
    const before = countVenues();
    const bad = csv([
      IMPORT_HEADER,
      ['Khách Sạn Hoa Sen', '12 Tôn Đức Thắng', 'Bến Nghé', 'Khách sạn', '25', '0909123456', 'Sảnh; Bãi xe'],
      ['Trường Mầm Non Tân Định', '', 'Tân Địng', 'Trường học', '40', '', ''],
      ['Nhà Thuốc An Khang', '8 Hai Bà Trưng', 'Đa Kao', '', '', '09091', ''],
      ['khách sạn hoa sen', '', 'ben nghe', '', '', '', ''],
    ]);
    await page.setInputFiles('#file', { name: 'danh-sach.csv', mimeType: 'text/csv', buffer: bad });
    const summary = page.locator('#summary');
    await assert.doesNotReject(summary.filter({ hasText: '3 dòng có lỗi' }).waitFor({ timeout: 15000 }));
    await assertVisibleInView(page, '#summary');
    const rows = await page.locator('.row-errors li').allTextContents();
    assert.deepEqual(rows.map((t) => t.split(' · ')[0]), ['Dòng 3', 'Dòng 4', 'Dòng 5']);
    assert.match(rows[0], /Phường\/xã: Không tìm thấy phường\/xã "Tân Địng"/);
    assert.match(rows[1], /Số điện thoại: Số điện thoại "09091"/);
    assert.match(rows[2], /Trùng tên với dòng 2/);
    await assertVisibleInView(page, '.row-errors li');
    assert.equal(await page.locator('#import').isVisible(), false, 'nothing to import while rows are wrong');
    await page.screenshot({ path: path.join(OUT, 'venue-import-errors.png') });
    assert.equal(countVenues(), before, 'a check writes nothing');

    // The corrected list, saved from Excel (the phone stored as a number).
    const good = xlsx([
      IMPORT_HEADER,
      ['Khách Sạn Hoa Sen', '12 Tôn Đức Thắng', 'Bến Nghé', 'Khách sạn', 25, 909123456, 'Sảnh; Bãi xe'],
      ['Trường Mầm Non Tân Định', '', 'Tân Định', 'Trường học', 40, '', ''],
      ['Nhà Thuốc An Khang', '8 Hai Bà Trưng', 'Đa Kao', '', '', 909123457, ''],
    ]);
    await page.setInputFiles('#file', { name: 'danh-sach.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: good });
    await summary.filter({ hasText: 'tất cả đều đúng' }).waitFor({ timeout: 15000 });
    assert.equal(await page.locator('.row-errors li').count(), 0);
    const go = page.locator('#import');
    assert.equal(await go.textContent(), 'Nhập 3 cơ sở');
    assert.deepEqual((await page.locator('#venues li strong').allTextContents()),
      ['Khách Sạn Hoa Sen', 'Trường Mầm Non Tân Định', 'Nhà Thuốc An Khang']);
    await page.screenshot({ path: path.join(OUT, 'venue-import-ready.png') });
    await go.scrollIntoViewIfNeeded();
    await go.tap();
    await page.locator('#done-text').filter({ hasText: 'Đã nhập 3 cơ sở.' }).waitFor({ timeout: 15000 });
    await assertVisibleInView(page, '#done-text');
    await page.screenshot({ path: path.join(OUT, 'venue-import-done.png') });
    assert.equal(countVenues(), before + 3);

    // Back in the office (same tab, same session): the new venues have no scans yet, so the
    // weekly report lists them as newly registered ("Mới đăng ký"), not as not complying
    // (session 16: a venue registered minutes ago read "Không có lượt quét").
    await Promise.all([page.waitForURL(/\/office$/), page.locator('#done a.button').tap()]);
    await waitReady(page);
    await find(page, 'office.tab.report', 15000);
    const deadline = Date.now() + 15000;
    let lines = [], listed = [];
    while (Date.now() < deadline) {
      const items = (await probe(page)).items;
      lines = items.filter((i) => /^office\.report\.new\.\d+$/.test(i.id)).map((i) => i.text);
      listed = items.filter((i) => /^office\.report\.bad\.\d+$/.test(i.id)).map((i) => i.text);
      if (lines.some((t) => t.startsWith('Khách Sạn Hoa Sen'))) break;
      await page.waitForTimeout(200);
    }
    for (const name of ['Khách Sạn Hoa Sen', 'Trường Mầm Non Tân Định', 'Nhà Thuốc An Khang']) {
      assert.ok(lines.some((t) => t.startsWith(`${name} — Mới đăng ký `)), `${name} newly registered: ${lines.join(' | ')}`);
      assert.ok(!listed.some((t) => t.startsWith(name)), `${name} not among those not complying: ${listed.join(' | ')}`);
    }
    await assertNoMissingGlyphs(page);
  } finally {
    await ctx.close();
  }
});

test('without an office session the page says to log in first', { skip }, async () => {
  const ctx = await openPhoneAt(360, 740, freshProfile('dq-import-anon'));
  try {
    const page = await ctx.newPage();
    await page.goto(server.url + 'office/nhap-co-so');
    await page.locator('#login').waitFor({ state: 'visible' });
    assert.equal(await page.locator('#main').isVisible(), false);
    await assertVisibleInView(page, '#login a.button');
  } finally {
    await ctx.close();
  }
});
