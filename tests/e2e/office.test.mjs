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
import { waitReady, find, tap, typeInto, screenshot, OUT } from './lib/station.mjs';
import { SERVER_BIN, serverAvailable, admin } from './lib/server-process.mjs';
import { importAreas } from '../server/areas_fixture.mjs';

const WEB = path.resolve(process.env.DQ_WEB_DIR || 'build/web');
const skip = !serverAvailable() || !fs.existsSync(path.join(WEB, 'index.html'));
const PASSWORD = 'mat-khau-phuong-ben-nghe';
const VN = 7 * 3_600_000;

let dir, db, proc, url, exited;
const expected = { scans: 0 };

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
  await mk('Karaoke Ánh Sao', 8);   // no scans: non-complying
  const code = (await api('POST', `/api/v1/office/venues/${v1}/codes`, { count: 1 }, tok)).json.codes[0];
  const st = (await api('POST', '/api/v1/enroll', { code, device: 'st-1' })).json.token;
  const now = Date.now();
  const recs = [];
  for (let i = 0; i < 12; ++i) {
    recs.push({ device: 'st-1', seq: i + 1, venue: v1, scanPoint: i % 2 ? 'p2' : 'p1', kind: 'cccd',
      personKey: i === 0 ? '001090000001' : `0790900000${String(i).padStart(2, '0')}`, name: i === 0 ? 'Người F0' : `Khách ${i}`,
      phone: '', birthYear: 1990, dir: 'in', ts: now - 50_000 + i * 1000, tz: 420, voided: false });
  }
  const up = await api('POST', '/api/v1/checkins', { device: 'st-1', checkIns: recs }, st);
  assert.equal(up.status, 200);
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
    assert.equal(cells['D' + row], 2, 'venues');
    assert.equal(cells['F' + row], 1, 'venues with a scan');
    assert.equal(cells['G' + row], expected.scans, 'scans');
    assert.equal(cells['J' + row], 2, 'non-complying: one without scans, one with an open complaint');

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
    await tap(page, 'office.lang');
    await label('office.tab.report', 'Báo cáo');
  } finally {
    await ctx.close();
  }
});
