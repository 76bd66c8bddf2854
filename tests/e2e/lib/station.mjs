// Driving the station the way a person does: find a widget by its stable id in the UI's
// probe (what the last frame drew), tap its centre with a touch, type with the keyboard.
// What a person would see as broken fails the test wherever the probe is read: a character
// drawn with the font's fallback glyph ("?" boxes), a widget tapped under a bar.
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { canvasDrawn } from './pixels.mjs';

export const OUT = path.resolve(process.env.DQ_TEST_OUTPUT || 'test-output/e2e');
fs.mkdirSync(OUT, { recursive: true });

export async function waitReady(page, timeout = 30000) {
  await page.waitForFunction(() => globalThis.dq && (globalThis.dq.error || (globalThis.dq.probe && globalThis.dq.probe().frame > 1)), null, { timeout });
  const err = await page.evaluate(() => globalThis.dq.error);
  assert.equal(err, undefined, `station failed to start: ${err}`);
}

export const probe = (page) => page.evaluate(() => globalThis.dq.probe());

// Fails when any frame since the page loaded drew a character the font atlas lacks (the probe
// reports every such character: see wasm/ui/probe.hpp), or drew a combining mark as a box (the
// UI boxes what a face lacks, and a mark alone means text reached the screen un-normalised:
// "Tra□n" for "Trần"). `frame`: a probe already read.
export function assertNoMissingGlyphsIn(frame, where = '') {
  const missing = [...(frame.missing || []), ...(frame.missingEver || [])];
  const names = [...new Set(missing.map((m) => `${m.cp} '${m.ch}' in ${m.id}`))];
  assert.ok(names.length === 0 && !frame.fallbackEver,
    `missing glyphs${where ? ' ' + where : ''}: ${names.join('; ') || `${frame.fallbackEver} fallback glyph(s) drawn`}`);
  const marks = [...new Set([...(frame.boxed || []), ...(frame.boxedEver || [])])].filter((cp) => /^U\+03[0-6][0-9A-F]$/.test(cp));
  assert.deepEqual(marks, [], `combining marks drawn as boxes${where ? ' ' + where : ''}: text reached the screen un-normalised (NFD)`);
}

export async function assertNoMissingGlyphs(page, where = '') {
  assertNoMissingGlyphsIn(await probe(page), where);
}

// The fixed bars (top bar, bottom navigation, pinned action bars) as the probe reports them.
export function barsOf(frame) { return frame.items.filter((i) => i.kind === 'bar'); }

const overlaps = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const inside = (a, b) => a.x >= b.x - 0.5 && a.y >= b.y - 0.5 && a.x + a.w <= b.x + b.w + 0.5 && a.y + a.h <= b.y + b.h + 0.5;

// A widget of the bar itself (a tab of the bottom navigation) lies inside it and is drawn
// there; a widget of the scrolling body that lies wholly under the bar is clipped away by the
// body (the probe's `clip`: the drawing window's vertical clip), and is hidden, not part of it:
// taken for part of the bar, it was "tapped" and the tap switched tabs.
export function partOfBar(w, bar) {
  return inside(w, bar) && (!w.clip || (w.clip[0] <= w.y + 0.5 && w.clip[1] >= w.y + w.h - 0.5));
}

// Fails unless widget `w` is fully on screen and not under a bar (a widget that belongs to a
// bar, like a tab of the bottom navigation, lies inside it and is fine).
export function assertUnobstructed(frame, w, viewport, what = 'tapped') {
  assert.ok(w.y >= -0.5 && w.y + w.h <= viewport.height + 0.5 && w.x >= -0.5 && w.x + w.w <= viewport.width + 0.5,
    `'${w.id}' ${what} is not fully on screen (${w.x},${w.y} ${w.w}×${w.h} in ${viewport.width}×${viewport.height})`);
  for (const bar of barsOf(frame)) {
    if (partOfBar(w, bar)) continue;
    assert.ok(!overlaps(w, bar), `'${w.id}' ${what} lies under ${bar.id} (${JSON.stringify({ y: w.y, h: w.h })} vs ${JSON.stringify({ y: bar.y, h: bar.h })})`);
  }
}

