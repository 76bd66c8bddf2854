// Operators' view of a real server (server/ops/): /metrics counts what stations did,
// /health/ready answers 503 while the database refuses writes, logs are JSON lines with
// nothing personal, and a database connection cut during uploads never yields a false
// acknowledgement (PostgreSQL: 503 + Retry-After or a retry on a new connection).
// On SQLite, and on PostgreSQL when DQ_PG_URL is set (scripts/test.d/45-server-faults.sh).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  tempDir, prepareDb, issueCodes, startServer, enroll, upload, checkIn, range, ackedSeqs, stored, post,
} from './harness.mjs';

// Prometheus text -> Map "name{labels}" -> number.
export function parseMetrics(text) {
  const out = new Map();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = line.match(/^([a-z_]+(?:\{[^}]*\})?) (\S+)$/);
    assert.ok(m, `a valid exposition line: ${line}`);
    out.set(m[1], Number(m[2]));
  }
  return out;
}

async function metrics(url) {
  const r = await fetch(url + '/metrics');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
  return parseMetrics(await r.text());
}

function pgDatabase(tag) {
  const base = process.env.DQ_PG_URL;
  const name = `dq_ops_${tag}_${process.pid}_${Date.now() % 100000}`;
  const psql = (sql) => execFileSync('psql', [base, '-v', 'ON_ERROR_STOP=1', '-Atqc', sql], { encoding: 'utf8' });
  psql(`CREATE DATABASE ${name}`);
  return {
    name, psql, db: `postgres:${base} dbname=${name}`,
    // Cuts every connection a server holds to this database (as a failover or restart would).
    cut: () => psql(`SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`),
    drop: () => { try { psql(`DROP DATABASE ${name} WITH (FORCE)`); } catch { /* left for pg.sh stop */ } },
  };
}

const backends = [['sqlite'], ['postgres', !process.env.DQ_PG_URL && 'DQ_PG_URL not set']];

