// Citizens' violation reports, in Chromium at 360×740 against the real server (SQLite): the
// address printed on the poster ("Báo cáo vi phạm: …/bao-cao/<code>") and the visitor page's
// button open the report page for that venue; a photo is taken with the phone camera (Chromium's
// fake camera fed a Y4M video); the receipt number shown is the report in the commune officer's
// queue, photo included. Bad input and a flood of reports change nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPhone, freshProfile } from './lib/browser.mjs';
import { startSyncServer, serverAvailable, admin, SERVER_BIN } from './lib/server-process.mjs';
import { makeCameraVideo, cameraArgs } from './lib/camera-video.mjs';
import { waitReady, tap, find, OUT } from './lib/station.mjs';

const WEB = path.resolve(process.env.DQ_WEB_DIR || 'build/web');
const haveTools = ['pdftotext', 'ffmpeg'].every((t) => {
  try { execFileSync('which', [t]); return true; } catch { return false; }
});
const skip = !serverAvailable() ? 'no server binary' : !fs.existsSync(path.join(WEB, 'report.html')) ? 'no report page built'
  : !haveTools ? 'needs pdftotext and ffmpeg' : false;
const PASSWORD = 'mat-khau-ben-thanh';
const PHONE = { width: 360, height: 740 };

let server, work, reportAddress, posterUrl, video;

before(async () => {
  if (skip) return;
  server = await startSyncServer(WEB);
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'dq-report-'));
  const pdf = path.join(work, 'posters.pdf');
  const out = admin(server.db, 'poster', '--venue', 'v1', '--out', pdf, '--public-url', server.url.replace(/\/$/, ''));
  posterUrl = out.match(/^url gate (\S+)$/m)[1];
  // What a citizen reads on the paper, as printed.
  const words = execFileSync('pdftotext', ['-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' });
  const m = words.match(/Báo cáo vi phạm: (\S+)/);
  assert.ok(m, `the poster prints no report address:\n${words}`);
  reportAddress = m[1];
  execFileSync(SERVER_BIN, ['admin', 'create-officer', '--username', 'benthanh', '--level', 'ward', '--area', '26743', '--db', server.db],
    { input: PASSWORD + '\n' });
  // The scene the camera sees: a shop front without a poster (a flat colour is enough to be a photo).
  const scene = path.join(work, 'scene.png');
  execFileSync('ffmpeg', ['-y', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=640x480:rate=1', '-frames:v', '1', scene]);
  video = makeCameraVideo([{ image: scene, seconds: 2 }]);
});

after(async () => {
  if (server) await server.stop();
  if (work) fs.rmSync(work, { recursive: true, force: true });
  if (video) fs.rmSync(path.dirname(video), { recursive: true, force: true });
});

