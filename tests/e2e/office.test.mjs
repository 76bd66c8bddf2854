// The office in Chromium at phone size (412×915), against the real server on SQLite: an
// officer logs in, opens the week's report, downloads the XLSX and reads its numbers back,
// runs a contact trace with a reason, and looks at the complaint queue and the venue form.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPhone, freshProfile } from './lib/browser.mjs';
import { waitReady, find, tap, doubleTap, typeInto, typeNfd, screenshot, OUT, PHONES, paste, assertInView, assertNoMissingGlyphs, probe, reveal } from './lib/station.mjs';
import { SERVER_BIN, serverAvailable, admin, setVenuesRegistered } from './lib/server-process.mjs';
import { SIZES, openPhoneAt, assertTextsFitWidth, assertOneLineLabel, assertInView as layoutInView, OFFICE_BARS } from './lib/layout.mjs';
import { importAreas } from '../server/areas_fixture.mjs';

// Picks Phường Bến Nghé in the venue form's area picker, as an officer would: type, tap.
async function chooseWard(page) {
  await typeInto(page, 'office.venues.ward.q', 'BẾN NGH');
  await tap(page, 'office.venues.ward.r0');
  await find(page, 'office.venues.ward.chosen', 5000);
}

const WEB = path.resolve(process.env.DQ_WEB_DIR || 'build/web');
const skip = !serverAvailable() || !fs.existsSync(path.join(WEB, 'index.html'));
const PASSWORD = 'mat-khau-phuong-ben-nghe';
const VN = 7 * 3_600_000;
// A self-declared name that a spreadsheet would run as a formula if exported verbatim.
const FORMULA_NAME = '=HYPERLINK("http://x.example","bấm")';

let dir, db, proc, url, exited;
const expected = { scans: 0 };
let lastSunday;  // "29/11/2026": the day Karaoke Ánh Sao and the two Bún Bò Huế were registered
let station;  // Quán Phở Hòa's station: { venue, token, seq } (more records later in a test)

async function api(method, p, body, token) {
  const r = await fetch(url + p, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined });
  return { status: r.status, json: await r.json().catch(() => null) };
}

