// What the office says after an action, as a commune officer reads it at 360×740 and a
// district officer at 412×915, against the real server (SQLite): every message already on a
// screen (login, trace, exposure alert, complaints, self-registered venues, venue form,
// officers) follows a language switch (they stayed in the old language); exports are named in
// the export's language ("report-…" in English, not "bao-cao-…"); a venue without declared
// staff reads "staff not declared", not "0 staff", on screen and in the three files; an
// exposure alert's audit row keeps the reason the officer typed for the trace, not
// "trace <venue> <time>"; an area whose venues declared no staff says so too, and eight weeks
// without a scan are said in words, not drawn as an empty box. Run by stage 61-office-e2e.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { waitReady, find, tap, typeInto, paste, screenshot, probe, reveal, OUT, assertNoMissingGlyphs } from './lib/station.mjs';
import { SERVER_BIN, serverAvailable, serveDb, setVenuesRegistered } from './lib/server-process.mjs';
import { openPhoneAt, assertInView, OFFICE_BARS } from './lib/layout.mjs';
import { freshProfile } from './lib/browser.mjs';
import { importAreas } from '../server/areas_fixture.mjs';
import { readXlsxCells } from './lib/demo.mjs';

const WEB = path.resolve(process.env.DQ_WEB_DIR || 'build/web');
const skip = !serverAvailable() || !fs.existsSync(path.join(WEB, 'office.html'));
const PASSWORD = 'mat-khau-phuong-ben-nghe';
const VN = 7 * 3_600_000;
const TRACE_REASON = 'Ca F0 số 12, yêu cầu của CDC';
let dir, server;

