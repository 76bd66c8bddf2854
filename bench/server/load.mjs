// Ingest load against a running server: STATIONS concurrent stations, each BATCHES uploads of
// PER_BATCH check-ins. Prints one JSON line: check-ins/s and p50/p99 upload latency.
// Usage: node bench/server/load.mjs DBSPEC STATIONS BATCHES PER_BATCH
import { prepareDb, issueCodes, startServer, checkIn, range, enroll, upload } from '../../tests/server/harness.mjs';

const [db, stations, batches, perBatch] = [process.argv[2], ...process.argv.slice(3).map(Number)];
prepareDb(db);
const server = await startServer(db);
try {
  const codes = issueCodes(db, 'v1', stations);
  const tokens = await Promise.all(codes.map((c, i) => enroll(server.url, c, `st-${i}`)));
  const bodies = tokens.map((_, i) => Array.from({ length: batches }, (_, b) =>
    range(b * perBatch + 1, (b + 1) * perBatch).map((s) => checkIn(`st-${i}`, s))));
  const lat = [];
  let errors = 0;
  const t0 = performance.now();
  await Promise.all(tokens.map(async (tok, i) => {
    for (const recs of bodies[i]) {
      const t = performance.now();
      const r = await upload(server.url, tok, `st-${i}`, recs);
      lat.push(performance.now() - t);
      if (r.status !== 200) errors++;
    }
  }));
  const secs = (performance.now() - t0) / 1000;
  lat.sort((a, b) => a - b);
  const q = (p) => Number(lat[Math.floor(p * (lat.length - 1))].toFixed(1));
  console.log(JSON.stringify({ rate: Math.round(stations * batches * perBatch / secs), p50: q(0.5), p99: q(0.99), errors }));
} finally {
  await server.kill();
}