before(async () => {
  if (skip) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dq-office-e2e-'));
  db = `sqlite:${path.join(dir, 'office.db')}`;
  importAreas(SERVER_BIN, db);
  execFileSync(SERVER_BIN, ['admin', 'create-officer', '--username', 'benghe', '--level', 'ward', '--area', '26740', '--db', db],
    { input: PASSWORD + '\n' });
  proc = spawn(SERVER_BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--static', WEB], { stdio: ['ignore', 'pipe', 'pipe'] });
  exited = new Promise((r) => proc.on('exit', r));
  const port = await new Promise((resolve, reject) => {
    let out = '';
    const t = setTimeout(() => reject(new Error('server did not start')), 15000);
    proc.stdout.on('data', (d) => { out += d; const m = out.match(/listening on http:\/\/[^:]+:(\d+)/); if (m) { clearTimeout(t); resolve(Number(m[1])); } });
  });
  url = `http://127.0.0.1:${port}`;
  // Data through the API, as stations and officers make it.
  const tok = (await api('POST', '/api/v1/office/login', { username: 'benghe', password: PASSWORD })).json.token;
  const mk = async (name, staff) => (await api('POST', '/api/v1/venues', { name, address: '12 Lê Lợi', ward: '26740', category: 'restaurant',
    staffCount: staff, phone: '0281234567', scanPoints: ['Cổng chính', 'Cửa sau'] }, tok)).json.id;
  const v1 = await mk('Quán Phở Hòa', 3);
  const karaoke = await mk('Karaoke Ánh Sao', 8);   // no scans: non-complying
  // Two venues of one name (told apart by their addresses), no scans either.
  const twins = [];
  for (const address of ['5 Pasteur', '9 Pasteur'])
    twins.push((await api('POST', '/api/v1/venues', { name: 'Bún Bò Huế', address, ward: '26740', category: 'restaurant',
      staffCount: 2, phone: '0281234568', scanPoints: ['Cửa'] }, tok)).json.id);
  // Those three were registered last Sunday night: this week they are judged (not "Mới đăng
  // ký"); last week they were new. "Quán Mới Mở", registered now, is new this week.
  const weekStartMs = (await api('GET', '/api/v1/office/report', null, tok)).json.weekStartMs;
  setVenuesRegistered(db, weekStartMs - 3_600_000, `venue_id IN ('${[karaoke, ...twins].join("', '")}')`);
  lastSunday = new Date(weekStartMs - 3_600_000 + VN).toISOString().slice(0, 10).split('-').reverse().join('/');
  await mk('Quán Mới Mở', 2);
  const code = (await api('POST', `/api/v1/office/venues/${v1}/codes`, { count: 1 }, tok)).json.codes[0];
  const st = (await api('POST', '/api/v1/enroll', { code, device: 'st-1' })).json.token;
  const now = Date.now();
  const recs = [];
  for (let i = 0; i < 12; ++i) {
    recs.push({ device: 'st-1', seq: i + 1, venue: v1, scanPoint: i % 2 ? 'p2' : 'p1', kind: 'cccd',
      personKey: i === 0 ? '001090000001' : `0790900000${String(i).padStart(2, '0')}`, name: i === 0 ? 'Người F0' : i === 5 ? FORMULA_NAME : `Khách ${i}`,
      phone: '', birthYear: 1990, dir: 'in', ts: now - 50_000 + i * 1000, tz: 420, voided: false });
  }
  const up = await api('POST', '/api/v1/checkins', { device: 'st-1', checkIns: recs }, st);
  assert.equal(up.status, 200);
  station = { venue: v1, token: st, seq: recs.length };
  expected.scans = recs.length;
  await api('POST', '/api/v1/reports', { venue: v1, kind: 'no_poster', note: 'Không thấy mã QR ở cửa' });
});

after(async () => {
  if (proc) { proc.kill('SIGTERM'); await exited; }
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('officer: login, weekly report, XLSX export read back, trace with a reason', { skip }, async () => {
  const ctx = await openPhone(freshProfile('dq-office'), {});
  try {
    const page = await ctx.newPage();
    await page.goto(url + '/office');
    await waitReady(page);
    await screenshot(page, 'office-login');
    await typeInto(page, 'office.login.user', 'benghe');
    // The password field shows bullets (and the probe reports them), never the text.
    await tap(page, 'office.login.password');
    for (const ch of PASSWORD) await page.keyboard.insertText(ch);
    await page.waitForFunction((n) => globalThis.dq.probe().items.some((i) => i.id === 'office.login.password' && i.text === '•'.repeat(n)), PASSWORD.length);
    assert.equal(await page.evaluate(() => document.getElementById('dq-text').type), 'password');
    await screenshot(page, 'office-login-filled');
    await tap(page, 'office.login.submit');
    const total = await find(page, 'office.report.total.scans', 15000);
    await page.waitForFunction((n) => globalThis.dq.probe().items.some((i) => i.id === 'office.report.total.scans' && i.text.includes(String(n))), expected.scans, { timeout: 10000 });
    void total;
    await screenshot(page, 'office-report');

    // XLSX: the file the browser saves, unzipped, row of ward 26740, column G = scans
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }), tap(page, 'office.report.xlsx')]);
    const file = path.join(OUT, 'office-report.xlsx');
    await download.saveAs(file);
    assert.match(download.suggestedFilename(), /\.xlsx$/);
    const sheet = execFileSync('unzip', ['-p', file, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' });
    const shared = execFileSync('unzip', ['-p', file, 'xl/sharedStrings.xml'], { encoding: 'utf8' });
    const strings = [...shared.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => m[1]);
    const cells = {};
    for (const m of sheet.matchAll(/<c r="([A-Z]+)(\d+)"([^>]*)>(?:<f>[^<]*<\/f>)?<v>([^<]*)<\/v><\/c>/g))
      cells[m[1] + m[2]] = m[3].includes('t="s"') ? strings[Number(m[4])] : Number(m[4]);
    const row = Object.keys(cells).find((k) => k.startsWith('A') && cells[k] === '26740').slice(1);
    assert.equal(cells['D' + row], 5, 'venues');
    assert.equal(cells['F' + row], 1, 'venues with a scan');
    assert.equal(cells['G' + row], expected.scans, 'scans');
    assert.equal(cells['J' + row], 4, 'non-complying: three without scans, one with an open complaint');
    assert.equal(cells['M' + row], 1, 'newly registered: Quán Mới Mở, not counted as not complying');
    // The file names its week as the screen above the numbers does ("Tuần 49", "30/11 – 06/12/2026"),
    // not "2026-W49".
    const shown = await page.evaluate(() => Object.fromEntries(globalThis.dq.probe().items
      .filter((i) => i.id === 'office.report.week' || i.id === 'office.report.range').map((i) => [i.id, i.text])));
    const weekTitle = `${shown['office.report.week']} (${shown['office.report.range'].split(' · ')[0]})`;
    assert.match(weekTitle, /^Tuần \d+ \(\d\d\/\d\d/, JSON.stringify(shown));
    assert.ok(cells.A1.startsWith(`Báo cáo tuân thủ ${weekTitle} — `), `XLSX title "${cells.A1}" vs the screen's "${weekTitle}"`);

    // A venue not complying: its scans and staff are named (it read "(0/8)").
    const bad = (await probe(page)).items.filter((i) => /^office\.report\.bad\.\d+$/.test(i.id)).map((i) => i.text);
    assert.ok(bad.includes('Karaoke Ánh Sao — Không có lượt quét (0 lượt quét / 8 nhân viên)'), bad.join(' | '));
    // Two venues of one name: each says its address on a second line (they read as one).
    for (const address of ['5 Pasteur', '9 Pasteur'])
      assert.ok(bad.includes(`Bún Bò Huế — Không có lượt quét (0 lượt quét / 2 nhân viên)\n${address}`), bad.join(' | '));
    // A venue registered minutes ago is not "Không có lượt quét": it is listed apart, "Mới đăng ký".
    assert.ok(!bad.some((t) => t.startsWith('Quán Mới Mở')), bad.join(' | '));
    const today = new Date(Date.now() + VN).toISOString().slice(0, 10).split('-').reverse().join('/');
    assert.equal((await reveal(page, 'office.report.new.0')).text, `Quán Mới Mở — Mới đăng ký ${today}`);
    assert.equal((await find(page, 'office.report.new.title')).text, 'Mới đăng ký (1)');
    assert.match((await find(page, 'office.report.total.noncomplying')).text, /^4 /);
    await screenshot(page, 'office-report-newly-registered');

    // Complaint queue
    await tap(page, 'office.tab.violations');
    await find(page, 'office.violations.0', 10000);
    await screenshot(page, 'office-violations');

    // Trace: the reason is required
    await tap(page, 'office.tab.trace');
    const day = new Date(Date.now() + VN).toISOString().slice(0, 10);
    await typeInto(page, 'office.trace.id', '001090000001');
    await typeInto(page, 'office.trace.from', day);
    await typeInto(page, 'office.trace.to', day);
    await tap(page, 'office.trace.run');
    await find(page, 'office.trace.reason.error', 5000);
    await typeInto(page, 'office.trace.reason', 'F0 ca số 7 theo yêu cầu CDC');
    await tap(page, 'office.trace.run');
    const visit = await find(page, 'office.trace.visit.0', 15000);
    assert.match(visit.text, /Quán Phở Hòa/);
    const title = await find(page, 'office.trace.contacts.title');
    assert.match(title.text, /\(11\)/);
    await screenshot(page, 'office-trace');

    // Venue form
    await tap(page, 'office.tab.venues');
    await find(page, 'office.venues.register', 10000);
    // The ward picker: a ward outside the officer's area is not offered; typed without marks
    // or in capitals, Bến Nghé is; a tap chooses it (decomposed input: areas.test.mjs, areas_test.cpp).
    await typeInto(page, 'office.venues.ward.q', 'ben thanh');
    await find(page, 'office.venues.ward.none', 5000);
    await typeInto(page, 'office.venues.ward.q', 'BẾN NGH');
    const wardRow = await find(page, 'office.venues.ward.r0', 5000);
    assert.equal(wardRow.text, 'Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh');
    await screenshot(page, 'office-venues-picker');
    await tap(page, 'office.venues.ward.r0');
    assert.equal((await find(page, 'office.venues.ward.chosen', 5000)).text, 'Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh');
    await screenshot(page, 'office-venues');

    // English: the switch in the top bar turns every label, and back to Vietnamese.
    const label = async (id, text) => page.waitForFunction(([i, t]) => globalThis.dq.probe().items.some((x) => x.id === i && x.text === t),
      [id, text], { timeout: 5000 });
    await label('office.tab.report', 'Báo cáo');
    await tap(page, 'office.lang');
    await label('office.tab.report', 'Report');
    await label('office.logout', 'Log out');
    await tap(page, 'office.tab.report');
    await label('office.tab.violations', 'Issues');
    await screenshot(page, 'office-report-en');
    // Session 9: in English the exports are in English too, their title naming the week as the
    // English screen does (they were Vietnamese whatever the office's language).
    await find(page, 'office.report.total.scans', 10000);
    const enShown = await page.evaluate(() => Object.fromEntries(globalThis.dq.probe().items
      .filter((i) => i.id === 'office.report.week' || i.id === 'office.report.range').map((i) => [i.id, i.text])));
    const enWeek = `${enShown['office.report.week']} (${enShown['office.report.range'].split(' · ')[0]})`;
    assert.match(enWeek, /^Week \d+ \(\d\d\/\d\d/, JSON.stringify(enShown));
    const [enXlsx] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }), tap(page, 'office.report.xlsx')]);
    const enFile = path.join(OUT, 'office-report-en.xlsx');
    await enXlsx.saveAs(enFile);
    const enStrings = [...execFileSync('unzip', ['-p', enFile, 'xl/sharedStrings.xml'], { encoding: 'utf8' })
      .matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => m[1]);
    assert.ok(enStrings.some((t) => t.startsWith(`Compliance report ${enWeek} — `)), enStrings.slice(0, 3).join(' | '));
    for (const word of ['Scans per staff member', 'Not complying', 'No scans', 'Open complaint', 'Ward/commune'])
      assert.ok(enStrings.includes(word), `"${word}" in the English XLSX: ${enStrings.join(' | ')}`);
    assert.ok(!enStrings.some((t) => /Tuần|Lượt quét|Báo cáo|Chưa tuân thủ/.test(t)), enStrings.join(' | '));
    const [enCsv] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }), tap(page, 'office.report.csv')]);
    const enCsvFile = path.join(OUT, 'office-report-en.csv');
    await enCsv.saveAs(enCsvFile);
    const enLines = fs.readFileSync(enCsvFile, 'utf8').replace(/^\uFEFF/, '').split('\r\n');
    assert.ok(enLines[0].startsWith(`Compliance report ${enWeek},`), enLines[0]);
    assert.ok(enLines.includes('Week,Scans,Venues with scans'), enLines.join('\n'));
    assert.ok(enLines.some((l) => l.includes('Karaoke Ánh Sao') && l.includes(',No scans,')), 'names stay as they are: ' + enLines.join('\n'));
    const enBad = (await probe(page)).items.filter((i) => /^office\.report\.bad\.\d+$/.test(i.id)).map((i) => i.text);
    assert.ok(enBad.includes('Karaoke Ánh Sao — No scans (0 scans / 8 staff)'), enBad.join(' | '));
    await tap(page, 'office.lang');
    await label('office.tab.report', 'Báo cáo');
  } finally {
    await ctx.close();
  }
});