// A status or error a person must see after a tap: drawn, fully in view, not under a bar.
// Judged once the layout has settled: a screen that scrolls a message into view does so on the
// frame after the one that first draws it, as ImGui applies a scroll.
export async function assertInView(page, id, timeout = 5000) {
  const w = await find(page, id, timeout);
  try {
    assertUnobstructed(await probe(page), w, page.viewportSize(), 'shown');
    return w;
  } catch (e) {
    const f = await settled(page, (await probe(page)).frame);
    const now = f.items.find((i) => i.id === id);
    assertUnobstructed(f, now || w, page.viewportSize(), 'shown');
    return now;
  }
}
export const state = (page) => page.evaluate(() => globalThis.dq.state());

export async function find(page, id, timeout = 10000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const frame = await probe(page);
    assertNoMissingGlyphsIn(frame, `(while looking for '${id}')`);
    const items = frame.items;
    const hit = items.find((i) => i.id === id);
    if (hit) return hit;
    if (Date.now() > deadline) throw new Error(`no widget '${id}' on screen; visible: ${items.map((i) => i.id).join(', ')}`);
    await page.waitForTimeout(50);
  }
}

export async function exists(page, id) {
  return (await probe(page)).items.some((i) => i.id === id);
}

// The scrollable body lies between the top bar and the bottom bar: where the probe says the
// bars are (screens without one: the viewport's edge).
function bodyBounds(frame, height) {
  let top = 0, bottom = height;
  for (const b of barsOf(frame)) {
    if (b.y <= 1) top = Math.max(top, b.y + b.h);
    else bottom = Math.min(bottom, b.y);
  }
  return { top, bottom };
}

// Finds a widget and scrolls the body (a wheel over the canvas) until it is fully in view.
export async function reveal(page, id) {
  let w = await find(page, id);
  if (id.startsWith('nav.') || id.startsWith('top.')) return w;
  const height = page.viewportSize().height;
  for (let i = 0; i < 20; i++) {
    const { top, bottom } = bodyBounds(await probe(page), height);
    if (barsOf(await probe(page)).some((b) => partOfBar(w, b))) return w;
    const below = w.y + w.h - (bottom - 4);
    const above = top + 4 - w.y;
    if (below <= 0 && above <= 0) return w;
    const before = (await probe(page)).frame;
    await page.mouse.move(200, height / 2);
    await page.mouse.wheel(0, below > 0 ? Math.min(below + 40, 400) : -Math.min(above + 40, 400));
    await settled(page, before);
    w = await find(page, id);
  }
  return w;
}

// Waits for the layout to settle after an input: two frames drawn after frame `after` that
// place every widget alike (on a loaded machine a scroll takes several frames to land, and a
// tap aimed with an older frame hits whatever moved there).
async function settled(page, after, timeout = 3000) {
  const deadline = Date.now() + timeout;
  let prev = null;
  for (;;) {
    const f = await probe(page);
    if (f.frame > after) {
      const layout = JSON.stringify(f.items.map((i) => [i.id, i.y]));
      if (prev && prev.frame !== f.frame && prev.layout === layout) return f;
      if (!prev || prev.frame !== f.frame) prev = { frame: f.frame, layout };
    }
    if (Date.now() > deadline) return f;
    await page.waitForTimeout(40);
  }
}