async function api(method, p, body, token) {
  const r = await fetch(server.url + p.replace(/^\//, ''), { method, body: body ? JSON.stringify(body) : undefined,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  return { status: r.status, json: await r.json().catch(() => null), type: r.headers.get('content-type'), r };
}
const officerToken = async () => (await api('POST', '/api/v1/office/login', { username: 'benthanh', password: PASSWORD })).json.token;

// The element is drawn and fully inside the 360×740 view.
async function assertVisible(page, selector) {
  const el = page.locator(selector);
  await el.waitFor({ state: 'visible', timeout: 10000 });
  await el.scrollIntoViewIfNeeded();
  const box = await el.boundingBox();
  assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width + 0.5, `${selector} is cut at the side: ${JSON.stringify(box)}`);
  return el;
}

test('from the poster: a report with a camera photo reaches the commune\'s queue, the receipt matches', { skip }, async () => {
  const ctx = await openPhone(freshProfile('dq-report'), { viewport: PHONE, extraArgs: cameraArgs(video) });
  try {
    const page = await ctx.newPage();
    // Typed as printed: the address has no scheme when the server is https; here it is http://.
    await page.goto(reportAddress.startsWith('http') ? reportAddress : `http://${reportAddress}`);
    await assertVisible(page, '#venue-name');
    assert.equal(await page.locator('#venue-name').textContent(), 'Chợ Bến Thành');
    // Send without choosing what is wrong: told so, nothing sent.
    await page.locator('#send').tap();
    await assertVisible(page, '#error');
    assert.match(await page.locator('#error').textContent(), /Chọn một loại vi phạm/);
    const before = (await api('GET', '/api/v1/office/violations?status=all', null, await officerToken())).json.violations.length;
    assert.equal(before, 0);

    await page.locator('input[value=staff_not_checking]').tap();
    await page.locator('#note').fill('Nhân viên không quét mã, khách vào thẳng');
    await page.locator('#camera').tap();
    await assertVisible(page, '#viewfinder');
    await page.waitForFunction(() => document.getElementById('viewfinder').videoWidth > 0, null, { timeout: 10000 });
    await (await assertVisible(page, '#shoot')).tap();
    await assertVisible(page, '#preview');
    await page.waitForFunction(() => document.getElementById('preview').naturalWidth > 0);
    await page.screenshot({ path: path.join(OUT, 'report-filled-360.png'), fullPage: true });
    // An impatient double tap on "Gửi báo cáo" sends one report.
    await page.locator('#send').dblclick();
    await assertVisible(page, '#receipt');
    const receipt = (await page.locator('#receipt').textContent()).trim();
    assert.match(receipt, /^\d+$/);
    await page.screenshot({ path: path.join(OUT, 'report-receipt-360.png') });

    const token = await officerToken();
    const queue = (await api('GET', '/api/v1/office/violations', null, token)).json.violations;
    assert.equal(queue.length, 1, 'one report, however many taps');
    assert.equal(String(queue[0].id), receipt);
    assert.equal(queue[0].venue, 'v1');
    assert.equal(queue[0].kind, 'staff_not_checking');
    assert.equal(queue[0].reporter, 'public');
    assert.ok(queue[0].hasPhoto, 'the photo came with it');
    const photo = await api('GET', `/api/v1/office/violations/${receipt}/photo`, null, token);
    assert.equal(photo.status, 200);
    assert.equal(photo.type, 'image/jpeg');
    // A commune beside it does not see it.
    execFileSync(SERVER_BIN, ['admin', 'create-officer', '--username', 'bennghe', '--level', 'ward', '--area', '26740', '--db', server.db],
      { input: PASSWORD + '\n' });
    const other = (await api('POST', '/api/v1/office/login', { username: 'bennghe', password: PASSWORD })).json.token;
    assert.deepEqual((await api('GET', '/api/v1/office/violations?status=all', null, other)).json.violations, []);
  } finally {
    await ctx.close();
  }
});

test('from the visitor page: "Báo cáo vi phạm" opens the report page of that venue', { skip }, async () => {
  const ctx = await openPhone(freshProfile('dq-report-v'), { viewport: PHONE });
  try {
    const page = await ctx.newPage();
    await page.goto(posterUrl);
    await waitReady(page);
    await find(page, 'visitor.report', 15000);
    await tap(page, 'visitor.report');
    await page.waitForURL(/\/bao-cao\/[0-9A-Z]{3}-[0-9A-Z]{3}$/, { timeout: 10000 });
    await assertVisible(page, '#venue-name');
    assert.equal(await page.locator('#venue-name').textContent(), 'Chợ Bến Thành');
    // The page is light: no WebAssembly module, nothing of the visitor face.
    const wasm = await page.evaluate(() => performance.getEntriesByType('resource').filter((e) => /\.wasm$/.test(e.name)).length);
    assert.equal(wasm, 0);
  } finally {
    await ctx.close();
  }
});

test('an unknown venue code, a bad kind and a flood of reports: a clear answer, nothing written', { skip }, async () => {
  const ctx = await openPhone(freshProfile('dq-report-bad'), { viewport: PHONE });
  try {
    const page = await ctx.newPage();
    await page.goto(server.url + 'bao-cao/ZZZ-ZZZ');
    await assertVisible(page, '#find-error');
    assert.match(await page.locator('#find-error').textContent(), /Không có địa điểm nào mang mã này/);
    // Typed instead, in lower case and without the dash, as people type it.
    const code = reportAddress.split('/').pop();
    await page.locator('#code').fill(code.replace('-', '').toLowerCase());
    await page.locator('#find-go').tap();
    await assertVisible(page, '#venue-name');
  } finally {
    await ctx.close();
  }
  const token = await officerToken();
  const count = async () => (await api('GET', '/api/v1/office/violations?status=all', null, token)).json.violations.length;
  const n0 = await count();
  assert.equal((await api('POST', '/api/v1/reports', { venue: 'v1', kind: 'drop_table' })).status, 400);
  assert.equal((await api('POST', '/api/v1/reports', { venue: 'nowhere', kind: 'no_poster' })).status, 404);
  assert.equal(await count(), n0);
  let last;
  for (let i = 0; i < 12; ++i) last = await api('POST', '/api/v1/reports', { venue: 'v1', kind: 'no_poster' });
  assert.equal(last.status, 429, 'a flood from one address is refused');
  assert.ok((await count()) - n0 <= 10);
});
