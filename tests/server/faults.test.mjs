// Fault tests against the real server process: crashes mid-upload, replays, reordering,
// concurrency, two servers on one PostgreSQL, bad credentials and bad input, and a bounded
// load test. After each: the check-ins on the server are exactly the set sent.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  tempDir, prepareDb, issueCodes, startServer, checkIn, range, post, enroll, upload, ackedSeqs, stored,
  assertSameSet, T0,
} from './harness.mjs';

function sqliteSetup() {
  const tmp = tempDir();
  const db = `sqlite:${path.join(tmp.dir, 'server.db')}`;
  prepareDb(db);
  return { tmp, db };
}

describe('one server on SQLite', () => {
  let tmp, db, server, token, tokenB;
  before(async () => {
    ({ tmp, db } = sqliteSetup());
    server = await startServer(db);
    const [c1, c2] = issueCodes(db, 'v1', 2);
    token = await enroll(server.url, c1, 'st-a');
    tokenB = await enroll(server.url, c2, 'st-b');
  });
  after(async () => { await server?.kill(); tmp?.cleanup(); });

  test('health', async () => {
    const r = await fetch(server.url + '/api/v1/health');
    assert.equal(r.status, 200);
    const j = await r.json();
    assert.equal(j.ok, true);
    assert.equal(typeof j.version, 'string');
  });

  test('the same batch replayed 3 times gets the same answer and is stored once', async () => {
    const batch = range(1, 50).map((s) => checkIn('st-a', s));
    const first = await upload(server.url, token, 'st-a', batch);
    assert.equal(first.status, 200, first.text);
    assert.deepEqual(first.json.acked, [[1, 50]]);
    for (let i = 0; i < 3; ++i) {
      const again = await upload(server.url, token, 'st-a', batch);
      assert.equal(again.status, 200);
      assert.deepEqual(again.json.acked, first.json.acked);
      assert.deepEqual(again.json.rejected, []);
    }
    assertSameSet(assert, db, batch);
  });

  test('batches out of order, overlapping, with gaps filled later', async () => {
    const all = range(1, 200).map((s) => checkIn('st-a', s));
    for (const [a, b] of [[151, 200], [1, 30], [101, 160], [31, 100]]) {
      const r = await upload(server.url, token, 'st-a', all.slice(a - 1, b).reverse());
      assert.equal(r.status, 200, r.text);
      assert.deepEqual(r.json.acked, [[a, b]]);
    }
    assertSameSet(assert, db, all);
  });

  test('two stations at once', async () => {
    const a = range(201, 600).map((s) => checkIn('st-a', s));
    const b = range(1, 400).map((s) => checkIn('st-b', s));
    const jobs = [];
    for (let i = 0; i < 400; i += 40) {
      jobs.push(upload(server.url, token, 'st-a', a.slice(i, i + 40)));
      jobs.push(upload(server.url, tokenB, 'st-b', b.slice(i, i + 40)));
    }
    for (const r of await Promise.all(jobs)) assert.equal(r.status, 200, r.text);
    assertSameSet(assert, db, [...range(1, 600).map((s) => checkIn('st-a', s)), ...b]);
  });

  test('wrong, missing and revoked tokens: 401/403 and nothing written', async () => {
    const before = stored(db).count;
    const rec = [checkIn('st-a', 10_001)];
    assert.equal((await upload(server.url, 'not-a-token', 'st-a', rec)).status, 401);
    assert.equal((await upload(server.url, '', 'st-a', rec)).status, 401);
    assert.equal((await post(server.url, '/api/v1/checkins', { device: 'st-a', checkIns: rec }, null,
      { authorization: 'Basic c3Q6eA==' })).status, 401);
    const [code] = issueCodes(db, 'v1', 1);
    const tok = await enroll(server.url, code, 'st-revoked');
    execFileSync(process.env.DQ_SERVER_BIN ?? path.resolve('build/native/server/diemquet-server'),
      ['admin', 'revoke-device', '--venue', 'v1', '--device', 'st-revoked', '--db', db]);
    const r = await upload(server.url, tok, 'st-revoked', [checkIn('st-revoked', 1)]);
    assert.equal(r.status, 403);
    assert.equal(r.json.error.code, 'revoked');
    assert.equal(stored(db).count, before);
  });

  test('bad input: a 4xx with a JSON error, nothing written, server keeps running', async () => {
    const before = stored(db).count;
    const now = Date.now();
    const cases = [
      ['malformed JSON', '{"device":"st-a","checkIns":[', 400, 'bad_json'],
      ['not an object', '[]', 400, 'bad_request'],
      ['wrong type of checkIns', { device: 'st-a', checkIns: 'x' }, 400, 'bad_request'],
      ['wrong type inside a check-in', { device: 'st-a', checkIns: [checkIn('st-a', 20_001, 'v1', { ts: '2024' })] }, 422, 'invalid_check_in'],
      ['invalid UTF-8', Buffer.concat([Buffer.from('{"device":"st-a","checkIns":[],"x":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]), 400, 'invalid_utf8'],
      ['time in the future', { device: 'st-a', checkIns: [checkIn('st-a', 20_002, 'v1', { ts: now + 11 * 60_000 })] }, 422, 'future_time'],
      ['time before 2020', { device: 'st-a', checkIns: [checkIn('st-a', 20_003, 'v1', { ts: Date.UTC(2019, 11, 31) })] }, 422, 'too_old'],
      ['unknown venue', { device: 'st-a', checkIns: [checkIn('st-a', 20_004, 'nowhere')] }, 404, 'unknown_venue'],
      ['venue the device is not bound to', { device: 'st-a', checkIns: [checkIn('st-a', 20_005, 'v2')] }, 403, 'venue_not_bound'],
      ['device mismatch in the body', { device: 'st-b', checkIns: [checkIn('st-b', 20_006)] }, 403, 'device_mismatch'],
      ['device mismatch in a record', { device: 'st-a', checkIns: [checkIn('st-b', 20_007)] }, 403, 'device_mismatch'],
      ['too many records', { device: 'st-a', checkIns: range(1, 1001).map((s) => checkIn('st-a', 30_000 + s)) }, 413, 'batch_too_large'],
    ];
    for (const [name, body, status, code] of cases) {
      const r = await post(server.url, '/api/v1/checkins', body, token);
      assert.equal(r.status, status, `${name}: ${r.text}`);
      assert.equal(r.json?.error?.code, code, name);
      assert.equal(typeof r.json.error.message, 'string', name);
    }
    // An oversized body: the server answers 413 from the Content-Length alone.
    const raw = await new Promise((resolve, reject) => {
      const s = net.connect(server.port, '127.0.0.1', () => {
        s.write(`POST /api/v1/checkins HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n` +
          'Content-Type: application/json\r\nContent-Length: 5000000\r\n\r\n{"device":');
      });
      let data = '';
      s.on('data', (d) => { data += d; });
      s.on('end', () => resolve(data));
      s.on('error', reject);
      setTimeout(() => { s.destroy(); resolve(data); }, 5000);
    });
    assert.match(raw, /^HTTP\/1\.1 413/);
    assert.match(raw, /body_too_large/);
    // And a real 5 MiB upload: refused one way or another, the server stays up.
    try {
      const r = await post(server.url, '/api/v1/checkins', 'x'.repeat(5 << 20), token);
      assert.equal(r.status, 413);
    } catch (e) { /* the server may close before the client finished sending */ }
    const h = await fetch(server.url + '/api/v1/health');
    assert.equal(h.status, 200);
    assert.equal(stored(db).count, before);
  });
});

describe('crash recovery', () => {
  test('kill -9 in the middle of uploads, restart, resend: nothing lost, nothing twice, acks were durable', async () => {
    const { tmp, db } = sqliteSetup();
    try {
      let server = await startServer(db);
      const [code] = issueCodes(db, 'v1', 1);
      const token = await enroll(server.url, code, 'st-a');
      const all = range(1, 3000).map((s) => checkIn('st-a', s));
      const batches = [];
      for (let i = 0; i < all.length; i += 100) batches.push(all.slice(i, i + 100));
      const ackedBeforeCrash = new Set();
      const inflight = batches.map((b) => upload(server.url, token, 'st-a', b)
        .then((r) => { if (r.status === 200) for (const s of ackedSeqs(r.json.acked)) ackedBeforeCrash.add(s); })
        .catch(() => { /* connection died with the server */ }));
      await new Promise((r) => setTimeout(r, 40));
      await server.kill('SIGKILL');
      await Promise.all(inflight);
      console.log(`# crash: ${ackedBeforeCrash.size} of ${all.length} check-ins acked before kill -9`);
      server = await startServer(db);
      try {
        const after = stored(db).map;
        for (const s of ackedBeforeCrash) assert.ok(after.has(`st-a/${s}`), `acked seq ${s} survived the crash`);
        // The station resends everything not acknowledged (here: everything, which is also fine).
        for (const b of batches) {
          const r = await upload(server.url, token, 'st-a', b);
          assert.equal(r.status, 200, r.text);
          assert.deepEqual(r.json.acked, [[b[0].seq, b[b.length - 1].seq]]);
        }
        assertSameSet(assert, db, all);
      } finally {
        await server.kill();
      }
    } finally {
      tmp.cleanup();
    }
  });
});

describe('two server processes on one PostgreSQL', { skip: !process.env.DQ_PG_URL && 'DQ_PG_URL not set' }, () => {
  test('the same device\'s batches sent to both servers at once are stored exactly once', async () => {
    const dbName = `dq_faults_${process.pid}_${Date.now() % 100000}`;
    const base = process.env.DQ_PG_URL;
    const psql = (sql) => execFileSync('psql', [base, '-v', 'ON_ERROR_STOP=1', '-qc', sql]);
    psql(`CREATE DATABASE ${dbName}`);
    const db = `postgres:${base} dbname=${dbName}`;
    let s1, s2;
    try {
      prepareDb(db);
      [s1, s2] = await Promise.all([startServer(db), startServer(db)]);
      const [code] = issueCodes(db, 'v1', 1);
      const token = await enroll(s1.url, code, 'st-a');
      const all = range(1, 2000).map((s) => checkIn('st-a', s));
      const jobs = [];
      for (let i = 0; i < all.length; i += 50) {
        const b = all.slice(i, i + 50);
        jobs.push(upload(s1.url, token, 'st-a', b), upload(s2.url, token, 'st-a', b));
        if (i % 200 === 0) jobs.push(upload(s2.url, token, 'st-a', all.slice(Math.max(0, i - 100), i + 50)));
      }
      const results = await Promise.all(jobs);
      for (const r of results) {
        assert.equal(r.status, 200, r.text);
        assert.deepEqual(r.json.rejected, []);
      }
      const storedNow = results.reduce((n, r) => n + r.json.stored, 0);
      assert.equal(storedNow, all.length, 'each check-in was newly stored by exactly one request');
      assertSameSet(assert, db, all);
    } finally {
      await s1?.kill();
      await s2?.kill();
      try { psql(`DROP DATABASE ${dbName}`); } catch { /* left for pg.sh stop */ }
    }
  });
});

describe('load', () => {
  test('200 concurrent stations x 50 batches on loopback, no error, exact set', async () => {
    const { tmp, db } = sqliteSetup();
    const server = await startServer(db);
    try {
      const stations = 200, batches = 50, perBatch = 10;
      const codes = issueCodes(db, 'v1', stations);
      const tokens = await Promise.all(codes.map((c, i) => enroll(server.url, c, `st-${i}`)));
      const t0 = performance.now();
      const latencies = [];
      let errors = 0;
      await Promise.all(tokens.map(async (tok, i) => {
        const dev = `st-${i}`;
        for (let b = 0; b < batches; ++b) {
          const recs = range(b * perBatch + 1, (b + 1) * perBatch).map((s) => checkIn(dev, s));
          const t = performance.now();
          const r = await upload(server.url, tok, dev, recs);
          latencies.push(performance.now() - t);
          if (r.status !== 200 || r.json.acked.length !== 1) errors++;
        }
      }));
      const secs = (performance.now() - t0) / 1000;
      latencies.sort((a, b) => a - b);
      const q = (p) => latencies[Math.floor(p * (latencies.length - 1))].toFixed(1);
      console.log(`# load: ${stations * batches} batches, ${stations * batches * perBatch} check-ins in ${secs.toFixed(1)} s ` +
        `(${Math.round(stations * batches * perBatch / secs)} check-ins/s), p50 ${q(0.5)} ms, p99 ${q(0.99)} ms`);
      assert.equal(errors, 0);
      const { count, map } = stored(db);
      assert.equal(count, stations * batches * perBatch);
      assert.equal(map.size, count);
    } finally {
      await server.kill();
      tmp.cleanup();
    }
  });
});

void T0;
