// Venue posters end to end: a real diemquet-server issues the A4 poster PDF (admin poster), the
// PDF is rendered at 150 dpi like a printed page, and stations bind to a scan point from it:
// by pasting the link printed under the QR, and by scanning the page with Chromium's fake
// camera. Forged/altered links and a missing key ring are refused and change nothing; an
// enrolled station downloads the venue's posters as a PDF. Run by stage 65-posters.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPhone, freshProfile } from './lib/browser.mjs';
import { startSyncServer, serverAvailable, admin, SERVER_BIN } from './lib/server-process.mjs';
import { makeCameraVideo, cameraArgs } from './lib/camera-video.mjs';
import * as st from './lib/station.mjs';

const WEB = path.resolve(process.env.DQ_WEB_DIR || 'build/web');
const haveTools = ['pdftoppm', 'pdftotext', 'convert', 'ffmpeg'].every((t) => {
  try { execFileSync('sh', ['-c', `command -v ${t}`]); return true; } catch { return false; }
});
const skip = !serverAvailable() ? `no server binary at ${SERVER_BIN}`
  : !fs.existsSync(path.join(WEB, 'visitor.html')) ? `no shell build in ${WEB}`
  : !haveTools ? 'needs pdftoppm, pdftotext, convert (ImageMagick) and ffmpeg' : false;

let server;
let work;                 // temp dir: the PDF, its page renders, the camera video
const urls = {};          // scan point id -> signed poster URL
const pageOf = {};        // scan point id -> rendered page (PNG)

before(async () => {
  if (skip) return;
  server = await startSyncServer(WEB);
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'dq-posters-'));
  const pdf = path.join(work, 'posters.pdf');
  const out = admin(server.db, 'poster', '--venue', 'v1', '--out', pdf, '--public-url', server.url.replace(/\/$/, ''));
  for (const m of out.matchAll(/^url (\S+) (\S+)$/gm)) urls[m[1]] = m[2];
  assert.ok(urls.gate && urls.back, `admin poster printed no URLs: ${out}`);
  // The page as a printer would put it on paper, at 150 dpi.
  execFileSync('pdftoppm', ['-r', '150', '-png', pdf, path.join(work, 'page')]);
  const pages = fs.readdirSync(work).filter((f) => /^page-\d+\.png$/.test(f)).sort();
  assert.equal(pages.length, 2, 'one page per scan point');
  pages.forEach((f, i) => {
    const words = execFileSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), pdf, '-'], { encoding: 'utf8' });
    const id = words.includes('Điểm quét: Cổng sau') ? 'back' : words.includes('Điểm quét: Cổng chính') ? 'gate' : null;
    assert.ok(id, `page ${i + 1} names no scan point`);
    pageOf[id] = path.join(work, f);
  });
});

