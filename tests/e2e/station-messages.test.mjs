// What the station says after an action, as a gate keeper reads it: every message already on
// screen follows a language switch (Settings field errors, the enrollment error, the outcome of
// binding by poster: they stayed in the old language), and "Hoàn tác" lives exactly as long
// as the save line that offers it (it went at 10 s, the line at 15 s); on Scan, the band of the
// last scan (saved, a repeat, a refused code) gives way to a quiet line after 15 s, and on
// Today the save line to a quiet "Lần lưu trước" line. Against the real server
// (enrollment, the venue code lookup, the key ring). Run by stage 50-e2e.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { issuePosterUrl } from './lib/server-process.mjs';
import { posterServer } from './lib/poster-fixture.mjs';
import * as st from './lib/station.mjs';
import { openStationAt } from './lib/layout.mjs';

const fx = posterServer({ poster: false });
const { skip } = fx;
const openStation = (width, height) => openStationAt(fx.server.url, width, height);

const VIETNAMESE = /[ăâđêôơưàáạảãấầẩẫậắằẳẵặèéẹẻẽếềểễệìíỉịĩòóọỏõốồổỗộớờởỡợùúụủũứừửữựỳýỵỷỹ]/i;

// Switches the language in Settings and waits for the tabs to say it.
async function switchTo(page, lang) {
  await st.reveal(page, `settings.lang.${lang === 'en' ? 1 : 0}`);
  await st.tap(page, `settings.lang.${lang === 'en' ? 1 : 0}`);
  const today = lang === 'en' ? 'Today' : 'Hôm nay';
  await page.waitForFunction((t) => globalThis.dq.probe().items.some((i) => i.id === 'nav.today' && i.text === t), today, { timeout: 5000 });
}

// The texts drawn for these ids in the newest frame (undefined: not drawn).
const AN = '001099012345||Nguyễn Văn An|15081999|Nam|Hà Nội|20042021';

// A 360×740 station set up, with An's card shown at the scanner and saved as in.
async function anScannedIn() {
  const { ctx, page } = await openStation(360, 740);
  try {
    await st.configure(page);
    await st.goTo(page, 'nav.scan', 'nav.scan');
    await st.wedgeScan(page, AN);
    await st.waitForWidget(page, 'scan.saved');
    return { ctx, page };
  } catch (e) {
    await ctx.close();
    throw e;
  }
}

// What each new frame shows, from `since` until `stop` says so or `ms` pass: `facts(has)` of each
// frame (has(id): the widget is drawn), with `ms` after `since`.
// The pill as a frame shows it.
const pillFacts = (has) => ({ online: has('top.online'), trouble: has('top.serverTrouble'), connecting: has('top.connecting') });

// Aborts the next `lose` requests to `pattern` (raise .lose to keep failing); counts them all.
async function loseRequests(page, pattern, lose) {
  const counter = { lose, asked: 0 };
  await page.route(pattern, (r) => {
    counter.asked++;
    if (counter.lose > 0) { counter.lose--; return r.abort(); }
    return r.continue();
  });
  return counter;
}

// Enrolled with a fresh code from Settings, and the pill green: where the pill's tests begin.
async function enrollOnline(page) {
  await st.tap(page, 'nav.settings');
  await st.typeInto(page, 'sync.code', fx.server.issueCode());
  await st.tap(page, 'sync.enroll');
  assert.equal((await st.find(page, 'top.online', 15000)).text, 'Trực tuyến');
}

async function eachFrame(page, since, ms, facts, stop) {
  const frames = [];
  let lastFrame = -1;
  while (Date.now() - since < ms) {
    const f = await st.probe(page);
    if (f.frame !== lastFrame) {
      lastFrame = f.frame;
      const seen = { ms: Date.now() - since, ...facts((id) => f.items.some((i) => i.id === id)) };
      frames.push(seen);
      if (stop(seen)) break;
    }
    await page.waitForTimeout(100);
  }
  return frames;
}

async function drawn(page, ids) {
  const items = (await st.probe(page)).items;
  return Object.fromEntries(ids.map((id) => [id, items.find((i) => i.id === id)?.text]));
}