// Issue #12 defects 17 and 16: after a wrong password the right one, typed fast (or pasted) and
// "Đăng nhập" tapped at once, logs in (the keyboard's last characters were dropped when the
// input closed before a frame took them); the enrollment code is drawn whole in the big font.
for (const [i, vp] of PHONES.entries()) {
  // The new code is scrolled into view on the frame after the one that first draws it (the
  // check waits for the layout to settle); the keyboard's input follows its field when the
  // form scrolls (left behind, it took the tap meant for the next field).
  test(`login after a wrong password, ${i ? 'pasted' : 'typed fast'}, at ${vp.width}×${vp.height}; the enrollment code drawn whole`, { skip }, async () => {
    const ctx = await openPhone(freshProfile('dq-office'), { viewport: vp });
    try {
      const page = await ctx.newPage();
      await page.goto(url + '/office');
      await waitReady(page);
      await typeInto(page, 'office.login.user', 'benghe');
      await paste(page, 'office.login.password', 'sai-mat-khau', { password: true });
      await tap(page, 'office.login.submit');
      await assertInView(page, 'office.login.error', 15000);
      await screenshot(page, `office-login-wrong-${vp.width}`);
      await tap(page, 'office.login.password');
      await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'dq-text');
      await page.evaluate(() => { const el = document.getElementById('dq-text'); el.value = ''; el.dispatchEvent(new Event('input')); });
      if (i) await page.keyboard.insertText(PASSWORD);
      else for (const ch of PASSWORD) await page.keyboard.insertText(ch);
      await tap(page, 'office.login.submit');  // at once: no frame may have drawn the field yet
      await find(page, 'office.report.total.scans', 15000);
      await tap(page, 'office.tab.venues');
      await typeInto(page, 'office.venues.name', 'Chợ Tân Định');
      await typeInto(page, 'office.venues.address', '48 Hai Bà Trưng');
      await typeInto(page, 'office.venues.staff', '4');
      await typeInto(page, 'office.venues.phone', '0281234567');
      await typeInto(page, 'office.venues.points', 'Cổng chính');
      await chooseWard(page);  // a venue is always in a ward (the area picker)
      await tap(page, 'office.venues.register');
      await find(page, 'office.venues.done', 15000);
      // The officer reads "Đã đăng ký" first: within 1 s a tap on "Cấp mã" is a double tap's second.
      await page.waitForTimeout(1100);
      await tap(page, 'office.venues.code');
      const code = await assertInView(page, 'office.venues.code.value', 15000);
      assert.match(code.text, /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      // Session 14: what to do with the code, and where the venue's posters come from (the
      // office prints none: a new officer looked for them), in view under the code.
      const next = await assertInView(page, 'office.venues.code.next');
      assert.match(next.text, /Cài đặt, nhập mã vào ô Mã đăng ký/);
      assert.match(next.text, /Tải áp phích \(PDF\)/);
      await page.waitForTimeout(300);
      await assertNoMissingGlyphs(page, 'with the enrollment code on screen');
      await screenshot(page, `office-enrollment-code-${vp.width}`);
    } finally { await ctx.close(); }
  });
}

async function login(page) {
  await page.goto(url + '/office');
  await waitReady(page);
  await typeInto(page, 'office.login.user', 'benghe');
  await tap(page, 'office.login.password');
  await page.keyboard.insertText(PASSWORD);
  await tap(page, 'office.login.submit');
  await find(page, 'office.report.total.scans', 15000);
}

const shows = (page, id, re, timeout = 10000) => page.waitForFunction(([i, src]) =>
  globalThis.dq.probe().items.some((x) => x.id === i && new RegExp(src).test(x.text)), [id, re.source], { timeout });

test('officer: a reload keeps the session and the language; new reports appear without a reload', { skip }, async () => {
  const ctx = await openPhone(freshProfile('dq-office-fresh'), {});
  try {
    const page = await ctx.newPage();
    await login(page);
    await shows(page, 'office.report.updated', /^Cập nhật lúc \d\d:\d\d$/);
    await tap(page, 'office.lang');
    await shows(page, 'office.tab.report', /^Report$/);
    await page.reload();
    await waitReady(page);
    // Still logged in, still in English: the report, not the login form.
    await find(page, 'office.report.total.scans', 15000);
    await shows(page, 'office.tab.report', /^Report$/);
    assert.equal(await page.evaluate(() => localStorage.getItem('dq.office.token')), null, 'the token is never kept beyond the tab');
    await tap(page, 'office.lang');
    await shows(page, 'office.tab.report', /^Báo cáo$/);

    // The queue: a report filed meanwhile appears on entering the tab, and on "Làm mới".
    await tap(page, 'office.tab.violations');
    await find(page, 'office.violations.0', 10000);
    const count = async () => (await page.evaluate(() => globalThis.dq.probe())).items.filter((i) => /^office\.violations\.\d+$/.test(i.id)).length;
    const n0 = await count();
    const vid = (await api('GET', '/api/v1/office/venues', null,
      (await api('POST', '/api/v1/office/login', { username: 'benghe', password: PASSWORD })).json.token)).json;
    const venueId = (vid.venues || vid)[0].id;
    await api('POST', '/api/v1/reports', { venue: venueId, kind: 'cannot_scan', note: 'Mã QR bị mờ' });
    await tap(page, 'office.violations.refresh');
    await page.waitForFunction((n) => globalThis.dq.probe().items.filter((i) => /^office\.violations\.\d+$/.test(i.id)).length === n + 1, n0, { timeout: 10000 });
    await api('POST', '/api/v1/reports', { venue: venueId, kind: 'no_poster', note: 'Lần hai' });
    await tap(page, 'office.tab.report');
    await tap(page, 'office.tab.violations');
    await page.waitForFunction((n) => globalThis.dq.probe().items.filter((i) => /^office\.violations\.\d+$/.test(i.id)).length === n + 2, n0, { timeout: 10000 });
    await screenshot(page, 'office-violations-refreshed');
    // Logging out forgets the session: a reload shows the login form.
    await tap(page, 'office.logout');
    await find(page, 'office.login.user', 10000);
    await page.reload();
    await waitReady(page);
    await find(page, 'office.login.user', 10000);
  } finally { await ctx.close(); }
});

