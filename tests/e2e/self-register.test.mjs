// A venue registers itself, walked at 360×740 against the real server (SQLite): the owner fills
// /dang-ky on a phone (commune found by typing without marks), gets the owner key once, downloads
// each scan point's poster (every PDF rendered as a printer would and its QR read), enrolls a
// station with the code shown, binds it by the poster's venue code and scans a CCCD; the venue
// and its check-in are in the commune's report marked unverified until the officer confirms it
// in the office; the owner's link opens that venue again, a wrong key nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPhone, freshProfile } from './lib/browser.mjs';
import { serveDb, serverAvailable, SERVER_BIN } from './lib/server-process.mjs';
import { makeCameraVideo, cameraArgs } from './lib/camera-video.mjs';
import { decodeQrs } from './lib/demo.mjs';
import * as st from './lib/station.mjs';
import { importAreas } from '../server/areas_fixture.mjs';

const WEB = path.resolve(process.env.DQ_WEB_DIR || 'build/web');
const CARDS = path.join(path.resolve(process.env.DQ_SHARED_DIR || '../shared'), 'data/vn-cards');
const haveTools = ['pdftoppm', 'pdftotext', 'ffmpeg'].every((t) => {
  try { execFileSync('sh', ['-c', `command -v ${t}`]); return true; } catch { return false; }
});
const skip = !serverAvailable() ? 'no server binary' : !fs.existsSync(path.join(WEB, 'register.html')) ? 'no register page built'
  : !haveTools ? 'needs pdftoppm, pdftotext and ffmpeg' : !fs.existsSync(path.join(CARDS, 'cccd_002_clean.png')) ? `no card images in ${CARDS}` : false;
const PHONE = { width: 360, height: 740 };
const PASSWORD = 'mat-khau-ben-nghe';
const CARD_NAME = 'Hồ Minh Hiếu';

let work, db, server;

before(async () => {
  if (skip) return;
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'dq-self-register-'));
  db = `sqlite:${path.join(work, 'diemquet.db')}`;
  importAreas(SERVER_BIN, db);
  execFileSync(SERVER_BIN, ['admin', 'create-officer', '--username', 'bennghe', '--level', 'ward', '--area', '26740', '--db', db],
    { input: PASSWORD + '\n' });
  server = await serveDb(db, WEB);  // posters carry the address it listens on
});

