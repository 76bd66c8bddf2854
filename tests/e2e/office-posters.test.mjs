// A venue's posters printed at the commune office, in Chromium at 360×740 and 412×915 against
// the real server: the officer finds the venue by name on the Cơ sở tab and taps "Tải áp phích
// (PDF)" twice fast; one PDF arrives, its QR codes are the ones the venue's station printed
// (the posters on its walls stay valid) and verify; a venue without a scan point is told so in
// Vietnamese, in view, and nothing downloads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPhone, freshProfile } from './lib/browser.mjs';
import { waitReady, find, tap, doubleTap, typeInto, screenshot, PHONES, assertInView, assertNoMissingGlyphs } from './lib/station.mjs';
import { SERVER_BIN, serverAvailable, admin } from './lib/server-process.mjs';
import { assertTextsFitWidth } from './lib/layout.mjs';
import { importAreas } from '../server/areas_fixture.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const WEB = path.resolve(process.env.DQ_WEB_DIR || 'build/web');
const MAKE_POSTER = path.join(ROOT, process.env.DQ_MAKE_POSTER ?? 'build/native/tests/poster/make_poster');
const haveTools = (() => { try { execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' }); return fs.existsSync(MAKE_POSTER); } catch { return false; } })();
const skip = !serverAvailable() || !fs.existsSync(path.join(WEB, 'index.html')) || !haveTools;
const PASSWORD = 'mat-khau-phuong-ben-nghe';

let dir, db, proc, url, exited;
let venueId, stationUrls;

async function api(method, p, body, token) {
  const r = await fetch(url + p, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined });
  const buf = Buffer.from(await r.arrayBuffer());
  let json = null;
  try { json = JSON.parse(buf.toString('utf8')); } catch { /* a PDF */ }
  return { status: r.status, json, buf };
}

// The QR codes of a poster PDF as text, page by page.
function qrUrls(pdf, name) {
  const work = fs.mkdtempSync(path.join(dir, `${name}-`));
  fs.writeFileSync(path.join(work, 'p.pdf'), pdf);
  execFileSync('pdftoppm', ['-r', '100', '-png', path.join(work, 'p.pdf'), path.join(work, 'page')]);
  const pngs = fs.readdirSync(work).filter((f) => f.endsWith('.png')).sort().map((f) => path.join(work, f));
  const out = execFileSync('node', ['--no-experimental-fetch', path.join(ROOT, 'tests/poster/decode_qr.cjs'), ...pngs], { encoding: 'utf8' });
  return out.trim().split('\n').map((l) => JSON.parse(l).text);
}

before(async () => {
  if (skip) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dq-office-posters-'));
  db = `sqlite:${path.join(dir, 'office.db')}`;
  importAreas(SERVER_BIN, db);
  execFileSync(SERVER_BIN, ['admin', 'create-officer', '--username', 'benghe', '--level', 'ward', '--area', '26740', '--db', db],
    { input: PASSWORD + '\n' });
  admin(db, 'create-venue', '--id', 'quan-moi', '--name', 'Quán Mới Chưa Có Điểm', '--area', '26740');
  proc = spawn(SERVER_BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--static', WEB], { stdio: ['ignore', 'pipe', 'pipe'] });
  exited = new Promise((r) => proc.on('exit', r));
  const port = await new Promise((resolve, reject) => {
    let out = '';
    const t = setTimeout(() => reject(new Error('server did not start')), 15000);
    proc.stdout.on('data', (d) => { out += d; const m = out.match(/listening on http:\/\/[^:]+:(\d+)/); if (m) { clearTimeout(t); resolve(Number(m[1])); } });
  });
  url = `http://127.0.0.1:${port}`;
  const tok = (await api('POST', '/api/v1/office/login', { username: 'benghe', password: PASSWORD })).json.token;
  venueId = (await api('POST', '/api/v1/venues', { name: 'Quán Phở Hòa', address: '12 Lê Lợi', ward: '26740', category: 'restaurant',
    staffCount: 3, phone: '0281234567', scanPoints: ['Cổng chính', 'Cửa sau'] }, tok)).json.id;
  // The venue's station printed its posters first: those are on its walls.
  const code = (await api('POST', `/api/v1/office/venues/${venueId}/codes`, { count: 1 }, tok)).json.codes[0];
  const st = (await api('POST', '/api/v1/enroll', { code, device: 'st-1' })).json.token;
  const printed = await api('POST', `/api/v1/venues/${venueId}/posters`, null, st);
  assert.equal(printed.status, 200);
  stationUrls = qrUrls(printed.buf, 'station');
  assert.equal(stationUrls.length, 2);
  // A citizen's complaint from the poster's report page: the poster is gone.
  assert.equal((await api('POST', '/api/v1/reports', { venue: venueId, kind: 'no_poster', note: 'Cửa sau không còn mã QR' })).status, 201);
});

after(async () => {
  if (proc) { proc.kill('SIGTERM'); await exited; }
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function login(page) {
  await page.goto(url + '/office');
  await waitReady(page);
  await typeInto(page, 'office.login.user', 'benghe');
  await tap(page, 'office.login.password');
  await page.keyboard.insertText(PASSWORD);
  await tap(page, 'office.login.submit');
  await find(page, 'office.report.total.scans', 15000);
}

async function chooseVenue(page, typed, name) {
  await typeInto(page, 'office.posters.venue.q', typed);
  await page.waitForFunction(([n]) => globalThis.dq.probe().items.some((i) => i.id === 'office.posters.venue.r0' && i.text === n),
    [name], { timeout: 10000 });
  await tap(page, 'office.posters.venue.r0');
  await find(page, 'office.posters.venue.chosen', 5000);
}

for (const vp of PHONES) {
  test(`officer at ${vp.width}×${vp.height}: a double tap on "Tải áp phích (PDF)" downloads the venue's posters once, the station's QR codes`, { skip }, async () => {
    const ctx = await openPhone(freshProfile(`dq-office-posters-${vp.width}`), { viewport: vp });
    try {
      const page = await ctx.newPage();
      const downloads = [];
      page.on('download', (d) => downloads.push(d));
      await login(page);
      await tap(page, 'office.tab.venues');
      assert.equal((await find(page, 'office.posters.title')).text, 'Áp phích của cơ sở');

      // A venue with no scan point: told why, in Vietnamese, in view; nothing downloads.
      await chooseVenue(page, 'quan moi', 'Quán Mới Chưa Có Điểm');
      await tap(page, 'office.posters.download');
      const refused = await assertInView(page, 'office.posters.download.error', 10000);
      assert.equal(refused.text, 'Cơ sở chưa có điểm quét nên chưa có áp phích. Hãy thêm điểm quét trước.');
      await assertNoMissingGlyphs(page, 'posters refused');
      await screenshot(page, `office-posters-no-points-${vp.width}`);

      // Another venue: the choice tapped to search again; typed as said on the phone, without
      // marks; then two taps back to back.
      await tap(page, 'office.posters.venue.chosen');
      assert.ok(!(await page.evaluate(() => globalThis.dq.probe().items.some((i) => i.id === 'office.posters.download.error'))),
        'the refusal goes with the venue it was about');
      await chooseVenue(page, 'pho hoa', 'Quán Phở Hòa');
      await doubleTap(page, 'office.posters.download');
      const done = await assertInView(page, 'office.posters.download.done', 20000);
      assert.equal(done.text, 'Đã tải áp phích của Quán Phở Hòa. In khổ A4, đúng kích thước.');
      await page.waitForTimeout(2500);  // a second download would have arrived by now
      assert.equal(downloads.length, 1, 'one file for a double tap');
      assert.equal(downloads[0].suggestedFilename(), `ap-phich-${venueId}.pdf`);
      const file = path.join(dir, `office-${vp.width}.pdf`);
      await downloads[0].saveAs(file);
      const pdf = fs.readFileSync(file);
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      const urls = qrUrls(pdf, `office-${vp.width}`);
      assert.deepEqual(urls, stationUrls, 'the office prints the QR codes already on the venue\'s walls');
      const ring = (await api('GET', '/api/v1/keys')).json.ring;
      for (const [i, u] of urls.entries()) {
        const kid = u.match(/#1\.[^.]+\.[^.]+\.([^.]+)\./)[1];
        const ok = execFileSync(MAKE_POSTER, ['verify', ring.find((l) => l.startsWith(`dqk1.${kid}.`)), '20261207', u], { encoding: 'utf8' }).trim();
        assert.equal(ok, `verified ${venueId} p${i + 1}`);
      }
      await assertTextsFitWidth(page);
      await assertNoMissingGlyphs(page, 'posters downloaded');
      await screenshot(page, `office-posters-done-${vp.width}`);
      // In English too, worded again from its key, within the screen's width.
      await tap(page, 'office.lang');
      assert.equal((await find(page, 'office.posters.title')).text, 'A venue\'s posters');
      assert.equal((await find(page, 'office.posters.download.done')).text, 'Posters downloaded for Quán Phở Hòa. Print on A4 at actual size.');
      await assertTextsFitWidth(page);
      await screenshot(page, `office-posters-done-${vp.width}-en`);
      await tap(page, 'office.lang');
    } finally { await ctx.close(); }
  });
}

test('officer at 360×740: on a "no poster" complaint, a double tap on its "Tải áp phích (PDF)" downloads the venue\'s posters once', { skip }, async () => {
  const ctx = await openPhone(freshProfile('dq-office-posters-complaint'), { viewport: PHONES[0] });
  try {
    const page = await ctx.newPage();
    const downloads = [];
    page.on('download', (d) => downloads.push(d));
    await login(page);
    await tap(page, 'office.tab.violations');
    await page.waitForFunction(() => globalThis.dq.probe().items.some((i) => /^office\.violations\.\d+$/.test(i.id) &&
      i.text === 'Quán Phở Hòa — Không có poster'), null, { timeout: 10000 });
    const row = (await page.evaluate(() => globalThis.dq.probe().items)).find((i) => i.text === 'Quán Phở Hòa — Không có poster').id;
    await doubleTap(page, `${row}.posters`);
    const done = await assertInView(page, `${row}.posters.done`, 20000);
    assert.equal(done.text, 'Đã tải áp phích của Quán Phở Hòa. In khổ A4, đúng kích thước.');
    await page.waitForTimeout(2500);  // a second download would have arrived by now
    assert.equal(downloads.length, 1, 'one file for a double tap');
    const file = path.join(dir, 'office-complaint.pdf');
    await downloads[0].saveAs(file);
    const pdf = fs.readFileSync(file);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.deepEqual(qrUrls(pdf, 'office-complaint'), stationUrls);
    await assertTextsFitWidth(page);
    await assertNoMissingGlyphs(page, 'posters from a complaint');
    await screenshot(page, 'office-posters-complaint-360');
  } finally { await ctx.close(); }
});

test('each download is in the officer\'s audit trail, with the venue and nothing personal', { skip }, async () => {
  const tok = (await api('POST', '/api/v1/office/login', { username: 'benghe', password: PASSWORD })).json.token;
  const rows = (await api('GET', '/api/v1/office/audit', null, tok)).json.entries.filter((e) => e.action === 'print_posters');
  assert.deepEqual(rows.map((e) => `${e.target} ${e.detail}`), [...PHONES, 'complaint'].map(() => `${venueId} reprinted`));
});