test('messages on screen follow a language switch: field errors, enrollment, binding by code and by poster', { skip }, async () => {
  const { ctx, page } = await openStation(360, 740);
  try {
    await st.goTo(page, 'nav.settings', 'settings.save');
    // Each message made to appear in Vietnamese, as staff meet them on a first morning.
    await st.typeInto(page, 'settings.repeat', '999');
    await st.tap(page, 'settings.save');  // no venue, no scan point, a repeat window too long
    await st.find(page, 'settings.venue.error');
    await st.typeInto(page, 'sync.code', 'abc');
    await st.tap(page, 'sync.enroll');
    await st.find(page, 'sync.code.error');
    await st.reveal(page, 'binding.url');
    await st.typeInto(page, 'binding.url', 'zzz-zzz');  // a venue code no poster carries
    await st.tap(page, 'binding.bind');
    await st.find(page, 'binding.result');
    await st.find(page, 'binding.url.error');
    await st.reveal(page, 'kiosk.setup.pin');
    await st.typeInto(page, 'kiosk.setup.pin', '12', { password: true });
    await st.tap(page, 'kiosk.setup.start');
    await st.find(page, 'kiosk.setup.pin.error');
    const ids = ['settings.venue.error', 'settings.scanPoint.error', 'settings.repeat.error', 'sync.code.error',
      'binding.url.error', 'binding.result', 'kiosk.setup.pin.error'];
    const vi = {
      'settings.venue.error': 'Vui lòng nhập tên địa điểm.',
      'settings.scanPoint.error': 'Vui lòng nhập tên điểm quét.',
      'settings.repeat.error': 'Nhập số phút từ 0 đến 60.',
      'sync.code.error': 'Mã đăng ký gồm 12 chữ và số, dạng XXXX-XXXX-XXXX.',
      'binding.url.error': 'Không có áp phích nào mang mã này. Kiểm tra lại mã in dưới mã QR.',
      'binding.result': 'Cài đặt của máy không thay đổi.',
      'kiosk.setup.pin.error': 'Mã PIN phải gồm 4 đến 8 chữ số.',
    };
    assert.deepEqual(await drawn(page, ids), vi);
    await switchTo(page, 'en');
    const en = await drawn(page, ids);
    await st.screenshot(page, 'station-messages-errors-en');
    assert.deepEqual(en, {
      'settings.venue.error': 'Please enter the venue name.',
      'settings.scanPoint.error': 'Please enter the scan point name.',
      'settings.repeat.error': 'Enter 0 to 60 minutes.',
      'sync.code.error': 'The code is 12 letters and digits: XXXX-XXXX-XXXX.',
      'binding.url.error': 'No poster has this code. Check the code printed under the QR code.',
      'binding.result': "The station's settings were not changed.",
      'kiosk.setup.pin.error': 'The PIN must be 4 to 8 digits.',
    }, 'every message on screen is in English after the switch');
    // And back: Vietnamese again, not the English of a moment ago.
    await switchTo(page, 'vi');
    assert.deepEqual(await drawn(page, ids), vi);

    // A genuine poster's link pasted: the station is bound, said in Vietnamese, then in English.
    await st.reveal(page, 'binding.url');
    await st.paste(page, 'binding.url', issuePosterUrl(fx.server));
    await st.tap(page, 'binding.bind');
    await page.waitForFunction(() => globalThis.dq.probe().items.some((i) => i.id === 'binding.result' && /^Đã gắn máy vào: Chợ Bến Thành · Cổng sau\./.test(i.text)),
      null, { timeout: 15000 });
    await switchTo(page, 'en');
    const bound = (await st.find(page, 'binding.result')).text;
    assert.match(bound, /^Station bound to: Chợ Bến Thành · Cổng sau\./);
    assert.doesNotMatch(bound.replace('Chợ Bến Thành · Cổng sau', ''), VIETNAMESE, `the bind's outcome stays Vietnamese: "${bound}"`);
    await st.reveal(page, 'binding.result');
    await st.screenshot(page, 'station-messages-bound-en');
  } finally { await ctx.close(); }
});

// Every frame drawn while the save line is up, until both it and the undo are gone: the undo
// is beside the line in each of them, and a tap on it at 12 s still undoes the check-in.
test('"Hoàn tác" stays as long as the save line: there at 12 s, gone with the line', { skip }, async () => {
  const { ctx, page } = await openStation(412, 915);
  try {
    await st.configure(page);
    await st.manualCheckIn(page, { name: 'Lê Thị Hồng Nhung', phone: '0912345678' });
    await st.waitForWidget(page, 'status.saved');
    const savedAt = Date.now();
    const frames = await eachFrame(page, savedAt, 20000, (has) => ({ line: has('status.saved'), undo: has('status.undo') }),
      (f) => !f.line && !f.undo);
    const odd = frames.filter((f) => f.line !== f.undo);
    assert.deepEqual(odd, [], `frames where the save line and its undo disagree (ms after the save): ${JSON.stringify(odd)}`);
    const lastLine = Math.max(...frames.filter((f) => f.line).map((f) => f.ms));
    // Counted from when the test saw the save, which is after it was made (by up to a second or
    // two on a loaded machine): past 11 s here is past the old 10 s undo for sure.
    assert.ok(lastLine >= 11000, `the save line (and its undo) went after ${lastLine} ms; it should stay 15 s`);
    assert.ok(!frames.at(-1).line, 'the save line went away within 20 s');

    // The next person, and the undo tapped at 12 s: it takes the check-in back.
    await st.manualCheckIn(page, { name: 'Ngô Bảo Châu', phone: '0987654321' });
    await st.waitForWidget(page, 'status.saved');
    await page.waitForTimeout(12000);
    await st.tap(page, 'status.undo');
    await st.waitForWidget(page, 'status.undone');
    await page.waitForFunction(() => globalThis.dq.state().today.inside === 1, null, { timeout: 5000 });
  } finally { await ctx.close(); }
});

// Found walking the demo: a card scanned in, a manual entry refused ("CHƯA LƯU"), the same card
// at the camera a minute later: it was recorded as a check-out, silently reversing the
// person's state. It is a repeat ("Đã quét"), and nothing is saved.
test('a refused manual entry does not turn the last card, shown again, into a check-out', { skip }, async () => {
  const { ctx, page } = await anScannedIn();
  try {
    await st.goTo(page, 'nav.manual', 'manual.save');
    await st.tap(page, 'manual.save');  // nothing typed: refused
    await st.waitForWidget(page, 'status.failed');
    await st.goTo(page, 'nav.scan', 'nav.scan');
    await page.waitForTimeout(11000);  // past the camera's 10 s memory, inside the 3 minutes' window
    await st.wedgeScan(page, AN);
    const said = await st.waitForWidget(page, 'scan.repeat');
    assert.match(said.text, /^Đã quét: Nguyễn Văn An · VÀO \d\d:\d\d$/);
    await page.waitForTimeout(500);
    const today = (await st.state(page)).today;
    assert.deepEqual([today.inside, today.out], [1, 0], 'nothing saved: An is still inside');
    await st.screenshot(page, 'station-messages-repeat-after-refused-manual');
  } finally { await ctx.close(); }
});