// The office reads every answer into its structs in the core: one with a field of the wrong
// kind (a proxy, a half-deployed server) is refused whole with the server-error banner, what
// was on screen stays, and the office keeps working (before, the screen read the JSON itself
// and a wrong-typed field threw, which stops a WASM module built without exceptions).
test('officer: an answer of the wrong shape shows an error and the office keeps working', { skip }, async () => {
  const ctx = await openPhone(freshProfile('dq-office-bad-answer'), {});
  try {
    const page = await ctx.newPage();
    await login(page);
    const scansBefore = (await find(page, 'office.report.total.scans')).text;
    const bent = async (pattern, bend) => page.route(pattern, async (route) => {
      const res = await route.fetch();
      const body = await res.json();
      bend(body);
      await route.fulfill({ response: res, json: body });
    });
    await bent('**/api/v1/office/report*', (b) => { b.areas[0].venues = String(b.areas[0].venues); });
    await bent('**/api/v1/office/violations*', (b) => { b.violations = { list: b.violations }; });
    await tap(page, 'office.report.refresh');
    await shows(page, 'office.report.error', /^Máy chủ báo lỗi; thử lại\.$/);
    assert.equal((await find(page, 'office.report.total.scans')).text, scansBefore, 'what was shown stays');
    await screenshot(page, 'office-bad-answer');
    await tap(page, 'office.tab.violations');
    await shows(page, 'office.violations.error', /^Máy chủ báo lỗi; thử lại\.$/);
    // The same server, answering as it should again: the screens recover without a reload.
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await tap(page, 'office.violations.refresh');
    await find(page, 'office.violations.0', 10000);
    await tap(page, 'office.tab.report');
    await page.waitForFunction(() => !globalThis.dq.probe().items.some((i) => i.id === 'office.report.error'), null, { timeout: 10000 });
  } finally { await ctx.close(); }
});

