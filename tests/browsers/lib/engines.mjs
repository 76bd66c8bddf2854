// One phone-sized page in each browser engine behind one small interface, so the same
// scenarios run in Chromium (playwright-core), Firefox ESR (puppeteer-core, WebDriver BiDi)
// and WebKitGTK's MiniBrowser (W3C WebDriver, ./webdriver.mjs):
//   goto(url) · reload() · evaluate(fn, arg) · tapAt(x, y) · insertText(text)
//   screenshot(file) · setOffline(bool) | null · close()
// Every engine shows a 412×915 CSS px viewport. Each open() starts a fresh profile.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startDriver, Session } from './webdriver.mjs';

export const VIEWPORT = { width: 412, height: 915 };
export const ENGINES = ['chromium', 'firefox', 'webkit'];

const FIREFOX = process.env.DQ_FIREFOX || '/usr/bin/firefox-esr';
const WEBKIT_DRIVER = process.env.DQ_WEBKIT_DRIVER || 'WebKitWebDriver';
const MINIBROWSER = process.env.DQ_MINIBROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

const tmpDir = (tag) => fs.mkdtempSync(path.join(os.tmpdir(), `dq-${tag}-`));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Serialises fn(arg) into a script every driver can run; the value must be JSON.
const callScript = (fn, arg) => `(${fn})(${JSON.stringify(arg === undefined ? null : arg)})`;

async function openChromium() {
  const { openPhone, freshProfile } = await import('../../e2e/lib/browser.mjs');
  const ctx = await openPhone(freshProfile('dq-chromium'));
  const page = ctx.pages()[0] || (await ctx.newPage());
  return {
    name: 'chromium',
    goto: (url) => page.goto(url),
    reload: () => page.reload(),
    evaluate: (fn, arg) => page.evaluate(callScript(fn, arg)),
    tapAt: async (x, y) => page.touchscreen.tap(x, y),
    insertText: async (text) => { for (const ch of text) await page.keyboard.insertText(ch); },
    screenshot: (file) => page.screenshot({ path: file }),
    setOffline: (on) => ctx.setOffline(on),
    close: () => ctx.close(),
  };
}

async function openFirefox() {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: tmpDir('firefox-profile'),
    extraPrefsFirefox: {
      'media.navigator.streams.fake': true,
      'media.navigator.permission.disabled': true,
      'webgl.force-enabled': true,
      'intl.accept_languages': 'vi-VN, vi',
    },
  });
  const page = (await browser.pages())[0] || (await browser.newPage());
  await page.setViewport({ ...VIEWPORT, deviceScaleFactor: 1 });
  // Mouse clicks, not synthetic touches: on desktop Linux Firefox may accept a BiDi touch
  // action yet deliver no touch events to the page (taps were lost now and then in CI runs).
  // Touch input itself is covered in Chromium; the app takes the same pointer path for both.
  let touch = process.env.DQ_FIREFOX_TOUCH === '1';
  return {
    name: 'firefox',
    goto: (url) => page.goto(url),
    reload: () => page.reload(),
    evaluate: (fn, arg) => page.evaluate(callScript(fn, arg)),
    tapAt: async (x, y) => {
      // A touch where the automation offers one, else a mouse click (same pointer events).
      if (touch) {
        try { await page.touchscreen.tap(x, y); return; } catch { touch = false; }
      }
      await page.mouse.click(x, y);
    },
    // Puppeteer's sendCharacter is execCommand('insertText'): what an IME's commit does.
    insertText: async (text) => { for (const ch of text) await page.keyboard.sendCharacter(ch); },
    screenshot: (file) => page.screenshot({ path: file }),
    setOffline: null,  // no network emulation over BiDi in Firefox: the tests stop the server
    close: () => browser.close(),
  };
}

