// Strict input and security headers on the real server (issue #13 §4, §5): a body is one JSON
// value and nothing after it (a NUL, trailing bytes or a second value: 400 bad_json) on every
// endpoint that takes JSON; "bearer" in lower case is accepted; every answer (API JSON, an
// error, a redirect, a static file, a 404, the three faces' pages) carries the security headers.
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { BIN, checkIn, enroll, issueCodes, post, prepareDb, startServer, tempDir } from './harness.mjs';

const PASSWORD = 'mat-khau-thu-nghiem';

// Bodies that are valid JSON up to a point and then carry something more.
function spoiled(valid) {
  const json = JSON.stringify(valid);
  return {
    'trailing bytes': json + 'x',
    'a second value': json + json,
    'a NUL then bytes': Buffer.concat([Buffer.from(json), Buffer.from([0]), Buffer.from('{"evil":1}')]),
    'a trailing NUL': Buffer.concat([Buffer.from(json), Buffer.from([0])]),
  };
}

const SECURITY = {
  'x-content-type-options': /^nosniff$/,
  'x-frame-options': /^DENY$/,
  'referrer-policy': /^(no-referrer|strict-origin-when-cross-origin)$/,
  'permissions-policy': /camera=\(self\), microphone=\(\), geolocation=\(\)/,
  'content-security-policy': /frame-ancestors 'none'/,
};
function assertSecurityHeaders(headers, what) {
  for (const [name, re] of Object.entries(SECURITY)) assert.match(headers.get(name) ?? '', re, `${what}: ${name}`);
  assert.equal(headers.get('strict-transport-security'), null, `${what}: no HSTS over plain HTTP`);
}

test('strict JSON bodies, lower-case bearer and security headers', async (t) => {
  const tmp = tempDir();
  const db = `sqlite:${path.join(tmp.dir, 's.db')}`;
  prepareDb(db);
  execFileSync(BIN, ['admin', 'create-officer', '--username', 'ward', '--level', 'ward', '--area', '26743', '--db', db],
    { input: PASSWORD + '\n' });
  const web = path.join(tmp.dir, 'web');
  mkdirSync(web);
  for (const f of ['index.html', 'visitor.html', 'office.html']) writeFileSync(path.join(web, f), '<!doctype html><title>x</title>');
  writeFileSync(path.join(web, 'app.css'), 'body{}');
  const server = await startServer(db, ['--static', web]);
  t.after(async () => { await server.kill(); tmp.cleanup(); });
  const url = server.url;
  const [code1, code2] = issueCodes(db, 'v1', 2);

  await t.test('enrollment refuses anything after the JSON value', async () => {
    for (const [what, body] of Object.entries(spoiled({ code: code1, device: 'st-a' }))) {
      const r = await post(url, '/api/v1/enroll', body);
      assert.equal(r.status, 400, `${what}: ${r.text}`);
      assert.equal(r.json?.error?.code, 'bad_json', what);
    }
    const ok = await post(url, '/api/v1/enroll', JSON.stringify({ code: code1, device: 'st-a' }) + ' \r\n');
    assert.equal(ok.status, 200, 'trailing whitespace is fine: ' + ok.text);
  });

  const token = await enroll(url, code2, 'st-b');
  await t.test('upload refuses anything after the JSON value; "bearer" in lower case is accepted', async () => {
    const r = await post(url, '/api/v1/checkins', { device: 'st-b', checkIns: [checkIn('st-b', 1)] }, null,
      { authorization: `bearer ${token}` });
    assert.equal(r.status, 200, r.text);
    assert.deepEqual(r.json.acked, [[1, 1]]);
    for (const [what, body] of Object.entries(spoiled({ device: 'st-b', checkIns: [checkIn('st-b', 2)] }))) {
      const r = await post(url, '/api/v1/checkins', body, token);
      assert.equal(r.status, 400, `${what}: ${r.text}`);
      assert.equal(r.json?.error?.code, 'bad_json', what);
    }
  });

  await t.test('office login and a public report refuse anything after the JSON value', async () => {
    for (const [what, body] of Object.entries(spoiled({ username: 'ward', password: PASSWORD }))) {
      const r = await post(url, '/api/v1/office/login', body);
      assert.equal(r.status, 400, `${what}: ${r.text}`);
      assert.equal(r.json?.error?.code, 'bad_json', what);
    }
    for (const [what, body] of Object.entries(spoiled({ venue: 'v1', kind: 'no_poster', note: 'x' }))) {
      const r = await post(url, '/api/v1/reports', body);
      assert.equal(r.status, 400, `${what}: ${r.text}`);
      assert.equal(r.json?.error?.code, 'bad_json', what);
    }
    for (const [what, body] of Object.entries(spoiled({ poster: 'x', checkIn: {} }))) {
      const r = await post(url, '/api/v1/self-checkins', body);
      assert.equal(r.status, 400, `${what}: ${r.text}`);
      assert.equal(r.json?.error?.code, 'bad_json', what);
    }
    const login = await post(url, '/api/v1/office/login', { username: 'ward', password: PASSWORD });
    assert.equal(login.status, 200, login.text);
    const me = await fetch(url + '/api/v1/office/me', { headers: { authorization: `bearer ${login.json.token}` } });
    assert.equal(me.status, 200, await me.text());
  });

  await t.test('every answer carries the security headers', async () => {
    const answers = {
      'API JSON': await fetch(url + '/api/v1/health'),
      'API error': await fetch(url + '/api/v1/nope'),
      'API 401': await fetch(url + '/api/v1/office/me'),
      'short-code page (HTML)': await fetch(url + '/c/ABC123', { redirect: 'manual' }),
      'a static file': await fetch(url + '/app.css'),
      'a static 404': await fetch(url + '/nope.js'),
      'station page': await fetch(url + '/'),
      'visitor page': await fetch(url + '/v'),
      'office page': await fetch(url + '/office'),
    };
    for (const [what, res] of Object.entries(answers)) assertSecurityHeaders(res.headers, `${what} (${res.status})`);
    assert.equal(answers['API 401'].status, 401);
    assert.equal(answers['a static 404'].status, 404);
    for (const page of ['station page', 'visitor page', 'office page']) {
      assert.equal(answers[page].status, 200, page);
      const csp = answers[page].headers.get('content-security-policy');
      assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/, page);
      assert.doesNotMatch(csp, /unsafe-inline/, page);
    }
    assert.equal(answers['API JSON'].headers.get('referrer-policy'), 'no-referrer');
  });
});
