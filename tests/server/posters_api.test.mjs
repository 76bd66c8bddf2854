// Posters on the real server: the key ring endpoint, issuance as a PDF whose QR codes decode
// to URLs that verify, re-download, revocation, and self check-ins authenticated by the poster
// (exactly once; forged, altered and revoked posters refused; rate limit).
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { admin, BIN, enroll, issueCodes, post, startServer, stored, tempDir } from './harness.mjs';
import { importAreas } from './areas_fixture.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const HAVE_PDFTOPPM = (() => { try { execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' }); return true; } catch { return false; } })();

function prepare(db) {
  importAreas(BIN, db);
  admin(db, 'create-venue', '--id', 'cho-ben-thanh', '--name', 'Chợ Bến Thành', '--address', 'Quận 1, TP. Hồ Chí Minh', '--area', '26743');
  admin(db, 'add-scan-point', '--venue', 'cho-ben-thanh', '--id', 'p1', '--name', 'Cổng chính');
  admin(db, 'add-scan-point', '--venue', 'cho-ben-thanh', '--id', 'p2', '--name', 'Cổng phụ Phan Bội Châu');
  admin(db, 'create-venue', '--id', 'nha-sach', '--name', 'Nhà sách', '--area', '26740');
}

async function get(url, pathName, token) {
  const res = await fetch(url + pathName, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const buf = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, buf, json: (() => { try { return JSON.parse(buf); } catch { return null; } })() };
}

async function issue(url, venue, token, body = {}) {
  const res = await fetch(`${url}/api/v1/venues/${venue}/posters`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, buf: Buffer.from(await res.arrayBuffer()) };
}

function decodePdf(dir, pdf) {
  const file = path.join(dir, 'poster.pdf');
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-r', '100', '-png', file, path.join(dir, 'page')]);
  const pngs = readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.png')).sort().map((f) => path.join(dir, f));
  const out = execFileSync('node', ['--no-experimental-fetch', path.join(ROOT, 'tests/poster/decode_qr.cjs'), ...pngs], { encoding: 'utf8' });
  return out.trim().split('\n').map((l) => JSON.parse(l).text);
}

