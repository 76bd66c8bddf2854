// Driving the station the way a person does: find a widget by its stable id in the UI's
// probe (what the last frame drew), tap its centre with a touch, type with the keyboard.
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';

export const OUT = path.resolve(process.env.DQ_TEST_OUTPUT || 'test-output/e2e');
fs.mkdirSync(OUT, { recursive: true });

export async function waitReady(page, timeout = 30000) {
  await page.waitForFunction(() => globalThis.dq && (globalThis.dq.error || (globalThis.dq.probe && globalThis.dq.probe().frame > 1)), null, { timeout });
  const err = await page.evaluate(() => globalThis.dq.error);
  assert.equal(err, undefined, `station failed to start: ${err}`);
}

export const probe = (page) => page.evaluate(() => globalThis.dq.probe());
export const state = (page) => page.evaluate(() => globalThis.dq.state());

export async function find(page, id, timeout = 10000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const items = (await probe(page)).items;
    const hit = items.find((i) => i.id === id);
    if (hit) return hit;
    if (Date.now() > deadline) throw new Error(`no widget '${id}' on screen; visible: ${items.map((i) => i.id).join(', ')}`);
    await page.waitForTimeout(50);
  }
}

export async function exists(page, id) {
  return (await probe(page)).items.some((i) => i.id === id);
}

// The scrollable body lies between the top bar and the bottom navigation (CSS px).
const BODY_TOP = 64, NAV_HEIGHT = 76;

// Finds a widget and scrolls the body (a wheel over the canvas) until it is fully in view.
export async function reveal(page, id) {
  let w = await find(page, id);
  if (id.startsWith('nav.') || id.startsWith('top.')) return w;
  const height = page.viewportSize().height;
  for (let i = 0; i < 20; i++) {
    const below = w.y + w.h - (height - NAV_HEIGHT - 4);
    const above = BODY_TOP + 4 - w.y;
    if (below <= 0 && above <= 0) return w;
    await page.mouse.move(200, height / 2);
    await page.mouse.wheel(0, below > 0 ? Math.min(below + 40, 400) : -Math.min(above + 40, 400));
    await page.waitForTimeout(120);
    w = await find(page, id);
  }
  return w;
}

export async function tap(page, id) {
  const w = await reveal(page, id);
  await page.touchscreen.tap(w.x + w.w / 2, w.y + w.h / 2);
  // Let ImGui see the press and release on two frames.
  await page.waitForTimeout(120);
}

// Taps a text field, clears it, types like a phone keyboard would (insertText per character).
export async function typeInto(page, id, text) {
  await tap(page, id);
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'dq-text');
  await page.evaluate(() => { const i = document.getElementById('dq-text'); i.value = ''; i.dispatchEvent(new Event('input')); });
  for (const ch of text) await page.keyboard.insertText(ch);
  await page.waitForFunction(([fid, want]) => {
    const it = globalThis.dq.probe().items.find((i) => i.id === fid);
    return it && it.text === want;
  }, [id, text.normalize('NFC')], { timeout: 5000 });
}

export async function waitForWidget(page, id, timeout = 10000) { return find(page, id, timeout); }

export async function waitForText(page, re, timeout = 10000) {
  await page.waitForFunction((src) => {
    const r = new RegExp(src);
    return globalThis.dq.probe().items.some((i) => r.test(i.text));
  }, re.source, { timeout });
}

export async function screenshot(page, name) {
  await page.waitForTimeout(150);
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
