// The real C++ sync server for the end-to-end tests: SQLite in a temp dir, the web shell served
// with --static (the PWA and the API same-origin), a venue and scan points made with the admin
// CLI, and what it stored read back with `admin export`.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importAreas } from '../../server/areas_fixture.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const SERVER_BIN = process.env.DQ_SERVER_BIN || path.join(ROOT, 'build/native/server/diemquet-server');

export function serverAvailable() { return fs.existsSync(SERVER_BIN); }

export function admin(db, ...args) {
  return execFileSync(SERVER_BIN, ['admin', ...args, '--db', db], { encoding: 'utf8', maxBuffer: 512 << 20 });
}

// Issues venue v1's poster on `server` and returns its signed link (the QR's text).
export function issuePosterUrl(server) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dq-poster-'));
  try {
    const out = admin(server.db, 'poster', '--venue', 'v1', '--out', path.join(dir, 'p.pdf'), '--public-url', server.url.replace(/\/$/, ''));
    return out.match(/^url back (\S+)$/m)[1];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Starts `diemquet-server serve` on 127.0.0.1 (port 0: any free port) with venue v1
// "Chợ Bến Thành" and its scan points gate "Cổng chính" and back "Cổng sau". `serveArgs`: more
// options for `serve` (e.g. --retention-days N).
export async function startSyncServer(webDir, serveArgs = []) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dq-sync-e2e-'));
  const db = `sqlite:${path.join(dir, 'diemquet.db')}`;
  importAreas(SERVER_BIN, db);
  admin(db, 'create-venue', '--id', 'v1', '--name', 'Chợ Bến Thành', '--category', 'market', '--area', '26743');
  admin(db, 'add-scan-point', '--venue', 'v1', '--id', 'gate', '--name', 'Cổng chính');
  admin(db, 'add-scan-point', '--venue', 'v1', '--id', 'back', '--name', 'Cổng sau');
  const server = await serveDb(db, webDir, serveArgs);
  return {
    ...server,
    issueCode: () => admin(db, 'issue-code', '--venue', 'v1').trim(),
    // Every check-in the server holds for the venue, as parsed JSON.
    exported: () => admin(db, 'export', '--venue', 'v1').split('\n').filter(Boolean).map((l) => JSON.parse(l)),
    async stop() {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// `diemquet-server serve` on an existing database (127.0.0.1, any free port), the web shell
// from `webDir`. stop() ends the process and leaves the database.
export async function serveDb(db, webDir, serveArgs = []) {
  const proc = spawn(SERVER_BIN, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--static', webDir, ...serveArgs],
    { stdio: ['ignore', 'pipe', 'pipe'] });
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
    url: `http://127.0.0.1:${port}/`,
    db,
    stderr: () => stderr,
    async stop() {
      proc.kill('SIGTERM');
      await exited;
    },
  };
}

// Sets when venues of a SQLite `db` ("sqlite:/path") were registered (`where`: an SQL condition on
// venues). A venue registered in the report's week without a scan is "Mới đăng ký", not "Không
// có lượt quét" (session 16): a test's venue that stands for one open for a while says so.
export function setVenuesRegistered(db, registeredMs, where = '1 = 1') {
  const file = db.replace(/^sqlite:/, '');
  execFileSync('sqlite3', ['-cmd', '.timeout 5000', file,
    `UPDATE venues SET registered_ms = ${Math.round(registeredMs)} WHERE ${where}`]);
}
