// Failover recovery time on the running cluster (scripts/cluster.sh env in the environment):
// 20 stations upload through nginx, the primary PostgreSQL gets SIGKILL, a probe station
// measures from the kill to the first successful upload; then waits for the old primary to
// rejoin as the synchronous standby. Prints one JSON line.
import { execFileSync } from 'node:child_process';
import { clusterClient, Station, sleep } from '../../tests/cluster/stations.mjs';
import { killPrimary } from '../../tests/cluster/failover.mjs';
import { areasFile } from '../../tests/server/areas_fixture.mjs';

const E = process.env;
const admin = (...a) => execFileSync(E.DQ_SERVER_BIN, ['admin', ...a, '--db', E.CLUSTER_DB], { encoding: 'utf8' });
const venue = `f-${process.pid % 100000}-${Date.now() % 100000}`;
admin('import-areas', '--file', areasFile());
admin('create-venue', '--id', venue, '--name', 'Siêu thị', '--area', '26743');
admin('add-scan-point', '--venue', venue, '--id', 'gate', '--name', 'Cổng');
const client = clusterClient(E.CLUSTER_URL, E.CLUSTER_CA);
const stations = await Promise.all(admin('issue-code', '--venue', venue, '--count', '21').trim().split('\n').map(async (code, i) => {
  const r = await client.request('POST', '/api/v1/enroll', { code, device: `${venue}-${i}` });
  return new Station(client, `${venue}-${i}`, venue, r.json.token);
}));
let producing = true;
const runs = stations.slice(1).map((st) => st.run({ producing: () => producing, deadlineMs: 180000 }));
await sleep(2000);
const f = await killPrimary(E, stations[0]);
producing = false;
await Promise.all(runs);
const rejoinStart = performance.now();
const rejoined = await f.waitRejoin(90000);
client.close();
console.log(JSON.stringify({ from: f.from, to: f.to, recovered_s: Number((f.recoveredMs / 1000).toFixed(2)),
  rejoined_s: rejoined ? Number(((performance.now() - rejoinStart) / 1000).toFixed(1)) : null }));
