// Driving the station in any engine (./engines.mjs) the way tests/e2e/lib/station.mjs does in
// Chromium: find a widget by its stable id in window.dq.probe(), tap its centre, type through
// the hidden input.
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { waitFor, sleep } from './engines.mjs';

export const OUT = path.resolve(process.env.DQ_TEST_OUTPUT || 'test-output/browsers');
fs.mkdirSync(OUT, { recursive: true });

export async function waitReady(page, timeout = 40000) {
  try {
    await waitFor(page, () => globalThis.dq && (globalThis.dq.error || (globalThis.dq.probe && globalThis.dq.probe().frame > 1)),
      null, { timeout, what: 'the first frames' });
  } catch (e) {
    // What the person would see instead: the splash's words, and where.
    const seen = await page.evaluate(() => {
      const s = document.getElementById('dq-splash-text');
      return `${location.href}: splash "${s ? s.textContent : '(none)'}"; sw controller ${!!(navigator.serviceWorker && navigator.serviceWorker.controller)}`;
    }).catch((x) => `(page unreadable: ${x.message.split('\n')[0]})`);
    e.message += ` — ${seen}`;
    throw e;
  }
  const err = await page.evaluate(() => (globalThis.dq.error === undefined ? null
    : `${globalThis.dq.error} (${globalThis.dq.errorDetail || 'no detail'}) at ${location.href}`));
  assert.equal(err, null, `${page.name}: failed to start: ${err}`);
  // A script the loader had to ask for again (web/loader.js): worth a line in the log.
  const again = await page.evaluate(() => (globalThis.dq.startup && globalThis.dq.startup.scriptsFetchedAgain) || []);
  if (again.length) console.log(`# ${page.name}: fetched again at start: ${again.join(', ')}`);
}

export const probe = (page) => page.evaluate(() => globalThis.dq.probe());
export const state = (page) => page.evaluate(() => globalThis.dq.state());

export async function find(page, id, timeout = 10000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const items = (await probe(page)).items;
    const hit = items.find((i) => i.id === id);
    if (hit) return hit;
    if (Date.now() > deadline) throw new Error(`${page.name}: no widget '${id}' on screen; visible: ${items.map((i) => i.id).join(', ')}`);
    await sleep(50);
  }
}

export async function exists(page, id) {
  return (await probe(page)).items.some((i) => i.id === id);
}

// Scrolls the screen (a wheel event on the canvas, which ImGui scrolls by) until the widget
// is between the top bar and the bottom navigation, where a tap reaches it.
export async function scrollIntoView(page, id) {
  for (let i = 0; i < 8; i++) {
    const items = (await probe(page)).items;
    const w = items.find((x) => x.id === id);
    if (!w || id.startsWith('nav.') || id.startsWith('top.')) return w;
    const nav = items.find((x) => x.id.startsWith('nav.'));
    const bottom = nav ? nav.y : 915, top = 70;
    const cy = w.y + w.h / 2;
    if (cy > top && cy < bottom) return w;
    const dy = cy - (top + bottom) / 2;
    await page.evaluate(([y, x0, y0]) => {
      document.getElementById('canvas').dispatchEvent(new WheelEvent('wheel', { deltaY: y, deltaMode: 0, clientX: x0, clientY: y0, bubbles: true, cancelable: true }));
      return 1;
    }, [dy, 200, (top + bottom) / 2]);
    await sleep(150);
  }
  return find(page, id);
}

export async function tap(page, id) {
  await find(page, id);
  const w = await scrollIntoView(page, id);
  await page.tapAt(w.x + w.w / 2, w.y + w.h / 2);
  await sleep(150);  // ImGui sees the press and the release on separate frames
}

