// The demo is a fixture: starting from exactly what scripts/run.sh creates (scripts/demo.sh:
// its venue, scan points, printed enrollment code and officer login), walk it as people do.
// Staff enroll a 360×740 station with the printed code, download the posters ("Tải áp phích"),
// bind the station by typing a poster's venue code, and scan a CCCD with the camera; every
// poster page is rendered as a printer would and its QR read; a visitor opens that link and
// checks in; the printed short address leads to the same link; the ward officer logs in and
// finds both check-ins in the weekly report and in the XLSX. Stage 66-demo-walk.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPhone, freshProfile } from './lib/browser.mjs';
import { serveDb, serverAvailable, admin, SERVER_BIN } from './lib/server-process.mjs';
import { makeCameraVideo, cameraArgs } from './lib/camera-video.mjs';
import { runDemo, decodeQrs, readXlsxCells } from './lib/demo.mjs';
import * as st from './lib/station.mjs';

const WEB = path.resolve(process.env.DQ_WEB_DIR || 'build/web');
const CARDS = path.join(path.resolve(process.env.DQ_SHARED_DIR || '../shared'), 'data/vn-cards');
const haveTools = ['pdftoppm', 'pdftotext', 'ffmpeg', 'unzip'].every((t) => {
  try { execFileSync('sh', ['-c', `command -v ${t}`]); return true; } catch { return false; }
});
const skip = !serverAvailable() ? `no server binary at ${SERVER_BIN}`
  : !fs.existsSync(path.join(WEB, 'index.html')) ? `no station build in ${WEB}`
  : !haveTools ? 'needs pdftoppm, pdftotext, ffmpeg and unzip'
  : !fs.existsSync(path.join(CARDS, 'cccd_002_clean.png')) ? `no card images in ${CARDS}` : false;

const CARD = 'cccd_002_clean.png';
const CARD_NAME = 'Hồ Minh Hiếu';  // manifest.tsv of the card images
const VISITOR = 'Nguyễn Thị Hương';
const PHONE_360 = { width: 360, height: 740 };

let work, db, demo, server;
const exported = () => admin(db, 'export', '--venue', 'cho-ben-thanh').split('\n').filter(Boolean).map((l) => JSON.parse(l));

before(async () => {
  if (skip) return;
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'dq-demo-walk-'));
  db = `sqlite:${path.join(work, 'diemquet.db')}`;
  demo = runDemo(db);
  server = await serveDb(db, WEB);
});

