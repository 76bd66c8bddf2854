// The three faces under the server's Content-Security-Policy (issue #13 §5), in Debian's
// Chromium against the real server: each page starts (frames drawn) with no CSP violation
// reported, and the scanner's zxing-wasm worker still decodes under the policy.
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { freshProfile, openPhone } from './lib/browser.mjs';
import { execFileSync } from 'node:child_process';
import { SERVER_BIN, serverAvailable, startSyncServer } from './lib/server-process.mjs';
import { waitReady } from './lib/station.mjs';

const WEB = path.resolve(process.env.DQ_WEB_DIR || 'build/web');
const skip = !serverAvailable() ? 'no server binary'
  : !fs.existsSync(path.join(WEB, 'index.html')) ? `no shell in ${WEB}` : false;

let server;
before(async () => { if (!skip) server = await startSyncServer(WEB); });
after(async () => { await server?.stop(); });

// Opens `route` on a fresh phone; returns the page, the CSP header and the violations seen.
async function openFace(route, status = 200) {
  const ctx = await openPhone(freshProfile('dq-csp'), {});
  const page = ctx.pages()[0] ?? await ctx.newPage();
  const violations = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  await page.addInitScript(() => {
    globalThis.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      globalThis.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const res = await page.goto(new URL(route, server.url).href);
  assert.equal(res.status(), status, route);
  return { ctx, page, csp: res.headers()['content-security-policy'], violations };
}

for (const [face, route] of [['station', '/'], ['visitor', '/v'], ['office', '/office']]) {
  test(`${face} (${route}) starts under the CSP with no violation`, { skip }, async () => {
    const { ctx, page, csp, violations } = await openFace(route);
    try {
      assert.match(csp ?? '', /script-src 'self' 'wasm-unsafe-eval'/);
      await waitReady(page);
      if (face === 'station') {
        // The decoder worker (a module worker from our origin running zxing-wasm) under the policy.
        const r = await page.evaluate(() => Promise.race([globalThis.dqCamera.decodeImage(new ImageData(64, 64)),
          new Promise((resolve) => setTimeout(() => resolve({ type: 'no answer from the decoder worker in 15 s' }), 15000))]));
        assert.equal(r.type, 'result', JSON.stringify(r));
        assert.equal(r.error, undefined, 'the decoder ran');
      }
      await page.waitForTimeout(300);  // late loads (fonts, service worker) report too
      const events = await page.evaluate(() => globalThis.__cspViolations);
      assert.deepEqual([...events, ...violations], [], 'no CSP violation');
    } finally {
      await ctx.close();
    }
  });
}

test('the server-rendered short-code page keeps its inline style under its CSP', { skip }, async () => {
  const { ctx, page, csp, violations } = await openFace('/c/ABC123', 404);
  try {
    assert.match(csp ?? '', /default-src 'none';.* style-src 'unsafe-inline'/);
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('h1')).fontSize), '22px', 'the style applied');
    const events = await page.evaluate(() => globalThis.__cspViolations);
    assert.deepEqual([...events, ...violations], [], 'no CSP violation');
  } finally {
    await ctx.close();
  }
});

// The office opens the report's print view as a blob: page (wasm/platform/http_download_browser.cpp),
// which inherits the office page's policy: its inline <style> and its Print button must still work.
test('the report print view opened from the office keeps its style and its Print button', { skip }, async () => {
  execFileSync(SERVER_BIN, ['admin', 'create-officer', '--username', 'csp', '--level', 'ward', '--area', '26743', '--db', server.db],
    { input: 'mat-khau-thu-nghiem\n' });
  const login = await fetch(new URL('/api/v1/office/login', server.url), { method: 'POST',
    body: JSON.stringify({ username: 'csp', password: 'mat-khau-thu-nghiem' }) }).then((r) => r.json());
  const { ctx, page } = await openFace('/office');
  try {
    await waitReady(page);
    const popupSeen = ctx.waitForEvent('page');
    await page.evaluate(async (token) => {  // as http_download_browser.cpp does
      const r = await fetch('/api/v1/office/report?format=html', { headers: { authorization: 'Bearer ' + token } });
      const blob = new Blob([await r.arrayBuffer()], { type: r.headers.get('Content-Type') });
      window.open(URL.createObjectURL(blob), '_blank');
    }, login.token);
    const view = await popupSeen;
    const refused = [];
    view.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) refused.push(m.text()); });
    await view.waitForLoadState();
    assert.match(view.url(), /^blob:/);
    assert.equal(await view.evaluate(() => getComputedStyle(document.querySelector('table')).borderCollapse), 'collapse', 'the inline style applied');
    await view.evaluate(() => { window.print = () => { window.__printed = true; }; });
    await view.click('button');
    assert.equal(await view.evaluate(() => window.__printed === true), true, 'the Print button ran');
    assert.deepEqual(refused, [], 'no CSP violation');
  } finally {
    await ctx.close();
  }
});
