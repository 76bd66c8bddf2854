// Upload load through a URL (nginx with TLS in front of the cluster, or one server directly):
// STATIONS stations enrolled there, each sending BATCHES uploads of PER_BATCH check-ins back
// to back (a closed loop). Prints one JSON line: check-ins/s, p50/p99 upload latency, errors.
// Usage: node bench/cluster/load.mjs URL CA_FILE|- DBSPEC STATIONS BATCHES PER_BATCH
import { execFileSync } from 'node:child_process';
import { clusterClient, record, percentile } from '../../tests/cluster/stations.mjs';
import { areasFile } from '../../tests/server/areas_fixture.mjs';

const [url, ca, db] = process.argv.slice(2, 5);
const [stations, batches, perBatch] = process.argv.slice(5).map(Number);
const BIN = process.env.DQ_SERVER_BIN;
const admin = (...a) => execFileSync(BIN, ['admin', ...a, '--db', db], { encoding: 'utf8' });
const venue = `b-${process.pid % 100000}-${Date.now() % 100000}`;
admin('import-areas', '--file', areasFile());
admin('create-venue', '--id', venue, '--name', 'Chợ Bến Thành', '--area', '26743');
admin('add-scan-point', '--venue', venue, '--id', 'gate', '--name', 'Cổng');
const codes = admin('issue-code', '--venue', venue, '--count', String(stations)).trim().split('\n');
const client = clusterClient(url, ca === '-' ? null : ca, stations);
const tokens = await Promise.all(codes.map(async (code, i) => {
  const r = await client.request('POST', '/api/v1/enroll', { code, device: `${venue}-${i}` });
  if (r.status !== 200) throw new Error(`enroll: ${r.status} ${r.text}`);
  return r.json.token;
}));
const bodies = tokens.map((_, i) => Array.from({ length: batches }, (_, b) => JSON.stringify({
  device: `${venue}-${i}`,
  checkIns: Array.from({ length: perBatch }, (_, k) => record(`${venue}-${i}`, venue, b * perBatch + k + 1)) })));
const latencies = [];
let errors = 0;
const t0 = performance.now();
await Promise.all(tokens.map(async (token, i) => {
  for (const body of bodies[i]) {
    for (;;) {
      const r = await client.request('POST', '/api/v1/checkins', body, token);
      if (r.status === 200) { latencies.push(r.ms); break; }
      ++errors;
    }
  }
}));
const secs = (performance.now() - t0) / 1000;
client.close();
console.log(JSON.stringify({
  rate: Math.round((stations * batches * perBatch) / secs), p50: Math.round(percentile(latencies, 50)),
  p99: Math.round(percentile(latencies, 99)), errors, seconds: Number(secs.toFixed(1)),
}));
