// Venues as an operator makes them with the admin CLI, against the real server: one id rule
// (refused where the id is made, with the rule named), a venue always in a ward (so its ward's
// officer sees it), a database from before the rules handled (a clear 409 on poster issuance,
// not "storage unavailable"; start-up warnings; set-venue-area and rename-scan-point fix it),
// and the short code printed under each QR leading to that poster's link (/c/{code}, the API).
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { admin, BIN, enroll, issueCodes, startServer, tempDir } from './harness.mjs';
import { importAreas } from './areas_fixture.mjs';

// `admin …` that is expected to fail: its exit status and what it said.
function adminFails(db, ...args) {
  try {
    execFileSync(BIN, ['admin', ...args, '--db', db], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    return { status: e.status, stderr: String(e.stderr) };
  }
  assert.fail(`admin ${args.join(' ')} succeeded`);
}

async function issue(url, venue, token) {
  const res = await fetch(`${url}/api/v1/venues/${venue}/posters`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
}

test('ids: one rule where ids are made; a venue needs a ward', () => {
  const tmp = tempDir();
  try {
    const db = `sqlite:${path.join(tmp.dir, 'dq.db')}`;
    importAreas(BIN, db);
    let r = adminFails(db, 'create-venue', '--id', 'cho', '--name', 'Chợ');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--area WARD_CODE/);
    r = adminFails(db, 'create-venue', '--id', 'cho', '--name', 'Chợ', '--area', '760');
    assert.match(r.stderr, /760 is a district/);
    r = adminFails(db, 'create-venue', '--id', 'cho', '--name', 'Chợ', '--area', '99999');
    assert.match(r.stderr, /not a known ward/);
    r = adminFails(db, 'create-venue', '--id', 'cho-ben-thanh-quan-1', '--name', 'Chợ', '--area', '26743');
    assert.match(r.stderr, /venue id 'cho-ben-thanh-quan-1' \(20 characters\) breaks the id rule: 1-16 characters/);
    assert.match(admin(db, 'create-venue', '--id', 'cho', '--name', 'Chợ', '--area', '26743'), /in 26743 Phường Bến Thành/);
    r = adminFails(db, 'add-scan-point', '--venue', 'cho', '--id', 'cong-phan-chu-trinh', '--name', 'Cổng Phan Chu Trinh');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /scan point id 'cong-phan-chu-trinh' \(19 characters\) breaks the id rule/);
    r = adminFails(db, 'add-scan-point', '--venue', 'cho', '--id', 'cổng', '--name', 'Cổng');
    assert.match(r.stderr, /breaks the id rule/);
    assert.match(admin(db, 'list-venues'), /^cho\t26743 Phường Bến Thành\tChợ$/m);
  } finally { tmp.cleanup(); }
});

test('a database from before the rules: 409 with the fix, warnings, then fixed by the CLI', async (t) => {
  const tmp = tempDir();
  const file = path.join(tmp.dir, 'dq.db');
  const db = `sqlite:${file}`;
  importAreas(BIN, db);
  admin(db, 'create-venue', '--id', 'cho-ben-thanh', '--name', 'Chợ Bến Thành', '--area', '26743');
  admin(db, 'add-scan-point', '--venue', 'cho-ben-thanh', '--id', 'cong-chinh', '--name', 'Cổng chính');
  admin(db, 'add-scan-point', '--venue', 'cho-ben-thanh', '--id', 'cong-pct', '--name', 'Cổng Phan Chu Trinh');
  // What an older CLI let through: no ward, a 19-character scan point id.
  execFileSync('sqlite3', [file, "UPDATE venues SET ward_code = '', district_code = '', province_code = '';" +
    "UPDATE scan_points SET scan_point_id = 'cong-phan-chu-trinh' WHERE scan_point_id = 'cong-pct';"]);
  const srv = await startServer(db);
  t.after(async () => { await srv.kill(); tmp.cleanup(); });
  await new Promise((r) => setTimeout(r, 200));
  assert.match(srv.stderr(), /warning: venue cho-ben-thanh lies in no ward.*set-venue-area/);
  assert.match(srv.stderr(), /warning: scan point cong-phan-chu-trinh of venue cho-ben-thanh breaks the id rule.*rename-scan-point/);

  const token = await enroll(srv.url, issueCodes(db, 'cho-ben-thanh', 1)[0], 'st-a');
  let r = await issue(srv.url, 'cho-ben-thanh', token);
  assert.equal(r.status, 409, 'the stored data is at fault, not the database');
  const err = JSON.parse(r.body).error;
  assert.equal(err.code, 'invalid_scan_point_id');
  assert.match(err.message, /cong-phan-chu-trinh.*rename-scan-point --venue cho-ben-thanh --id cong-phan-chu-trinh/);
  assert.match(admin(db, 'list-venues'), /NO AREA[\s\S]*cong-phan-chu-trinh.*ID TOO LONG/);

  admin(db, 'set-venue-area', '--venue', 'cho-ben-thanh', '--area', '26743');
  admin(db, 'rename-scan-point', '--venue', 'cho-ben-thanh', '--id', 'cong-phan-chu-trinh', '--new-id', 'cong-pct');
  r = await issue(srv.url, 'cho-ben-thanh', token);
  assert.equal(r.status, 200);
  assert.equal(r.body.subarray(0, 5).toString(), '%PDF-');
});