// Taps a widget's centre like a finger, after checking a person could: it is in view and not
// under the top or bottom bar (where the tap would land on the bar instead). Then waits until
// the UI has seen the press and the release (frames are drawn on demand: a fixed pause was too
// short on a loaded machine) and fails unless both reached `id`: a tap that hit whatever moved
// under the finger is named, with what moved, instead of surfacing later as a wrong screen.
export async function tap(page, id) {
  let w = await reveal(page, id);
  // A page that re-lays itself out between the scroll and the tap (a late answer from the
  // server redraws it) can take the widget out of view again: look again, as a person would,
  // a few times; tapCentre aims with the newest frame.
  for (let again = 0; again < 3; again++) {
    const now = (await probe(page)).items.find((i) => i.id === id);
    if (now && Math.abs(now.y - w.y) < 0.5) break;
    w = await reveal(page, id);
  }
  assertUnobstructed(await probe(page), w, page.viewportSize());
  await tapCentre(page, id);
}

// Taps the centre of widget `id` where the last frame drew it (no scrolling, no checks of
// view) and fails unless the UI saw the tap reach it (see tap).
export async function tapCentre(page, id) {
  const aimed = await probe(page);
  const w = aimed.items.find((i) => i.id === id);
  assert.ok(w, `no widget '${id}' to tap; visible: ${aimed.items.map((i) => i.id).join(', ')}`);
  const x = w.x + w.w / 2, y = w.y + w.h / 2;
  const vp = page.viewportSize();
  assert.ok(y >= 0 && y <= vp.height && x >= 0 && x <= vp.width,
    `'${id}' is drawn at (${x}, ${y}), outside the ${vp.width}×${vp.height} view, in frame ${aimed.frame}: a finger cannot tap it`);
  // A field being typed in has the keyboard's input over it: a tap there goes to that input,
  // not to the canvas, and is right only if the input sits on this very field.
  const input = await page.evaluate(([px, py]) => {
    const canvas = document.getElementById('canvas'), c = canvas.getBoundingClientRect();
    const el = document.elementFromPoint(c.left + px, c.top + py);
    if (!el || el.id !== 'dq-text') return null;
    const r = el.getBoundingClientRect();
    return { x: r.left - c.left, y: r.top - c.top, w: r.width, h: r.height };
  }, [x, y]);
  if (input) {
    assert.ok(Math.abs(input.x - w.x) < 1 && Math.abs(input.y - w.y) < 1 && Math.abs(input.h - w.h) < 1,
      `the tap on '${id}' at (${x}, ${y}) would land on the keyboard's input of another field (at y ${input.y}..${input.y + input.h})`);
    await page.touchscreen.tap(x, y);
    return w;
  }
  const url = page.url();
  await page.touchscreen.tap(x, y);
  await landed(page, id, { x, y, aimed, url });
  return w;
}

// Waits for the press and the release of the tap made after probe frame `aimed` and checks
// that they reached widget `id`.
async function landed(page, id, { x, y, aimed, url }, timeout = 5000) {
  const pressSeq = aimed.press ? aimed.press.seq : 0, releaseSeq = aimed.release ? aimed.release.seq : 0;
  const deadline = Date.now() + timeout;
  let f;
  for (;;) {
    // The tap opened another page (a link such as "Báo cáo vi phạm"): the page that would say
    // where it landed is gone, and the caller checks where the browser went.
    if (url && page.url() !== url) return;
    try {
      f = await probe(page);
    } catch (e) {
      if (/Execution context was destroyed|navigat/i.test(String(e.message)) || (url && page.url() !== url)) return;
      throw e;
    }
    if (f.press.seq > pressSeq && f.release.seq > releaseSeq) break;
    if (Date.now() > deadline) throw new Error(`the tap on '${id}' at (${x}, ${y}) was not seen by the UI within ${timeout} ms`);
    await page.waitForTimeout(16);
  }
  if (f.press.id === id && f.release.id === id) return nextFrame(page, f.release.frame);
  // A label (a title tapped to close the keyboard) takes no press itself: the tap landed if it
  // fell inside the label as drawn in the press frame and no other widget took it.
  const label = f.press.items.find((i) => i.id === id);
  if (!f.press.id && !f.release.id && label && x >= label.x && x <= label.x + label.w && y >= label.y && y <= label.y + label.h) return;
  // What moved between the frame the tap was aimed with and the frame that took the press.
  const was = new Map(aimed.items.map((i) => [i.id, i]));
  const moved = f.press.items.filter((i) => !was.has(i.id) || Math.abs(was.get(i.id).y - i.y) > 0.5 || Math.abs(was.get(i.id).h - i.h) > 0.5)
    .map((i) => (was.has(i.id) ? `${i.id} y ${was.get(i.id).y}→${i.y} h ${was.get(i.id).h}→${i.h}` : `${i.id} appeared at y ${i.y}`));
  const gone = aimed.items.filter((i) => !f.press.items.some((j) => j.id === i.id)).map((i) => i.id);
  const where = f.press.items.find((i) => i.id === id);
  throw new Error(`the tap on '${id}' at (${x}, ${y}), aimed with frame ${aimed.frame}, was pressed on ` +
    `'${f.press.id || 'nothing'}' (frame ${f.press.frame}) and released on '${f.release.id || 'nothing'}' (frame ${f.release.frame}); ` +
    `'${id}' was ${where ? `at y ${where.y}..${where.y + where.h}` : 'not drawn'} in the press frame. ` +
    `Moved: ${moved.join('; ') || 'nothing'}. Gone: ${gone.join(', ') || 'nothing'}.`);
}

