// Helpers for the fault tests: run the real diemquet-server binary, enroll stations, upload,
// and read back what the server stored (through `admin export`).
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importAreas } from './areas_fixture.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = process.env.DQ_SERVER_BIN ?? path.join(ROOT, 'build/native/server/diemquet-server');
export const T0 = Date.now() - 3600_000;

export function tempDir() {
  const d = mkdtempSync(path.join(tmpdir(), 'dq-faults-'));
  return { dir: d, cleanup: () => rmSync(d, { recursive: true, force: true }) };
}

export function admin(db, ...args) {
  return execFileSync(BIN, ['admin', ...args, '--db', db], { encoding: 'utf8', maxBuffer: 512 << 20 });
}

// A database with venue v1 (scan point "gate") and venue v2.
export function prepareDb(db) {
  importAreas(BIN, db);
  admin(db, 'create-venue', '--id', 'v1', '--name', 'Chợ Bến Thành', '--category', 'market', '--area', '26743');
  admin(db, 'create-venue', '--id', 'v2', '--name', 'Nhà sách', '--area', '26740');
  admin(db, 'add-scan-point', '--venue', 'v1', '--id', 'gate', '--name', 'Cổng chính');
}

export function issueCodes(db, venue, count) {
  return admin(db, 'issue-code', '--venue', venue, '--count', String(count)).trim().split('\n');
}

export async function startServer(db, extra = []) {
  const proc = spawn(BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0', ...extra], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const port = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('server did not start: ' + stderr)), 15000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on https?:\/\/[^:]+:(\d+)/);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}: ${stderr}`)); });
  });
  const exited = new Promise((resolve) => proc.on('exit', resolve));
  return {
    proc, port, url: `http://127.0.0.1:${port}`, stderr: () => stderr,
    async kill(signal = 'SIGTERM') { proc.kill(signal); await exited; },
  };
}

export function checkIn(device, seq, venue = 'v1', extra = {}) {
  return {
    device, seq, venue, scanPoint: 'gate', kind: 'cccd', personKey: `0010990${10000 + seq}`,
    name: 'Nguyễn Văn An', phone: '0901234567', birthYear: 1990, dir: seq % 2 ? 'in' : 'out',
    ts: T0 + seq * 100, tz: 420, voided: false, ...extra,
  };
}

export function range(from, to) {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

export async function post(url, pathName, body, token, headers = {}) {
  const res = await fetch(url + pathName, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, json, text, headers: res.headers };
}

export async function enroll(url, code, device) {
  const r = await post(url, '/api/v1/enroll', { code, device });
  if (r.status !== 200) throw new Error(`enroll failed: ${r.status} ${r.text}`);
  return r.json.token;
}

export function upload(url, token, device, records) {
  return post(url, '/api/v1/checkins', { device, checkIns: records }, token);
}

// Expands [[a,b],...] into the list of seqs.
export function ackedSeqs(acked) {
  const out = [];
  for (const [a, b] of acked) for (let s = a; s <= b; ++s) out.push(s);
  return out;
}

// What the server holds for a venue: Map "device/seq" -> record, and the row count
// (a duplicate row would make count > map size).
export function stored(db, venue = 'v1') {
  const lines = admin(db, 'export', '--venue', venue).split('\n').filter(Boolean);
  const map = new Map();
  for (const l of lines) { const r = JSON.parse(l); map.set(`${r.device}/${r.seq}`, r); }
  return { count: lines.length, map };
}

// Asserts the stored set equals the sent set: same keys, same content, no extra rows.
export function assertSameSet(assert, db, sent, venue = 'v1') {
  const { count, map } = stored(db, venue);
  assert.equal(count, sent.length, 'row count equals the number of distinct check-ins sent');
  assert.equal(map.size, sent.length);
  for (const r of sent) assert.deepEqual(map.get(`${r.device}/${r.seq}`), r, `${r.device}/${r.seq}`);
}

// The office suites' database: DQ_OFFICE_DB=postgres empties the PostgreSQL at DQ_PG_URL, else a
// SQLite file `name` in `dir`. Returns the spec and a one-value SQL query for reading back.
export function officeTestDb(dir, name) {
  if (process.env.DQ_OFFICE_DB === 'postgres') {
    const psql = process.env.DQ_PSQL ?? 'psql', url = process.env.DQ_PG_URL;
    execFileSync(psql, [url, '-q', '-c', 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;']);
    return { db: `postgres:${url}`, sql: (q) => execFileSync(psql, [url, '-qtA', '-c', q], { encoding: 'utf8' }).trim() };
  }
  const file = path.join(dir, name);
  return { db: `sqlite:${file}`, sql: (q) => execFileSync('sqlite3', [file, q], { encoding: 'utf8' }).trim() };
}
