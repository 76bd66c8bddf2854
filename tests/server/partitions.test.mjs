// Monthly partitions of check-ins on PostgreSQL (migration 300): an existing database at
// schema 299 with check-ins across three months is migrated by a server start; the officer's
// answers (weekly reports, traces, exports) are the same before and after; each month's rows
// are in that month's partition; months ahead exist; the purge drops the oldest month whole
// and the report of that week keeps its numbers. Runs on the PostgreSQL at DQ_PG_URL (stage
// 45) and on the cluster (stage 80, DQ_PG_URL through HAProxy).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer } from './harness.mjs';
import { DAY, adminCmd, createOfficers, fillOffice, officeAnswers, monthStart } from './office_answers.mjs';

const ym = (ms) => new Date(ms).toISOString().slice(0, 7).replace('-', '');

describe('monthly partitions (postgres)', { skip: !process.env.DQ_PG_URL && 'DQ_PG_URL not set' }, () => {
  test('migration 300 keeps every answer; rows land in their months; purge drops the oldest month', async () => {
    const base = process.env.DQ_PG_URL;
    const name = `dq_part_${process.pid}_${Date.now() % 100000}`;
    const psql = (sql, dbname = 'postgres') =>
      execFileSync('psql', [`${base} dbname=${dbname}`, '-v', 'ON_ERROR_STOP=1', '-Atqc', sql], { encoding: 'utf8' }).trim();
    psql(`CREATE DATABASE ${name}`);
    const db = `postgres:${base} dbname=${name}`;
    const old = { DQ_MIGRATE_UNTIL: '299' };
    const now = Date.now();
    // One instant in each of the last three UTC months (10:00 on the 3rd; this month: an hour ago).
    const instants = [monthStart(2, now) + 2 * DAY + 3 * 3_600_000, monthStart(1, now) + 2 * DAY + 3 * 3_600_000,
      Math.max(monthStart(0, now) + 60_000, now - 5 * 3_600_000)];
    let server;
    const start = async (env) => {
      Object.assign(process.env, env);
      try {
        return await startServer(db, ['--retention-days', '400']);
      } finally {
        for (const k of Object.keys(env)) delete process.env[k];
      }
    };
    try {
      createOfficers(db, old);
      server = await start(old);
      assert.equal(psql("SELECT relkind FROM pg_class WHERE relname = 'check_ins'", name), 'r', 'not partitioned at 299');
      const { venues } = await fillOffice(server.url, instants);
      const before = await officeAnswers(server.url, db, instants, venues, old);
      await server.kill();

      server = await start({});  // migrates to 300+
      assert.equal(psql("SELECT relkind FROM pg_class WHERE relname = 'check_ins'", name), 'p', 'partitioned');
      assert.equal(psql("SELECT count(*) FROM schema_version WHERE version = 300", name), '1');
      const after = await officeAnswers(server.url, db, instants, venues);
      assert.deepEqual(after.exports, before.exports, 'the same check-ins');
      assert.deepEqual(after.reports, before.reports, 'the same weekly reports');
      assert.deepEqual(after.traces, before.traces, 'the same traces');
      assert.ok(before.traces.every((t) => t.visits.length === 1 && t.contacts.length >= 1), 'traces found something');

      // 19 rows per instant, each in its month's partition; nothing in the default one.
      const byPart = Object.fromEntries(psql('SELECT tableoid::regclass, count(*) FROM check_ins GROUP BY 1', name)
        .split('\n').map((l) => l.split('|')));
      const expected = Object.fromEntries(instants.map((t) => [`check_ins_m${ym(t)}`, '19']));
      assert.deepEqual(byPart, expected);
      for (const ahead of [1, 2])  // months ahead, made by the server
        assert.equal(psql(`SELECT to_regclass('check_ins_m${ym(monthStart(-ahead, now))}') IS NOT NULL`, name), 't');
      // A (device, seq) is still stored once: a replay through the API is "already stored".
      assert.equal(psql('SELECT count(*) FROM (SELECT device_id, seq FROM check_ins GROUP BY 1, 2 HAVING count(*) > 1) d', name), '0');

      // Purge with the cutoff 1-2 days into last month: the oldest month goes whole.
      const days = Math.floor((now - monthStart(1, now)) / DAY) - 1;
      const out = adminCmd(db, ['purge', '--retention-days', String(days)]);
      assert.match(out, /\b19\b/, `19 check-ins deleted: ${out}`);
      assert.equal(psql(`SELECT to_regclass('check_ins_m${ym(instants[0])}') IS NULL`, name), 't', 'the oldest month dropped');
      assert.equal(psql(`SELECT count(*) FROM check_ins_m${ym(instants[1])}`, name), '19', 'last month kept');
      const purged = await officeAnswers(server.url, db, instants, venues);
      assert.deepEqual(purged.reports, before.reports, 'reports keep their numbers across the purge');
      assert.equal(purged.traces[0].visits.length, 0, 'the purged month is gone from traces');
      assert.deepEqual(purged.traces.slice(1), before.traces.slice(1));
      const m = await (await fetch(server.url + '/metrics')).text();
      assert.ok(m.includes('dq_partitions_dropped_total 0'), 'the server did not drop (admin purge did)');
    } finally {
      await server?.kill();
      try { psql(`DROP DATABASE ${name} WITH (FORCE)`); } catch { /* left for pg.sh stop */ }
    }
  });
});