test('officer: trace dates typed dd/mm/yyyy, a wrong one named; the CSV has a BOM and no live formula', { skip }, async () => {
  const ctx = await openPhone(freshProfile('dq-office-trace'), {});
  try {
    const page = await ctx.newPage();
    await login(page);
    await tap(page, 'office.tab.trace');
    const iso = new Date(Date.now() + VN).toISOString().slice(0, 10);
    const vn = `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
    await typeInto(page, 'office.trace.id', '001090000001');
    await typeInto(page, 'office.trace.from', '31/02/2026');
    await typeInto(page, 'office.trace.reason', 'F0 ca số 7 theo yêu cầu CDC');
    await tap(page, 'office.trace.run');
    const err = await find(page, 'office.trace.from.error', 5000);
    assert.equal(err.text, `Ngày chưa đúng. Nhập ngày/tháng/năm, ví dụ ${vn}.`, 'its example is today, not a fixed date gone stale');
    assert.equal(await page.evaluate(() => globalThis.dq.probe().items.some((i) => i.id === 'office.trace.to.error')), false, 'only the wrong field is named');
    await screenshot(page, 'office-trace-bad-date');
    await typeInto(page, 'office.trace.from', vn);
    await typeInto(page, 'office.trace.to', vn);
    await tap(page, 'office.trace.run');
    const visit = await find(page, 'office.trace.visit.0', 15000);
    assert.match(visit.text, /Quán Phở Hòa/);
    await screenshot(page, 'office-trace-typed-dates');
    // The ID field edited after the trace: the CSV is still of the result on screen.
    await typeInto(page, 'office.trace.id', '079000000000');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 40000 }), tap(page, 'office.trace.csv')]);
    const file = path.join(OUT, 'office-trace.csv');
    await download.saveAs(file);
    const bytes = fs.readFileSync(file);
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM first, for Excel');
    const csv = bytes.subarray(3).toString('utf8');
    assert.match(csv, /Người F0|Khách 1/);
    assert.ok(csv.includes('"\'=HYPERLINK(""http://x.example"",""bấm"")"'), 'the formula name is neutralised: ' + csv);
    assert.ok(!/(^|,)"?=/m.test(csv), 'no cell starts with =');
  } finally { await ctx.close(); }
});

// Walked by a commune officer at 360×740 (session 7). "Tuần sau" led into weeks that have not
// happened (0 scans, every venue "not complying"); "Tuần trước" named last week at once, above
// this week's numbers until the answer came; a trace's result began below the screen's
// edge, so "Truy vết" seemed to do nothing; dates read "2026-12-05 20:17" beside fields typed
// "05/12/2026"; a citizen's report said "· —" for who sent it; a contact's minutes read "ph" in
// English; a missing reason was said twice; an exposure alert offered scan points by their ids.
test('officer at 360×740: no week after this one, the week named with its numbers, the trace result in view, dates as dd/mm/yyyy', { skip }, async () => {
  const ctx = await openPhone(freshProfile('dq-office-walk'), { viewport: PHONES[0] });
  try {
    const page = await ctx.newPage();
    await login(page);
    const week = async () => (await find(page, 'office.report.week')).text;
    const thisWeek = await week();
    assert.match(thisWeek, /^Tuần \d{1,2}$/);
    assert.equal(await page.evaluate(() => globalThis.dq.probe().items.some((i) => i.id === 'office.report.next')), false,
      'no "Tuần sau" from the current week');
    // Last week's numbers held back (a slow network): the week shown never names last week
    // above this week's numbers.
    let release;
    const held = new Promise((r) => { release = r; });
    await page.route((u) => u.pathname === '/api/v1/office/report' && u.searchParams.has('week') && !u.searchParams.has('format'),
      async (route) => { await held; await route.continue(); });
    await tap(page, 'office.report.prev');
    await page.waitForTimeout(600);
    assert.ok([thisWeek, 'Đang tải…'].includes((await find(page, 'office.report.week')).text),
      `while last week loads, the label is "${(await find(page, 'office.report.week')).text}" above this week's numbers`);
    release();
    await page.waitForFunction((w) => globalThis.dq.probe().items.some((i) => i.id === 'office.report.week' && /^Tuần \d/.test(i.text) && i.text !== w),
      thisWeek, { timeout: 10000 });
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    // Last week had only the three registered on its Sunday night, new then: none "Chưa tuân
    // thủ" (session 8: a venue registered on 05/12 was listed as not complying in week 48;
    // session 16: one registered minutes ago was listed "Không có lượt quét").
    assert.match((await find(page, 'office.report.total.venues')).text, /^3 /);
    assert.match((await find(page, 'office.report.total.noncomplying')).text, /^0 /);
    assert.equal((await find(page, 'office.report.bad.none')).text, 'Các cơ sở trong tuần đều mới đăng ký (xem dưới).');
    assert.equal((await probe(page)).items.some((i) => /^office\.report\.bad\.\d+$/.test(i.id)), false, 'no venue listed');
    const fresh = (await probe(page)).items.filter((i) => /^office\.report\.new\.\d+$/.test(i.id)).map((i) => i.text).sort();
    assert.deepEqual(fresh, [`Bún Bò Huế — Mới đăng ký ${lastSunday}\n5 Pasteur`,
      `Bún Bò Huế — Mới đăng ký ${lastSunday}\n9 Pasteur`, `Karaoke Ánh Sao — Mới đăng ký ${lastSunday}`]);
    await screenshot(page, 'office-walk-last-week-360');
    // The 8 weeks up to last week had no scan: said in words, not drawn as an empty box.
    await reveal(page, 'office.report.trend.none');
    assert.equal((await find(page, 'office.report.trend.none')).text, 'Chưa có lượt quét trong 8 tuần qua');
    await screenshot(page, 'office-walk-trend-360');
    await tap(page, 'office.report.next');  // back from last week
    await shows(page, 'office.report.week', new RegExp(`^${thisWeek}$`));
    // Once this week's numbers have arrived, "Tuần sau" is gone again.
    await page.waitForFunction(() => !globalThis.dq.probe().items.some((i) => i.id === 'office.report.next'), null, { timeout: 10000 });
    await screenshot(page, 'office-walk-this-week-360');

    // A citizen's report: when, in dd/mm/yyyy, and who sent it, in words.
    await tap(page, 'office.tab.violations');
    const meta = await find(page, 'office.violations.0.meta', 10000);
    assert.match(meta.text, /^\d\d\/\d\d\/\d{4} \d\d:\d\d · Người dân gửi/);
    await screenshot(page, 'office-walk-violation-360');

    // A trace: the answer is brought into view, its times as the fields are typed.
    await tap(page, 'office.tab.trace');
    const iso = new Date(Date.now() + VN).toISOString().slice(0, 10);
    await paste(page, 'office.trace.id', '001090000001');
    await typeInto(page, 'office.trace.from', `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`);
    await tap(page, 'office.trace.run');  // no reason yet: said once, under its field (it was said twice)
    await assertInView(page, 'office.trace.reason.error');
    assert.equal((await probe(page)).items.filter((i) => i.id === 'office.trace.reason.error').length, 1);
    await typeInto(page, 'office.trace.reason', 'F0 ca số 7 theo yêu cầu CDC');
    await tap(page, 'office.trace.run');
    await assertInView(page, 'office.trace.visits.title', 15000);
    const visit = await assertInView(page, 'office.trace.visit.0');
    // The end's day is written when it is another day (a stay past midnight); no entry was
    // missing, so no "(~)" after the start.
    assert.match(visit.text, /^Quán Phở Hòa\n\d\d\/\d\d\/\d{4} \d\d:\d\d – (\d\d\/\d\d\/\d{4} )?\d\d:\d\d/);
    assert.doesNotMatch(visit.text, /\d\d:\d\d \(~\) –/);
    await screenshot(page, 'office-walk-trace-360');
    // An exposure alert's scan point is offered by its name, not its id ("p1").
    await tap(page, 'office.exposure.0.open');
    assert.equal((await find(page, 'office.exposure.0.point.1')).text, 'Cổng chính');
    await tap(page, 'office.lang');
    assert.match((await find(page, 'office.trace.contact.0')).text, / \d+ min$/);
    await tap(page, 'office.lang');

    // Published at one scan point: the list names it and reads its window as the trace does
    // (session 8: "Quán Phở Hòa · p1", "2026-12-05 22:17 – 22:17").
    await tap(page, 'office.exposure.0.point.1');
    await tap(page, 'office.exposure.0.send');
    await find(page, 'office.exposure.0.done', 10000);
    const published = await find(page, 'office.exposures.0', 10000);
    assert.match(published.text, /^Quán Phở Hòa · Cổng chính\n\d\d\/\d\d\/\d{4} \d\d:\d\d – (\d\d\/\d\d\/\d{4} )?\d\d:\d\d\n/);
    assert.doesNotMatch(published.text, /\bp1\b|\d{4}-\d\d-\d\d/);
    await reveal(page, 'office.exposures.0');
    await screenshot(page, 'office-walk-published-360');

    // A person scanned only on the way out: the visit's start is assumed (one usual stay
    // earlier) and marked "(~)" like an assumed end, with the legend once above.
    const up = await api('POST', '/api/v1/checkins', { device: 'st-1', checkIns: [{ device: 'st-1', seq: ++station.seq,
      venue: station.venue, scanPoint: 'p1', kind: 'cccd', personKey: '001090000077', name: 'Người F1', phone: '', birthYear: 1990,
      dir: 'out', ts: Date.now() - 40_000, tz: 420, voided: false }] }, station.token);
    assert.equal(up.status, 200);
    await typeInto(page, 'office.trace.id', '001090000077');
    await tap(page, 'office.trace.run');
    await shows(page, 'office.trace.contacts.title', /\(12\)/);  // F1's answer: F0 and the eleven guests
    assert.match((await find(page, 'office.trace.visit.0')).text,
      /^Quán Phở Hòa\n\d\d\/\d\d\/\d{4} \d\d:\d\d \(~\) – (\d\d\/\d\d\/\d{4} )?\d\d:\d\d$/);
    assert.equal((await find(page, 'office.trace.estimated')).text, '(~): giờ ước tính, vì không quét lượt vào hoặc lượt ra.');
    await assertInView(page, 'office.trace.visit.0');
    await screenshot(page, 'office-walk-trace-estimated-start-360');
  } finally { await ctx.close(); }
});