// Session 9: after a scan the green "→ VÀO · Đã lưu" band and the name in large type stayed
// until the next scan, but "Hoàn tác" went at 15 s; a gate keeper looking up a minute later saw
// a "saved" band with no undo and took it for a new scan. Now the band lasts as long as its
// undo; then a quiet line says who was last and when, the name masked, and the station asks for
// the next card.
test('after 15 s the scan band becomes a quiet "Lần quét trước" line, in both languages', { skip }, async () => {
  const { ctx, page } = await anScannedIn();
  try {
    const savedAt = Date.now();
    // Every frame until the quiet line shows: the green band never without its undo.
    const frames = await eachFrame(page, savedAt, 22000,
      (has) => ({ band: has('scan.saved'), undo: has('scan.undo'), quiet: has('scan.last') }), (f) => f.quiet);
    const odd = frames.filter((f) => f.band !== f.undo || (f.quiet && f.band));
    assert.deepEqual(odd, [], `frames where the band, its undo and the quiet line disagree (ms after the save): ${JSON.stringify(odd)}`);
    assert.ok(frames.at(-1).quiet, `no quiet line 22 s after the scan; the last frame: ${JSON.stringify(frames.at(-1))}`);
    assert.ok(frames.filter((f) => f.band).at(-1).ms >= 11000, 'the band stayed its 15 s');
    const line = await st.assertInView(page, 'scan.last');
    assert.match(line.text, /^Lần quét trước: N\. V\. An · VÀO \d\d:\d\d$/);
    const items = (await st.probe(page)).items;
    assert.deepEqual(['scan.saved', 'scan.name', 'scan.undo', 'scan.flip', 'scan.card'].filter((id) => items.some((i) => i.id === id)), [],
      'nothing of the band, the large name or its buttons is left');
    await st.assertInView(page, 'scan.hint');
    await st.assertNoMissingGlyphs(page);
    await st.screenshot(page, 'station-messages-scan-quiet-vi');
    await st.goTo(page, 'nav.settings', 'settings.save');
    await switchTo(page, 'en');
    await st.goTo(page, 'nav.scan', 'scan.last');
    assert.match((await st.find(page, 'scan.last')).text, /^Last scan: N\. V\. An · IN \d\d:\d\d$/);
    await st.screenshot(page, 'station-messages-scan-quiet-en');
    // The next person: the band again, in large type, with its undo.
    await st.wedgeScan(page, '079090001234||Trần Văn Đức|17051990|Nam|TP. Hồ Chí Minh|01012022');
    await st.waitForWidget(page, 'scan.saved');
    assert.equal((await st.find(page, 'scan.name')).text, 'Trần Văn Đức');
    await st.find(page, 'scan.undo');
    assert.ok(!(await st.probe(page)).items.some((i) => i.id === 'scan.last'));
  } finally { await ctx.close(); }
});

// Session 11: the yellow "Đã quét" band and the red band of a refused code stayed until the next
// scan; a keeper looking up minutes later read old news as a warning about the person in front.
// Each now lasts as long as the green band (15 s), then a quiet line says what the last scan
// was: a repeat names whom (masked) and the standing entry; a refused code says nothing was
// saved, never a name. `quietAfter` watches every frame until the quiet line shows.
async function quietAfter(page, band, since) {
  const frames = await eachFrame(page, since, 22000, (has) => ({ band: has(band), quiet: has('scan.last') }), (f) => f.quiet);
  const both = frames.filter((f) => f.band && f.quiet);
  assert.deepEqual(both, [], `frames with the band and the quiet line together (ms): ${JSON.stringify(both)}`);
  assert.ok(frames.at(-1).quiet, `the ${band} band is still up 22 s after the scan: ${JSON.stringify(frames.at(-1))}`);
  assert.ok(frames.filter((f) => f.band).at(-1).ms >= 11000, `the ${band} band stayed its 15 s`);
}

test('a repeat band ("Đã quét") gives way after 15 s to a quiet line, and a new showing says it again', { skip }, async () => {
  const { ctx, page } = await anScannedIn();
  try {
    await page.waitForTimeout(1500);  // the card left the view and came back
    await st.wedgeScan(page, AN);
    await st.waitForWidget(page, 'scan.repeat');
    await quietAfter(page, 'scan.repeat', Date.now());
    const line = await st.assertInView(page, 'scan.last');
    assert.match(line.text, /^Lần quét trước: N\. V\. An · Đã quét · VÀO \d\d:\d\d$/);
    const items = (await st.probe(page)).items;
    assert.deepEqual(['scan.repeat', 'scan.name', 'scan.recordOther', 'scan.card'].filter((id) => items.some((i) => i.id === id)), [],
      'nothing of the repeat band, its large name or its buttons is left');
    await st.assertInView(page, 'scan.hint');
    await st.assertNoMissingGlyphs(page);
    await st.screenshot(page, 'station-messages-repeat-quiet-vi');
    // The same card shown again: the band again, not a silent quiet line.
    await st.wedgeScan(page, AN);
    await st.waitForWidget(page, 'scan.repeat', 3000);
    assert.equal((await st.state(page)).total, 1, 'a repeat saves nothing');
    await st.goTo(page, 'nav.settings', 'settings.save');
    await switchTo(page, 'en');
    await st.goTo(page, 'nav.scan', 'scan.repeat');
    await quietAfter(page, 'scan.repeat', Date.now() - 3000);
    assert.match((await st.find(page, 'scan.last')).text, /^Last scan: N\. V\. An · Already scanned · IN \d\d:\d\d$/);
    await st.screenshot(page, 'station-messages-repeat-quiet-en');
  } finally { await ctx.close(); }
});

test('a refused code\'s band gives way after 15 s to a quiet "not saved" line that names nobody', { skip }, async () => {
  const { ctx, page } = await anScannedIn();
  try {
    await st.wedgeScan(page, 'https://example.com/khuyen-mai');
    await st.waitForWidget(page, 'scan.rejected');
    await quietAfter(page, 'scan.rejected', Date.now());
    const line = await st.assertInView(page, 'scan.last');
    assert.equal(line.text, 'Lần quét trước: mã không dùng được · không lưu');
    const items = (await st.probe(page)).items;
    assert.deepEqual(['scan.rejected', 'scan.manual', 'scan.name', 'scan.undo'].filter((id) => items.some((i) => i.id === id)), [],
      'nothing of the refusal nor of An\'s earlier save is left');
    await st.assertInView(page, 'scan.hint');
    await st.assertNoMissingGlyphs(page);
    await st.screenshot(page, 'station-messages-refused-quiet-vi');
    await st.goTo(page, 'nav.settings', 'settings.save');
    await switchTo(page, 'en');
    await st.goTo(page, 'nav.scan', 'scan.last');
    assert.equal((await st.find(page, 'scan.last')).text, 'Last scan: code not usable · not saved');
    await st.screenshot(page, 'station-messages-refused-quiet-en');
  } finally { await ctx.close(); }
});

