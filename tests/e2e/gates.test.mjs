// One presence across a venue's gates (issue #17), two stations at the two scan points of one
// venue against the real server. Online: a person who went in at gate A and shows the card at
// gate B is checked OUT there (B was told by the server who is inside). Offline: B decides
// alone ("in"); after B's next sync the server's timeline corrects it to "out", B shows the
// corrected direction and counts, and the office's trace reads one visit through both gates.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { openPhone, freshProfile } from './lib/browser.mjs';
import { startSyncServer, serverAvailable, SERVER_BIN } from './lib/server-process.mjs';
import * as st from './lib/station.mjs';

const WEB = path.resolve(process.env.DQ_WEB_DIR || 'build/web');
const skip = !serverAvailable() ? `no server binary at ${SERVER_BIN}`
  : !fs.existsSync(path.join(WEB, 'index.html')) ? `no shell build in ${WEB}` : false;
const PASSWORD = 'mat-khau-phuong-ben-thanh';
const VN = 7 * 3_600_000;
const AN = '001099012345||Nguyễn Văn An|15081999|Nam|Hà Nội|20042021';
const BINH = '079199001234||Trần Thị Bình|01011999|Nữ|12 Đường Mẫu, Phường 1, Quận 3, TP. Hồ Chí Minh|10052021';
let server;

before(async () => {
  if (skip) return;
  server = await startSyncServer(WEB);
  execFileSync(SERVER_BIN, ['admin', 'create-officer', '--username', 'benthanh', '--level', 'ward', '--area', '26743', '--db', server.db],
    { input: PASSWORD + '\n' });
});
after(async () => { if (server) await server.stop(); });


// A station enrolled at venue v1, standing at scan point `point` ('gate' or 'back'), on a phone
// of `viewport` (default: 412×915).
async function station(point, viewport) {
  const ctx = await openPhone(freshProfile(`dq-gate-${point}`), viewport ? { viewport } : {});
  const page = ctx.pages()[0] || (await ctx.newPage());
  await page.goto(server.url);
  await st.waitReady(page);
  await st.tap(page, 'nav.settings');
  await st.typeInto(page, 'sync.code', server.issueCode());
  await st.tap(page, 'sync.enroll');
  await page.waitForFunction(() => globalThis.dq.state().sync.enrolled, null, { timeout: 15000 });
  if ((await st.state(page)).sync.scanPoint !== point) {
    const items = (await st.probe(page)).items.filter((i) => /^sync\.point\.\d+$/.test(i.id));
    await st.tap(page, items.find((i) => i.text === (point === 'gate' ? 'Cổng chính' : 'Cổng sau')).id);
    await page.waitForFunction((want) => globalThis.dq.state().sync.scanPoint === want, point);
  }
  await st.tap(page, 'nav.scan');
  await page.waitForTimeout(300);
  return { ctx, page };
}

const uploaded = (page) => page.waitForFunction(() => globalThis.dq.state().pending === 0, null, { timeout: 20000 });
const rowsOf = (device) => server.exported().filter((c) => c.device === device);