// The venue is looked up by the id the form says it registered: by name, it found an earlier
// test's "Chợ Tân Định" (a restaurant), and the kind looked lost.
// Session 14: an impatient double tap on "Ghi nhắc nhở" recorded two reminders (and reminders
// count towards flagging a venue for suspension); one tap, one reminder.
// Session 15 (it failed in 2 of 4 stage-61 runs, the count not at "was + 1" within 10 s; not
// reproduced here in 3 runs, alone, in the file and in the stage): the report screen showed
// whichever answer came last, and an answer to an earlier request (a "Làm mới", the minute's
// refresh) coming after the reload that follows the reminder put the old count back for a
// minute. The case is made here on purpose: "Làm mới" is tapped and its answer held until the
// reminder is shown. On a slow phone (CPU slowed down) whose frames come far apart. On failure
// the server's count says whether a second reminder was recorded or the screen is behind.
test('officer at 360×740: a double tap on "Ghi nhắc nhở" records one reminder', { skip }, async () => {
  const ctx = await openPhone(freshProfile('dq-office-remind'), { viewport: PHONES[0] });
  try {
    const page = await ctx.newPage();
    await login(page);
    const row = async () => (await probe(page)).items.find((i) => /^office\.report\.bad\.\d+$/.test(i.id) && i.text.startsWith('Karaoke Ánh Sao'));
    const n = (await row()).id.split('.').pop();
    const count = async () => (await find(page, `office.report.bad.${n}.reminders`)).text;
    const before = await count();
    assert.match(before, /^Số lần nhắc: \d+$/);
    const was = Number(before.split(': ')[1]);
    const tok = (await api('POST', '/api/v1/office/login', { username: 'benghe', password: PASSWORD })).json.token;
    const onServer = async () => (await api('GET', '/api/v1/office/report', null, tok)).json.nonComplying.find((v) => v.name === 'Karaoke Ánh Sao').reminders;
    // "Làm mới", answered (before the reminder) but delivered only once the reminder is shown.
    let deliver;
    const late = new Promise((r) => { deliver = r; });
    let held = false;
    await page.route((u) => u.pathname === '/api/v1/office/report' && !u.searchParams.has('format'), async (route) => {
      if (held) return route.continue();
      held = true;
      const answer = await route.fetch();
      await late;
      await route.fulfill({ response: answer });
    });
    await tap(page, 'office.report.refresh');
    await page.waitForFunction(() => globalThis.dq.probe().items.some((i) => i.id === 'office.report.refresh' && i.text === 'Đang tải…'));
    await page.waitForTimeout(300);  // the held request answered by the server
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 8 });
    await doubleTap(page, `office.report.remind.${n}`);
    try {
      await shows(page, `office.report.bad.${n}.reminders`, new RegExp(`^Số lần nhắc: ${was + 1}$`));
      deliver();
      await page.waitForTimeout(1500);  // the late answer drawn, and a second request would have landed
      assert.equal(await count(), `Số lần nhắc: ${was + 1}`);
    } catch (e) {
      const items = (await probe(page)).items.filter((i) => /office\.report\.(bad|remind|refresh)/.test(i.id)).map((i) => `${i.id} ${JSON.stringify(i.text)}`);
      console.error(`reminders: was ${was} on screen, ${await onServer()} on the server now\n${items.join('\n')}`);
      await screenshot(page, 'office-reminded-once-FAILED');
      throw e;
    } finally { deliver(); }
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    assert.equal(await onServer(), was + 1);
    assert.equal(await count(), `Số lần nhắc: ${was + 1}`);
    // Nothing reaches the venue: said above the list and, once recorded, under the button tapped,
    // in view and within the screen's width (an officer took it for a message sent).
    assert.equal((await find(page, 'office.report.bad.remindNote')).text, 'Ghi nhắc nhở chỉ lưu lại lần nhắc, không gửi gì cho cơ sở.');
    const said = await layoutInView(page, `office.report.bad.${n}.reminded`, OFFICE_BARS);
    assert.equal(said.text, 'Đã ghi. Hãy gọi điện hoặc đến nhắc cơ sở.');
    await assertTextsFitWidth(page);
    await assertNoMissingGlyphs(page, 'reminder recorded');
    await screenshot(page, 'office-reminded-once');
    await tap(page, 'office.lang');
    assert.equal((await find(page, `office.report.bad.${n}.reminded`)).text, 'Recorded. Call or visit the venue to remind them.');
    assert.equal((await find(page, 'office.report.bad.remindNote')).text, 'Record reminder only keeps a count; nothing is sent to the venue.');
    await assertTextsFitWidth(page);
    await assertNoMissingGlyphs(page, 'reminder recorded, English');
    await screenshot(page, 'office-reminded-once-en');
  } finally { await ctx.close(); }
});

// Session 14: the second tap of a double tap on "Đăng ký" landed on the form the first had just
// emptied: "Vui lòng nhập tên cơ sở." in red, the form scrolled up to it and "Đã đăng ký" out of
// view, as if the venue had not been registered (a new officer would register it again).
test('officer at 360×740: a double tap on "Đăng ký" registers the venue once and says so', { skip }, async () => {
  const ctx = await openPhone(freshProfile('dq-office-register'), { viewport: PHONES[0] });
  try {
    const page = await ctx.newPage();
    await login(page);
    await tap(page, 'office.tab.venues');
    await typeNfd(page, 'office.venues.name', 'Quán Cơm Tấm Bà Năm');
    await typeInto(page, 'office.venues.address', '45 Lê Thánh Tôn');
    await chooseWard(page);
    await typeInto(page, 'office.venues.staff', '6');
    await typeInto(page, 'office.venues.phone', '0909123456');
    await typeInto(page, 'office.venues.points', 'Cửa trước, Cửa bếp');
    await tap(page, 'office.venues.category');
    await tap(page, 'office.venues.category.karaoke');
    await doubleTap(page, 'office.venues.register');
    await assertInView(page, 'office.venues.done', 15000);
    await page.waitForTimeout(1000);
    const shown = (await probe(page)).items.map((i) => i.id);
    assert.ok(!shown.includes('office.venues.name.error'), 'no "enter the venue name" after the registration');
    await assertInView(page, 'office.venues.done');
    // The form is ready for the next venue: nothing of this one is left in it (the next venue
    // got this one's phone, staff count and scan points); the officer's own ward stays chosen.
    const field = async (id) => (await find(page, id)).text;
    assert.deepEqual({ name: await field('office.venues.name'), address: await field('office.venues.address'),
      staff: await field('office.venues.staff'), phone: await field('office.venues.phone'), points: await field('office.venues.points'),
      category: await field('office.venues.category') },
    { name: '', address: '', staff: '', phone: '', points: 'Cổng chính', category: 'Nhà hàng, quán ăn' });
    await find(page, 'office.venues.ward.chosen');
    await screenshot(page, 'office-registered-double-tap');
    const tok = (await api('POST', '/api/v1/office/login', { username: 'benghe', password: PASSWORD })).json.token;
    const list = (await api('GET', '/api/v1/office/venues', null, tok)).json;
    assert.equal((list.venues || list).filter((v) => v.name === 'Quán Cơm Tấm Bà Năm').length, 1);
  } finally { await ctx.close(); }
});