async function api(method, p, body, token) {
  const r = await fetch(server.url + p.replace(/^\//, ''), { method, body: body ? JSON.stringify(body) : undefined,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  const text = await r.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: r.status, json, text, disposition: r.headers.get('content-disposition') };
}
const login = async (username) => (await api('POST', '/api/v1/office/login', { username, password: PASSWORD })).json.token;

// A venue registering itself, from its own loopback address (the server limits each address).
function selfRegister(body) {
  return new Promise((resolve, reject) => {
    const data = Buffer.from(JSON.stringify(body));
    const req = http.request(server.url + 'api/v1/self-registrations', { method: 'POST', localAddress: '127.0.3.9',
      headers: { 'content-type': 'application/json', 'content-length': data.length } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(data);
  });
}

before(async () => {
  if (skip) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dq-office-messages-'));
  const db = `sqlite:${path.join(dir, 'office.db')}`;
  importAreas(SERVER_BIN, db);
  for (const [u, level, area] of [['benghe', 'ward', '26740'], ['quan1', 'district', '760'], ['benthanh', 'ward', '26743']])
    execFileSync(SERVER_BIN, ['admin', 'create-officer', '--username', u, '--level', level, '--area', area, '--db', db],
      { input: PASSWORD + '\n' });
  server = await serveDb(db, WEB);
  const tok = await login('benghe');
  const mk = async (name, staff) => (await api('POST', '/api/v1/venues', { name, address: '12 Lê Lợi', ward: '26740',
    category: 'restaurant', staffCount: staff, phone: '0281234567', scanPoints: ['Cổng chính'] }, tok)).json.id;
  const pho = await mk('Quán Phở Hòa', 3);
  await mk('Karaoke Ánh Sao', 0);  // no staff declared, no scans: not complying
  const code = (await api('POST', `/api/v1/office/venues/${pho}/codes`, { count: 1 }, tok)).json.codes[0];
  const st = (await api('POST', '/api/v1/enroll', { code, device: 'st-1' })).json.token;
  const now = Date.now();
  const recs = ['001090000001', '079090000002'].map((key, i) => ({ device: 'st-1', seq: i + 1, venue: pho, scanPoint: 'p1',
    kind: 'cccd', personKey: key, name: `Khách ${i}`, phone: '', birthYear: 1990, dir: 'in', ts: now - 60_000 + i * 1000,
    tz: 420, voided: false }));
  assert.equal((await api('POST', '/api/v1/checkins', { device: 'st-1', checkIns: recs }, st)).status, 200);
  assert.equal((await api('POST', '/api/v1/reports', { venue: pho, kind: 'no_poster', note: 'Không thấy mã QR' })).status, 201);
  // Phường Bến Thành: one venue, no staff declared, never a scan (an empty chart, an area row
  // without staff).
  assert.equal((await api('POST', '/api/v1/venues', { name: 'Tiệm Vàng Kim', address: '3 Lê Thánh Tôn', ward: '26743',
    category: 'essential_shop', staffCount: 0, phone: '0281234999', scanPoints: ['Cửa chính'] }, await login('benthanh'))).status, 201);
  assert.equal(await selfRegister({ name: 'Tiệm Bánh Mì Lan', address: '5 Hàm Nghi', ward: '26740', category: 'restaurant',
    staffCount: 2, phone: '0903 123 456', scanPoints: ['Cửa trước'] }), 201);
  // Open a fortnight already: without a scan this week, not complying (not "Mới đăng ký").
  setVenuesRegistered(db, Date.now() - 14 * 86_400_000);
});

after(async () => {
  if (server) await server.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

// Logs in on the office page as a person does.
async function officeLogin(page, username) {
  await typeInto(page, 'office.login.user', username);
  await typeInto(page, 'office.login.password', PASSWORD, { password: true });
  await tap(page, 'office.login.submit');
  await find(page, 'office.tab.report', 15000);
}

// The texts drawn for these ids in the newest frame (undefined: not drawn).
async function drawn(page, ids) {
  const items = (await probe(page)).items;
  return Object.fromEntries(ids.map((id) => [id, items.find((i) => i.id === id)?.text]));
}

// Switches the office's language with the top bar's button and waits for the tabs to say it.
async function switchTo(page, lang) {
  await tap(page, 'office.lang');
  const report = lang === 'en' ? 'Report' : 'Báo cáo';
  await page.waitForFunction((t) => globalThis.dq.probe().items.some((i) => i.id === 'office.tab.report' && i.text === t),
    report, { timeout: 5000 });
}

// The messages on screen read `vi`, then `en` after a switch, then `vi` again after switching back.
async function followsSwitch(page, vi, en, shot) {
  const ids = Object.keys(vi);
  for (const id of ids) await find(page, id, 10000);
  assert.deepEqual(await drawn(page, ids), vi);
  await switchTo(page, 'en');
  await screenshot(page, shot);
  await assertNoMissingGlyphs(page, shot);
  assert.deepEqual(await drawn(page, ids), en, `${shot}: every message on screen is in English after the switch`);
  await switchTo(page, 'vi');
  assert.deepEqual(await drawn(page, ids), vi, `${shot}: Vietnamese again after switching back`);
}

test('commune officer at 360×740: messages on every screen follow a language switch; the alert audits the trace reason', { skip }, async () => {
  const ctx = await openPhoneAt(360, 740, freshProfile('dq-office-msg'));
  try {
    const page = ctx.pages()[0] || (await ctx.newPage());
    await page.goto(server.url + 'office');
    await waitReady(page);

    // Login: a wrong password, then the switch on the login form.
    await typeInto(page, 'office.login.user', 'benghe');
    await typeInto(page, 'office.login.password', 'sai-mat-khau', { password: true });
    await tap(page, 'office.login.submit');
    assert.equal((await find(page, 'office.login.error', 10000)).text, 'Sai tên đăng nhập hoặc mật khẩu.');
    await tap(page, 'office.login.lang.1');
    await page.waitForFunction(() => globalThis.dq.probe().items.some((i) => i.id === 'office.login.submit' && i.text === 'Log in'),
      null, { timeout: 5000 }).catch(() => {});
    await screenshot(page, 'office-messages-login-en');
    assert.equal((await find(page, 'office.login.error')).text, 'Wrong username or password.', 'the login error in English');
    await tap(page, 'office.login.lang.0');
    await officeLogin(page, 'benghe');

    // Trace: the officer's own slips, checked where they are typed.
    await tap(page, 'office.tab.trace');
    await typeInto(page, 'office.trace.id', '001090000001');
    // The grey examples are recent days, not fixed dates gone stale: "Từ ngày" a week ago, and
    // "Đến ngày" (empty: the same day) that same day, not today, read as its default. "Từ
    // ngày" left empty asks for the start date (it said "Ngày chưa đúng" beside a grey date).
    const dmy = (ms) => new Date(ms + VN).toISOString().slice(0, 10).split('-').reverse().join('/');
    const weekAgo = dmy(Date.now() - 7 * 86_400_000);
    assert.deepEqual(await drawn(page, ['office.trace.from.placeholder', 'office.trace.to.placeholder']),
      { 'office.trace.from.placeholder': weekAgo, 'office.trace.to.placeholder': weekAgo },
      'the date fields\' grey examples: a week ago, and "Đến ngày" the same day');
    await typeInto(page, 'office.trace.from', '3/12/2026');
    // Within the frame that shows the date typed (waited for a moment all the same).
    await page.waitForFunction(() => globalThis.dq.probe().items.some((i) => i.id === 'office.trace.to.placeholder' && i.text === '3/12/2026'),
      null, { timeout: 2000 }).catch(() => {});
    assert.equal((await drawn(page, ['office.trace.to.placeholder']))['office.trace.to.placeholder'], '3/12/2026',
      '"Đến ngày" shows, greyed, the day typed in "Từ ngày" (what an empty field means)');
    await typeInto(page, 'office.trace.from', '');
    await tap(page, 'office.trace.run');
    await followsSwitch(page, { 'office.trace.from.error': 'Nhập ngày bắt đầu.' },
      { 'office.trace.from.error': 'Type the start date.' }, 'office-messages-trace-from-empty-en');
    await typeInto(page, 'office.trace.from', '32/13/2026');
    // Hours where minutes go (pasted: a phone's number pad has no letters): asked again, not
    // read as 0 minutes, which would have left out everyone not there at the very same time.
    await paste(page, 'office.trace.margin', '1 giờ');
    await typeInto(page, 'office.trace.reason', 'F0');
    await tap(page, 'office.trace.run');
    await followsSwitch(page, {
      'office.trace.from.error': `Ngày chưa đúng. Nhập ngày/tháng/năm, ví dụ ${dmy(Date.now())}.`,
      'office.trace.margin.error': 'Nhập số phút từ 0 đến 1440, ví dụ 30.',
      'office.trace.reason.error': 'Cần nêu lý do tra cứu.',
    }, {
      'office.trace.from.error': `Not a date. Type day/month/year, e.g. ${dmy(Date.now())}.`,
      'office.trace.margin.error': 'Type minutes from 0 to 1440, e.g. 30.',
      'office.trace.reason.error': 'State the reason for the lookup.',
    }, 'office-messages-trace-fields-en');
    // What the margin does is said under it.
    assert.match((await find(page, 'office.trace.margin.note')).text, /trước khi người cần tra cứu đến hoặc sau khi rời đi/);
    await typeInto(page, 'office.trace.margin', '45');
    // The server's refusal (a range over 62 days), put under "Đến ngày".
    const day = new Date(Date.now() + VN).toISOString().slice(0, 10);
    const [y, m, d] = day.split('-');
    await typeInto(page, 'office.trace.from', `01/01/${Number(y) - 1}`);
    await typeInto(page, 'office.trace.to', `${d}/${m}/${y}`);
    await typeInto(page, 'office.trace.reason', TRACE_REASON);
    await tap(page, 'office.trace.run');
    await followsSwitch(page, { 'office.trace.to.error': 'Khoảng ngày phải từ 1 đến 62 ngày.' },
      { 'office.trace.to.error': 'The range must be 1 to 62 days.' }, 'office-messages-trace-range-en');

    // An exposure alert without advice: said under the advice, what to write.
    await typeInto(page, 'office.trace.from', `${d}/${m}/${y}`);
    await tap(page, 'office.trace.run');
    await find(page, 'office.trace.visit.0', 15000);
    // The suggested advice goes to visitors: Vietnamese, even when opened from an English screen.
    await switchTo(page, 'en');
    await tap(page, 'office.exposure.0.open');
    assert.match((await find(page, 'office.exposure.0.advice')).text, /^Hãy tự theo dõi sức khỏe 14 ngày\./);
    await switchTo(page, 'vi');
    await typeInto(page, 'office.exposure.0.advice', '');
    await tap(page, 'office.exposure.0.send');
    await followsSwitch(page, { 'office.exposure.0.advice.error': 'Viết một lời khuyên ngắn cho khách (tối đa 600 ký tự, một đoạn).' },
      { 'office.exposure.0.advice.error': 'Write a short advice for visitors (at most 600 characters, one paragraph).' },
      'office-messages-exposure-en');
    // Published with advice: the audit row keeps the reason typed for the trace.
    await typeInto(page, 'office.exposure.0.advice', 'Theo dõi sức khỏe 14 ngày.');
    await tap(page, 'office.exposure.0.send');
    await find(page, 'office.exposure.0.done', 10000);
    const audit = await api('GET', '/api/v1/office/audit', null, await login('benghe'));
    const row = audit.json.entries.find((e) => e.action === 'publish_exposure');
    assert.ok(row, JSON.stringify(audit.json));
    assert.equal(row.reason, TRACE_REASON, 'the alert is audited with the reason the officer typed');

    // Complaints: resolving without a note.
    await tap(page, 'office.tab.violations');
    await tap(page, 'office.violations.0.resolve');
    await followsSwitch(page, { 'office.violations.0.note.error': 'Cần ghi chú.' },
      { 'office.violations.0.note.error': 'A note is needed.' }, 'office-messages-violations-en');

    // Venues: a self-registered venue rejected without a reason; the form sent empty.
    await tap(page, 'office.tab.venues');
    // When it registered, written as every other date of the office (it was "2026-12-06 06:36").
    assert.match((await find(page, 'office.verify.0.phone', 10000)).text, /· \d\d\/\d\d\/\d{4} \d\d:\d\d$/);
    await tap(page, 'office.verify.0.reject');
    await tap(page, 'office.verify.0.reject');
    await followsSwitch(page, { 'office.verify.0.reason.error': 'Cần nêu lý do từ chối.' },
      { 'office.verify.0.reason.error': 'State the reason.' }, 'office-messages-verify-en');
    // The form sent empty: the first thing to fix comes into view (it was above the screen).
    await tap(page, 'office.venues.register');
    await assertInView(page, 'office.venues.name.error', OFFICE_BARS);
    await followsSwitch(page, {
      'office.venues.name.error': 'Vui lòng nhập tên cơ sở.',
      'office.venues.staff.error': 'Nhập số nhân viên (một số, vd. 12).',
      'office.venues.error': 'Chọn phường/xã: gõ tên rồi chạm vào kết quả.',
    }, {
      'office.venues.name.error': 'Please enter the venue name.',
      'office.venues.staff.error': 'Enter the number of staff (a number, e.g. 12).',
      'office.venues.error': 'Choose the ward: type its name, then tap a result.',
    }, 'office-messages-venues-en');
    // Named, still no ward: the ward's message comes into view (it was below the screen).
    await typeInto(page, 'office.venues.name', 'Quán Cơm Tấm');
    await tap(page, 'office.venues.register');
    await page.waitForFunction(() => !globalThis.dq.probe().items.some((i) => i.id === 'office.venues.name.error'), null, { timeout: 5000 });
    await assertInView(page, 'office.venues.error', OFFICE_BARS);
    await screenshot(page, 'office-messages-venues-ward');
    await tap(page, 'office.verify.0.confirm');
    await followsSwitch(page, { 'office.verify.done': 'Đã xác nhận cơ sở.' }, { 'office.verify.done': 'Venue confirmed.' },
      'office-messages-verify-done-en');
    // A commune officer has no officers tab: the foot of the screen says whom to ask (nothing did).
    assert.equal((await probe(page)).items.some((i) => i.id === 'office.tab.officers'), false);
    await reveal(page, 'office.askAbove');
    await assertInView(page, 'office.askAbove', OFFICE_BARS);
    await screenshot(page, 'office-messages-ask-above');
    await followsSwitch(page,
      { 'office.askAbove': 'Thêm cán bộ, đặt lại mật khẩu hay khóa tài khoản: nhờ cán bộ cấp trên (quận/huyện hoặc tỉnh/thành).' },
      { 'office.askAbove': 'To add an officer, reset a password or disable an account, ask the officers above you (district or province).' },
      'office-messages-ask-above-en');
  } finally {
    await ctx.close();
  }
});

test('district officer at 412×915: the officers screen\'s messages follow a language switch', { skip }, async () => {
  const ctx = await openPhoneAt(412, 915, freshProfile('dq-office-msg-d'));
  try {
    const page = ctx.pages()[0] || (await ctx.newPage());
    await page.goto(server.url + 'office');
    await waitReady(page);
    await officeLogin(page, 'quan1');
    assert.equal((await probe(page)).items.some((i) => i.id === 'office.askAbove'), false, 'a district has its officers tab');
    await tap(page, 'office.tab.officers');
    await typeInto(page, 'office.officers.username', 'A');
    await tap(page, 'office.officers.create');
    await followsSwitch(page, { 'office.officers.username.error': 'Tên đăng nhập: 3 đến 64 chữ thường không dấu, số, dấu . _ -' },
      { 'office.officers.username.error': 'Username: 3 to 64 of a-z, 0-9, . _ -' }, 'office-messages-officers-en');
    await typeInto(page, 'office.officers.username', 'phuong.moi');
    await tap(page, 'office.officers.create');
    await followsSwitch(page, { 'office.officers.area.q.error': 'Chọn địa bàn: gõ tên rồi chạm vào kết quả.' },
      { 'office.officers.area.q.error': 'Choose the area: type its name, then tap a result.' }, 'office-messages-officers-area-en');
  } finally {
    await ctx.close();
  }
});

// The file the browser saves for a tap on `id`: its suggested name and where it was saved.
async function download(page, id, name) {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 15000 }), tap(page, id)]);
  const file = path.join(OUT, name);
  await dl.saveAs(file);
  return { name: dl.suggestedFilename(), file };
}

test('exports are named in their language; a venue without declared staff says so on screen and in the files', { skip }, async () => {
  const ctx = await openPhoneAt(360, 740, freshProfile('dq-office-msg-x'));
  try {
    const page = ctx.pages()[0] || (await ctx.newPage());
    await page.goto(server.url + 'office');
    await waitReady(page);
    await officeLogin(page, 'benghe');
    const karaoke = async () => {
      for (let i = 0; i < 5; i++) {
        const w = (await probe(page)).items.find((x) => x.id === `office.report.bad.${i}` && x.text.startsWith('Karaoke Ánh Sao'));
        if (w) return w.text;
      }
      return (await find(page, 'office.report.bad.1', 10000)).text;
    };
    await find(page, 'office.report.bad.0', 15000);
    assert.equal(await karaoke(), 'Karaoke Ánh Sao — Không có lượt quét (0 lượt quét / chưa khai báo số nhân viên)');
    const vi = await download(page, 'office.report.xlsx', 'office-messages-vi.xlsx');
    assert.match(vi.name, /^bao-cao-26740-\d{4}-W\d\d\.xlsx$/);

    await switchTo(page, 'en');
    await page.waitForFunction(() => globalThis.dq.probe().items.some((i) => /^Karaoke Ánh Sao — No scans/.test(i.text)), null, { timeout: 5000 });
    assert.equal(await karaoke(), 'Karaoke Ánh Sao — No scans (0 scans / staff not declared)');
    await screenshot(page, 'office-messages-report-en');
    const xlsx = await download(page, 'office.report.xlsx', 'office-messages-en.xlsx');
    assert.match(xlsx.name, /^report-26740-\d{4}-W\d\d\.xlsx$/, 'the English file has an English name');
    const csv = await download(page, 'office.report.csv', 'office-messages-en.csv');
    assert.match(csv.name, /^report-26740-\d{4}-W\d\d\.csv$/);
    // The staff column of the venue's row, in each file.
    const csvRow = fs.readFileSync(csv.file, 'utf8').split('\r\n').find((l) => l.includes('Karaoke Ánh Sao'));
    assert.equal(csvRow.split(',')[4], 'not declared', csvRow);
    const venues = readXlsxCells(xlsx.file, 2);  // the second sheet: venues not complying
    const row = Object.keys(venues).find((k) => k.startsWith('B') && venues[k] === 'Karaoke Ánh Sao').slice(1);
    assert.equal(venues['E' + row], 'not declared', 'the staff cell says it was not declared');
    const tok = await login('benghe');
    const html = await api('GET', '/api/v1/office/report?format=html&lang=vi', null, tok);
    assert.match(html.text, /Karaoke Ánh Sao<\/td><td class=t>[^<]*<\/td><td class=t>[^<]*<\/td><td[^>]*>chưa khai báo<\/td>/);
    const csvVi = await api('GET', '/api/v1/office/report?format=csv&lang=vi', null, tok);
    assert.match(csvVi.disposition, /filename="bao-cao-26740-\d{4}-W\d\d\.csv"/);
    const csvEn = await api('GET', '/api/v1/office/report?format=csv&lang=en', null, tok);
    assert.match(csvEn.disposition, /filename="report-26740-\d{4}-W\d\d\.csv"/, 'the server names the English file in English');

    // The trace CSV, exported in English.
    await tap(page, 'office.tab.trace');
    const day = new Date(Date.now() + VN).toISOString().slice(0, 10);
    await typeInto(page, 'office.trace.id', '001090000001');
    await typeInto(page, 'office.trace.from', day);
    await typeInto(page, 'office.trace.reason', TRACE_REASON);
    await tap(page, 'office.trace.run');
    await find(page, 'office.trace.visit.0', 15000);
    const traceCsv = await download(page, 'office.trace.csv', 'office-messages-trace-en.csv');
    assert.equal(traceCsv.name, 'contact-trace.csv');
  } finally {
    await ctx.close();
  }
});

// Session 11: a ward whose only venue declared no staff read "0" staff in its area row (the
// venue's own row said "chưa khai báo"), and eight weeks without a scan were a large empty box.
test('commune officer at 412×915: no scans in 8 weeks are said in words; an area without declared staff says so, on screen and in the files', { skip }, async () => {
  const ctx = await openPhoneAt(412, 915, freshProfile('dq-office-msg-empty'));
  try {
    const page = ctx.pages()[0] || (await ctx.newPage());
    await page.goto(server.url + 'office');
    await waitReady(page);
    await officeLogin(page, 'benthanh');
    const none = await find(page, 'office.report.trend.none', 15000);
    assert.equal(none.text, 'Chưa có lượt quét trong 8 tuần qua');
    assert.ok(!(await probe(page)).items.some((i) => i.id.startsWith('office.report.trend.week.')), 'no row of empty bars');
    await reveal(page, 'office.report.trend.none');
    await assertInView(page, 'office.report.trend.none', OFFICE_BARS);
    // Session 12: in the area table's own staff column, not in the per-staff cell ("—").
    assert.equal((await find(page, 'office.report.staff.26743')).text, 'chưa khai báo');
    assert.equal((await find(page, 'office.report.perStaff.26743')).text, '—');
    // The counts' headers end with the staff and its ratio (at 412 px the area's name may
    // stand above its numbers rather than in a column a few letters wide).
    assert.deepEqual((await probe(page)).items.filter((i) => /^office\.report\.head\.\d$/.test(i.id)).map((i) => i.text)
      .filter((t) => t !== 'Địa bàn'), ['Cơ sở', 'Có quét', 'Lượt quét', 'Nhân viên', 'Lượt/NV']);
    const name = await find(page, 'office.report.area.26743');
    assert.ok(name.w >= 60, `the area's name is squeezed to ${name.w} px: ${JSON.stringify(name)}`);
    await reveal(page, 'office.report.staff.26743');
    await assertInView(page, 'office.report.staff.26743', OFFICE_BARS);
    await assertNoMissingGlyphs(page, 'office-messages-empty-vi');
    await screenshot(page, 'office-messages-empty-vi');
    await switchTo(page, 'en');
    await page.waitForFunction(() => globalThis.dq.probe().items.some((i) => i.id === 'office.report.trend.none' && i.text === 'No scans in the last 8 weeks'),
      null, { timeout: 5000 });
    assert.equal((await find(page, 'office.report.staff.26743')).text, 'not declared');
    assert.equal((await find(page, 'office.report.perStaff.26743')).text, '—');
    await screenshot(page, 'office-messages-empty-en');
    // The files: the staff cell of the area's row says "not declared", its ratio is empty.
    const csv = await download(page, 'office.report.csv', 'office-messages-empty-en.csv');
    const row = fs.readFileSync(csv.file, 'utf8').split('\r\n').find((l) => l.startsWith('26743,'));
    assert.deepEqual(row.split(',').slice(7, 9), ['not declared', ''], row);
    const xlsx = await download(page, 'office.report.xlsx', 'office-messages-empty-en.xlsx');
    const cells = readXlsxCells(xlsx.file, 1);
    const r = Object.keys(cells).find((k) => k.startsWith('A') && cells[k] === '26743').slice(1);
    assert.equal(cells['H' + r], 'not declared', 'the staff cell of the area row');
    assert.equal(cells['I' + r], undefined, 'no ratio');
    const tok = await login('benthanh');
    // The JSON says the same: staff unknown (null), no ratio; not 0 staff.
    const json = (await api('GET', '/api/v1/office/report', null, tok)).json;
    const ward = json.areas.find((a) => a.code === '26743');
    assert.equal(ward.staff, null, JSON.stringify(ward));
    assert.equal(ward.scansPerStaff, null);
    for (const [lang, words, sentence] of [['vi', 'chưa khai báo', 'Chưa có lượt quét trong 8 tuần qua'], ['en', 'not declared', 'No scans in the last 8 weeks']]) {
      const html = (await api('GET', `/api/v1/office/report?format=html&lang=${lang}`, null, tok)).text;
      assert.match(html, new RegExp(`<td class=t>${words}</td><td>—</td>`), `${lang}: the print version's area row`);
      assert.ok(html.includes(`<p>${sentence}</p>`), `${lang}: the print version says the 8 weeks had no scans`);
    }
  } finally {
    await ctx.close();
  }
});