// Waits for a frame built after `frame`, at most 2 s: a tap's result (an armed button, a
// refusal's banner) is drawn in the frame after the one that took the release, and a person
// reads it from the screen, not before it is there.
async function nextFrame(page, frame) {
  await page.waitForFunction((n) => globalThis.dq.probe().frame > n, frame, { timeout: 2000 }).catch(() => {});
}

// Two taps within 100 ms, as an impatient thumb does (e.g. on "Lưu"). Dispatched inside the
// page: two round trips of the test driver can take longer than a thumb.
export async function doubleTap(page, id) {
  const w = await reveal(page, id);
  assertUnobstructed(await probe(page), w, page.viewportSize());
  const took = await page.evaluate(async ([x, y]) => {
    const canvas = document.getElementById('canvas');
    const r = canvas.getBoundingClientRect();
    const touch = (type, i) => {
      const t = new Touch({ identifier: i, target: canvas, clientX: r.left + x, clientY: r.top + y, pageX: r.left + x, pageY: r.top + y });
      const down = type === 'touchstart';
      canvas.dispatchEvent(new TouchEvent(type, { touches: down ? [t] : [], targetTouches: down ? [t] : [], changedTouches: [t], bubbles: true, cancelable: true }));
    };
    // Back to back: a loaded page may delay a timer by a whole frame, a thumb is not delayed.
    const t0 = performance.now();
    touch('touchstart', 1); touch('touchend', 1);
    touch('touchstart', 2); touch('touchend', 2);
    return performance.now() - t0;
  }, [w.x + w.w / 2, w.y + w.h / 2]);
  assert.ok(took < 100, `double tap took ${took} ms`);
  await page.waitForTimeout(120);
}

// Taps a bottom-bar tab and waits for a widget of its screen (a person taps again when a tap
// did not take: the test does so once, then fails).
export async function goTo(page, tab, widget) {
  await tap(page, tab);
  try { await find(page, widget, 3000); } catch (e) { await tap(page, tab); await find(page, widget, 10000); }
}

// Focuses a text field by tapping it and empties the phone keyboard's input.
async function focusEmpty(page, id) {
  await tap(page, id);
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'dq-text');
  await page.evaluate(() => { const i = document.getElementById('dq-text'); i.value = ''; i.dispatchEvent(new Event('input')); });
}

// Waits until the field shows `want` (its probe text; a password shows one bullet per character).
export async function waitForField(page, id, want, timeout = 5000) {
  await page.waitForFunction(([fid, w]) => {
    const it = globalThis.dq.probe().items.find((i) => i.id === fid);
    return it && it.text === w;
  }, [id, want], { timeout }).catch(async (e) => {
    const it = (await probe(page)).items.find((i) => i.id === id);
    const input = await page.evaluate(() => document.getElementById('dq-text').value);
    throw new Error(`field '${id}' shows ${JSON.stringify(it && it.text)}, want ${JSON.stringify(want)} (keyboard input holds ${JSON.stringify(input)}): ${e.message}`);
  });
}