// Scrolls the body (a wheel over the canvas) until widget `id` ends at the screen's bottom edge,
// fully in view with at most 6 px under it: where an officer who scrolled just far enough taps.
async function toBottomEdge(page, id) {
  const height = page.viewportSize().height;
  let w = await reveal(page, id);
  for (let i = 0; i < 15; i++) {
    const gap = height - (w.y + w.h);
    if (gap >= 0 && gap <= 6) return w;
    await page.mouse.move(200, height / 2);
    await page.mouse.wheel(0, 3 - gap);
    await page.waitForTimeout(250);
    w = await find(page, id);
  }
  assert.fail(`'${id}' not brought to the bottom edge: ${w.y}..${w.y + w.h} in ${height}`);
}

// Session 15: the answer to "Đăng ký" scrolled "Cấp mã đăng ký thiết bị" to the bottom of the
// screen, where the finger still was: a double tap whose second tap came after the answer issued
// a one-time code nobody asked for. Session 16: moved below the finger instead, "Cấp mã" started
// past the screen's bottom edge when "Đăng ký" had been tapped there, and the officer had to
// scroll to find the next step. Now "Cấp mã" and "Đã đăng ký" are in view whatever the place of
// the tap, and for 1 s a tap on "Cấp mã" is the double tap's second one and issues nothing.
// "Đăng ký" is tapped at the screen's very bottom; the second tap is made where the first was,
// once the answer is drawn (a thumb's second tap that came late); no code is issued, on screen
// or on the server. Then one deliberate tap on "Cấp mã" after 1 s issues one.
for (const vp of PHONES) {
  test(`officer at ${vp.width}×${vp.height}: a double tap on "Đăng ký" at the screen's bottom shows "Cấp mã" and issues no code`, { skip }, async () => {
    const ctx = await openPhone(freshProfile(`dq-office-register-code-${vp.width}`), { viewport: vp });
    try {
      const page = await ctx.newPage();
      await login(page);
      await tap(page, 'office.tab.venues');
      const name = `Tiệm Vàng Kim Hoa ${vp.width}`;
      await typeNfd(page, 'office.venues.name', name);
      await chooseWard(page);
      await typeInto(page, 'office.venues.staff', '4');
      // On a tall phone the whole form fits: the list of kinds, left open, makes it longer.
      if ((await reveal(page, 'office.venues.register')).y + 120 < vp.height) await tap(page, 'office.venues.category');
      const w = await toBottomEdge(page, 'office.venues.register');
      const at = { x: w.x + w.w / 2, y: w.y + w.h / 2 };
      await page.touchscreen.tap(at.x, at.y);
      await find(page, 'office.venues.done', 15000);
      await page.touchscreen.tap(at.x, at.y);
      await page.waitForTimeout(1500);  // a code asked for would have been drawn by now
      const shown = (await probe(page)).items.map((i) => i.id);
      assert.ok(!shown.includes('office.venues.code.value'), 'no enrollment code after a double tap on "Đăng ký"');
      await screenshot(page, `office-registered-no-code-${vp.width}`);
      await layoutInView(page, 'office.venues.done', OFFICE_BARS);
      await layoutInView(page, 'office.venues.code', OFFICE_BARS);
      await assertInView(page, 'office.venues.code');
      const tok = (await api('POST', '/api/v1/office/login', { username: 'benghe', password: PASSWORD })).json.token;
      const list = (await api('GET', '/api/v1/office/venues', null, tok)).json;
      const mine = (list.venues || list).filter((v) => v.name === name);
      assert.equal(mine.length, 1);
      const issued = async () => (await api('GET', '/api/v1/office/audit', null, tok)).json.entries.filter((e) => e.action === 'issue_codes' && e.target === mine[0].id).length;
      assert.equal(await issued(), 0, 'the server issued no code');
      // A tap the officer means, after the 1 s: one code, shown.
      await tap(page, 'office.venues.code');
      await assertInView(page, 'office.venues.code.value', 15000);
      assert.equal(await issued(), 1);
    } finally { await ctx.close(); }
  });
}

// Session 15: a complaint a citizen made by phone, recorded in Phản ánh: the venue found by its
// name typed without marks, the kind chosen, a note; nothing chosen is said under each field; a
// double tap records one; it appears in the queue as the officer's.
test('officer at 360×740: a complaint taken by phone is recorded once and joins the queue', { skip }, async () => {
  const tok = (await api('POST', '/api/v1/office/login', { username: 'benghe', password: PASSWORD })).json.token;
  const made = await api('POST', '/api/v1/venues', { name: 'Chợ Bến Thành', address: 'Lê Lợi', ward: '26740', category: 'market',
    staffCount: 20, phone: '0281234567', scanPoints: ['Cửa Nam'] }, tok);
  assert.equal(made.status, 201);
  const ctx = await openPhone(freshProfile('dq-office-complaint'), { viewport: PHONES[0] });
  try {
    const page = await ctx.newPage();
    await login(page);
    await tap(page, 'office.tab.violations');
    await tap(page, 'office.complaint.open');
    await tap(page, 'office.complaint.send');
    assert.equal((await assertInView(page, 'office.complaint.venue.q.error')).text, 'Hãy gõ tên và chọn cơ sở bị phản ánh.');
    assert.equal((await find(page, 'office.complaint.kind.error')).text, 'Hãy chọn loại phản ánh.');
    await typeInto(page, 'office.complaint.venue.q', 'khong co cho nay');
    await assertInView(page, 'office.complaint.venue.none', 10000);
    await typeInto(page, 'office.complaint.venue.q', 'cho ben thanh');
    await shows(page, 'office.complaint.venue.r0', /^Chợ Bến Thành$/);
    await tap(page, 'office.complaint.venue.r0');
    await shows(page, 'office.complaint.venue.chosen', /^Chợ Bến Thành$/);
    await tap(page, 'office.complaint.kind.staff_not_checking');
    await typeNfd(page, 'office.complaint.note', 'Khách gọi: bảo vệ không quét mã');
    await doubleTap(page, 'office.complaint.send');
    const done = await assertInView(page, 'office.complaint.done', 15000);
    assert.equal(done.text, 'Đã ghi phản ánh về: Chợ Bến Thành');
    // The note is written: the phone's keyboard went down (it covered the line above).
    assert.notEqual(await page.evaluate(() => document.activeElement && document.activeElement.id), 'dq-text',
      'the keyboard stayed up after the complaint was recorded');
    const shown = (await probe(page)).items.map((i) => i.id);
    assert.ok(!shown.includes('office.complaint.venue.q.error') && !shown.includes('office.complaint.kind.error'),
      'no "choose" message after the complaint was recorded');
    await page.waitForTimeout(1500);  // a second complaint would have been recorded by now
    const queue = (await api('GET', '/api/v1/office/violations', null, tok)).json.violations.filter((v) => v.venueName === 'Chợ Bến Thành');
    assert.equal(queue.length, 1, 'one complaint recorded');
    assert.equal(queue[0].kind, 'staff_not_checking');
    assert.equal(queue[0].note.normalize('NFC'), 'Khách gọi: bảo vệ không quét mã');
    // In the queue on screen, the officer's.
    await page.waitForFunction(() => globalThis.dq.probe().items.some((i) => /^office\.violations\.\d+$/.test(i.id) &&
      i.text === 'Chợ Bến Thành — Nhân viên không kiểm tra'), null, { timeout: 10000 });
    const row = (await probe(page)).items.find((i) => i.text === 'Chợ Bến Thành — Nhân viên không kiểm tra');
    assert.match((await find(page, `${row.id}.meta`)).text.normalize('NFC'), /Cán bộ benghe\nKhách gọi: bảo vệ không quét mã$/);
    await assertTextsFitWidth(page);
    await assertNoMissingGlyphs(page, 'complaint taken by phone');
    await screenshot(page, 'office-complaint-by-phone-360');
    await tap(page, 'office.lang');
    assert.equal((await find(page, 'office.complaint.done')).text, 'Complaint recorded about: Chợ Bến Thành');
    await screenshot(page, 'office-complaint-by-phone-360-en');
    await tap(page, 'office.lang');
  } finally { await ctx.close(); }
});