test('two gates: out at the other gate online; offline "in" corrected after sync; trace agrees', { skip }, async () => {
  const a = await station('gate');
  const b = await station('back', st.PHONES[0]);  // the narrow phone: the banner's tightest slot
  try {
    const devB = (await st.state(b.page)).device;

    // Online: An goes in at gate A...
    await st.wedgeScan(a.page, AN);
    await a.page.waitForFunction(() => globalThis.dq.state().today.in === 1, null, { timeout: 10000 });
    await uploaded(a.page);
    // ...and leaves through gate B, which the server told (within its 5 s ask) that An is inside.
    await b.page.waitForTimeout(6000);
    await st.wedgeScan(b.page, AN);
    const out = await st.find(b.page, 'scan.savedOut', 10000);
    assert.match(out.text, /ĐÃ RA/);
    await st.screenshot(b.page, 'gates-01-out-at-the-other-gate');
    await b.page.waitForFunction(() => globalThis.dq.state().today.out === 1, null, { timeout: 5000 });
    await uploaded(b.page);
    assert.deepEqual(rowsOf(devB).map((c) => c.dir), ['out'], 'stored as a check-out');

    // Offline at gate B: Bình goes in at A; B, cut off, records her way out as "in".
    await b.ctx.setOffline(true);
    await st.wedgeScan(a.page, BINH);
    await a.page.waitForFunction(() => globalThis.dq.state().today.in === 2, null, { timeout: 10000 });
    await uploaded(a.page);
    await b.page.waitForTimeout(1000);
    await st.wedgeScan(b.page, BINH);
    await st.find(b.page, "scan.saved", 10000);
    const savedAt = Date.now();
    await b.page.waitForFunction(() => globalThis.dq.state().today.in === 1, null, { timeout: 5000 });
    await st.screenshot(b.page, 'gates-02-offline-decided-alone');

    // Back online: B uploads, asks, and shows the corrected direction and counts.
    await b.ctx.setOffline(false);
    await b.page.evaluate(() => globalThis.dq.syncNow && globalThis.dq.syncNow());
    await b.page.waitForFunction(() => globalThis.dq.state().today.in === 0 && globalThis.dq.state().today.out === 2, null, { timeout: 30000 });
    const correctedAfter = Date.now() - savedAt;
    // What the vendor reads first follows the correction: the band on Scan…
    const band = await st.find(b.page, 'scan.savedOut', 5000).catch(async () => {
      const was = (await st.probe(b.page)).items.find((i) => i.id.startsWith('scan.saved') || i.id === 'scan.state');
      throw new Error(`after the correction the Scan band reads ${JSON.stringify(was && was.text)}, not "← ĐÃ RA …"`);
    });
    // The direction once ("← ĐÃ RA … RA" read as two events), and why: the other gate's way in.
    assert.match(band.text, /^← ĐÃ RA · Đã lưu · đã vào ở cổng khác$/);
    await st.screenshot(b.page, 'gates-03a-band-corrected');
    await st.tap(b.page, 'nav.today');
    const entry = await st.find(b.page, 'today.entry.0', 10000);
    assert.match(entry.text, /Trần Thị Bình/);
    assert.match(entry.text, /RA|Ra/);
    // The row says why an entry recorded as "VÀO" reads "RA" (the one decided online does not).
    assert.match(entry.text, / · đã vào ở cổng khác$/, `the corrected row does not say why: "${entry.text}"`);
    assert.doesNotMatch((await st.find(b.page, 'today.entry.1')).text, /cổng khác/);
    // …and the status line above Today's counts, still shown (15 s after the save) and in its slot.
    const status = await st.find(b.page, 'status.saved', 2000).catch(() => {
      throw new Error(`no save status on Today ${Date.now() - savedAt} ms after the save (correction after ${correctedAfter} ms)`);
    });
    assert.doesNotMatch(status.text, /VÀO/, `the banner contradicts Today: "${status.text}"`);
    assert.match(status.text, /^← ĐÃ RA · Trần Thị Bình · \d\d:\d\d · đã vào ở cổng khác$/);
    assert.equal(status.text.match(/\bRA\b/g).length, 1, `the direction said twice: "${status.text}"`);
    assert.ok(status.y + status.h <= status.clip[1] + 0.5, `the banner spills out of its slot: ${JSON.stringify(status)}`);
    st.assertUnobstructed(await st.probe(b.page), await st.find(b.page, 'today.inside'), b.page.viewportSize());
    await st.screenshot(b.page, 'gates-03-corrected-after-sync');
    // In English, the same: one direction and the reason.
    await st.goTo(b.page, 'nav.settings', 'settings.lang.1');
    await st.tap(b.page, 'settings.lang.1');
    await st.tap(b.page, 'nav.scan');
    // The band while its undo lasts (15 s from the save), then the quiet line: both say it.
    const bandEn = await b.page.waitForFunction(() => globalThis.dq.probe().items.find((i) =>
      (i.id === 'scan.savedOut' && /^← CHECKED OUT · Saved · entered at another gate$/.test(i.text)) ||
      (i.id === 'scan.last' && /^Last scan: T\. T\. Bình · OUT \d\d:\d\d · entered at another gate$/.test(i.text))), null, { timeout: 5000 })
      .then((h) => h.jsonValue()).catch(async () => {
        const was = (await st.probe(b.page)).items.find((i) => i.id.startsWith('scan.saved') || i.id === 'scan.last');
        throw new Error(`in English the Scan screen reads ${JSON.stringify(was && was.text)}`);
      });
    assert.ok(bandEn);
    await st.screenshot(b.page, 'gates-03b-band-corrected-english');
    // The server keeps what B sent; its timeline reads it as the way out.
    assert.deepEqual(rowsOf(devB).map((c) => c.dir), ['out', 'in']);

    // The office's trace of Bình: one visit, in at gate A, out at gate B.
    const login = await fetch(server.url + 'api/v1/office/login', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'benthanh', password: PASSWORD }) });
    const token = (await login.json()).token;
    const day = new Date(Date.now() + VN).toISOString().slice(0, 10);
    const tr = await fetch(server.url + 'api/v1/office/trace', { method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ id: '079199001234', from: day, to: day, reason: 'Kiểm tra hai cổng' }) });
    const result = await tr.json();
    assert.equal(result.visits.length, 1, JSON.stringify(result.visits));
    assert.equal(result.visits[0].endEstimated, false);
    assert.deepEqual([...result.visits[0].scanPoints].sort(), ['back', 'gate']);
  } finally {
    await a.ctx.close();
    await b.ctx.close();
  }
});

