// Fault tests on the cluster of scripts/cluster.sh (run by scripts/test.d/80-cluster.sh, which
// starts it and exports its `env`): 50 stations upload through nginx while (1) the primary
// PostgreSQL is killed with SIGKILL and Patroni promotes the synchronous standby, (2) a server
// process is killed behind nginx and (3) all three are restarted one after another. At the end
// of each, every check-in a station generated is stored exactly once (none lost, none twice),
// every acknowledged one among them, and no station is stuck.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { clusterClient, Station, sleep } from './stations.mjs';
import { killPrimary } from './failover.mjs';
import { importAreas } from '../server/areas_fixture.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = process.env.DQ_SERVER_BIN ?? path.join(ROOT, 'build/native/server/diemquet-server');
const E = process.env;
const STATIONS = Number(E.DQ_CLUSTER_STATIONS ?? 50);
const VENUE = `vc-${process.pid}`;

const admin = (...args) => execFileSync(BIN, ['admin', ...args, '--db', E.CLUSTER_DB], { encoding: 'utf8' });
const cluster = (...args) => execFileSync('bash', [path.join(ROOT, 'scripts/cluster.sh'), ...args],
  { encoding: 'utf8', env: { ...E, DQ_CLUSTER_DIR: E.CLUSTER_DIR }, stdio: ['ignore', 'pipe', 'pipe'] });
const psqlPrimary = (sql) => execFileSync('psql', [`host=127.0.0.1 port=${E.HAPROXY_PORT} dbname=diemquet user=postgres`,
  '-v', 'ON_ERROR_STOP=1', '-Atqc', sql], { encoding: 'utf8' }).trim();

// Every check-in the stations generated is stored exactly once.
function assertExactlyOnce(stations) {
  const rows = psqlPrimary(`SELECT device_id || '/' || seq FROM check_ins WHERE venue_id = '${VENUE}'`).split('\n').filter(Boolean);
  const set = new Set(rows);
  assert.equal(rows.length, set.size, 'no check-in stored twice');
  let generated = 0;
  for (const st of stations) {
    generated += st.seq;
    for (const s of st.acked) assert.ok(set.has(`${st.device}/${s}`), `acknowledged ${st.device}/${s} is stored`);
    for (let s = 1; s <= st.seq; ++s) assert.ok(set.has(`${st.device}/${s}`), `${st.device}/${s} is stored`);
  }
  assert.equal(set.size, generated, 'nothing stored that no station sent');
  return generated;
}

function tally(stations) {
  const out = {};
  for (const st of stations) for (const [k, v] of Object.entries(st.statuses)) out[k] = (out[k] ?? 0) + v;
  return out;
}

describe('cluster under faults', { skip: !E.CLUSTER_URL && 'the cluster is not running (scripts/test.d/80-cluster.sh)' }, () => {
  let client, stations;
  before(async () => {
    client = clusterClient(E.CLUSTER_URL, E.CLUSTER_CA);
    importAreas(BIN, E.CLUSTER_DB);
    admin('create-venue', '--id', VENUE, '--name', 'Bệnh viện Chợ Rẫy', '--area', '26743');
    admin('add-scan-point', '--venue', VENUE, '--id', 'gate', '--name', 'Cổng số 1');
    const codes = admin('issue-code', '--venue', VENUE, '--count', String(STATIONS + 1)).trim().split('\n');
    stations = await Promise.all(codes.map(async (code, i) => {
      const device = `cl-${i}`;
      const r = await client.request('POST', '/api/v1/enroll', { code, device });
      assert.equal(r.status, 200, r.text);
      return new Station(client, device, VENUE, r.json.token);
    }));
  });
  after(() => client?.close());

  test('kill -9 the primary PostgreSQL mid-upload: the standby is promoted, stations resend, nothing lost or doubled', async () => {
    const probe = stations.at(-1);
    const load = stations.slice(0, -1);
    let producing = true;
    const runs = load.map((st) => st.run({ producing: () => producing, perTick: 5, deadlineMs: 150000 }));
    await sleep(3000);
    const f = await killPrimary(E, probe);
    assert.ok(f.recoveredMs !== null, 'uploads succeed again within 90 s');
    assert.ok(f.to, 'Patroni promoted the other instance');
    const { recoveredMs } = f;
    const leader = { name: f.from }, promoted = { name: f.to };
    await sleep(2000);
    producing = false;
    await Promise.all(runs);
    while (probe.queue.length) await probe.uploadOnce();
    const n = assertExactlyOnce(stations);
    console.log(`cluster: failover ${leader.name} -> ${promoted.name}: uploads succeed again ${(recoveredMs / 1000).toFixed(1)} s after the kill; ` +
      `${n} check-ins from ${stations.length} stations stored exactly once; answers ${JSON.stringify(tally(stations))}`);
    fs.appendFileSync(path.join(E.CLUSTER_DIR, 'figures.txt'), `failover_recovery_s ${(recoveredMs / 1000).toFixed(2)}\n`);
    const rejoined = await f.waitRejoin();  // the next tests run with both instances again
    console.log(`cluster: ${leader.name} ${rejoined ? 'rejoined as the synchronous standby' : 'has not rejoined within 60 s'}`);
  });

  test('a server process killed behind nginx mid-upload, then a rolling restart of all three: nothing lost, no station stuck', async () => {
    let producing = true;
    const runs = stations.map((st) => st.run({ producing: () => producing, perTick: 5, deadlineMs: 150000 }));
    await sleep(2000);
    cluster('server-stop', '2', 'KILL');
    await sleep(2000);
    cluster('server-start', '2');
    for (const i of ['1', '2', '3']) {
      cluster('server-stop', i);  // SIGTERM, as systemd would
      cluster('server-start', i);  // back and ready (/health/ready) before the next one goes
    }
    await sleep(1000);
    producing = false;
    await Promise.all(runs);
    const n = assertExactlyOnce(stations);
    const t = tally(stations);
    console.log(`cluster: server kill + rolling restart: ${n} check-ins stored exactly once; answers ${JSON.stringify(t)}`);
    assert.ok(t[200] > 0);
  });
});
