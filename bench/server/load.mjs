// Ingest load against a running server: STATIONS concurrent stations, each BATCHES uploads of
// PER_BATCH check-ins, back to back (a closed loop: each station sends its next batch as soon
// as the last is acknowledged). Prints one JSON line: check-ins/s, p50/p99 upload latency, and
// the CPU seconds of the server and of this client.
// The client is kept light so that it measures the server, not itself: bodies are serialised
// before the clock starts and sent with node:http over kept-alive connections (fetch costs
// several times the CPU per request, on the same two cores as the server).
// Usage: node bench/server/load.mjs DBSPEC STATIONS BATCHES PER_BATCH   (DQ_SERVER_ARGS: extra
// arguments for `serve`, e.g. "--workers 16")
// By default every station takes the same people in at the same moments at one gate (each "in"
// after the first station's is a second phone's repeated entry); DQ_LOAD_PEOPLE=own gives each
// station people of its own (no repeats: the cost of the check on ordinary traffic).
import fs from 'node:fs';
import http from 'node:http';
import { prepareDb, issueCodes, startServer, checkIn, range, enroll } from '../../tests/server/harness.mjs';

const [db, stations, batches, perBatch] = [process.argv[2], ...process.argv.slice(3).map(Number)];
const ownPeople = process.env.DQ_LOAD_PEOPLE === 'own';

function send(agent, port, token, body, method = 'POST', path = '/api/v1/checkins') {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, agent,
      headers: method === 'GET' ? {} : { 'content-type': 'application/json', 'content-length': body.length, authorization: `Bearer ${token}` } },
    (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

prepareDb(db);
const server = await startServer(db, (process.env.DQ_SERVER_ARGS || '').split(' ').filter(Boolean));
try {
  const codes = issueCodes(db, 'v1', stations);
  const tokens = await Promise.all(codes.map((c, i) => enroll(server.url, c, `st-${i}`)));
  const bodies = tokens.map((_, i) => Array.from({ length: batches }, (_, b) => Buffer.from(JSON.stringify({
    device: `st-${i}`, checkIns: range(b * perBatch + 1, (b + 1) * perBatch).map((s) => checkIn(`st-${i}`, s, 'v1', ownPeople ? {
      personKey: `00109${String(i % 100).padStart(2, '0')}${String(s % 100000).padStart(5, '0')}` } : {})) }))));
  const agent = new http.Agent({ keepAlive: true, maxSockets: stations });
  // Warm-up, untimed: each station opens its connection (one GET /api/v1/config each, all at
  // once), so the figures are of uploads, not of 200 simultaneous TCP handshakes.
  await Promise.all(tokens.map(() => send(agent, server.port, '', '', 'GET', '/api/v1/config')));
  const lat = [];
  let errors = 0, acked = 0;
  // CPU seconds of the server process (utime + stime from /proc) and of this client: on a
  // 2-core machine both share the cores, so the split says where the time goes.
  const serverCpu = () => { const f = fs.readFileSync(`/proc/${server.proc.pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) / 100; };
  const cpu0 = serverCpu(), client0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(tokens.map(async (tok, i) => {
    for (const body of bodies[i]) {
      const t = performance.now();
      const r = await send(agent, server.port, tok, body);
      lat.push(performance.now() - t);
      if (r.status !== 200) { errors++; continue; }
      for (const [a, b] of JSON.parse(r.text).acked) acked += b - a + 1;
    }
  }));
  const secs = (performance.now() - t0) / 1000;
  const cpu = serverCpu() - cpu0, client = process.cpuUsage(client0);
  agent.destroy();
  if (errors || acked !== stations * batches * perBatch) throw new Error(`${errors} failed uploads, ${acked} acknowledged of ${stations * batches * perBatch}`);
  lat.sort((a, b) => a - b);
  const q = (p) => Number(lat[Math.floor(p * (lat.length - 1))].toFixed(1));
  console.log(JSON.stringify({ rate: Math.round(stations * batches * perBatch / secs), p50: q(0.5), p99: q(0.99), errors,
    secs: Number(secs.toFixed(2)), serverCpuS: Number(cpu.toFixed(2)), clientCpuS: Number(((client.user + client.system) / 1e6).toFixed(2)) }));
} finally {
  await server.kill();
}