// Two phones at the SAME gate (session 11). Phạm Thị Huệ is entered by hand on phone A; a
// minute later a second keeper enters her again on phone B at that gate. B used to save it and
// the server's timeline turned it into her way out ("← ĐÃ RA · … · đã vào ở cổng khác", a gate
// she never used). Within the repeat window it is a repeat, as on one phone: "Đã quét … trên máy
// khác" in the yellow band, nothing saved; the server and the office's report count one scan.
const HUE_ID = '079186012345';
// The week's scans of the ward (26743) as the office's report counts them.
async function officeScans() {
  const login = await fetch(server.url + 'api/v1/office/login', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'benthanh', password: PASSWORD }) });
  const token = (await login.json()).token;
  const report = await (await fetch(server.url + 'api/v1/office/report', { headers: { authorization: `Bearer ${token}` } })).json();
  const ward = report.areas.find((x) => x.code === '26743');
  assert.ok(ward, JSON.stringify(report.areas));
  return ward.scans;
}
const HUE = `${HUE_ID}||Phạm Thị Huệ|12031986|Nữ|12 Đường Mẫu, Phường 1, Quận 3, TP. Hồ Chí Minh|10052021`;

test('two phones at one gate: the second entry within the repeat window is a repeat, counted once', { skip }, async () => {
  const a = await station('gate');
  const b = await station('gate', st.PHONES[0]);  // the narrow phone
  try {
    const [devA, devB] = [(await st.state(a.page)).device, (await st.state(b.page)).device];
    assert.notEqual(devA, devB);
    await st.manualCheckIn(a.page, { name: 'Phạm Thị Huệ', cccd: HUE_ID });
    await st.find(a.page, 'status.saved', 10000);
    await uploaded(a.page);
    const scansBefore = await officeScans();
    await b.page.waitForTimeout(6000);  // B asks the server every 5 s

    // Session 12: B has nothing of its own to upload, but it has asked the server who is inside
    // and been answered: that is reaching the server. Today said "Đồng bộ lần cuối: chưa lần nào".
    await st.tap(b.page, 'nav.today');
    await st.reveal(b.page, 'today.sync');
    assert.match((await st.assertInView(b.page, 'today.sync')).text, /^Đồng bộ lần cuối: \d\d:\d\d$/);
    const sb0 = await st.state(b.page);
    assert.deepEqual([sb0.total, sb0.pending], [0, 0], 'B has uploaded nothing');
    await st.screenshot(b.page, 'gates-03-poll-only-last-sync');

    // On B by hand, the name typed as a phone's keyboard sends it (NFD), "VÀO" left as it is.
    await st.tap(b.page, 'nav.manual');
    await st.typeNfd(b.page, 'field.name', 'Phạm Thị Huệ');
    await st.typeInto(b.page, 'field.cccd', HUE_ID);
    await st.tap(b.page, 'manual.save');
    const said = await st.assertInView(b.page, 'status.repeat', 10000);
    assert.match(said.text, /^Đã nhập rồi: Phạm Thị Huệ · VÀO \d\d:\d\d · trên máy khác$/);
    await st.assertNoMissingGlyphs(b.page, 'the repeat on Manual');
    await st.screenshot(b.page, 'gates-04-same-gate-manual-repeat');
    // Done as a save is: the form is empty for the next person, and a second tap on "Lưu" (a
    // double tap) neither saves nor turns the band into "name is required".
    await st.waitForField(b.page, 'field.name', '');
    await st.tap(b.page, 'manual.save');
    await b.page.waitForTimeout(500);
    await st.find(b.page, 'status.repeat', 2000);
    assert.equal((await st.state(b.page)).total, 0, 'nothing saved on B');

    // Her card shown to B's scanner: the same repeat, with "Ghi RA ngay" if she really leaves.
    await st.tap(b.page, 'nav.scan');
    await st.wedgeScan(b.page, HUE);
    const band = await st.assertInView(b.page, 'scan.repeat', 10000);
    assert.match(band.text, /^Đã quét: Phạm Thị Huệ · VÀO \d\d:\d\d · trên máy khác$/);
    st.assertUnobstructed(await st.probe(b.page), await st.find(b.page, 'scan.recordOther'), b.page.viewportSize());
    await st.screenshot(b.page, 'gates-05-same-gate-scan-repeat');
    const sb = await st.state(b.page);
    assert.equal(sb.total, 0, 'nothing saved on B');
    assert.equal(sb.today.in + sb.today.out, 0, 'nothing counted on B');

    // The server holds one entry, A's; the office's report counts no second scan.
    await b.page.waitForTimeout(1000);
    assert.deepEqual(server.exported().filter((c) => c.device === devA || c.device === devB).map((c) => [c.device, c.dir]),
      [[devA, 'in']]);
    assert.equal(await officeScans(), scansBefore, 'the office report counts her once');

    // B offline (no feed): Lan enters at A, and a minute later B, cut off, records her again
    // alone ("in": it could not know). After B's sync that record is her entry repeated, not
    // her way out (session 12: it read "← ĐÃ RA … đã vào trên máy khác" and the office counted
    // an exit that never happened): kept on B and on the server as sent, no correction, and
    // the office's report counts her once.
    await b.ctx.setOffline(true);
    const scansBeforeLan = await officeScans();
    await st.manualCheckIn(a.page, { name: 'Đỗ Thị Lan', phone: '0933333333' });
    await st.find(a.page, 'status.saved', 10000);
    await uploaded(a.page);
    // As a second keeper at the gate types it: NFD, pasted phone number.
    await st.tap(b.page, 'nav.manual');
    await st.typeNfd(b.page, 'field.name', 'Đỗ Thị Lan');
    await st.typeInto(b.page, 'field.phone', '0933333333');
    await st.tap(b.page, 'manual.save');
    const savedOffline = await st.find(b.page, 'status.saved', 10000);
    assert.match(savedOffline.text, /VÀO/);
    await b.ctx.setOffline(false);
    await b.page.evaluate(() => globalThis.dq.syncNow && globalThis.dq.syncNow());
    await uploaded(b.page);
    await b.page.waitForTimeout(7000);  // B asks the server every 5 s: time for a correction to come
    const sb2 = await st.state(b.page);
    assert.equal(sb2.today.out, 0, 'no exit on B');
    assert.equal(sb2.today.in, 1, 'her entry, kept on B');
    const still = await st.find(b.page, 'status.saved', 2000).catch(() => null);
    if (still) assert.doesNotMatch(still.text, /\bRA\b|máy khác/, `B's banner turned into an exit: "${still.text}"`);
    await st.tap(b.page, 'nav.today');
    const lanRow = await st.find(b.page, 'today.entry.0', 10000);
    assert.match(lanRow.text, /Đỗ Thị Lan/);
    assert.doesNotMatch(lanRow.text, /\bRA\b|máy khác|cổng khác/, `Today reads her entry as an exit: "${lanRow.text}"`);
    await st.screenshot(b.page, 'gates-06-same-gate-offline-repeat-kept');
    // The server keeps both records as sent; the report counts her once; the trace, one visit.
    assert.deepEqual(server.exported().filter((c) => c.device === devA || c.device === devB).map((c) => `${c.device} ${c.dir}`).sort(),
      [`${devA} in`, `${devA} in`, `${devB} in`].sort(), 'Huệ and Lan in at A, Lan again at B');
    assert.equal(await officeScans(), scansBeforeLan + 1, 'the office report counts her once');
    const login = await fetch(server.url + 'api/v1/office/login', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'benthanh', password: PASSWORD }) });
    const token = (await login.json()).token;
    const day = new Date(Date.now() + VN).toISOString().slice(0, 10);
    const tr = await (await fetch(server.url + 'api/v1/office/trace', { method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ id: '0933333333', from: day, to: day, reason: 'Hai máy một cổng' }) })).json();
    assert.equal(tr.visits.length, 1, JSON.stringify(tr.visits));
    assert.equal(tr.visits[0].endEstimated, true, 'no exit was scanned: ' + JSON.stringify(tr.visits[0]));
  } finally {
    await a.ctx.close();
    await b.ctx.close();
  }
});