after(async () => {
  if (server) await server.stop();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

async function waitFor(what, fn, timeout = 30000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

const widgetText = (page, id, re, timeout = 15000) => page.waitForFunction(([id, src]) =>
  globalThis.dq.probe().items.some((i) => i.id === id && new RegExp(src).test(i.text)), [id, re.source], { timeout });

test('the demo of scripts/run.sh, walked: station, posters, visitor, office report and XLSX', { skip, timeout: 360000 }, async () => {
  const base = server.url.replace(/\/$/, '');
  const shots = (name) => `demo-walk-${name}`;

  // ---- Staff: a phone at 360×740 with the camera pointed at a CCCD once Scan opens ----
  const video = makeCameraVideo([{ image: null, seconds: 2 }, { image: path.join(CARDS, CARD), seconds: 2 }, { image: null, seconds: 90 }]);
  const station = await openPhone(freshProfile('dq-demo-station'), { extraArgs: cameraArgs(video) });
  let pages = [], urls = [], printed = [];
  try {
    const page = station.pages()[0] || (await station.newPage());
    await page.setViewportSize(PHONE_360);
    await page.goto(server.url);
    await st.waitReady(page);
    await st.tap(page, 'nav.settings');
    await st.typeInto(page, 'sync.code', demo.code);
    await st.tap(page, 'sync.enroll');
    await page.waitForFunction(() => globalThis.dq.state().sync.enrolled, null, { timeout: 15000 });
    await widgetText(page, 'sync.enrolled', /Chợ Bến Thành/);
    await st.screenshot(page, shots('01-enrolled'));

    // "Tải áp phích": one PDF, one A4 page per scan point.
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30000 }), st.tap(page, 'binding.download')]);
    const pdf = path.join(work, 'posters.pdf');
    await download.saveAs(pdf);
    await widgetText(page, 'binding.downloadStatus', /Đã tải áp phích/);
    await st.reveal(page, 'binding.downloadStatus');
    await st.screenshot(page, shots('02-posters-downloaded'));
    execFileSync('pdftoppm', ['-r', '150', '-png', pdf, path.join(work, 'page')]);
    pages = fs.readdirSync(work).filter((f) => /^page-\d+\.png$/.test(f)).sort().map((f) => path.join(work, f));
    assert.equal(pages.length, 2, 'one poster page per demo scan point');
    urls = decodeQrs(pages);
    pages.forEach((_, i) => {
      const words = execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), pdf, '-'], { encoding: 'utf8' });
      const point = words.match(/Điểm quét: (.+)/)[1].trim();
      const code = words.match(/Mã địa điểm: ([0-9A-Z]{3}-[0-9A-Z]{3})/);
      assert.ok(code, `page ${i + 1} prints its venue code: ${words}`);
      // The address the poster tells people who cannot scan to type.
      assert.ok(words.includes(`${base}/c/${code[1]}`), `page ${i + 1} prints ${base}/c/${code[1]}`);
      printed.push({ point, code: code[1] });
    });
    assert.deepEqual(printed.map((p) => p.point).sort(), ['Cổng Phan Chu Trinh', 'Cổng chính']);
    urls.forEach((u, i) => assert.match(u ?? '', new RegExp(`^${base}/v#1\\.cho-ben-thanh\\.(cong-chinh|cong-pct)\\.`), `QR of page ${i + 1}`));

    // Staff bind this phone to the Phan Chu Trinh gate by typing the code printed on its poster,
    // as a person would: lower case, no dash.
    const pct = printed.findIndex((p) => p.point === 'Cổng Phan Chu Trinh');
    await st.typeInto(page, 'binding.url', printed[pct].code.toLowerCase().replace('-', ''));
    await st.tap(page, 'binding.bind');
    await page.waitForFunction(() => globalThis.dq.state().sync.scanPoint === 'cong-pct', null, { timeout: 15000 });
    await widgetText(page, 'top.where', /^Chợ Bến Thành · Cổng Phan Chu Trinh$/);
    await st.reveal(page, 'binding.result');
    await st.screenshot(page, shots('03-bound-by-code'));

    // Scan: the camera shows the card; one check-in, uploaded.
    await st.tap(page, 'nav.scan');
    await page.waitForFunction(() => globalThis.dq.state().total >= 1, null, { timeout: 30000 });
    await st.screenshot(page, shots('04-scanned'));
    await st.tap(page, 'nav.today');
    await widgetText(page, 'today.entry.0', new RegExp(CARD_NAME));
    await st.screenshot(page, shots('04b-today'));
    await page.waitForFunction(() => globalThis.dq.state().pending === 0, null, { timeout: 20000 });
    const scanned = exported().filter((c) => !c.device.startsWith('self-'));
    assert.equal(scanned.length, 1, 'one card scan stored on the server');
    assert.equal(scanned[0].name, CARD_NAME);
    assert.equal(scanned[0].scanPoint, 'cong-pct');
  } finally {
    await station.close();
    fs.rmSync(path.dirname(video), { recursive: true, force: true });
  }

  // ---- The printed short address leads to the poster's own link (any case, no dash) ----
  for (const [i, p] of printed.entries()) {
    const r = await fetch(`${base}/c/${p.code.toLowerCase().replace('-', '')}`, { redirect: 'manual' });
    assert.equal(r.status, 302, `/c/${p.code}`);
    assert.equal(r.headers.get('location'), urls[i]);
  }

  // ---- A visitor opens the QR of the main gate and checks in ----
  const gate = urls.find((u) => u.includes('.cong-chinh.'));
  const visitor = await openPhone(freshProfile('dq-demo-visitor'));
  try {
    const page = visitor.pages()[0] || (await visitor.newPage());
    await page.setViewportSize(PHONE_360);
    await page.goto(gate);
    await st.waitReady(page);
    await widgetText(page, 'visitor.venue', /^Chợ Bến Thành$/, 20000);
    await widgetText(page, 'visitor.point', /Cổng chính/);
    await st.typeInto(page, 'visitor.name', VISITOR);
    await st.typeInto(page, 'visitor.phone', '0901234567');
    await st.tap(page, 'visitor.checkin');
    await widgetText(page, 'visitor.saved', /Đã khai báo VÀO lúc \d\d:\d\d/);
    await st.screenshot(page, shots('05-visitor-checked-in'));
    const self = await waitFor('the self check-in on the server', () => exported().filter((c) => c.device.startsWith('self-')));
    assert.equal(self.length, 1);
    assert.equal(self[0].name, VISITOR);
    assert.equal(self[0].scanPoint, 'cong-chinh');
  } finally { await visitor.close(); }

  // ---- The ward officer (made by the demo, login as run.sh prints it) finds both ----
  const office = await openPhone(freshProfile('dq-demo-office'));
  try {
    const page = office.pages()[0] || (await office.newPage());
    await page.goto(`${base}/office`);
    await st.waitReady(page);
    await st.typeInto(page, 'office.login.user', demo.officer);
    await st.tap(page, 'office.login.password');
    for (const ch of demo.password) await page.keyboard.insertText(ch);
    await st.tap(page, 'office.login.submit');
    await st.find(page, 'office.report.total.scans', 20000);
    await widgetText(page, 'office.report.total.scans', /(^|\D)2(\D|$)/);
    // Scans per staff member written as a Vietnamese officer writes a decimal (2 / 40 staff).
    await widgetText(page, 'office.report.perStaff.26743', /^0,05$/);
    await st.screenshot(page, shots('06-office-report'));
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20000 }), st.tap(page, 'office.report.xlsx')]);
    const xlsx = path.join(work, 'report.xlsx');
    await download.saveAs(xlsx);
    const cells = readXlsxCells(xlsx);
    const row = Object.keys(cells).find((k) => /^A\d+$/.test(k) && cells[k] === '26743');
    assert.ok(row, `the XLSX has a row for ward 26743 (Phường Bến Thành): ${JSON.stringify(cells)}`);
    const n = row.slice(1);
    assert.equal(cells[`D${n}`], 1, 'venues in the ward: the demo venue');
    assert.equal(cells[`F${n}`], 1, 'venues with a scan');
    assert.equal(cells[`G${n}`], 2, 'scans: the card and the visitor');
  } finally { await office.close(); }
});