// Session 11: on "Hôm nay" the save line went at 15 s and the slot fell back to the screen's
// title, nothing saying who was saved last. As on Scan, a quiet line stays: masked name,
// direction, time; the close of the day stays as its summary.
test('Today: the save line gives way after 15 s to a quiet "Lần lưu trước" line, in both languages', { skip }, async () => {
  const { ctx, page } = await anScannedIn();
  try {
    await st.goTo(page, 'nav.today', 'status.saved');
    const frames = await eachFrame(page, Date.now(), 22000, (has) => ({ line: has('status.saved'), quiet: has('status.last') }), (f) => f.quiet);
    assert.ok(frames.at(-1).quiet, `no quiet line on Today 22 s after the save: ${JSON.stringify(frames.at(-1))}`);
    assert.deepEqual(frames.filter((f) => f.line && f.quiet), [], 'the save line and the quiet line never together');
    const line = await st.assertInView(page, 'status.last');
    assert.match(line.text, /^Lần lưu trước: N\. V\. An · VÀO \d\d:\d\d$/);
    assert.ok(!(await st.exists(page, 'status.undo')), 'no undo with the quiet line');
    await st.assertNoMissingGlyphs(page);
    await st.screenshot(page, 'station-messages-today-quiet-vi');
    await st.goTo(page, 'nav.settings', 'settings.save');
    await switchTo(page, 'en');
    await st.goTo(page, 'nav.today', 'status.last');
    assert.match((await st.find(page, 'status.last')).text, /^Last saved: N\. V\. An · IN \d\d:\d\d$/);
    await st.screenshot(page, 'station-messages-today-quiet-en');
    // Closing the day: its summary stays, quietly, after its 15 s.
    await st.reveal(page, 'today.closeDay');
    await st.tap(page, 'today.closeDay');
    await st.reveal(page, 'today.closeDayYes');
    await st.tap(page, 'today.closeDayYes');
    await st.waitForWidget(page, 'status.closed');
    await eachFrame(page, Date.now(), 22000, (has) => ({ quiet: has('status.last') }), (f) => f.quiet);
    assert.match((await st.find(page, 'status.last')).text, /^Day closed · 1 checked out · \d\d:\d\d$/);
  } finally { await ctx.close(); }
});

// Session 12: after a repeat typed by hand ("Đã quét: … VÀO hh:mm", nothing saved) the quiet
// line on Today and the manual form followed the repeat's status, which had replaced the last
// save: once the band went, nothing said who was last recorded. The last real save stays known
// beside the repeat; a refused code on Scan leaves it too.
test('after a repeat by hand, Today and the form still say "Lần lưu trước" of the last save; a refused code leaves it', { skip }, async () => {
  const { ctx, page } = await openStation(412, 915);
  try {
    await st.configure(page);
    await st.manualCheckIn(page, { name: 'Trần Thị Ánh', phone: '0912345678' });
    await st.waitForWidget(page, 'status.saved');
    // The same person again within 3 minutes, the name as a phone's keyboard sends it (NFD).
    await st.tap(page, 'nav.manual');
    await st.typeNfd(page, 'field.name', 'Trần Thị Ánh');
    await st.typeInto(page, 'field.phone', '0912345678');
    await st.tap(page, 'manual.save');
    assert.match((await st.assertInView(page, 'status.repeat')).text, /^Đã nhập rồi: Trần Thị Ánh · VÀO \d\d:\d\d$/);
    assert.equal((await st.state(page)).total, 1, 'a repeat saves nothing');
    await st.goTo(page, 'nav.today', 'status.repeat');
    const frames = await eachFrame(page, Date.now(), 22000, (has) => ({ band: has('status.repeat'), quiet: has('status.last') }),
      (f) => !f.band);
    assert.ok(!frames.at(-1).band, `the repeat band is still up 22 s after it: ${JSON.stringify(frames.at(-1))}`);
    assert.deepEqual(frames.filter((f) => f.band && f.quiet), [], 'the repeat band and the quiet line never together');
    await page.waitForTimeout(300);
    const line = await st.assertInView(page, 'status.last', 2000);
    assert.match(line.text, /^Lần lưu trước: T\. T\. Ánh · VÀO \d\d:\d\d$/);
    await st.assertNoMissingGlyphs(page);
    await st.screenshot(page, 'station-messages-today-quiet-after-repeat');
    await st.goTo(page, 'nav.manual', 'manual.save');
    assert.match((await st.assertInView(page, 'status.last')).text, /^Lần lưu trước: T\. T\. Ánh · VÀO \d\d:\d\d$/);
    await st.screenshot(page, 'station-messages-manual-quiet-after-repeat');
    // A code the station cannot use, shown on Scan: nothing saved, Today still names Ánh.
    await st.goTo(page, 'nav.scan', 'nav.scan');
    await st.wedgeScan(page, 'https://example.com/khuyen-mai');
    await st.waitForWidget(page, 'scan.rejected');
    await st.goTo(page, 'nav.today', 'status.last');
    assert.match((await st.find(page, 'status.last')).text, /^Lần lưu trước: T\. T\. Ánh · VÀO \d\d:\d\d$/);
    await st.goTo(page, 'nav.settings', 'settings.save');
    await switchTo(page, 'en');
    await st.goTo(page, 'nav.today', 'status.last');
    assert.match((await st.find(page, 'status.last')).text, /^Last saved: T\. T\. Ánh · IN \d\d:\d\d$/);
    await st.screenshot(page, 'station-messages-today-quiet-after-repeat-en');
  } finally { await ctx.close(); }
});

