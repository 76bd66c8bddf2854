// What a person sees, as assertions on the probe: a control fully in view between the bars, a
// control that stays where it was shown, a message drawn in response to a tap in view, labels
// on one line. Phones at the two sizes the issue names (CSS px).
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { BASE_ARGS, CHROMIUM, freshProfile } from './browser.mjs';
import { find, probe, tapCentre, waitReady } from './station.mjs';

export const SIZES = [[360, 740], [412, 915]];
// The station's bars (wasm/ui/station_ui.cpp): top 64, bottom 76. The office has a top bar only.
export const STATION_BARS = { top: 64, bottom: 76 };
export const OFFICE_BARS = { top: 64, bottom: 0 };

// A phone of this size: touch, Vietnamese, Vietnam time; a fresh profile unless one is given.
export async function openPhoneAt(width, height, profile = freshProfile('dq-layout')) {
  return chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: BASE_ARGS, viewport: { width, height }, deviceScaleFactor: 2,
    hasTouch: true, isMobile: true, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
}

// The station at `url` on a fresh phone of that size, started.
export async function openStationAt(url, width, height) {
  const ctx = await openPhoneAt(width, height);
  const page = ctx.pages()[0] || (await ctx.newPage());
  await page.goto(url);
  await waitReady(page);
  return { ctx, page };
}

// The widget `id` lies wholly between the bars, as drawn now (no scrolling on our part).
export async function assertInView(page, id, bars = STATION_BARS, timeout = 10000) {
  const w = await find(page, id, timeout);
  const height = page.viewportSize().height, width = page.viewportSize().width;
  assert.ok(w.y >= bars.top - 0.5 && w.y + w.h <= height - bars.bottom + 0.5 && w.x >= -0.5 && w.x + w.w <= width + 0.5,
    `'${id}' ("${w.text}") is not in view: y ${w.y}..${w.y + w.h}, x ${w.x}..${w.x + w.w}; ` +
    `the view is ${bars.top}..${height - bars.bottom} × 0..${width}`);
  return w;
}

// The widget does not move for `ms`: where it was when shown is where a tap lands later.
export async function assertSteady(page, id, ms = 3000) {
  const a = await find(page, id);
  await page.waitForTimeout(ms);
  const b = await find(page, id);
  assert.ok(Math.abs(a.x - b.x) < 1 && Math.abs(a.y - b.y) < 1,
    `'${id}' moved from (${a.x}, ${a.y}) to (${b.x}, ${b.y}) within ${ms} ms`);
  return b;
}

// Taps the centre of a widget as it is now (no scrolling first).
export async function tapWhereShown(page, id) {
  await find(page, id);
  return tapCentre(page, id);
}

// The label of button `id` is drawn on one line of text inside its button.
export async function assertOneLineLabel(page, id, maxLine = 30) {
  const items = (await probe(page)).items;
  const b = items.find((i) => i.id === id), l = items.find((i) => i.id === `${id}.label`);
  assert.ok(b && l, `no button '${id}' with a label on screen`);
  assert.ok(l.h <= maxLine, `the label of '${id}' ("${l.text}") takes ${l.h} px: it wrapped`);
  assert.ok(l.x >= b.x - 0.5 && l.x + l.w <= b.x + b.w + 0.5, `the label of '${id}' ("${l.text}") spills out of its button`);
}

// Every text and label on screen fits the width of the screen (nothing cut at the right edge).
export async function assertTextsFitWidth(page) {
  const width = page.viewportSize().width;
  const over = (await probe(page)).items.filter((i) => (i.kind === 'text' || i.kind === 'label') && i.text &&
    (i.x < -0.5 || i.x + i.w > width + 0.5));
  assert.deepEqual(over.map((i) => `${i.id}: "${i.text}" ${i.x}..${i.x + i.w}`), [], `texts wider than ${width} px`);
}