function selfCheckIn(poster, seq, extra = {}) {
  const m = poster.match(/#1\.([^.]+)\.([^.]+)\./);
  return {
    poster,
    checkIn: {
      device: 'self-0123456789abcdef0123456789abcdef', seq, venue: m[1], scanPoint: m[2], kind: 'visitor',
      personKey: '0901234567', name: 'Đặng Thị Hương', phone: '0901234567', birthYear: 0, dir: 'in',
      ts: Date.now() - 1000, tz: 420, voided: false, ...extra,
    },
    declaration: { fever: false, cough: true, travel: true, travelPlace: 'Đà Nẵng' },
  };
}

test('posters: key ring, issuance, QR verifies, re-download, self check-ins, revocation', async (t) => {
  const tmp = tempDir();
  const db = `sqlite:${path.join(tmp.dir, 'dq.db')}`;
  prepare(db);
  const srv = await startServer(db, ['--public-url', 'https://diemquet.example.vn/']);
  t.after(async () => { await srv.kill(); tmp.cleanup(); });

  // The key ring: made on first start, public, cacheable.
  const keys = await get(srv.url, '/api/v1/keys');
  assert.equal(keys.status, 200);
  assert.equal(keys.json.keys.length, 1);
  assert.equal(keys.json.keys[0].revoked, false);
  assert.match(keys.json.ring[0], /^dqk1\.k[a-z0-9]{7}\.[A-Za-z0-9_-]{43}$/);
  assert.match(keys.headers.get('cache-control'), /public/);
  const keyId = keys.json.keys[0].id;

  // Issuance needs a station token of that venue.
  const [code, code2] = issueCodes(db, 'cho-ben-thanh', 1).concat(issueCodes(db, 'nha-sach', 1));
  const token = await enroll(srv.url, code, 'st-a');
  const otherToken = await enroll(srv.url, code2, 'st-b');
  assert.equal((await issue(srv.url, 'cho-ben-thanh', '')).status, 401);
  assert.equal((await issue(srv.url, 'cho-ben-thanh', 'nope')).status, 401);
  assert.equal((await issue(srv.url, 'cho-ben-thanh', otherToken)).status, 403);
  assert.equal((await issue(srv.url, 'cho-ben-thanh', token, { from: '2025-01-01' })).status, 400);

  const pdf = await issue(srv.url, 'cho-ben-thanh', token, { until: '20351231' });
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  assert.match(pdf.headers.get('content-disposition'), /^attachment; filename="diemquet-poster-cho-ben-thanh\.pdf"$/);
  assert.equal(pdf.buf.subarray(0, 5).toString(), '%PDF-');
  t.diagnostic(`poster PDF (2 scan points): ${pdf.buf.length} bytes`);

  const urls = admin(db, 'list-keys').trim().split('\n');
  assert.deepEqual(urls, keys.json.ring);
  let decoded = [];
  if (HAVE_PDFTOPPM) {
    decoded = decodePdf(tmp.dir, pdf.buf);
    assert.equal(decoded.length, 2);
    for (const [i, u] of decoded.entries()) {
      assert.match(u, new RegExp(`^https://diemquet\\.example\\.vn/v#1\\.cho-ben-thanh\\.p${i + 1}\\.${keyId}\\.20351231\\.`));
      const ok = execFileSync(path.join(ROOT, process.env.DQ_MAKE_POSTER ?? 'build/native/tests/poster/make_poster'),
        ['verify', keys.json.ring[0], '20250615', u], { encoding: 'utf8' }).trim();
      assert.equal(ok, `verified cho-ben-thanh p${i + 1}`);
    }
  } else t.diagnostic('pdftoppm missing: QR decode skipped');

  // Re-download gives the same URLs.
  const again = await get(srv.url, '/api/v1/venues/cho-ben-thanh/posters', token);
  assert.equal(again.status, 200);
  assert.equal(again.headers.get('content-type'), 'application/pdf');
  if (HAVE_PDFTOPPM) assert.deepEqual(decodePdf(tmp.dir, again.buf), decoded);
  const info = await get(srv.url, '/api/v1/venues/cho-ben-thanh/posters/info');
  assert.equal(info.status, 200);
  assert.equal(info.json.scanPoints[1].name, 'Cổng phụ Phan Bội Châu');
  assert.equal((await get(srv.url, '/api/v1/venues/khong-co/posters/info')).status, 404);

  // Self check-ins: stored exactly once.
  const poster = decoded[1] ?? admin(db, 'poster', '--venue', 'cho-ben-thanh', '--out', path.join(tmp.dir, 'a.pdf'),
    '--public-url', 'https://diemquet.example.vn', '--until', '20351231').match(/url p2 (\S+)/)[1];
  const body = selfCheckIn(poster, 1);
  const r1 = await post(srv.url, '/api/v1/self-checkins', body);
  assert.equal(r1.status, 200, r1.text);
  assert.deepEqual(r1.json, { acked: [[1, 1]], outcome: 'stored' });
  const r2 = await post(srv.url, '/api/v1/self-checkins', body);
  assert.equal(r2.status, 200);
  assert.equal(r2.json.outcome, 'duplicate');
  const rows = stored(db, 'cho-ben-thanh');
  assert.equal(rows.count, 1);
  assert.equal(rows.map.get('self-0123456789abcdef0123456789abcdef/1').scanPoint, 'p2');
  // A different record under the same seq is a conflict, never an overwrite.
  assert.equal((await post(srv.url, '/api/v1/self-checkins', selfCheckIn(poster, 1, { name: 'Người khác' }))).status, 409);

  // Forged and altered posters, and check-ins that do not match their poster.
  const sig = poster.slice(poster.lastIndexOf('.') + 1);
  const flipped = poster.slice(0, -sig.length) + (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
  let r = await post(srv.url, '/api/v1/self-checkins', selfCheckIn(flipped, 2));
  assert.equal(r.status, 403);
  assert.equal(r.json.error.code, 'poster_forged');
  const altered = poster.replace('.p2.', '.p1.');
  r = await post(srv.url, '/api/v1/self-checkins', selfCheckIn(altered, 2));
  assert.equal(r.json.error.code, 'poster_forged');
  r = await post(srv.url, '/api/v1/self-checkins', { ...selfCheckIn(poster, 2), checkIn: { ...selfCheckIn(poster, 2).checkIn, scanPoint: 'p1' } });
  assert.equal(r.status, 403);
  assert.equal(r.json.error.code, 'poster_mismatch');
  r = await post(srv.url, '/api/v1/self-checkins', selfCheckIn('https://x.vn/v#1.cho.p1.k1.0.abc', 2));
  assert.equal(r.json.error.code, 'poster_invalid');
  r = await post(srv.url, '/api/v1/self-checkins', selfCheckIn(poster, 2, { device: 'st-a' }));
  assert.equal(r.status, 422);
  assert.equal(stored(db, 'cho-ben-thanh').count, 1, 'nothing refused was stored');

  // Revoking the key: its posters are refused, re-download refused, the ring shows it.
  admin(db, 'revoke-key', '--id', keyId);
  r = await post(srv.url, '/api/v1/self-checkins', selfCheckIn(poster, 3));
  assert.equal(r.status, 403);
  assert.equal(r.json.error.code, 'poster_revoked');
  assert.equal((await get(srv.url, '/api/v1/venues/cho-ben-thanh/posters', token)).status, 409);
  const ring2 = await get(srv.url, '/api/v1/keys');
  assert.equal(ring2.json.keys.find((k) => k.id === keyId).revoked, true);
  // A new issue uses a fresh key.
  const fresh = await issue(srv.url, 'cho-ben-thanh', token);
  assert.equal(fresh.status, 200);
  const ring3 = await get(srv.url, '/api/v1/keys');
  assert.equal(ring3.json.keys.length, 2);
  assert.equal(ring3.json.keys.filter((k) => !k.revoked).length, 1);
});

// A fresh server with venue cho-ben-thanh and the poster of its scan point p1.
async function serverWithPoster(t) {
  const tmp = tempDir();
  const db = `sqlite:${path.join(tmp.dir, 'dq.db')}`;
  prepare(db);
  const out = admin(db, 'poster', '--venue', 'cho-ben-thanh', '--out', path.join(tmp.dir, 'p.pdf'), '--public-url', 'https://diemquet.example.vn');
  const poster = out.match(/url p1 (\S+)/)[1];
  const srv = await startServer(db);
  t.after(async () => { await srv.kill(); tmp.cleanup(); });
  return { db, poster, srv };
}

test('posters: self check-ins are rate limited per phone', async (t) => {
  const { db, poster, srv } = await serverWithPoster(t);
  const statuses = [];
  for (let seq = 1; seq <= 32; ++seq) statuses.push((await post(srv.url, '/api/v1/self-checkins', selfCheckIn(poster, seq))).status);
  assert.deepEqual(statuses.slice(0, 30), Array(30).fill(200));
  assert.deepEqual(statuses.slice(30), [429, 429]);
  assert.equal(stored(db, 'cho-ben-thanh').count, 30);
});

test('posters: a declaration sent twice under one idempotency key is stored once', async (t) => {
  const { db, poster, srv } = await serverWithPoster(t);
  // Two taps made two records (seq 1 and 2) of the same declaration: one key.
  const key = 'a1b2c3d4e5f6a7b8c9d0e1f2';
  const first = { ...selfCheckIn(poster, 1), idempotencyKey: key };
  const r1 = await post(srv.url, '/api/v1/self-checkins', first);
  assert.equal(r1.status, 200, r1.text);
  assert.equal(r1.json.outcome, 'stored');
  const r2 = await post(srv.url, '/api/v1/self-checkins', { ...selfCheckIn(poster, 2), idempotencyKey: key });
  assert.equal(r2.status, 200, r2.text);
  assert.deepEqual(r2.json, { acked: [[2, 2]], outcome: 'duplicate', sameAs: 1 });
  // The first record resent (a lost answer) is still the usual duplicate of itself.
  const r3 = await post(srv.url, '/api/v1/self-checkins', first);
  assert.equal(r3.json.outcome, 'duplicate', r3.text);
  assert.equal(stored(db, 'cho-ben-thanh').count, 1);
  // A new declaration (new key) is stored; a malformed key is refused and stores nothing.
  const r4 = await post(srv.url, '/api/v1/self-checkins', { ...selfCheckIn(poster, 3), idempotencyKey: 'ffffeeeeddddcccc' });
  assert.equal(r4.json.outcome, 'stored');
  const bad = await post(srv.url, '/api/v1/self-checkins', { ...selfCheckIn(poster, 4), idempotencyKey: 'no spaces!' });
  assert.equal(bad.status, 400);
  assert.equal(stored(db, 'cho-ben-thanh').count, 2);
});