// Session 13: a refused entry's red "CHƯA LƯU" line never went, and "Lần lưu trước" never
// came back, on the form nor on Today. It goes after 15 s like every other line; what to fix
// stays beside its field, in view, until the field is edited.
test('a refused entry\'s red line goes after 15 s; the field\'s error stays until it is edited', { skip }, async () => {
  const { ctx, page } = await openStation(360, 740);
  try {
    await st.configure(page);
    await st.manualCheckIn(page, { name: 'Trần Thị Ánh', phone: '0912345678' });
    await st.waitForWidget(page, 'status.saved');
    await st.typeNfd(page, 'field.name', 'Lê Văn Tám');
    await st.typeInto(page, 'field.phone', '0912');  // too short
    await st.tap(page, 'manual.save');
    assert.match((await st.assertInView(page, 'status.failed')).text, /^CHƯA LƯU · Lê Văn Tám\nSửa ô báo đỏ bên dưới\.$/);
    const frames = await eachFrame(page, Date.now(), 22000, (has) => ({ band: has('status.failed'), quiet: has('status.last') }),
      (f) => f.quiet);
    assert.ok(frames.at(-1).quiet, `the refusal's red line is still up 22 s after it: ${JSON.stringify(frames.at(-1))}`);
    assert.deepEqual(frames.filter((f) => f.band && f.quiet), [], 'the red line and the quiet line never together');
    assert.ok(frames.filter((f) => f.band).at(-1).ms >= 11000, 'the red line stayed its 15 s');
    assert.match((await st.assertInView(page, 'status.last')).text, /^Lần lưu trước: T\. T\. Ánh · VÀO \d\d:\d\d$/);
    // The form still holds what was refused, and says beside the phone what is wrong.
    assert.equal((await st.assertInView(page, 'field.phone.error')).text, 'Số điện thoại không đúng (ví dụ 0901234567).');
    assert.equal((await st.find(page, 'field.phone')).text, '0912');
    await st.assertNoMissingGlyphs(page);
    await st.screenshot(page, 'station-messages-refused-quiet-form-360');
    await st.goTo(page, 'nav.today', 'status.last');
    assert.match((await st.find(page, 'status.last')).text, /^Lần lưu trước: T\. T\. Ánh · VÀO \d\d:\d\d$/);
    assert.ok(!(await st.exists(page, 'status.failed')));
    // Edited, the phone's error goes; saved, the form empties.
    await st.goTo(page, 'nav.manual', 'field.phone.error');
    await st.typeInto(page, 'field.phone', '0912345679');
    await page.waitForFunction(() => !globalThis.dq.probe().items.some((i) => i.id === 'field.phone.error'), null, { timeout: 5000 });
    await st.tap(page, 'manual.save');
    assert.match((await st.waitForWidget(page, 'status.saved')).text, /Lê Văn Tám/);
  } finally { await ctx.close(); }
});

// Session 13: a manual entry with an earlier "Giờ" typed: the lines said when it was committed
// ("VÀO 09:41") while the list beside them said the time typed ("09:30").
test('the save line and "Lần lưu trước" show the time typed, as the list does', { skip }, async () => {
  const { ctx, page } = await openStation(412, 915);
  try {
    await st.configure(page);
    // 20 minutes ago on the phone's clock (Vietnam time); at the day's first minutes, 00:00.
    const typed = await page.evaluate(() => {
      const d = new Date(Date.now() - 20 * 60000), now = new Date();
      if (d.getDate() !== now.getDate()) return '00:00';
      return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
    });
    await st.manualCheckIn(page, { name: 'Phạm Thị Huệ', phone: '0912345678', time: typed });
    const saved = await st.waitForWidget(page, 'status.saved');
    assert.equal(saved.text, `Đã lưu · Phạm Thị Huệ · VÀO ${typed}`);
    await st.goTo(page, 'nav.today', 'status.saved');
    assert.match((await st.find(page, 'today.entry.0')).text, new RegExp(`^${typed} VÀO Phạm Thị Huệ`));
    await eachFrame(page, Date.now(), 22000, (has) => ({ quiet: has('status.last') }), (f) => f.quiet);
    assert.equal((await st.assertInView(page, 'status.last')).text, `Lần lưu trước: P. T. Huệ · VÀO ${typed}`);
    await st.assertNoMissingGlyphs(page);
    await st.screenshot(page, 'station-messages-typed-time-412');
  } finally { await ctx.close(); }
});

// Session 13: a card read while the station was not set up, and a venue poster, stayed on Scan
// until the next scan: the next morning it still offered yesterday's poster, or said "not set
// up" of a station set up since. Each is news for 15 s, then a quiet line.
test('Scan: "not set up" and a poster give way to a quiet line; set up, nothing stale is left', { skip }, async () => {
  const { ctx, page } = await openStation(360, 740);
  try {
    await st.goTo(page, 'nav.scan', 'nav.scan');
    await st.wedgeScan(page, AN);
    await st.waitForWidget(page, 'scan.notConfigured');
    const frames = await eachFrame(page, Date.now(), 22000, (has) => ({ quiet: has('scan.last') }), (f) => f.quiet);
    assert.ok(frames.at(-1).quiet, 'no quiet line 22 s after a card read while not set up');
    assert.ok(frames.filter((f) => !f.quiet).at(-1).ms >= 11000, 'the band stayed its 15 s');
    assert.equal((await st.assertInView(page, 'scan.last')).text, 'Lần quét trước: N. V. An · không lưu, máy chưa cài đặt');
    await st.find(page, 'scan.notConfigured');  // still not set up: how to set up, as before any scan
    await st.assertNoMissingGlyphs(page);
    await st.screenshot(page, 'station-messages-not-set-up-quiet-360');
    await st.configure(page);
    await st.goTo(page, 'nav.scan', 'scan.last');
    assert.ok(!(await st.exists(page, 'scan.notConfigured')), 'set up: "not set up" is no longer said');
    await st.assertInView(page, 'scan.hint');

    // A venue poster: the offer to bind, then a quiet line.
    await st.wedgeScan(page, issuePosterUrl(fx.server));
    await st.waitForWidget(page, 'scan.poster');
    await quietAfter(page, 'scan.poster', Date.now());
    assert.equal((await st.assertInView(page, 'scan.last')).text, 'Lần quét trước: áp phích của địa điểm');
    assert.ok(!(await st.exists(page, 'scan.bindPoster')), 'the offer to bind is not left up');
    await st.assertInView(page, 'scan.hint');
    await st.screenshot(page, 'station-messages-poster-quiet-360');
    await st.goTo(page, 'nav.settings', 'settings.save');
    await switchTo(page, 'en');
    await st.goTo(page, 'nav.scan', 'scan.last');
    assert.equal((await st.find(page, 'scan.last')).text, 'Last scan: a venue poster');
  } finally { await ctx.close(); }
});