for (const [backend, skip] of backends) {
  describe(`metrics, health and logs (${backend})`, { skip }, () => {
    test('/metrics counts uploads, duplicates, rejects and latency; health; JSON log lines with nothing personal', async () => {
      const tmp = tempDir();
      const pg = backend === 'postgres' ? pgDatabase('m') : null;
      const db = pg ? pg.db : `sqlite:${tmp.dir}/ops.db`;
      prepareDb(db);
      const [code] = issueCodes(db, 'v1', 1);
      const server = await startServer(db, ['--log-format', 'json', '--access-log']);
      try {
        assert.equal((await fetch(server.url + '/health/live')).status, 200);
        const ready = await fetch(server.url + '/health/ready');
        assert.equal(ready.status, 200);
        assert.equal((await ready.json()).storage, backend);
        const before = await metrics(server.url);
        assert.equal(before.get('dq_uploads_total'), 0);
        assert.equal(before.get(`dq_info{storage="${backend}"}`), 1);

        const token = await enroll(server.url, code, 'st-m');
        const batch = range(1, 40).map((s) => checkIn('st-m', s));
        assert.equal((await upload(server.url, token, 'st-m', batch)).status, 200);
        assert.equal((await upload(server.url, token, 'st-m', batch.slice(0, 15))).status, 200);  // a resend
        assert.equal((await upload(server.url, 'not-a-token', 'st-m', batch)).status, 401);
        const future = checkIn('st-m', 41, 'v1', { ts: Date.now() + 3600_000 });
        assert.equal((await upload(server.url, token, 'st-m', [future])).status, 422);
        const voids = [checkIn('st-m', 1, 'v1', { voided: true })];
        assert.equal((await upload(server.url, token, 'st-m', voids)).status, 200);

        const m = await metrics(server.url);
        assert.equal(m.get('dq_uploads_total'), 3);
        assert.equal(m.get('dq_checkins_stored_total'), 40);
        assert.equal(m.get('dq_checkins_duplicate_total'), 15);
        assert.equal(m.get('dq_checkins_voided_total'), 1);
        assert.equal(m.get('dq_upload_rejects_total{reason="invalid_token"}'), 1);
        assert.equal(m.get('dq_upload_rejects_total{reason="future_time"}'), 1);
        assert.equal(m.get('dq_db_errors_total'), 0);
        // Five uploads, each observed once; buckets are cumulative and end at the count.
        const count = m.get('dq_http_request_duration_seconds_count{route="upload"}');
        assert.equal(count, 5);
        const buckets = [...m.entries()].filter(([k]) => k.startsWith('dq_http_request_duration_seconds_bucket{route="upload"'));
        assert.ok(buckets.length >= 10);
        for (let i = 1; i < buckets.length; ++i) assert.ok(buckets[i][1] >= buckets[i - 1][1], 'cumulative');
        assert.equal(buckets.at(-1)[0], 'dq_http_request_duration_seconds_bucket{route="upload",le="+Inf"}');
        assert.equal(buckets.at(-1)[1], 5);
        assert.ok(m.get('dq_http_request_duration_seconds_sum{route="upload"}') > 0);
        assert.equal(m.get('dq_http_responses_total{route="upload",code="4xx"}'), 2);
        // Three uploads reached the database (the refused ones never did), in 1..3 commits.
        const groups = m.get('dq_group_commit_uploads_count');
        assert.ok(groups >= 1 && groups <= 3, `group commits: ${groups}`);
        assert.equal(m.get('dq_group_commit_uploads_sum'), 3);
        if (backend === 'postgres') {
          assert.ok(m.get('dq_db_pool_connections') > 0);
          assert.equal(m.get('dq_db_pool_in_use'), 0, 'every connection given back');
        }
        assert.ok(!(await (await fetch(server.url + '/metrics')).text()).match(/0010990|Nguy|0901234567|st-m/),
          'no person, phone or device in the metrics');

        const h = await fetch(server.url + '/health/ready', { method: 'POST' });
        assert.equal(h.status, 405);
      } finally {
        await server.kill();
        pg?.drop();
        tmp.cleanup();
      }
      const lines = server.stderr().split('\n').filter(Boolean);
      assert.ok(lines.length >= 8, 'an access line per request');
      for (const l of lines) {
        const j = JSON.parse(l);  // throws on a line that is not JSON
        assert.match(j.ts, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
        assert.ok(['info', 'warn', 'error'].includes(j.level));
      }
      const access = lines.map((l) => JSON.parse(l)).filter((j) => j.path === '/api/v1/checkins');
      assert.deepEqual(access.map((j) => j.status).sort(), [200, 200, 200, 401, 422]);
      assert.equal(access.find((j) => j.status === 401).level, 'warn');
      const all = server.stderr();
      for (const secret of ['0010990', 'Nguy', '0901234567', code, 'not-a-token'])
        assert.ok(!all.includes(secret), `the log never holds ${secret}`);
    });
  });
}

describe('database trouble (postgres)', { skip: !process.env.DQ_PG_URL && 'DQ_PG_URL not set' }, () => {
  test('/health/ready is 503 while the database refuses writes, and uploads get 503 + Retry-After, nothing stored', async () => {
    const pg = pgDatabase('r');
    prepareDb(pg.db);
    const [code] = issueCodes(pg.db, 'v1', 1);
    const server = await startServer(pg.db);
    try {
      const token = await enroll(server.url, code, 'st-r');
      pg.psql(`ALTER DATABASE ${pg.name} SET default_transaction_read_only = on`);
      pg.cut();
      await new Promise((r) => setTimeout(r, 1100));  // past the readiness cache
      const ready = await fetch(server.url + '/health/ready');
      assert.equal(ready.status, 503);
      assert.equal(ready.headers.get('retry-after'), '2');
      assert.equal((await ready.json()).error.code, 'not_ready');
      assert.equal((await fetch(server.url + '/health/live')).status, 200, 'alive all the same');
      const r = await upload(server.url, token, 'st-r', range(1, 5).map((s) => checkIn('st-r', s)));
      assert.equal(r.status, 503, r.text);
      assert.equal(r.headers.get('retry-after'), '2');
      assert.equal(r.json.error.code, 'storage_unavailable');
      const m = await metrics(server.url);
      assert.ok(m.get('dq_db_errors_total') >= 1);
      assert.ok(m.get('dq_upload_rejects_total{reason="storage_unavailable"}') >= 1);

      pg.psql(`ALTER DATABASE ${pg.name} RESET default_transaction_read_only`);
      pg.cut();
      assert.equal(stored(pg.db).count, 0, 'the refused upload stored nothing');
      await new Promise((r) => setTimeout(r, 1100));
      assert.equal((await fetch(server.url + '/health/ready')).status, 200);
      const again = await upload(server.url, token, 'st-r', range(1, 5).map((s) => checkIn('st-r', s)));
      assert.equal(again.status, 200, again.text);
      assert.equal(again.json.stored, 5);
    } finally {
      await server.kill();
      pg.drop();
    }
  });

  test('connections cut again and again during uploads: no false ack, every acked check-in stored once', async () => {
    const pg = pgDatabase('c');
    prepareDb(pg.db);
    const STATIONS = 8, PER = 200, BATCH = 20;
    const codes = issueCodes(pg.db, 'v1', STATIONS);
    const server = await startServer(pg.db, ['--workers', '6']);
    let cuts = 0;
    try {
      const stations = await Promise.all(codes.map(async (c, i) => ({ device: `st-c${i}`, token: await enroll(server.url, c, `st-c${i}`) })));
      const statuses = new Map();
      const acked = new Set();
      let running = true;
      const cutter = (async () => {
        while (running) {
          await new Promise((r) => setTimeout(r, 150));
          pg.cut();
          ++cuts;
        }
      })();
      await Promise.all(stations.map(async (st) => {
        const pending = range(1, PER).map((s) => checkIn(st.device, s));
        for (let tries = 0; pending.length > 0; ++tries) {
          assert.ok(tries < 2000, 'a station is stuck');
          const batch = pending.slice(0, BATCH);
          const r = await upload(server.url, st.token, st.device, batch);
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
          if (r.status === 503) {
            assert.equal(r.headers.get('retry-after'), '2', 'a 503 says when to retry');
            continue;  // a real station waits; here the next try comes at once
          }
          assert.equal(r.status, 200, r.text);
          assert.deepEqual(r.json.rejected, []);
          const ok = new Set(ackedSeqs(r.json.acked));
          for (const s of ok) acked.add(`${st.device}/${s}`);
          for (let i = pending.length - 1; i >= 0; --i) if (ok.has(pending[i].seq)) pending.splice(i, 1);
        }
      }));
      running = false;
      await cutter;
      const { count, map } = stored(pg.db);
      assert.equal(count, STATIONS * PER, 'no check-in lost or stored twice');
      assert.equal(map.size, STATIONS * PER);
      for (const k of acked) assert.ok(map.has(k), `acked ${k} is stored`);
      assert.ok(!statuses.has(500), `no internal errors: ${JSON.stringify([...statuses])}`);
      const m = await metrics(server.url);
      assert.ok(m.get('dq_db_reconnects_total') > 0, 'the pool reconnected');
      console.log(`connection cuts: ${cuts} cuts, answers ${JSON.stringify(Object.fromEntries(statuses))}, reconnects ${m.get('dq_db_reconnects_total')}`);
    } finally {
      await server.kill();
      pg.drop();
    }
  });
});