// Session 16: two phones at ONE gate. "Đang ở trong" on phone B counted only the people B had
// recorded itself, so the second keeper read "1" with a queue of people inside. It counts the
// gate's people from the server's answer (by presence key: no names, so the list below cannot
// show them), says how many came in through another phone, and offline keeps the last answer,
// saying when it came ("theo máy chủ lúc hh:mm").
const CUONG = '001088004321||Hoàng Văn Cường|02021988|Nam|Hà Nội|20042021';
const MAI = '079195006789||Đặng Thị Mai|03031995|Nữ|12 Đường Mẫu, Phường 1, Quận 3, TP. Hồ Chí Minh|10052021';

test('two phones at one gate: "Đang ở trong" counts the gate\'s people; offline, as of the last answer', { skip }, async () => {
  const a = await station('gate', st.PHONES[0]);
  const b = await station('gate', st.PHONES[0]);
  try {
    await b.page.waitForTimeout(6000);  // B asks the server every 5 s
    // The venue's people still inside from the tests before (none when run alone).
    const base = (await st.state(b.page)).today.inside;
    const insideIs = (page, n, other) => page.waitForFunction(([n, other]) => {
      const t = globalThis.dq.state().today;
      return t.inside === n && t.insideOther === other;
    }, [n, other], { timeout: 20000 }).catch(async () => {
      throw new Error(`want inside ${n} (${other} on other phones), B says ${JSON.stringify((await st.state(page)).today)}`);
    });

    // Gate keeper A lets Cường and Mai in.
    await st.wedgeScan(a.page, CUONG);
    await st.find(a.page, 'scan.saved', 10000);
    await st.wedgeScan(a.page, MAI);
    await a.page.waitForFunction(() => globalThis.dq.state().today.in === 2, null, { timeout: 10000 });
    await uploaded(a.page);

    // B, beside A, counts them too, and says they came in on the other phone.
    await st.tap(b.page, 'nav.today');
    await insideIs(b.page, base + 2, base + 2);
    assert.match((await st.assertInView(b.page, 'today.inside')).text, new RegExp(`^${base + 2} Đang ở trong$`));
    assert.equal((await st.assertInView(b.page, 'today.insideOther')).text, `${base + 2} người vào qua máy khác`);
    await st.screenshot(b.page, 'gates-07-same-gate-inside-counts-other-phone');

    // B lets Hạnh in by hand (typed as a phone sends it): B's own, not "on another phone".
    await st.tap(b.page, 'nav.manual');
    await st.typeNfd(b.page, 'field.name', 'Võ Thị Hạnh');
    await st.paste(b.page, 'field.phone', '0905123456');
    await st.tap(b.page, 'manual.save');
    await st.find(b.page, 'status.saved', 10000);
    await st.tap(b.page, 'nav.today');
    await insideIs(b.page, base + 3, base + 2);

    // Cường leaves through A ("Ghi RA ngay" on the repeat band): B's count follows.
    await st.wedgeScan(a.page, CUONG);
    await st.find(a.page, 'scan.repeat', 10000);
    await st.tap(a.page, 'scan.recordOther');
    await a.page.waitForFunction(() => globalThis.dq.state().today.out === 1, null, { timeout: 10000 });
    await uploaded(a.page);
    await insideIs(b.page, base + 2, base + 1);

    // B loses its network: the count stands on the last answer, and says when that was.
    await b.ctx.setOffline(true);
    await st.find(b.page, 'top.offline', 10000);
    const line = await st.assertInView(b.page, 'today.insideOther');
    assert.match(line.text, new RegExp(`^${base + 1} người vào qua máy khác · theo máy chủ lúc \\d\\d:\\d\\d$`));
    assert.equal((await st.state(b.page)).today.inside, base + 2);
    await st.assertNoMissingGlyphs(b.page, 'the other phones\' line offline');
    st.assertUnobstructed(await st.probe(b.page), line, b.page.viewportSize(), 'read');
    await st.screenshot(b.page, 'gates-08-same-gate-inside-offline');

    // Still offline, B's page is reloaded (a keeper's phone restarts it): the last answer was
    // kept with the page, so B still counts the other phone's people, as of the same time
    // (before session 16 it counted only its own, Hạnh, until the server answered again).
    await b.page.reload();  // offline: the service worker serves the shell
    await st.waitReady(b.page);
    await st.tap(b.page, 'nav.today');
    await st.find(b.page, 'top.offline', 10000);
    assert.equal((await st.state(b.page)).today.inside, base + 2, 'the other phone\'s people counted after the reload');
    const reloaded = await st.assertInView(b.page, 'today.insideOther');
    assert.equal(reloaded.text, line.text, 'the same line, as of the same answer');
    st.assertUnobstructed(await st.probe(b.page), reloaded, b.page.viewportSize(), 'read');
    await st.screenshot(b.page, 'gates-08b-same-gate-inside-offline-reloaded');

    // Back online: the next answer, and no time (it is now).
    await b.ctx.setOffline(false);
    await b.page.waitForFunction((n) => globalThis.dq.probe().items.some((i) => i.id === 'today.insideOther' &&
      i.text === `${n} người vào qua máy khác`), base + 1, { timeout: 20000 });

    // Closing the day on B checks out the one B let in (it has no names for the others), and
    // the question says so rather than "everyone inside".
    await st.reveal(b.page, 'today.closeDay');
    await st.tap(b.page, 'today.closeDay');
    const ask = await st.assertInView(b.page, 'today.closeDayConfirm');
    assert.equal(ask.text, 'Ghi RA cho 1 người vào qua máy này? Người vào qua máy khác do máy đó ghi RA.');
    await st.screenshot(b.page, 'gates-09-same-gate-close-day-here');
    await st.tap(b.page, 'today.closeDayYes');
    await insideIs(b.page, base + 1, base + 1);
    assert.equal((await st.state(b.page)).today.out, 1, 'Hạnh checked out on B');
  } finally {
    await a.ctx.close();
    await b.ctx.close();
  }
});