async function openWebKit() {
  // MiniBrowser's toolbar keeps its window ≥ 447 px wide; a gtk.css shrinks it to nothing.
  const xdg = tmpDir('webkit-xdg');
  fs.mkdirSync(path.join(xdg, 'gtk-3.0'));
  fs.writeFileSync(path.join(xdg, 'gtk-3.0', 'gtk.css'),
    '* { min-width: 0; min-height: 0; padding: 0; margin: 0; font-size: 4px; }\n');
  const driver = await startDriver(WEBKIT_DRIVER, { env: { ...process.env, XDG_CONFIG_HOME: xdg } });
  let s;
  try {
    s = await Session.create(driver.base, {
      'webkitgtk:browserOptions': {
        binary: MINIBROWSER,
        args: ['--automation', '--enable-mock-capture-devices=true', '--enable-media-stream=true'],
      },
    });
  } catch (e) { await driver.stop(); throw new Error(`WebKitWebDriver: ${e.message}\n${driver.output()}`); }
  try {
    await s.setTimeouts({ script: 60000, pageLoad: 60000 });
    await s.navigate('about:blank');
    // Size the window so the page itself gets 412×915, whatever the toolbar takes.
    let rect = { width: VIEWPORT.width, height: VIEWPORT.height };
    for (let i = 0; i < 3; i++) {
      await s.setWindowRect(rect);
      const [w, h] = await s.execute('return [innerWidth, innerHeight]');
      if (w === VIEWPORT.width && h === VIEWPORT.height) break;
      rect = { width: rect.width + VIEWPORT.width - w, height: rect.height + VIEWPORT.height - h };
    }
  } catch (e) {
    await s.delete();
    await driver.stop();
    throw new Error(`WebKit session set-up: ${e.message}\n${driver.output()}`);
  }
  const run = (fn, arg) => s.execute(`return ${callScript(fn, arg)};`);
  return withBrowserOutput(driver, {
    name: 'webkit',
    goto: (url) => s.navigate(url),
    reload: () => s.refresh(),
    evaluate: run,
    // WebKitGTK's automation has mouse pointers only; the page sees the same pointer events.
    tapAt: async (x, y) => {
      await s.actions([{
        type: 'pointer', id: 'finger', parameters: { pointerType: 'mouse' },
        actions: [
          { type: 'pointerMove', duration: 0, x: Math.round(x), y: Math.round(y), origin: 'viewport' },
          { type: 'pointerDown', button: 0 }, { type: 'pause', duration: 30 }, { type: 'pointerUp', button: 0 },
        ],
      }]);
    },
    // Real key events into the focused hidden input, one character at a time.
    insertText: async (text) => {
      const el = await s.findElement('#dq-text');
      for (const ch of text) await s.sendKeys(el, ch);
    },
    screenshot: async (file) => fs.writeFileSync(file, await s.screenshot()),
    setOffline: null,  // no network emulation in WebKitGTK's WebDriver: the tests stop the server
    close: async () => { await s.delete(); await driver.stop(); },
  });
}

// When MiniBrowser dies, WebKitWebDriver answers every later call with "invalid session id"
// and nothing else; the browser's own last words (a crash, an abort) are in the driver's output.
function withBrowserOutput(driver, page) {
  const wrapped = { ...page };
  for (const [k, f] of Object.entries(page)) {
    if (typeof f !== 'function') continue;
    wrapped[k] = async (...args) => {
      try { return await f(...args); } catch (e) {
        if (e && e.error === 'invalid session id' && !e.browserOutput) {
          e.browserOutput = driver.output().slice(-4000);
          e.message += `\n--- WebKitWebDriver/MiniBrowser output (last 4000 chars):\n${e.browserOutput}`;
        }
        throw e;
      }
    };
  }
  return wrapped;
}

export async function openEngine(name) {
  if (name === 'chromium') return openChromium();
  if (name === 'firefox') return openFirefox();
  if (name === 'webkit') {
    // WebKitWebDriver now and then fails to hand over a MiniBrowser session on a loaded machine;
    // a second fresh driver and profile is what a person would do (restart the browser). A
    // second failure is the engine's failure, with both messages.
    try { return await openWebKit(); } catch (first) {
      try { return await openWebKit(); } catch (second) {
        throw new Error(`WebKit did not start twice:\n1: ${first.message}\n2: ${second.message}`);
      }
    }
  }
  throw new Error(`unknown engine ${name}`);
}

// Polls fn(arg) in the page until it returns something truthy; returns that value.
export async function waitFor(page, fn, arg, { timeout = 10000, what = String(fn).slice(0, 120) } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const v = await page.evaluate(fn, arg);
      if (v) return v;
    } catch (e) { last = e; }  // mid-navigation: the page is not there yet
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}${last ? ` (${last.message})` : ''}`);
    await sleep(60);
  }
}

export { sleep };
