// Stations that behave like the PWA's sync client against the cluster through nginx (HTTPS
// with the cluster's test CA): each keeps a queue of check-ins, uploads them in small
// batches, and on anything but a 200 (503, 502, a reset connection, a timeout) keeps the
// batch and tries again after a short pause. Used by the cluster fault test and benchmark.
import http from 'node:http';
import https from 'node:https';
import fs from 'node:fs';
import { T0 } from '../server/harness.mjs';

export function clusterClient(baseUrl, caFile, maxSockets = 256) {
  const u = new URL(baseUrl);
  const tls = u.protocol === 'https:';
  const agent = tls ? new https.Agent({ keepAlive: true, maxSockets, ...(caFile ? { ca: fs.readFileSync(caFile) } : {}) })
    : new http.Agent({ keepAlive: true, maxSockets });
  function request(method, path, body, token, timeoutMs = 20000) {
    return new Promise((resolve) => {
      const data = body === undefined ? null : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
      const started = performance.now();
      const req = (tls ? https : http).request({
        host: u.hostname, port: u.port, method, path, agent, servername: 'localhost',
        headers: {
          ...(data ? { 'content-type': 'application/json', 'content-length': data.length } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let json = null;
          try { json = JSON.parse(text); } catch { /* not JSON */ }
          resolve({ status: res.statusCode, json, text, ms: performance.now() - started, retryAfter: res.headers['retry-after'] });
        });
        res.on('error', (e) => resolve({ status: 0, error: e.message, ms: performance.now() - started }));
      });
      req.setTimeout(timeoutMs, () => req.destroy(new Error('timeout')));
      req.on('error', (e) => resolve({ status: 0, error: e.message, ms: performance.now() - started }));
      req.end(data ?? undefined);
    });
  }
  return { request, close: () => agent.destroy() };
}

export function record(device, venue, seq) {
  return {
    device, seq, venue, scanPoint: 'gate', kind: 'cccd', personKey: `0010990${String(10000 + (seq % 90000)).padStart(5, '0')}`,
    name: 'Trần Thị Bình', phone: '', birthYear: 1988, dir: seq % 2 ? 'in' : 'out', ts: T0 + seq * 1000, tz: 420, voided: false,
  };
}

// One station. `next()` appends `n` new check-ins to its queue; `pump()` uploads until the
// queue is empty or `stop()`; every 200 removes the acked seqs. Counts what it saw.
export class Station {
  constructor(client, device, venue, token, { batch = 10, pauseMs = 100, retryPauseMs = 250 } = {}) {
    Object.assign(this, { client, device, venue, token, batch, pauseMs, retryPauseMs });
    this.seq = 0;
    this.queue = [];
    this.acked = new Set();
    this.statuses = {};
    this.latencies = [];
    this.successTimes = [];  // performance.now() at each 200
    this.failTimes = [];
  }
  add(n) {
    for (let i = 0; i < n; ++i) this.queue.push(record(this.device, this.venue, ++this.seq));
  }
  async uploadOnce() {
    const batch = this.queue.slice(0, this.batch);
    const r = await this.client.request('POST', '/api/v1/checkins', { device: this.device, checkIns: batch }, this.token);
    const key = r.status || 'network';
    this.statuses[key] = (this.statuses[key] ?? 0) + 1;
    if (r.status !== 200) {
      this.failTimes.push(performance.now());
      if (r.status >= 400 && r.status < 500) throw new Error(`${this.device}: ${r.status} ${r.text}`);  // a station bug
      return false;
    }
    if (r.json.rejected.length) throw new Error(`${this.device}: rejected ${JSON.stringify(r.json.rejected)}`);
    this.latencies.push(r.ms);
    this.successTimes.push(performance.now());
    const ok = new Set();
    for (const [a, b] of r.json.acked) for (let s = a; s <= b; ++s) ok.add(s);
    for (const s of ok) this.acked.add(s);
    this.queue = this.queue.filter((c) => !ok.has(c.seq));
    return true;
  }
  // Runs until `done()` says so and the queue is empty; adds `perTick` check-ins per upload
  // while `producing()`.
  async run({ producing, perTick = 5, deadlineMs = 120000 }) {
    const until = performance.now() + deadlineMs;
    for (;;) {
      if (producing()) this.add(perTick);
      else if (this.queue.length === 0) return;
      if (performance.now() > until) throw new Error(`${this.device} stuck: ${this.queue.length} not acknowledged`);
      if (this.queue.length === 0) { await sleep(this.pauseMs); continue; }
      const ok = await this.uploadOnce();
      await sleep(ok ? this.pauseMs : this.retryPauseMs);
    }
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function percentile(values, p) {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
}