test('officer: the venue kind is picked by its Vietnamese name', { skip }, async () => {
  const ctx = await openPhone(freshProfile('dq-office-kind'), {});
  try {
    const page = await ctx.newPage();
    await login(page);
    await tap(page, 'office.tab.venues');
    await shows(page, 'office.venues.category', /^Nhà hàng, quán ăn$/);
    await tap(page, 'office.venues.category');
    await find(page, 'office.venues.category.market');
    await screenshot(page, 'office-venues-kinds');
    await tap(page, 'office.venues.category.market');
    await shows(page, 'office.venues.category', /^Chợ$/);
    assert.equal(await page.evaluate(() => globalThis.dq.probe().items.some((i) => i.id === 'office.venues.category.market')), false, 'the list closes');
    await typeInto(page, 'office.venues.name', 'Chợ Bà Chiểu');
    await chooseWard(page);  // a venue is always in a ward (the area picker)
    // No staff count typed: asked for (a "0" left as it was made the venue "staff not declared").
    await tap(page, 'office.venues.register');
    assert.equal((await find(page, 'office.venues.staff.error', 5000)).text, 'Nhập số nhân viên (một số, vd. 12).');
    await typeInto(page, 'office.venues.staff', '12');
    await tap(page, 'office.venues.register');
    const done = await find(page, 'office.venues.done', 10000);
    const id = done.text.match(/\(([^()]+)\)$/)[1];
    const tok = (await api('POST', '/api/v1/office/login', { username: 'benghe', password: PASSWORD })).json.token;
    const list = (await api('GET', '/api/v1/office/venues', null, tok)).json;
    const v = (list.venues || list).find((x) => x.id === id);
    assert.ok(v, `venue ${id} is listed`);
    assert.equal(v.name, 'Chợ Bà Chiểu');
    assert.equal(v.category, 'market');
    assert.equal(v.staffCount ?? v.staff, 12);
  } finally { await ctx.close(); }
});

for (const [width, height] of SIZES) {
  test(`office at ${width}×${height}: every screen fits, in Vietnamese and English`, { skip }, async () => {
    const ctx = await openPhoneAt(width, height);
    try {
      const page = ctx.pages()[0] || (await ctx.newPage());
      await login(page);
      for (const lang of ['vi', 'en']) {
        for (const tab of ['report', 'violations', 'trace', 'venues']) {
          await tap(page, `office.tab.${tab}`);
          await page.waitForTimeout(400);
          await assertTextsFitWidth(page);
          // No tab or button label wraps: "Phản ánh" and "« Tuần trước" took two lines at 360 px.
          const buttons = (await probe(page)).items.filter((i) => i.kind === 'button' && (!i.clip || i.y < i.clip[1]));
          for (const b of buttons) await assertOneLineLabel(page, b.id);
          if (tab === 'report') {
            // A column header wraps between words, never inside one ("Venue|s", "Scann|ed" at 360 px).
            await find(page, 'office.report.head.4');
            const heads = (await probe(page)).items.filter((i) => /^office\.report\.head\.\d$/.test(i.id));
            // Five counts (venues, with scans, scans, staff, per staff), and the area's column
            // where its name fits beside them; where it does not, the name stands above each row.
            const areaColumn = heads[0].text === (lang === 'vi' ? 'Địa bàn' : 'Area');
            assert.equal(heads.length, areaColumn ? 6 : 5, `headers: ${heads.map((h) => h.text).join(' | ')}`);
            // The week as an officer says it, and its days as they are written in Vietnam.
            assert.match((await find(page, 'office.report.week')).text, lang === 'vi' ? /^Tuần \d{1,2}$/ : /^Week \d{1,2}$/);
            assert.match((await find(page, 'office.report.range')).text, /^\d\d\/\d\d(\/\d{4})? – \d\d\/\d\d\/\d{4} · Phường Bến Nghé$/);
            for (const h of heads) assert.ok(h.h <= h.text.split(' ').length * 30, `header "${h.text}" takes ${h.h} px: a word was broken`);
            // The 8-week chart names its weeks as the switcher does ("Tuần 49"): the numbers, and
            // "Tuần" under them (they read "W42 … W49"); side by side, none over another.
            const items = (await probe(page)).items;
            const weeks = items.filter((i) => /^office\.report\.trend\.week\.\d$/.test(i.id));
            assert.equal(weeks.length, 8);
            for (const w of weeks) assert.match(w.text, /^\d{1,2}$/);
            assert.equal(`${lang === 'vi' ? 'Tuần' : 'Week'} ${weeks[7].text}`, (await find(page, 'office.report.week')).text);
            for (let k = 1; k < 8; ++k) assert.ok(weeks[k - 1].x + weeks[k - 1].w < weeks[k].x, `week labels ${k - 1} and ${k} overlap`);
            const axis = items.find((i) => i.id === 'office.report.trend.axis');
            assert.equal(axis.text, lang === 'vi' ? 'Tuần' : 'Week');
            assert.ok(axis.y >= weeks[0].y + weeks[0].h, 'the caption is under the numbers');
            const chart = items.find((i) => i.id === 'office.report.trend');
            assert.ok(axis.y + axis.h <= chart.y + chart.h && chart.x + chart.w <= width, 'the caption is inside the chart, the chart inside the screen');
          }
          await layoutInView(page, 'office.who', { top: 0, bottom: 0 });
          await screenshot(page, `office-${tab}-${lang}-${width}x${height}`);
        }
        if (lang === 'vi') await tap(page, 'office.lang');
      }
      const who = await find(page, 'office.title');
      assert.equal(who.text, 'Phường Bến Nghé');
    } finally { await ctx.close(); }
  });
}