// Session 13: a check-in whose journal write failed after another card's save had taken the
// line said nothing: the person was not recorded and nobody at the gate knew.
test('a save the journal lost after the next card was saved is said in red, on Scan and Today', { skip }, async () => {
  const { ctx, page } = await openStation(412, 915);
  try {
    await st.configure(page);
    await st.goTo(page, 'nav.scan', 'nav.scan');
    // The journal loses An's record a moment later (a full or failing storage); others go through.
    await page.evaluate(() => {
      const real = globalThis.dqJournal.append;
      globalThis.dqJournal.append = (text) => text.includes('001099012345')
        ? new Promise((_, reject) => setTimeout(() => reject(new Error('QuotaExceededError')), 1500))
        : real(text);
    });
    await st.wedgeScan(page, AN);
    await st.wedgeScan(page, '079090001234||Trần Văn Đức|17051990|Nam|TP. Hồ Chí Minh|01012022');
    await st.waitForWidget(page, 'scan.saved');
    const lost = await st.waitForWidget(page, 'scan.lost', 5000);
    assert.equal(lost.text, 'CHƯA LƯU · Nguyễn Văn An · Không lưu được. Hãy thử lại.');
    await st.assertInView(page, 'scan.lost');
    // Session 14: under it, the last card saved kept its direction and time (it read only
    // "Lần quét trước: T. V. Đức" once An's loss took the line).
    assert.match((await st.assertInView(page, 'scan.last')).text, /^Lần quét trước: T\. V\. Đức · VÀO \d\d:\d\d$/);
    await st.screenshot(page, 'station-messages-lost-save-scan-412');
    assert.equal((await st.state(page)).total, 1, 'only Đức is recorded');
    await st.goTo(page, 'nav.today', 'status.failed');
    assert.equal((await st.find(page, 'status.failed')).text, 'CHƯA LƯU · Nguyễn Văn An\nKhông lưu được. Hãy thử lại.');
    await page.waitForTimeout(16000);
    assert.ok(await st.exists(page, 'status.failed'), 'a lost save stays until the next action');
    await st.screenshot(page, 'station-messages-lost-save-today-412');
  } finally { await ctx.close(); }
});

// Session 13: after a reload, "Đồng bộ lần cuối" said "chưa lần nào" on an enrolled phone with
// nothing to upload, until a poll answered: the poll's time was kept only in memory.
test('after a reload, "Đồng bộ lần cuối" shows the last answer at once, before any poll', { skip }, async () => {
  const { ctx, page } = await openStation(360, 740);
  try {
    await st.tap(page, 'nav.settings');
    await st.typeInto(page, 'sync.code', fx.server.issueCode());
    await st.tap(page, 'sync.enroll');
    await page.waitForFunction(() => globalThis.dq.state().sync.enrolled, null, { timeout: 15000 });
    await page.waitForFunction(() => globalThis.dq.state().sync.lastSyncMs > 0, null, { timeout: 15000 });
    await st.goTo(page, 'nav.today', 'today.sync');
    await st.reveal(page, 'today.sync');
    const before = (await st.find(page, 'today.sync')).text;
    assert.match(before, /^Đồng bộ lần cuối: \d\d:\d\d$/);
    assert.equal((await st.state(page)).total, 0, 'nothing uploaded: the time is a poll\'s answer');
    // Reloaded where the server does not answer (yet).
    await page.route('**/api/v1/presence', (r) => r.abort());
    await page.reload();
    await st.waitReady(page);
    await st.goTo(page, 'nav.today', 'today.sync');
    await st.reveal(page, 'today.sync');
    assert.equal((await st.find(page, 'today.sync')).text, before);
    await st.screenshot(page, 'station-messages-last-sync-after-reload-360');
  } finally { await ctx.close(); }
});

// Counts the error beeps (vibrations with the error's pattern) from now on.
async function countErrorBeeps(page) {
  await page.evaluate(() => {
    globalThis.dqErrorBeeps = 0;
    Object.defineProperty(navigator, 'vibrate', { configurable: true, value: (p) => {
      if (Array.isArray(p)) globalThis.dqErrorBeeps++;
      return true;
    } });
  });
  return () => page.evaluate(() => globalThis.dqErrorBeeps);
}

// The camera reads a card held in front of it several times a second.
async function holdAtCamera(page, text, ms) {
  for (const end = Date.now() + ms; Date.now() < end;) {
    await page.evaluate((t) => globalThis.dqCamera.pushScan(t), text);
    await page.waitForTimeout(150);
  }
}

// Session 13: a card held up to a station not set up beeped the error at every read.
test('a card held at the camera of a station not set up beeps once, as a repeat does', { skip }, async () => {
  const { ctx, page } = await openStation(360, 740);
  try {
    await st.goTo(page, 'nav.scan', 'nav.scan');
    const beeps = await countErrorBeeps(page);
    await holdAtCamera(page, AN, 2500);
    await st.assertInView(page, 'scan.notConfigured');
    assert.equal(await beeps(), 1, 'one beep for the card held up');
    // Taken away and shown again while the band still says it: no news, no beep.
    await page.waitForTimeout(2000);
    await holdAtCamera(page, AN, 600);
    assert.equal(await beeps(), 1, 'shown again moments later');
    // A refused code held up: one beep too.
    await holdAtCamera(page, 'not a card at all, just text', 1500);
    await st.assertInView(page, 'scan.rejected');
    assert.equal(await beeps(), 2, 'one beep for the refused code');
    // Not set up, "Nhập tay" under the refusal led to a form that cannot save: the way to set up.
    await st.assertInView(page, 'scan.goSettings');
    assert.ok(!(await st.exists(page, 'scan.manual')), 'no "Nhập tay" on a station not set up');
    await st.screenshot(page, 'station-messages-held-not-set-up-360');
  } finally { await ctx.close(); }
});