const shownAs = (text, password) => (password ? '•'.repeat([...text.normalize('NFC')].length) : text.normalize('NFC'));

// Taps a text field, clears it, types like a phone keyboard would (insertText per character,
// no pause between them: as fast as a thumb on autocomplete). The field must show the NFC form
// of what was typed, whatever form was typed. `password`: the field shows bullets.
export async function typeInto(page, id, text, { password = false } = {}) {
  await focusEmpty(page, id);
  for (const ch of text) await page.keyboard.insertText(ch);
  await waitForField(page, id, shownAs(text, password));
}

// Typed decomposed (NFD), as some Vietnamese keyboards and macOS send it: "a" then U+0300.
export async function typeNfd(page, id, text, opts) {
  const nfd = text.normalize('NFD');
  assert.ok(nfd !== text.normalize('NFC') || !/[^\x00-\x7f]/.test(text), 'typeNfd needs text with marks');
  // Each base letter and its marks arrive as separate input events, as such keyboards send them.
  await focusEmpty(page, id);
  for (const ch of nfd) await page.keyboard.insertText(ch);
  await waitForField(page, id, shownAs(text, opts && opts.password));
}

// Typed precomposed (NFC), character by character.
export async function typeNfc(page, id, text, opts) { return typeInto(page, id, text.normalize('NFC'), opts); }

// A paste: the whole string in one input event (insertText of the whole string), as a phone's
// clipboard or a password manager delivers it.
// `shows`: what the field draws when it differs from the text (a character the font lacks is
// drawn as a box or a dot).
export async function paste(page, id, text, { password = false, shows } = {}) {
  await focusEmpty(page, id);
  await page.keyboard.insertText(text);
  await waitForField(page, id, shows ?? shownAs(text, password));
}

// Viewports of the phones the product is tried on (CSS px).
export const PHONES = [{ width: 360, height: 740 }, { width: 412, height: 915 }];

export async function waitForWidget(page, id, timeout = 10000) { return find(page, id, timeout); }

export async function waitForText(page, re, timeout = 10000) {
  await page.waitForFunction((src) => {
    const r = new RegExp(src);
    return globalThis.dq.probe().items.some((i) => r.test(i.text));
  }, re.source, { timeout });
}

export async function screenshot(page, name) {
  await page.waitForTimeout(150);
  await canvasDrawn(page);
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
}

// First run: set the venue and scan point in Settings.
export async function configure(page, venue = 'Chợ Bến Thành', point = 'Cổng chính') {
  await tap(page, 'nav.settings');
  await typeInto(page, 'settings.venue', venue);
  await typeInto(page, 'settings.scanPoint', point);
  await tap(page, 'settings.save');
  await page.waitForFunction(() => globalThis.dq.state().configured, null, { timeout: 10000 });
}

export async function manualCheckIn(page, { name, cccd = '', phone = '', time = '', out = false }) {
  await tap(page, 'nav.manual');
  await typeInto(page, 'field.name', name);
  if (cccd) await typeInto(page, 'field.cccd', cccd);
  if (phone) await typeInto(page, 'field.phone', phone);
  if (time) await typeInto(page, 'field.time', time);
  await tap(page, out ? 'manual.direction.1' : 'manual.direction.0');
  await tap(page, 'manual.save');
}

// A card shown to a keyboard-wedge scanner: the page receives its text as one burst of key
// events ending with Enter (web/keyboard-wedge.js), as from a real HID scanner.
export async function wedgeScan(page, text) {
  await page.evaluate((t) => {
    const key = (k) => document.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
    for (const ch of t) key(ch);
    key('Enter');
  }, text);
}