after(async () => {
  if (server) await server.stop();
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

// True once the phone's journal holds a record of this type (`dqv.keys`, …): durable.
const journalHas = (page, type) => page.evaluate(async (type) => {
  const db = await new Promise((res, rej) => { const r = indexedDB.open(globalThis.dqJournal.name, 1); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const all = await new Promise((res, rej) => { const q = db.transaction('journal').objectStore('journal').getAll(); q.onsuccess = () => res(q.result); q.onerror = () => rej(q.error); });
  db.close();
  return all.some((r) => typeof r === 'string' && r.startsWith(`{"t":"${type}"`));
}, type);

async function waitJournal(page, type, timeout = 15000) {
  const deadline = Date.now() + timeout;
  while (!(await journalHas(page, type))) {
    if (Date.now() > deadline) throw new Error(`no ${type} record in the journal`);
    await page.waitForTimeout(200);
  }
}

async function openStation(opts = {}) {
  const ctx = await openPhone(freshProfile('dq-posters'), opts);
  const page = ctx.pages()[0] || (await ctx.newPage());
  if (opts.beforeLoad) await opts.beforeLoad(ctx, page);
  await page.goto(server.url);
  await st.waitReady(page);
  return { ctx, page };
}

// The poster section sits below the venue form: scroll the Settings body (a wheel over the
// canvas) until the widget is fully between the top bar (64 px) and the bottom bar (76 px).
async function reveal(page, id) {
  const height = page.viewportSize().height;
  for (let i = 0; i < 20; i++) {
    const w = await st.find(page, id);
    const below = w.y + w.h - (height - 76 - 4), above = 64 + 4 - w.y;
    if (below <= 0 && above <= 0) return w;
    await page.mouse.move(200, height / 2);
    await page.mouse.wheel(0, below > 0 ? Math.min(below + 40, 400) : -Math.min(above + 40, 400));
    await page.waitForTimeout(120);
  }
  return st.find(page, id);
}
const tapBelow = async (page, id) => { await reveal(page, id); await st.tap(page, id); };

async function pasteAndBind(page, url) {
  await st.tap(page, 'nav.settings');
  await reveal(page, 'binding.bind');
  await st.typeInto(page, 'binding.url', url);
  await tapBelow(page, 'binding.bind');
}

const where = async (page) => (await st.find(page, 'top.where')).text;

// The last bind's outcome: why the link was refused (under the field, if it was) and the
// banner (editing the link clears both).
async function result(page) {
  await page.waitForFunction(() => globalThis.dq.probe().items.some((i) => i.id === 'binding.result'), null, { timeout: 10000 });
  const items = (await st.probe(page)).items;
  const why = items.find((i) => i.id === 'binding.url.error');
  return `${why ? why.text + ' ' : ''}${items.find((i) => i.id === 'binding.result').text}`;
}

test('paste the link printed on the poster: bound to scan point 2, names from the server, kept after reload', { skip }, async () => {
  const { ctx, page } = await openStation();
  try {
    await waitJournal(page, 'dqv.keys');  // the station keeps the key ring for offline use
    await pasteAndBind(page, urls.back);
    await page.waitForFunction(() => globalThis.dq.state().sync.scanPoint === 'back', null, { timeout: 10000 });
    await page.waitForFunction(() => globalThis.dq.probe().items.some((i) => i.id === 'top.where' && i.text === 'Chợ Bến Thành · Cổng sau'),
      null, { timeout: 10000 });
    assert.match(await result(page), /Đã gắn máy vào: Chợ Bến Thành · Cổng sau/);
    // No enrollment code yet: staff read that scans stay on this phone, and where the code goes.
    assert.match(await result(page), /lượt quét chỉ lưu trên máy này cho đến khi nhập mã ở mục “Đồng bộ với máy chủ” trong Cài đặt/);
    const s = await st.state(page);
    assert.equal(s.sync.venue, 'v1');
    assert.equal(s.configured, true);
    // The Settings form below shows the names the poster brought.
    await page.waitForFunction(() => globalThis.dq.probe().items.some((i) => i.id === 'settings.scanPoint' && i.text === 'Cổng sau'),
      null, { timeout: 10000 });
    assert.equal((await st.find(page, 'settings.venue')).text, 'Chợ Bến Thành');
    await reveal(page, 'binding.result');
    await st.screenshot(page, 'posters-01-bound-by-link');
    await page.reload();
    await st.waitReady(page);
    assert.equal(await where(page), 'Chợ Bến Thành · Cổng sau', 'the binding survives a reload');
  } finally { await ctx.close(); }
});

test('offline later: the key ring kept in the journal verifies the poster with no network', { skip }, async () => {
  const { ctx, page } = await openStation();
  try {
    await waitJournal(page, 'dqv.keys');
    await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller, null, { timeout: 15000 });
    await ctx.setOffline(true);
    await page.reload();
    await st.waitReady(page);
    await st.waitForWidget(page, 'top.offline');
    await pasteAndBind(page, urls.gate);
    await page.waitForFunction(() => globalThis.dq.state().sync.scanPoint === 'gate', null, { timeout: 10000 });
    // No names offline on a station that never saw this venue: the ids printed in the URL.
    assert.equal(await where(page), 'v1 · gate');
    await st.screenshot(page, 'posters-05-bound-offline');
    // Back online, the station asks for the names and shows them.
    await ctx.setOffline(false);
    await page.waitForFunction(() => globalThis.dq.probe().items.some((i) => i.id === 'top.where' && i.text === 'Chợ Bến Thành · Cổng chính'),
      null, { timeout: 15000 });
    assert.equal((await st.state(page)).sync.scanPoint, 'gate');
  } finally { await ctx.close(); }
});

test('a forged, altered or cut link, or no key ring yet, is refused in Vietnamese and changes nothing', { skip }, async () => {
  // Without the key ring (the keys request fails) nothing can be verified.
  let { ctx, page } = await openStation({ beforeLoad: (c) => c.route('**/api/v1/keys', (r) => r.abort()) });
  try {
    await pasteAndBind(page, urls.back);
    assert.match(await result(page), /chưa tải khoá xác minh.*không thay đổi/);
    assert.equal((await st.state(page)).configured, false);
  } finally { await ctx.close(); }

  ({ ctx, page } = await openStation());
  try {
    await waitJournal(page, 'dqv.keys');
    // Scan point swapped, the signature kept: the signature no longer matches.
    const altered = urls.back.replace('.v1.back.', '.v1.gate.');
    assert.notEqual(altered, urls.back);
    await pasteAndBind(page, altered);
    assert.match(await result(page), /bị sửa hoặc giả mạo.*Cài đặt của máy không thay đổi/);
    assert.match((await st.find(page, 'binding.url.error')).text, /bị sửa hoặc giả mạo/);
    assert.equal((await st.find(page, 'binding.result')).text, 'Cài đặt của máy không thay đổi.');
    await reveal(page, 'binding.result');
    await st.screenshot(page, 'posters-03-altered-refused');
    // One character of the signature changed.
    const sig = urls.back.slice(-86);
    const flipped = urls.back.slice(0, -86) + (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
    await pasteAndBind(page, flipped);
    assert.match(await result(page), /bị sửa hoặc giả mạo/);
    // The signature cut off (a torn poster, a truncated copy).
    await pasteAndBind(page, urls.back.slice(0, -20));
    assert.match(await result(page), /không phải liên kết áp phích DiemQuet hợp lệ/);
    const s = await st.state(page);
    assert.equal(s.configured, false, 'nothing was bound');
    assert.equal(s.sync.venue, '');
    assert.match(await where(page), /Chưa/);
  } finally { await ctx.close(); }
});

test('scan the printed poster with the camera: confirm, bound to that scan point', { skip }, async () => {
  // The QR with its quiet zone, cut from the 150 dpi page (QR 160 mm wide, 46 mm from the top).
  const qr = path.join(work, 'qr-gate.png');
  execFileSync('convert', [pageOf.gate, '-crop', '1100x1100+70+262', '+repage', qr]);
  const video = makeCameraVideo([{ image: null, seconds: 1 }, { image: qr, seconds: 6 }]);
  const { ctx, page } = await openStation({ extraArgs: cameraArgs(video) });
  try {
    await waitJournal(page, 'dqv.keys');
    await st.tap(page, 'nav.scan');
    const offer = await st.find(page, 'scan.bindPoster', 30000);
    assert.equal(offer.text, 'Gắn máy vào điểm quét này');
    // Online, the names are fetched before staff confirm (offline they see the ids).
    await page.waitForFunction(() => globalThis.dq.probe().items.some((i) => i.id === 'scan.poster' && i.text === 'Áp phích hợp lệ: Chợ Bến Thành · Cổng chính'),
      null, { timeout: 10000 });
    assert.equal((await st.state(page)).configured, false, 'nothing changes before staff confirm');
    // The verdict is information, drawn as text: a filled bar above the offer read as a second button.
    assert.equal((await st.find(page, 'scan.poster')).kind, 'text');
    await st.screenshot(page, 'posters-02-scanned-offer');
    await st.tap(page, 'scan.bindPoster');
    await page.waitForFunction(() => globalThis.dq.state().sync.scanPoint === 'gate', null, { timeout: 10000 });
    await page.waitForFunction(() => globalThis.dq.probe().items.some((i) => i.id === 'top.where' && i.text === 'Chợ Bến Thành · Cổng chính'),
      null, { timeout: 10000 });
    await st.screenshot(page, 'posters-02b-scanned-bound');
  } finally {
    await ctx.close();
    fs.rmSync(path.dirname(video), { recursive: true, force: true });
  }
});

test('an enrolled station downloads its venue posters as a PDF (bytes intact)', { skip }, async () => {
  const { ctx, page } = await openStation();
  try {
    await st.tap(page, 'nav.settings');
    await st.typeInto(page, 'sync.code', server.issueCode());
    await st.tap(page, 'sync.enroll');
    await page.waitForFunction(() => globalThis.dq.state().sync.enrolled, null, { timeout: 10000 });
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20000 }), tapBelow(page, 'binding.download')]);
    assert.equal(download.suggestedFilename(), 'diemquet-poster-v1.pdf');
    const file = path.join(st.OUT, 'posters-download.pdf');
    await download.saveAs(file);
    const bytes = fs.readFileSync(file);
    assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
    const words = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
    assert.match(words, /Chợ Bến Thành/);
    assert.match(words, /Điểm quét: Cổng sau/);
    await st.waitForText(page, /Đã tải áp phích về máy/);
    await reveal(page, 'binding.downloadStatus');
    await st.screenshot(page, 'posters-04-download');
  } finally { await ctx.close(); }
});