// Session 14: a refused code on a station not set up showed two banners, the refusal in red
// and "not set up" in orange, each with its own advice. One message, with the one way forward.
for (const phone of st.PHONES) {
  test(`a refused code on a station not set up says one thing: open Settings (${phone.width}x${phone.height})`, { skip }, async () => {
    const { ctx, page } = await openStation(phone.width, phone.height);
    try {
      await st.goTo(page, 'nav.scan', 'nav.scan');
      await st.wedgeScan(page, 'not a card at all, just text');
      const said = await st.assertInView(page, 'scan.rejected');
      const banners = (await st.probe(page)).items.filter((i) => i.kind === 'banner');
      assert.deepEqual(banners.map((b) => b.id), ['scan.rejected'], 'one banner');
      assert.match(said.text, /chưa cài đặt/);
      assert.match(said.text, /Mở Cài đặt/);
      assert.doesNotMatch(said.text, /nhập tay/i, 'the form cannot save either: no "enter by hand"');
      await st.assertInView(page, 'scan.goSettings');
      assert.ok(!(await st.exists(page, 'scan.manual')));
      await st.screenshot(page, `station-messages-refused-not-set-up-${phone.width}`);
      await st.tap(page, 'scan.goSettings');
      await st.find(page, 'settings.venue');
    } finally { await ctx.close(); }
  });
}

// Session 14: a manual entry that repeated someone's entry said "Đã quét" (the scanner's word)
// and offered no way to record the way out. It says it in the form's words, and offers
// "Ghi RA ngay" as Scan does; a double tap on it records one exit, and undoes nothing.
for (const phone of st.PHONES) {
  test(`a repeat by hand says "Đã nhập rồi" and offers "Ghi RA ngay"; a double tap records one exit (${phone.width}x${phone.height})`, { skip }, async () => {
    const { ctx, page } = await openStation(phone.width, phone.height);
    try {
      await st.configure(page);
      await st.manualCheckIn(page, { name: 'Trần Thị Ánh', phone: '0912345678' });
      await st.waitForWidget(page, 'status.saved');
      await st.tap(page, 'nav.manual');
      await st.typeNfd(page, 'field.name', 'Trần Thị Ánh');
      await st.typeInto(page, 'field.phone', '0912345678');
      await st.tap(page, 'manual.save');
      const said = await st.assertInView(page, 'status.repeat');
      assert.match(said.text, /^Đã nhập rồi: Trần Thị Ánh · VÀO \d\d:\d\d$/);
      const other = await st.assertInView(page, 'status.recordOther');
      assert.equal((await st.find(page, 'status.recordOther.label')).text, 'Ghi RA ngay');
      assert.ok(other.h >= 44, 'a thumb-sized button');
      await st.screenshot(page, `station-messages-manual-repeat-${phone.width}`);
      await st.doubleTap(page, 'status.recordOther');
      await page.waitForFunction(() => globalThis.dq.state().total === 2, null, { timeout: 5000 });
      await page.waitForTimeout(1000);
      const s = await st.state(page);
      assert.equal(s.total, 2, 'one entry and one exit, nothing undone, nothing more');
      assert.equal(s.today.inside, 0);
      assert.equal(s.today.out, 1);
      assert.match((await st.assertInView(page, 'status.saved')).text, /^← ĐÃ RA · Trần Thị Ánh · \d\d:\d\d$/);
      await st.screenshot(page, `station-messages-manual-repeat-out-${phone.width}`);
    } finally { await ctx.close(); }
  });
}

// Session 16: Today shows the same status slot as the form, so a repeat typed on the form is
// still offered there ("Ghi RA ngay") when staff go to Today to look. A double tap on it records
// one exit; the second tap lands on "Hoàn tác", which must not take that exit back.
test('Today: a repeat by hand offers "Ghi RA ngay"; a double tap records one exit, undoes nothing (360x740)', { skip }, async () => {
  const { ctx, page } = await openStation(360, 740);
  try {
    await st.configure(page);
    await st.manualCheckIn(page, { name: 'Lê Văn Dũng', phone: '0987654321' });
    await st.waitForWidget(page, 'status.saved');
    await st.tap(page, 'nav.manual');
    await st.typeNfc(page, 'field.name', 'Lê Văn Dũng');
    await st.paste(page, 'field.phone', '0987654321');
    await st.tap(page, 'manual.save');
    await st.assertInView(page, 'status.repeat');
    await st.tap(page, 'nav.today');
    const said = await st.assertInView(page, 'status.repeat');
    assert.match(said.text, /^Đã nhập rồi: Lê Văn Dũng · VÀO \d\d:\d\d$/);
    const other = await st.assertInView(page, 'status.recordOther');
    assert.equal((await st.find(page, 'status.recordOther.label')).text, 'Ghi RA ngay');
    assert.ok(other.h >= 44, 'a thumb-sized button');
    st.assertUnobstructed(await st.probe(page), other, page.viewportSize());
    await st.screenshot(page, 'station-messages-today-repeat-360');
    await st.doubleTap(page, 'status.recordOther');
    await page.waitForFunction(() => globalThis.dq.state().total === 2, null, { timeout: 5000 });
    await page.waitForTimeout(1000);
    const s = await st.state(page);
    assert.equal(s.total, 2, 'one entry and one exit, nothing undone, nothing more');
    assert.deepEqual([s.today.inside, s.today.in, s.today.out], [0, 1, 1]);
    assert.match((await st.assertInView(page, 'status.saved')).text, /^← ĐÃ RA · Lê Văn Dũng · \d\d:\d\d$/);
    await st.assertInView(page, 'status.undo');
    // The counts and the list say the same as the line.
    assert.match((await st.find(page, 'today.inside')).text, /^0 /);
    const [out, came] = [await st.find(page, 'today.entry.0'), await st.find(page, 'today.entry.1')];
    assert.match(out.text, /^\d\d:\d\d RA Lê Văn Dũng/);
    assert.match(came.text, /^\d\d:\d\d VÀO Lê Văn Dũng/);
    for (const r of [out, came]) assert.doesNotMatch(r.text, /đã huỷ/, `undone: "${r.text}"`);
    await st.screenshot(page, 'station-messages-today-repeat-out-360');
  } finally { await ctx.close(); }
});

