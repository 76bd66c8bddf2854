// Backups that are restored: scripts/backup.sh of a live server (uploads from another ward
// keep arriving during the backup), scripts/restore.sh into a fresh database, a second server
// on the restored copy, and the officer's answers (weekly reports, traces, exports) compared
// with the live server's. SQLite (online backup API) and PostgreSQL (pg_dump/pg_restore, when
// DQ_PG_URL is set; the cluster stage runs it against the cluster too).
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir, startServer, upload, checkIn, range } from './harness.mjs';
import { DAY, createOfficers, fillOffice, officeAnswers, adminCmd } from './office_answers.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

// Uploads to venue "busy" (ward 00001 in Ba Đình, outside the reported district 760, so the
// reports compared stay the same) from a fresh device, until stopped.
async function keepUploading(url, db) {
  adminCmd(db, ['create-venue', '--id', 'busy', '--name', 'Chợ đêm', '--area', '00001']);
  adminCmd(db, ['add-scan-point', '--venue', 'busy', '--id', 'gate', '--name', 'Cổng']);
  const [code] = adminCmd(db, ['issue-code', '--venue', 'busy']).trim().split('\n');
  const enrolled = await fetch(url + '/api/v1/enroll', { method: 'POST', body: JSON.stringify({ code, device: 'st-busy' }) });
  const { token } = await enrolled.json();
  let stop = false, seq = 0, sent = 0;
  const loop = (async () => {
    while (!stop) {
      // Stamped now, as a live station does: checkIn's T0 + seq * 100 ms would run more than
      // 10 minutes ahead after ~42,000 check-ins, which a fast backup loop reaches.
      const ts = Date.now() - 5000;
      const batch = range(seq + 1, seq + 50).map((s) => checkIn('st-busy', s, 'busy', { ts }));
      seq += 50;
      const r = await upload(url, token, 'st-busy', batch);
      assert.equal(r.status, 200, r.text);
      sent += 50;
    }
  })();
  return async () => { stop = true; await loop; return sent; };
}

const backends = [['sqlite'], ['postgres', !process.env.DQ_PG_URL && 'DQ_PG_URL not set']];

for (const [backend, skip] of backends) {
  describe(`backup and restore (${backend})`, { skip }, () => {
    test('a backup of a live server, restored into a fresh database, gives the same reports and traces', async () => {
      const tmp = tempDir();
      const stamp = `${process.pid}_${Date.now() % 100000}`;
      const base = process.env.DQ_PG_URL;
      const psql = (sql) => execFileSync('psql', [base, '-v', 'ON_ERROR_STOP=1', '-Atqc', sql], { encoding: 'utf8' });
      let db, restored;
      if (backend === 'sqlite') {
        db = `sqlite:${tmp.dir}/live.db`;
        restored = `sqlite:${tmp.dir}/restored.db`;
      } else {
        psql(`CREATE DATABASE dq_live_${stamp}`);
        db = `postgres:${base} dbname=dq_live_${stamp}`;
        restored = `postgres:${base} dbname=dq_restored_${stamp}`;
      }
      const file = path.join(tmp.dir, backend === 'sqlite' ? 'backup.db' : 'backup.dump');
      const now = Date.now();
      const instants = [now - 20 * DAY, now - 9 * DAY, now - 3 * 3_600_000];
      let live, copy;
      try {
        createOfficers(db);
        live = await startServer(db);
        const { venues } = await fillOffice(live.url, instants);
        const want = await officeAnswers(live.url, db, instants, venues);
        const stopUploads = await keepUploading(live.url, db);
        await new Promise((r) => setTimeout(r, 300));
        await run('bash', [path.join(ROOT, 'scripts/backup.sh'), db, file]);
        const during = await stopUploads();
        assert.ok(during >= 100, `uploads went on during the backup (${during})`);
        await assert.rejects(run('bash', [path.join(ROOT, 'scripts/backup.sh'), db, file]), 'never overwrites a backup');

        await run('bash', [path.join(ROOT, 'scripts/restore.sh'), file, restored]);
        await assert.rejects(run('bash', [path.join(ROOT, 'scripts/restore.sh'), file, restored]), 'never restores over data');
        copy = await startServer(restored);
        const got = await officeAnswers(copy.url, restored, instants, venues);
        assert.deepEqual(got.exports, want.exports, 'the same check-ins');
        assert.deepEqual(got.reports, want.reports, 'the same weekly reports');
        assert.deepEqual(got.traces, want.traces, 'the same traces');
        assert.ok(want.traces.every((t) => t.visits.length === 1 && t.contacts.length >= 1));
        // The copy is one snapshot: the busy venue's rows are a gap-free prefix of what was sent.
        const busy = adminCmd(restored, ['export', '--venue', 'busy']).split('\n').filter(Boolean).map((l) => JSON.parse(l).seq);
        assert.deepEqual(busy, range(1, busy.length), 'a consistent prefix of the live uploads');
        console.log(`restore (${backend}): ${busy.length} of ${during} live uploads were in the snapshot`);
      } finally {
        await live?.kill();
        await copy?.kill();
        if (backend === 'postgres') {
          for (const d of [`dq_live_${stamp}`, `dq_restored_${stamp}`])
            try { psql(`DROP DATABASE IF EXISTS ${d} WITH (FORCE)`); } catch { /* left for pg.sh stop */ }
        }
        tmp.cleanup();
      }
    });
  });
}