// Taps a text field, clears it, and enters the text character by character.
export async function typeInto(page, id, text) {
  await tap(page, id);
  await waitFor(page, () => document.activeElement && document.activeElement.id === 'dq-text', null,
    { timeout: 5000, what: `the hidden input focused for ${id}` });
  await page.evaluate(() => { const i = document.getElementById('dq-text'); i.value = ''; i.dispatchEvent(new Event('input')); return 1; });
  await page.insertText(text);
  await waitFor(page, ([fid, want]) => {
    const it = globalThis.dq.probe().items.find((i) => i.id === fid);
    return it && it.text === want;
  }, [id, text.normalize('NFC')], { timeout: 5000, what: `'${text}' in ${id}` });
}

export async function screenshot(page, name) {
  await sleep(200);
  await page.screenshot(path.join(OUT, `${page.name}-${name}.png`));
}

export async function configure(page, venue = 'Chợ Bến Thành', point = 'Cổng chính') {
  await tap(page, 'nav.settings');
  await typeInto(page, 'settings.venue', venue);
  await typeInto(page, 'settings.scanPoint', point);
  await tap(page, 'settings.save');
  await waitFor(page, () => globalThis.dq.state().configured, null, { what: 'settings saved' });
}

export async function manualCheckIn(page, { name, cccd = '', phone = '' }) {
  await tap(page, 'nav.manual');
  await typeInto(page, 'field.name', name);
  if (cccd) await typeInto(page, 'field.cccd', cccd);
  if (phone) await typeInto(page, 'field.phone', phone);
  await tap(page, 'manual.direction.0');
  await tap(page, 'manual.save');
}

// Replaces getUserMedia with a canvas.captureStream() that shows each image (data: URLs) until
// the station has saved one more check-in, then a white frame for `gapMs` (the card leaving),
// then the next; white after the last. Waiting for the save instead of a fixed time keeps it
// deterministic on a slow machine. The engines' own fake cameras show a test pattern, so this
// is how QR codes reach the scanner in every engine alike.
export async function installCameraStandIn(page, images, { gapMs = 700 } = {}) {
  await page.evaluate(([srcs, gap]) => {
    const canvas = document.createElement('canvas');
    canvas.width = 640; canvas.height = 480;
    canvas.style.cssText = 'position:fixed;left:-10000px;top:0';
    document.body.appendChild(canvas);
    const ctx = canvas.getContext('2d');
    const imgs = srcs.map((s) => { const i = new Image(); i.src = s; return i; });
    const stand = globalThis.dqCameraStandIn = { shown: 0, calls: 0, base: 0, live: false, gapUntil: 0 };
    function draw() {
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, 640, 480);
      if (!stand.live) return;
      const saved = globalThis.dq.state().total - stand.base;
      if (saved > stand.shown) { stand.shown = saved; stand.gapUntil = performance.now() + gap; }
      const k = stand.shown;
      if (k < imgs.length && performance.now() >= stand.gapUntil && imgs[k].complete) ctx.drawImage(imgs[k], 80, 0, 480, 480);
    }
    setInterval(draw, 50);
    draw();
    const fake = async () => {
      stand.calls++;
      stand.base = globalThis.dq.state().total - stand.shown;
      stand.live = true;
      return canvas.captureStream(20);
    };
    const md = navigator.mediaDevices;
    if (md) {
      // On the prototype, not on navigator.mediaDevices itself: WebKit may collect that object's
      // JS wrapper and make a new one without our properties, and the station then opened the
      // engine's own camera (its test pattern, no card) in 3 runs of ~12 on a loaded machine.
      const target = globalThis.MediaDevices ? MediaDevices.prototype : md;
      target.getUserMedia = fake;
      target.enumerateDevices = async () => [{ kind: 'videoinput', deviceId: 'stand-in', label: 'canvas stand-in', groupId: '' }];
    } else {
      Object.defineProperty(navigator, 'mediaDevices', {
        configurable: true,
        value: { getUserMedia: fake, enumerateDevices: async () => [] },
      });
    }
    return 1;
  }, [images, gapMs]);
}