// Session 13: reloaded where the server did not answer, the pill said "Trực tuyến" although no
// answer had come since the reload. Until one does it says "Đang kết nối…"; a poll that fails
// says "Lỗi máy chủ"; the first answer turns it green.
test('after a reload the pill claims "Trực tuyến" only once the server has answered', { skip }, async () => {
  const { ctx, page } = await openStation(412, 915);
  try {
    await enrollOnline(page);
    let answer = null;
    await page.route('**/api/v1/presence', (r) => (answer ? answer(r) : r.abort()));
    await page.reload();
    await st.waitReady(page);
    // Polls every 5 s; two failed in a row say "Lỗi máy chủ" (one alone is no news).
    const pills = await eachFrame(page, Date.now(), 12000,
      (has) => ({ online: has('top.online'), connecting: has('top.connecting'), trouble: has('top.serverTrouble') }),
      () => false);
    assert.ok(pills.length > 0);
    assert.ok(pills.every((p) => !p.online), `no answer since the reload: ${JSON.stringify(pills.filter((p) => p.online)[0])}`);
    assert.ok(pills.at(-1).trouble, 'the polls fail: the server is not reached');
    assert.equal((await st.find(page, 'top.serverTrouble')).text, 'Lỗi máy chủ');
    await st.screenshot(page, 'station-messages-pill-no-answer-412');
    answer = (r) => r.continue();
    assert.equal((await st.find(page, 'top.online', 15000)).text, 'Trực tuyến', 'the first answer turns it green');
  } finally { await ctx.close(); }
});

// Session 14: one failed poll turned the pill to "Lỗi máy chủ" for up to 5 s, so on a market's
// poor network it flickered. One lost poll between answers leaves it green; polls that keep
// failing turn it to "Lỗi máy chủ" (two in a row, polls every 5 s: within about 10 s).
test('one lost poll leaves the pill green; polls that keep failing say "Lỗi máy chủ"', { skip }, async () => {
  const { ctx, page } = await openStation(360, 740);
  try {
    await enrollOnline(page);
    const polls = await loseRequests(page, '**/api/v1/presence', 1);
    const flicker = await eachFrame(page, Date.now(), 12000, pillFacts, () => false);
    assert.ok(polls.asked >= 2, `the station asked ${polls.asked} times in 12 s`);
    assert.deepEqual(flicker.filter((p) => !p.online), [], 'one poll lost between answers: still "Trực tuyến"');
    polls.lose = Infinity;
    const since = Date.now();
    const failing = await eachFrame(page, since, 16000, pillFacts, (p) => p.trouble);
    assert.ok(failing.at(-1).trouble, 'the polls keep failing: "Lỗi máy chủ"');
    assert.ok(failing.at(-1).ms > 4000, `said after one lost poll (${failing.at(-1).ms} ms)`);
    assert.equal((await st.find(page, 'top.serverTrouble')).text, 'Lỗi máy chủ');
    // The enrollment's green "Xong! Lượt quét sẽ tự gửi lên máy chủ." no longer stands under it.
    const f0 = (await st.probe(page)).frame;
    await page.waitForFunction((f) => globalThis.dq.probe().frame > f, f0);
    assert.ok(!(await st.probe(page)).items.some((i) => i.id === 'sync.enrolledNow'), '"Xong!" still under "Lỗi máy chủ"');
    await st.screenshot(page, 'station-messages-pill-trouble-persists-360');
  } finally { await ctx.close(); }
});

// Session 15: as for the polls, one upload lost on a poor network turned the pill orange until
// the retry (2 s later). One lost upload leaves it green; the retry takes the record.
test('one lost upload leaves the pill green, and the retry takes the record', { skip }, async () => {
  const { ctx, page } = await openStation(360, 740);
  try {
    await enrollOnline(page);
    const uploads = await loseRequests(page, '**/api/v1/checkins', 1);
    await st.manualCheckIn(page, { name: 'Lê Thị Hoa', cccd: '079090001111' });
    const frames = await eachFrame(page, Date.now(), 8000, pillFacts, () => false);
    assert.ok(uploads.asked >= 2, `the station sent ${uploads.asked} uploads in 8 s: the lost one was not retried`);
    assert.deepEqual(frames.filter((p) => !p.online), [], 'one upload lost: still "Trực tuyến"');
    await page.waitForFunction(() => globalThis.dq.state().pending === 0, null, { timeout: 10000 });
    await st.screenshot(page, 'station-messages-pill-upload-lost-360');
  } finally { await ctx.close(); }
});

// Session 13: a refused entry said "Không lưu được. Hãy thử lại." on Today while the form said
// "Sửa ô báo đỏ bên dưới.": trying again as told changes nothing; the field is what to fix.
test('a refused manual entry tells Today what the form does: fix the field in red', { skip }, async () => {
  const { ctx, page } = await openStation(360, 740);
  try {
    await st.configure(page);
    await st.manualCheckIn(page, { name: 'Trần Văn Đức', cccd: '0790900' });
    assert.equal((await st.find(page, 'status.failed')).text, 'CHƯA LƯU · Trần Văn Đức\nSửa ô báo đỏ bên dưới.');
    await st.find(page, 'field.cccd.error');
    await st.goTo(page, 'nav.today', 'status.failed');
    assert.equal((await st.assertInView(page, 'status.failed')).text, 'CHƯA LƯU · Trần Văn Đức\nSửa ô báo đỏ ở mục Nhập tay.');
    await st.screenshot(page, 'station-messages-refused-today-360');
    // Fixed on the form, not yet saved: "try again" is what is left to do, on both.
    await st.goTo(page, 'nav.manual', 'field.cccd');
    await st.typeInto(page, 'field.cccd', '079090001234');
    await st.goTo(page, 'nav.today', 'status.failed');
    assert.equal((await st.find(page, 'status.failed')).text, 'CHƯA LƯU · Trần Văn Đức\nKhông lưu được. Hãy thử lại.');
  } finally { await ctx.close(); }
});