test('short codes: /c/{code} and the API lead to the poster link, typed as people type', async (t) => {
  const tmp = tempDir();
  const db = `sqlite:${path.join(tmp.dir, 'dq.db')}`;
  importAreas(BIN, db);
  admin(db, 'create-venue', '--id', 'cho-ben-thanh', '--name', 'Chợ Bến Thành', '--area', '26743');
  admin(db, 'add-scan-point', '--venue', 'cho-ben-thanh', '--id', 'cong-chinh', '--name', 'Cổng chính');
  admin(db, 'add-scan-point', '--venue', 'cho-ben-thanh', '--id', 'cong-pct', '--name', 'Cổng Phan Chu Trinh');
  const srv = await startServer(db, ['--public-url', 'https://diemquet.example.vn']);
  t.after(async () => { await srv.kill(); tmp.cleanup(); });
  const url = srv.url;
  // Before any poster is issued, no code leads anywhere.
  let res = await fetch(`${url}/c/981-Q51`, { redirect: 'manual' });
  assert.equal(res.status, 404);
  assert.match(await res.text(), /Không tìm thấy mã 981-Q51/);

  const out = admin(db, 'poster', '--venue', 'cho-ben-thanh', '--out', path.join(tmp.dir, 'p.pdf'), '--public-url', 'https://diemquet.example.vn');
  const links = Object.fromEntries([...out.matchAll(/^url (\S+) (\S+)$/gm)].map((m) => [m[1], m[2]]));
  const words = execFileSync('pdftotext', [path.join(tmp.dir, 'p.pdf'), '-'], { encoding: 'utf8' });
  const codes = [...words.matchAll(/Mã địa điểm: (\w{3}-\w{3})/g)].map((m) => m[1]);
  assert.equal(codes.length, 2, 'each page prints its code');
  for (const c of codes) assert.ok(words.includes(`diemquet.example.vn/c/${c}`), `the address for ${c} is printed`);
  const [gate, pct] = codes;  // pages in scan point order: cong-chinh, cong-pct

  for (const typed of [gate, gate.toLowerCase(), gate.replace('-', ''), gate.replace('-', '%20'), gate.replace(/0/g, 'O').replace(/1/g, 'l')]) {
    res = await fetch(`${url}/c/${typed}`, { redirect: 'manual' });
    assert.equal(res.status, 302, typed);
    assert.equal(res.headers.get('location'), links['cong-chinh'], typed);
  }
  res = await fetch(`${url}/c?code=${pct.toLowerCase()}`, { redirect: 'manual' });
  assert.equal(res.headers.get('location'), links['cong-pct']);
  // The form, and a typo that is not guessed.
  res = await fetch(`${url}/c`);
  assert.equal(res.status, 200);
  assert.match(await res.text(), /<input id="code" name="code"/);
  res = await fetch(`${url}/c/${gate.slice(0, 6)}`, { redirect: 'manual' });
  assert.equal(res.status, 404);
  assert.match(await res.text(), /Mã địa điểm gồm 6 chữ và số/);

  const api = await (await fetch(`${url}/api/v1/short-codes/${pct.replace('-', '').toLowerCase()}`)).json();
  assert.deepEqual(api, { code: pct, matches: [{ url: links['cong-pct'], venue: { id: 'cho-ben-thanh', name: 'Chợ Bến Thành' }, scanPoint: { id: 'cong-pct', name: 'Cổng Phan Chu Trinh' } }] });
  assert.equal((await fetch(`${url}/api/v1/short-codes/xyz`)).status, 400);
  assert.equal((await fetch(`${url}/api/v1/short-codes/ZZZ-ZZZ`)).status, 404);

  // A revoked key's posters lead nowhere.
  admin(db, 'revoke-key', '--id', links['cong-pct'].split('#1.')[1].split('.')[2]);
  assert.equal((await fetch(`${url}/api/v1/short-codes/${pct}`)).status, 404);
});