after(async () => {
  if (server) await server.stop();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

async function api(method, p, body, token) {
  const r = await fetch(server.url + p.replace(/^\//, ''), { method, body: body ? JSON.stringify(body) : undefined,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  return { status: r.status, json: await r.json().catch(() => null) };
}

// Types like a phone keyboard: one character per input event.
async function typeIn(page, selector, text) {
  await page.locator(selector).tap();
  await page.locator(selector).fill('');
  for (const ch of text) await page.keyboard.insertText(ch);
}

async function inView(page, selector) {
  const el = page.locator(selector);
  await el.waitFor({ state: 'visible', timeout: 15000 });
  await el.scrollIntoViewIfNeeded();
  const box = await el.boundingBox();
  assert.ok(box && box.x >= -0.5 && box.x + box.width <= PHONE.width + 0.5, `${selector} is cut at the side: ${JSON.stringify(box)}`);
  return el;
}

test('self-registration at 360×740: register, posters, station, scan, report unverified, officer confirms', { skip, timeout: 300000 }, async () => {
  const owner = await openPhone(freshProfile('dq-owner'), { viewport: PHONE });
  let venueId, ownerKey;
  const points = {};  // id -> { name, code (enrollment), url (QR), short (venue code) }
  try {
    const page = await owner.newPage();
    await page.goto(server.url + 'dang-ky');
    await inView(page, '#name');
    // Nothing filled: told what is missing, at the field.
    await page.locator('#submit').tap();
    assert.match(await (await inView(page, '#error')).textContent(), /Nhập tên cơ sở/);
    await typeIn(page, '#name', 'Quán Cơm Tấm Ba Ghiền'.normalize('NFD'));
    await typeIn(page, '#address', '84 Đặng Văn Ngữ');
    await typeIn(page, '#ward-q', 'ben nghe');
    // Each keystroke searches; the list is drawn again as answers come, so tap the settled row.
    await page.locator('#ward-r0', { hasText: 'Bến Nghé' }).waitFor({ state: 'visible', timeout: 15000 });
    await page.locator('#ward-r0').tap();
    assert.match(await page.locator('#ward-label').textContent(), /^Phường Bến Nghé, Quận 1/);
    await page.locator('#category').selectOption('restaurant');
    await typeIn(page, '#staff', '6');
    await typeIn(page, '#phone', '12345');
    await page.locator('#add-point').tap();
    await typeIn(page, '#point-1', 'Cửa sau');
    await page.locator('#submit').tap();
    assert.match(await (await inView(page, '#error')).textContent(), /Số điện thoại/);
    assert.equal((await api('GET', '/api/v1/office/self-registrations', null,
      (await api('POST', '/api/v1/office/login', { username: 'bennghe', password: PASSWORD })).json.token)).json.venues.length, 0);
    await typeIn(page, '#phone', '0903 123 456');
    await page.screenshot({ path: path.join(st.OUT, 'self-register-form-360.png'), fullPage: true });
    // An impatient double tap registers one venue.
    await page.locator('#submit').dblclick();
    ownerKey = (await (await inView(page, '#owner-key')).textContent()).trim();
    assert.match(ownerKey, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    assert.equal(await page.locator('#venue-status').textContent(), 'Tự đăng ký, chưa được xác minh');
    await page.screenshot({ path: path.join(st.OUT, 'self-register-done-360.png') });
    const view = (await api('GET', '/api/v1/owner/venue', null, ownerKey)).json;
    venueId = view.id;
    assert.equal(view.name, 'Quán Cơm Tấm Ba Ghiền', 'stored in NFC whatever the keyboard sent');
    for (const p of view.scanPoints) points[p.id] = { name: p.name, code: (await page.locator(`#code-${p.id} .code`).textContent()).trim() };
    assert.deepEqual(Object.values(points).map((p) => p.name), ['Cổng chính', 'Cửa sau']);

    // Each scan point's poster: downloaded, printed (rendered), its QR read.
    for (const id of Object.keys(points)) {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), page.locator(`#poster-${id}`).tap()]);
      const pdf = path.join(work, `poster-${id}.pdf`);
      await download.saveAs(pdf);
      execFileSync('pdftoppm', ['-r', '150', '-png', '-singlefile', pdf, path.join(work, `poster-${id}`)]);
      const [url] = decodeQrs([path.join(work, `poster-${id}.png`)]);
      assert.match(url ?? '', new RegExp(`/v#1\\.${venueId}\\.${id}\\.`), `the QR of ${id}'s poster`);
      const words = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
      assert.ok(words.includes(`Điểm quét: ${points[id].name}`), words);
      assert.ok(words.includes('Quán Cơm Tấm Ba Ghiền'));
      points[id].url = url;
      points[id].short = words.match(/Mã địa điểm: ([0-9A-Z]{3}-[0-9A-Z]{3})/)[1];
    }
  } finally {
    await owner.close();
  }

  // A station phone enrolls with the code shown for the back door, binds by its poster's code, scans a CCCD.
  const video = makeCameraVideo([{ image: null, seconds: 2 }, { image: path.join(CARDS, 'cccd_002_clean.png'), seconds: 2 }, { image: null, seconds: 90 }]);
  const station = await openPhone(freshProfile('dq-self-station'), { extraArgs: cameraArgs(video), viewport: PHONE });
  try {
    const page = station.pages()[0] || (await station.newPage());
    await page.goto(server.url);
    await st.waitReady(page);
    await st.tap(page, 'nav.settings');
    await st.typeInto(page, 'sync.code', points.p2.code);
    await st.tap(page, 'sync.enroll');
    await page.waitForFunction(() => globalThis.dq.state().sync.enrolled, null, { timeout: 15000 });
    await st.typeInto(page, 'binding.url', points.p2.short);
    await st.tap(page, 'binding.bind');
    await page.waitForFunction(() => globalThis.dq.state().sync.scanPoint === 'p2', null, { timeout: 15000 });
    await st.tap(page, 'nav.scan');
    await page.waitForFunction(() => globalThis.dq.state().total >= 1, null, { timeout: 30000 });
    await page.waitForFunction(() => globalThis.dq.state().pending === 0, null, { timeout: 20000 });
  } finally {
    await station.close();
    fs.rmSync(path.dirname(video), { recursive: true, force: true });
  }

  // The commune's report: the venue and its check-in, unverified.
  const token = (await api('POST', '/api/v1/office/login', { username: 'bennghe', password: PASSWORD })).json.token;
  const rep = (await api('GET', '/api/v1/office/report', null, token)).json;
  assert.deepEqual(rep.unverified.map((v) => [v.id, v.scans]), [[venueId, 1]]);
  assert.equal(rep.areas.find((a) => a.code === '26740').unverified, 1);

  // The officer confirms it in the office, on a phone.
  const office = await openPhone(freshProfile('dq-self-office'), { viewport: PHONE });
  try {
    const page = await office.newPage();
    await page.goto(server.url + 'office');
    await st.waitReady(page);
    await st.typeInto(page, 'office.login.user', 'bennghe');
    await st.typeInto(page, 'office.login.password', PASSWORD, { password: true });
    await st.tap(page, 'office.login.submit');
    // The weekly report says it: the venue, its scans, not yet verified.
    const line = await st.find(page, 'office.report.unverified.0', 15000);
    assert.equal(line.text, 'Quán Cơm Tấm Ba Ghiền · 1 Lượt quét');
    await st.screenshot(page, 'self-register-office-report-360');
    await st.tap(page, 'office.tab.venues');
    const name = await st.find(page, 'office.verify.0.name', 10000);
    assert.equal(name.text, 'Quán Cơm Tấm Ba Ghiền');
    await st.screenshot(page, 'self-register-office-review-360');
    await st.tap(page, 'office.verify.0.confirm');
    await st.find(page, 'office.verify.done', 10000);
  } finally {
    await office.close();
  }
  const after = (await api('GET', '/api/v1/office/report', null, token)).json;
  assert.deepEqual(after.unverified, []);
  assert.equal(after.areas.find((a) => a.code === '26740').unverified, 0);

  // The owner comes back with the link: that venue, confirmed. A wrong key opens nothing.
  const again = await openPhone(freshProfile('dq-owner-again'), { viewport: PHONE });
  try {
    const page = await again.newPage();
    await page.goto(`${server.url}dang-ky#k=${ownerKey}`);
    await inView(page, '#venue-name');
    assert.equal(await page.locator('#venue-name').textContent(), 'Quán Cơm Tấm Ba Ghiền');
    assert.equal(await page.locator('#venue-status').textContent(), 'Đã được phường/xã xác nhận');
    assert.ok(await page.locator('#once').isHidden(), 'the key is not shown again');
    await page.goto(`${server.url}dang-ky#k=AAAA-BBBB-CCCC-DDDD`);
    await page.reload();
    assert.match(await (await inView(page, '#key-error')).textContent(), /Mã chủ cơ sở không đúng/);
  } finally {
    await again.close();
  }
});
