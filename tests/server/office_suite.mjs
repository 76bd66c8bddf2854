// Office API against the real server on SQLite (or PostgreSQL with DQ_OFFICE_DB=postgres and
// DQ_PG_URL): the authorisation matrix (every role x every endpoint, nothing leaking from
// refusals), the weekly report on a generated dataset whose answers are computed here
// independently, tracing on hand-built scenarios, retention, the upstream feed and the
// rate limits. Run by scripts/test.d/60-office.sh (not picked up by `node --test tests/server/`).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { BIN, tempDir, startServer, post, enroll, upload, officeTestDb } from './harness.mjs';
import { importAreas } from './areas_fixture.mjs';
import { readXlsxCells } from '../e2e/lib/demo.mjs';

const DAY = 86_400_000, WEEK = 7 * DAY, VN = 7 * 3_600_000;
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const MAKE_POSTER = path.join(ROOT, process.env.DQ_MAKE_POSTER ?? 'build/native/tests/poster/make_poster');
const HAVE_PDFTOPPM = (() => { try { execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' }); return true; } catch { return false; } })();

// The poster PDF's QR codes as text, page by page (pdftoppm, then tests/poster/decode_qr.cjs).
function decodePdf(dir, pdf) {
  const work = fs.mkdtempSync(path.join(dir, 'pdf-'));
  fs.writeFileSync(path.join(work, 'poster.pdf'), pdf);
  execFileSync('pdftoppm', ['-r', '100', '-png', path.join(work, 'poster.pdf'), path.join(work, 'page')]);
  const pngs = fs.readdirSync(work).filter((f) => f.endsWith('.png')).sort().map((f) => path.join(work, f));
  const out = execFileSync('node', ['--no-experimental-fetch', path.join(ROOT, 'tests/poster/decode_qr.cjs'), ...pngs], { encoding: 'utf8' });
  return out.trim().split('\n').map((l) => JSON.parse(l).text);
}
const PASSWORD = 'mat-khau-thu-nghiem';

function adminCmd(db, args, input = '') {
  return execFileSync(BIN, ['admin', ...args, '--db', db], { encoding: 'utf8', input });
}

async function get(url, p, token) {
  const res = await fetch(url + p, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const buf = Buffer.from(await res.arrayBuffer());
  const text = buf.toString('utf8');
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, json, text, buf, headers: res.headers };
}

// VN local time -> UTC ms.
const vnTime = (dayStartUtc, h, m = 0) => dayStartUtc + h * 3_600_000 + m * 60_000;
// Start (UTC ms) of the VN day `n` days before today.
function vnDayStart(daysAgo) {
  const local = Date.now() + VN;
  return Math.floor(local / DAY) * DAY - VN - daysAgo * DAY;
}

// A tiny deterministic PRNG so a failure can be replayed.
function rng(seed) {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

const dbKind = process.env.DQ_OFFICE_DB === 'postgres' ? 'postgres' : 'sqlite';

describe(`office API (${dbKind})`, () => {
  let tmp, db, sql, server, url;
  const tok = {};           // role -> session token
  const venues = {};        // name -> {id, ward, staff}
  let stationSeq = 0;
  const stations = {};      // venue id -> {device, token}
  let feedToken;

  async function login(user) {
    const r = await post(url, '/api/v1/office/login', { username: user, password: PASSWORD });
    assert.equal(r.status, 200, r.text);
    return r.json.token;
  }
  async function registerVenue(role, body) {
    const r = await post(url, '/api/v1/venues', body, tok[role]);
    assert.equal(r.status, 201, r.text);
    return r.json;
  }
  async function stationFor(venueId) {
    if (stations[venueId]) return stations[venueId];
    const [role] = Object.entries(venues).find(([, v]) => v.id === venueId)[1].owner;
    const codes = await post(url, `/api/v1/office/venues/${venueId}/codes`, { count: 1 }, tok[role]);
    assert.equal(codes.status, 201, codes.text);
    const device = `st-${++stationSeq}`;
    const token = await enroll(url, codes.json.codes[0], device);
    stations[venueId] = { device, token, seq: 0 };
    return stations[venueId];
  }
  async function send(venueId, recs) {
    const st = await stationFor(venueId);
    const out = recs.map((r) => ({
      device: st.device, seq: ++st.seq, venue: venueId, scanPoint: r.scanPoint ?? 'p1', kind: r.kind ?? 'cccd',
      personKey: r.key, name: r.name ?? 'Nguyễn Văn An', phone: r.phone ?? '', birthYear: 1990, dir: r.dir ?? 'in',
      ts: r.ts, tz: 420, voided: r.voided ?? false,
    }));
    for (let i = 0; i < out.length; i += 500) {
      const res = await upload(url, st.token, st.device, out.slice(i, i + 500));
      assert.equal(res.status, 200, res.text);
      assert.equal(res.json.rejected.length, 0, res.text);
    }
    return out;
  }

  before(async () => {
    tmp = tempDir();
    ({ db, sql } = officeTestDb(tmp.dir, 'office.db'));  // PostgreSQL: a fresh schema per run
    importAreas(BIN, db);
    const officers = [
      ['wardA', 'ward', '26740'], ['wardB', 'ward', '26743'], ['district', 'district', '760'],
      ['province', 'province', '79'], ['hanoi', 'province', '01'], ['locked', 'ward', '26740'],
    ];
    for (const [u, level, area] of officers) adminCmd(db, ['create-officer', '--username', u, '--level', level, '--area', area], PASSWORD + '\n');
    feedToken = adminCmd(db, ['create-feed-token', '--name', 'so-y-te']).trim();
    server = await startServer(db);
    url = server.url;
    for (const [u] of officers) if (u !== 'locked') tok[u] = await login(u);
    const mk = async (name, role, ward, staff, extra = {}) => {
      const v = await registerVenue(role, { name, address: '1 Lê Lợi', ward, category: 'restaurant', staffCount: staff,
        phone: '0281234567', scanPoints: ['Cổng chính', 'Cửa sau'], ...extra });
      venues[name] = { id: v.id, ward, staff, owner: [role] };
    };
    await mk('Phở Hòa', 'wardA', '26740', 5);
    await mk('Cơm Tấm', 'wardA', '26740', 2);
    await mk('Karaoke Sao', 'district', '26740', 10);
    await mk('Chợ Bến Thành', 'wardB', '26743', 3);
    await mk('Quán Tracing', 'wardA', '26740', 4, { defaultStayMinutes: 60 });
    await mk('Hồ Gươm Café', 'hanoi', '00037', 2);
    // The generated dataset reaches eight weeks back: these venues were there all along (a
    // venue counts in a week's report only once it was registered).
    sql(`UPDATE venues SET registered_ms = registered_ms - ${12 * WEEK}`);
  });
  after(async () => { await server?.kill(); tmp?.cleanup(); });

  test('admin create-officer generates and prints a password when none is given', () => {
    const out = adminCmd(db, ['create-officer', '--username', 'gen', '--level', 'ward', '--area', '26734']);
    // Lower case and digits only, none that passes for another (i l 1 o 0): read out on the phone.
    assert.match(out, /password: [a-hj-km-np-z2-9]{16}(\s|$)/);
    assert.throws(() => adminCmd(db, ['create-officer', '--username', 'x', '--level', 'ward', '--area', '760']));
  });

  test('config exposes the retention period for stations', async () => {
    const r = await get(url, '/api/v1/config');
    assert.equal(r.status, 200);
    assert.equal(r.json.retentionDays, 28);
  });

  test('venue registration validates its fields', async () => {
    for (const bad of [{ name: '', ward: '26740', category: 'bar' }, { name: 'X', ward: '99999', category: 'bar' },
      { name: 'X', ward: '26740', category: 'casino' }, { name: 'X', ward: '26740', category: 'bar', staffCount: -1 }]) {
      const r = await post(url, '/api/v1/venues', bad, tok.wardA);
      assert.equal(r.status, 400, JSON.stringify(bad) + r.text);
    }
    const ev = await post(url, '/api/v1/venues', { name: 'Đám cưới', ward: '26740', category: 'wedding', validFrom: 1, validTo: 2 }, tok.wardA);
    assert.equal(ev.status, 201, ev.text);
  });

  describe('authorisation matrix', () => {
    const roles = ['anon', 'badToken', 'wardA', 'wardB', 'district', 'province', 'hanoi', 'feed'];
    const tokenOf = (r) => (r === 'anon' ? null : r === 'badToken' ? 'x'.repeat(43) : r === 'feed' ? feedToken : tok[r]);
    // expected status per role for a resource in ward 26740 (Bến Nghé, Quận 1, HCM)
    const inA = (ok) => ({ anon: 401, badToken: 401, feed: 401, wardA: ok, wardB: 'refused', district: ok, province: ok, hanoi: 'refused' });
    let violationId;
    const endpoints = [];
    before(async () => {
      const vr = await post(url, '/api/v1/reports', { venue: venues['Phở Hòa'].id, kind: 'no_poster', note: 'Không thấy mã QR' }, tok.wardA);
      assert.equal(vr.status, 201, vr.text);
      violationId = vr.json.id;
      const a = venues['Phở Hòa'].id;
      endpoints.push(
        ['GET', `/api/v1/office/venues/${a}`, null, inA(200)],
        ['POST', `/api/v1/office/venues/${a}/codes`, { count: 1 }, inA(201)],
        ['POST', `/api/v1/office/venues/${a}/reminders`, { note: 'nhắc' }, inA(201)],
        ['GET', `/api/v1/office/venues/${a}/posters.pdf`, null, inA(200)],
        ['GET', '/api/v1/office/report?area=26740', null, inA(200)],
        ['GET', '/api/v1/office/report?area=26740&format=csv', null, inA(200)],
        ['POST', '/api/v1/venues', { name: 'Mới', ward: '26740', category: 'gym' }, inA(201)],
        ['GET', `/api/v1/office/violations/${violationId}/photo`, null, { ...inA(404), wardB: 404, hanoi: 404 }],
        ['GET', '/api/v1/office/me', null, { ...inA(200), wardB: 200, hanoi: 200 }],
        ['GET', '/api/v1/office/areas', null, { ...inA(200), wardB: 200, hanoi: 200 }],
        ['GET', '/api/v1/office/violations', null, { ...inA(200), wardB: 200, hanoi: 200 }],
        ['GET', '/api/v1/office/audit', null, { ...inA(200), wardB: 200, hanoi: 200 }],
        ['POST', '/api/v1/office/trace', { id: '001090000001', from: '2026-01-01', to: '2026-01-02', reason: 'ca F0 số 12' },
          { ...inA(200), wardB: 200, hanoi: 200 }],
        ['GET', '/api/v1/feed/checkins?cursor=0&limit=1', null,
          { anon: 401, badToken: 401, feed: 200, wardA: 401, wardB: 401, district: 401, province: 401, hanoi: 401 }],
        ['GET', '/api/v1/office/venues', null, { ...inA(200), wardB: 200, hanoi: 200 }],
      );
    });
    test('every role x every endpoint', async () => {
      const secrets = ['Phở Hòa', venues['Phở Hòa'].id, '0281234567', 'Không thấy mã QR', '1 Lê Lợi'];
      let checked = 0;
      for (const [method, p, body, expect] of endpoints) {
        for (const role of roles) {
          const t = tokenOf(role);
          const r = method === 'GET' ? await get(url, p, t) : await post(url, p, body ?? {}, t);
          const want = expect[role];
          const label = `${role} ${method} ${p} -> ${r.status} ${r.text.slice(0, 120)}`;
          if (want === 'refused') assert.ok(r.status === 403 || r.status === 404, label);
          else assert.equal(r.status, want, label);
          if (r.status >= 400) {
            assert.ok(r.json?.error?.code, label);
            for (const s of secrets) assert.ok(!r.text.includes(s) || p.includes(s) && !r.json.error.message.includes(s), `leak of ${s}: ${label}`);
          }
          ++checked;
        }
      }
      assert.ok(checked >= 100);
    });
    test('a ward officer gets the same answer for another ward\'s venue as for a missing one', async () => {
      const other = await get(url, `/api/v1/office/venues/${venues['Chợ Bến Thành'].id}`, tok.wardA);
      const missing = await get(url, '/api/v1/office/venues/26740-NOPE', tok.wardA);
      assert.equal(other.status, 404);
      assert.deepEqual(other.json, missing.json);
    });
    test('lists only show the officer\'s area', async () => {
      const b = await get(url, '/api/v1/office/violations', tok.wardB);
      assert.ok(!b.json.violations.some((v) => v.id === violationId));
      const a = await get(url, '/api/v1/office/violations', tok.wardA);
      assert.ok(a.json.violations.some((v) => v.id === violationId));
      const vb = await get(url, '/api/v1/office/venues', tok.wardB);
      assert.ok(vb.json.venues.every((v) => v.ward === '26743'));
      const d = await get(url, '/api/v1/office/venues', tok.district);
      assert.ok(d.json.venues.some((v) => v.ward === '26743') && d.json.venues.some((v) => v.ward === '26740'));
      const h = await get(url, '/api/v1/office/venues', tok.hanoi);
      assert.ok(h.json.venues.every((v) => v.ward === '00037'));
    });
    // Session 15: the office finds a venue by what a caller said ("cho ben thanh"), within the
    // officer's area, and records the complaint taken by phone for its own area's venues only.
    test('venues found by name without marks, within the area; an officer files no complaint outside the own area', async () => {
      const names = async (q, who) => (await get(url, `/api/v1/office/venues?q=${encodeURIComponent(q)}`, tok[who])).json.venues.map((v) => v.name);
      assert.deepEqual(await names('cho ben thanh', 'wardB'), ['Chợ Bến Thành']);
      assert.deepEqual(await names('CHỢ BẾN', 'wardB'), ['Chợ Bến Thành']);
      assert.deepEqual(await names('ben th', 'district'), ['Chợ Bến Thành']);
      assert.deepEqual(await names('en thanh', 'wardB'), []);  // words are matched from their start
      assert.deepEqual(await names('cho ben thanh', 'wardA'), []);  // another ward's venue
      assert.equal((await get(url, `/api/v1/office/venues?q=${'a'.repeat(201)}`, tok.wardB)).status, 400);
      const other = await post(url, '/api/v1/reports', { venue: venues['Chợ Bến Thành'].id, kind: 'staff_not_checking' }, tok.wardA);
      assert.equal(other.status, 403);
      assert.equal(other.json.error.code, 'outside_area');  // (the own area's: office.test.mjs, by phone)
    });
    test('resolving another ward\'s report is refused; the own ward resolves it once', async () => {
      const b = await post(url, `/api/v1/office/violations/${violationId}/resolve`, { note: 'xong' }, tok.wardB);
      assert.equal(b.status, 404);
      const noNote = await post(url, `/api/v1/office/violations/${violationId}/resolve`, {}, tok.wardA);
      assert.equal(noNote.status, 400);
      const a = await post(url, `/api/v1/office/violations/${violationId}/resolve`, { note: 'Đã dán mã QR' }, tok.wardA);
      assert.equal(a.status, 200, a.text);
      const again = await post(url, `/api/v1/office/violations/${violationId}/resolve`, { note: 'x' }, tok.wardA);
      assert.equal(again.status, 404);
      const all = await get(url, '/api/v1/office/violations?status=all', tok.wardA);
      const v = all.json.violations.find((x) => x.id === violationId);
      assert.equal(v.resolutionNote, 'Đã dán mã QR');
      assert.equal(v.resolvedBy, 'wardA');
    });
  });

  // The office's poster download: the station's posters, the same QR codes (a venue's walls keep
  // theirs), new ones only when none exist or their key was revoked; area rule; audited.
  test('posters at the office: area rule, the station\'s URLs, new only when none or revoked, audited', async () => {
    const id = venues['Phở Hòa'].id;
    const p = `/api/v1/office/venues/${id}/posters.pdf`;
    const st = await stationFor(id);
    const stationGet = () => get(url, `/api/v1/venues/${id}/posters`, st.token);
    const audit = async () => (await get(url, '/api/v1/office/audit', tok.wardA)).json.entries
      .filter((e) => e.action === 'print_posters' && e.target === id).map((e) => e.detail);
    const auditBefore = (await audit()).length;
    assert.equal((await get(url, p)).status, 401);
    assert.equal((await get(url, p, 'x'.repeat(43))).status, 401);
    const outside = await get(url, p, tok.wardB);
    assert.deepEqual([outside.status, outside.json?.error?.code], [403, 'outside_area']);
    assert.equal((await get(url, p, tok.hanoi)).status, 403);
    const missing = await get(url, '/api/v1/office/venues/26740-NOPE/posters.pdf', tok.wardA);
    assert.deepEqual([missing.status, missing.json?.error?.code], [404, 'not_found']);
    adminCmd(db, ['create-venue', '--id', 'quan-khong-diem', '--name', 'Quán chưa có điểm quét', '--area', '26740']);
    const noPoints = await get(url, '/api/v1/office/venues/quan-khong-diem/posters.pdf', tok.wardA);
    assert.deepEqual([noPoints.status, noPoints.json?.error?.code], [409, 'no_scan_points']);
    assert.equal((await audit()).length, auditBefore, 'a refusal prints nothing and audits nothing');

    // Issued by the office when none were (the matrix above has already, when it ran).
    const hadPosters = (await stationGet()).status === 200;
    const first = await get(url, p, tok.wardA);
    assert.equal(first.status, 200, first.text);
    assert.equal(first.headers.get('content-type'), 'application/pdf');
    assert.match(first.headers.get('content-disposition'), new RegExp(`^attachment; filename="ap-phich-${id}\\.pdf"$`));
    assert.equal(first.buf.subarray(0, 5).toString(), '%PDF-');
    // The station's GET re-renders the same posters: the same bytes, so the same QR URLs.
    const fromStation = await stationGet();
    assert.equal(fromStation.status, 200, fromStation.text);
    assert.ok(fromStation.buf.equals(first.buf), 'the station prints the posters the office printed');
    const again = await get(url, p, tok.district);
    assert.ok(again.buf.equals(first.buf), 'printing again keeps the QR codes');
    const decoded = HAVE_PDFTOPPM ? decodePdf(tmp.dir, first.buf) : [];
    if (HAVE_PDFTOPPM) {
      const ring = (await get(url, '/api/v1/keys')).json.ring;
      assert.equal(decoded.length, 2);
      for (const [i, u] of decoded.entries()) {
        assert.match(u, new RegExp(`/v#1\\.${id}\\.p${i + 1}\\.`));
        const kid = u.match(/#1\.[^.]+\.[^.]+\.([^.]+)\./)[1];
        const ok = execFileSync(MAKE_POSTER, ['verify', ring.find((l) => l.startsWith(`dqk1.${kid}.`)), '20260615', u], { encoding: 'utf8' }).trim();
        assert.equal(ok, `verified ${id} p${i + 1}`);
      }
    }

    // Their key revoked: the station's GET says so, the office signs new ones, which the station then prints.
    const keyId = decoded[0]?.match(/#1\.[^.]+\.[^.]+\.([^.]+)\./)?.[1] ?? (await get(url, '/api/v1/keys')).json.keys.at(-1).id;
    adminCmd(db, ['revoke-key', '--id', keyId]);
    assert.equal((await stationGet()).status, 409);
    const renewed = await get(url, p, tok.wardA);
    assert.equal(renewed.status, 200, renewed.text);
    assert.ok(!renewed.buf.equals(first.buf), 'new posters, signed with a key not revoked');
    assert.ok((await stationGet()).buf.equals(renewed.buf));
    if (HAVE_PDFTOPPM) assert.ok(decodePdf(tmp.dir, renewed.buf).every((u) => !u.includes(`.${keyId}.`)));

    // One audit row per download, the venue's id and nothing personal; the last two say what happened.
    const rows = await audit();
    assert.equal(rows.length, auditBefore + 2, rows.join('; '));
    assert.deepEqual(rows.slice(0, 2), ['issued', hadPosters ? 'reprinted' : 'issued'], 'newest first: the renewal signed new posters');
    const districtRows = (await get(url, '/api/v1/office/audit', tok.district)).json.entries.filter((e) => e.action === 'print_posters');
    assert.ok(districtRows.some((e) => e.target === id && e.detail === 'reprinted'), JSON.stringify(districtRows));
    for (const e of districtRows) assert.ok(!/Phở|0281234567|Lê Lợi/.test(JSON.stringify(e)), JSON.stringify(e));
  });

  test('weekly report on a generated dataset matches numbers computed here', async () => {
    const cur = await get(url, '/api/v1/office/report', tok.district);
    const weekStart = cur.json.weekStartMs - WEEK;  // the last complete week
    const label = cur.json.trend[6].week;
    const rand = rng(20261125);
    const inDistrict = ['Phở Hòa', 'Cơm Tấm', 'Karaoke Sao', 'Chợ Bến Thành'];
    const expected = {};   // venue -> scans per week offset (0 = report week, 1 = week before, ...)
    for (const name of inDistrict) {
      const v = venues[name];
      expected[name] = [];
      const recs = [];
      for (let w = 0; w < 8; ++w) {
        // Cơm Tấm: nothing in the report week; Karaoke Sao: below its staff count of 10
        let n = Math.floor(rand() * 12) + 1;
        if (name === 'Cơm Tấm' && w === 0) n = 0;
        if (name === 'Karaoke Sao' && w === 0) n = 4;
        if (name === 'Phở Hòa' && w === 0) n = 9;
        expected[name].push(n);
        const ws = weekStart - w * WEEK;
        for (let i = 0; i < n; ++i) recs.push({ key: `0790${String(Math.floor(rand() * 1e8)).padStart(8, '0')}`, ts: ws + Math.floor(rand() * (WEEK - 1000)) });
        // voided records never count
        recs.push({ key: '079000000000', ts: ws + 1000, voided: true });
      }
      await send(v.id, recs);
    }
    for (let i = 0; i < 4; ++i) await post(url, `/api/v1/office/venues/${venues['Cơm Tấm'].id}/reminders`, { note: `lần ${i + 1}` }, tok.wardA);

    const r = await get(url, `/api/v1/office/report?week=${label}`, tok.district);
    assert.equal(r.status, 200, r.text);
    const rows = Object.fromEntries(r.json.areas.map((a) => [a.code, a]));
    const sum = (names, w = 0) => names.reduce((s, n) => s + expected[n][w], 0);
    const wardA = ['Phở Hòa', 'Cơm Tấm', 'Karaoke Sao'], wardB = ['Chợ Bến Thành'];
    assert.equal(rows['26740'].scans, sum(wardA));
    assert.equal(rows['26743'].scans, sum(wardB));
    assert.equal(rows['760'].scans, sum(inDistrict));
    assert.equal(rows['760'].withScan, inDistrict.filter((n) => expected[n][0] > 0).length);
    assert.equal(rows['26740'].staff, 5 + 2 + 10 + 4);
    assert.equal(rows['26734'].venues, 0);
    // A ratio only where staff numbers are known: an empty ward has none (null, drawn "—"), not 0.
    assert.equal(rows['26740'].scansPerStaff, Math.round((sum(wardA) / (5 + 2 + 10 + 4)) * 100) / 100);
    assert.equal(rows['26734'].scansPerStaff, null);
    // Ward A's venues of that week: the three above and the tracing venue ('Mới', registered by
    // the matrix this week, was not there yet).
    assert.equal(rows['26740'].venues, 4);
    // The whole list while it is short (a province's is cut at 300, with the total).
    assert.equal(r.json.nonComplyingTotal, r.json.nonComplying.length);
    const bad = Object.fromEntries(r.json.nonComplying.map((v) => [v.name, v]));
    assert.equal(bad['Cơm Tấm'].problem, 'no_scans');
    assert.equal(bad['Cơm Tấm'].reminders, 4);
    assert.equal(bad['Cơm Tấm'].flaggedForSuspension, true);
    assert.equal(bad['Karaoke Sao'].problem, 'low_scans');
    assert.equal(bad['Phở Hòa'], undefined, 'Phở Hòa: 9 scans >= 5 staff and its only report was resolved');
    for (let w = 0; w < 8; ++w) assert.equal(r.json.trend[7 - w].scans, sum(inDistrict, w), `trend week -${w}`);
    // the province and a ward officer see the same numbers for their parts
    const p = await get(url, `/api/v1/office/report?week=${label}`, tok.province);
    assert.equal(p.json.areas[0].scans, sum(inDistrict));
    const a = await get(url, `/api/v1/office/report?week=${label}`, tok.wardA);
    assert.equal(a.json.areas.length, 1);
    assert.equal(a.json.areas[0].scans, sum(wardA));
    // XLSX: read back the first sheet (unzip + shared strings) and find ward A's row
    const x = await get(url, `/api/v1/office/report?week=${label}&format=xlsx`, tok.district);
    assert.equal(x.status, 200);
    assert.match(x.headers.get('content-type'), /spreadsheetml/);
    const xdir = path.join(tmp.dir, 'x.xlsx');
    (await import('node:fs')).writeFileSync(xdir, x.buf);
    const sheet = execFileSync('unzip', ['-p', xdir, 'xl/worksheets/sheet1.xml'], { encoding: 'utf8' });
    const shared = execFileSync('unzip', ['-p', xdir, 'xl/sharedStrings.xml'], { encoding: 'utf8' });
    const strings = [...shared.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => m[1]);
    const cells = {};
    for (const m of sheet.matchAll(/<c r="([A-Z]+)(\d+)"([^>]*)>(?:<f>[^<]*<\/f>)?<v>([^<]*)<\/v><\/c>/g))
      cells[m[1] + m[2]] = m[3].includes('t="s"') ? strings[Number(m[4])] : Number(m[4]);
    const rowOf = Object.keys(cells).find((k) => k.startsWith('A') && cells[k] === '26740').slice(1);
    assert.equal(cells['G' + rowOf], sum(wardA));
    const csv = await get(url, `/api/v1/office/report?week=${label}&format=csv`, tok.district);
    assert.ok(csv.text.split('\r\n').some((l) => l.startsWith('26740,') && l.split(',')[6] === String(sum(wardA))));
    const html = await get(url, `/api/v1/office/report?week=${label}&format=html`, tok.district);
    assert.match(html.headers.get('content-type'), /text\/html/);
    assert.match(html.text, /Báo cáo tuân thủ Tuần \d+ \(/);
    // Every header sits as its column does: left over text, right over numbers.
    for (const table of html.text.split('<table>').slice(1)) {
      const heads = [...table.matchAll(/<th( class=t)?>/g)].map((m) => !!m[1]);
      const row = table.split('</tr>')[1] || '';
      const cells = [...row.matchAll(/<td( class=t)?>/g)].map((m) => !!m[1]);
      if (cells.length) assert.deepEqual(heads, cells, `header alignment differs from its column's: ${table.slice(0, 300)}`);
    }
  });

  // The exports name the week as the office screen does ("Tuần 48" over "23/11 – 29/11/2026"),
  // not "2026-W48", which no officer reads; a week across New Year gives both years.
  test('report exports and print name the week as the screen does, not 2026-W48', async () => {
    const cases = [
      ['2026-W48', 'Tuần 48 (23/11 – 29/11/2026)', 'Tuần 41 (05/10 – 11/10/2026)'],
      ['2026-W01', 'Tuần 1 (29/12/2025 – 04/01/2026)', 'Tuần 46 (10/11 – 16/11/2025)'],
    ];
    // An ISO week label ("2026-W48"), not a venue id that happens to hold one ("26740-W85HS2NH").
    const isoLabel = /(^|[^\w-])\d{4}-W\d{2}(?!\w)/m;
    for (const [week, title, firstTrend] of cases) {
      const csv = (await get(url, `/api/v1/office/report?week=${week}&format=csv`, tok.district)).text;
      const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
      assert.ok(lines[0].startsWith(`Báo cáo tuân thủ ${title},`), lines[0]);
      assert.ok(lines.some((l) => l.startsWith(firstTrend + ',')), 'trend rows name their weeks: ' + csv);
      assert.ok(!isoLabel.test(csv), 'no ISO week label in the CSV: ' + csv);
      assert.ok(!/(^|,)"?[=+@-]/m.test(csv.replace(/^\uFEFF/, '')), 'no CSV cell starts like a formula');
      const html = (await get(url, `/api/v1/office/report?week=${week}&format=html`, tok.district)).text;
      assert.ok(html.includes(`<h1>Báo cáo tuân thủ ${title}</h1>`), html.slice(0, 400));
      assert.ok(html.includes(`<td class=t>${firstTrend}</td>`), 'trend rows name their weeks');
      assert.ok(!isoLabel.test(html), 'no ISO week label in the print version');
      const x = await get(url, `/api/v1/office/report?week=${week}&format=xlsx`, tok.district);
      const xfile = path.join(tmp.dir, `w-${week}.xlsx`);
      (await import('node:fs')).writeFileSync(xfile, x.buf);
      const shared = execFileSync('unzip', ['-p', xfile, 'xl/sharedStrings.xml'], { encoding: 'utf8' });
      const strings = [...shared.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => m[1]);
      assert.ok(strings.some((t) => t.startsWith(`Báo cáo tuân thủ ${title} — `)), strings.slice(0, 3).join(' | '));
      assert.ok(strings.includes(firstTrend), 'the trend sheet names its weeks');
      assert.ok(!strings.some((t) => isoLabel.test(t)), 'no ISO week label in the XLSX');
    }
  });

  // Session 9: an officer who uses the office in English got Vietnamese headers, week titles and
  // legends in every export. `lang=en` (the office sends its language) gives them in English;
  // names stay as they are, and a name that would run as a formula is still neutralised.
  test('report exports in the officer\'s language: lang=en in English, vi (the default) in Vietnamese', async () => {
    const trap = '=HYPERLINK("http://x.example","bấm")';
    const v = await registerVenue('district', { name: trap, address: '-1 Lê Lợi', ward: '26746', category: 'market',
      staffCount: 3, phone: '0281234567' });
    venues[trap] = { id: v.id, ward: '26746', staff: 3, owner: ['district'] };
    // Registered before this week: without a scan it is not complying (in its first week it is newly registered).
    sql(`UPDATE venues SET registered_ms = registered_ms - ${2 * WEEK} WHERE venue_id = '${v.id}'`);
    const cur = (await get(url, '/api/v1/office/report', tok.district)).json;
    const wardName = cur.areas.find((a) => a.code === '26746').name;
    assert.match(wardName, /^Phường /);
    const read = async (week, format, lang) => {
      const r = await get(url, `/api/v1/office/report?week=${week}&format=${format}${lang ? '&lang=' + lang : ''}`, tok.district);
      assert.equal(r.status, 200, r.text);
      return r;
    };
    const xlsxStrings = (r, name) => {
      const file = path.join(tmp.dir, name);
      fs.writeFileSync(file, r.buf);
      const shared = execFileSync('unzip', ['-p', file, 'xl/sharedStrings.xml'], { encoding: 'utf8' });
      const book = execFileSync('unzip', ['-p', file, 'xl/workbook.xml'], { encoding: 'utf8' });
      const unxml = (t) => t.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
      return { strings: [...shared.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => unxml(m[1])),
        sheets: [...book.matchAll(/<sheet name="([^"]*)"/g)].map((m) => m[1]) };
    };
    const words = {
      en: { title: 'Compliance report Week 48 (23/11 – 29/11/2026)', trend: 'Week 41 (05/10 – 11/10/2026)',
        areaHead: 'Code,Area,Level,Venues,With poster,With scans,Scans,Staff,Scans per staff member,Not complying,Suspension proposed,Complaints,Newly registered',
        venueHead: 'Venue code,Name,Kind,Ward/commune,Staff,Scans,Problem,Reminders,Open complaints,Suspension proposed,Address',
        trendHead: 'Week,Scans,Venues with scans', level: 'District', kind: 'Market', problem: 'No scans', sheets: ['Summary', 'Not complying', '8-week trend', 'Newly registered'],
        h2: '<h2>Venues not complying</h2>', print: '>Print</button>', notWords: /Tuần|Lượt quét|Báo cáo|Cơ sở|Quận|Không có/ },
      vi: { title: 'Báo cáo tuân thủ Tuần 48 (23/11 – 29/11/2026)', trend: 'Tuần 41 (05/10 – 11/10/2026)',
        areaHead: 'Mã,Địa bàn,Cấp,Cơ sở,Có poster,Có lượt quét,Lượt quét,Nhân viên,Lượt quét/nhân viên,Chưa tuân thủ,Đề nghị đình chỉ,Phản ánh,Mới đăng ký',
        venueHead: 'Mã cơ sở,Tên,Loại,Phường/Xã,Nhân viên,Lượt quét,Vấn đề,Số lần nhắc,Phản ánh chưa xử lý,Đề nghị đình chỉ,Địa chỉ',
        trendHead: 'Tuần,Lượt quét,Cơ sở có lượt quét', level: 'Quận/Huyện', kind: 'Chợ', problem: 'Không có lượt quét', sheets: ['Tong hop', 'Chua tuan thu', 'Xu huong 8 tuan', 'Moi dang ky'],
        h2: '<h2>Cơ sở chưa tuân thủ</h2>', print: '>In</button>', notWords: /Week|Scans|Compliance|Venues|District|No scans/ },
    };
    for (const lang of ['en', 'vi', '']) {
      const w = words[lang || 'vi'];
      const csv = (await read('2026-W48', 'csv', lang)).text.replace(/^\uFEFF/, '');
      const lines = csv.split('\r\n');
      assert.ok(lines[0].startsWith(w.title + ','), lines[0]);
      for (const head of [w.areaHead, w.venueHead, w.trendHead]) assert.ok(lines.includes(head), `${lang}: ${head} in ${csv}`);
      assert.ok(lines.some((l) => l.startsWith('760,') && l.split(',')[2] === w.level), csv);
      assert.ok(lines.some((l) => l.startsWith(w.trend + ',')), csv);
      assert.ok(!w.notWords.test(csv.replace(/^.*?\r\n/, '').replace(/^\d+,[^,]*,/gm, '')), `${lang || 'default'}: no word of the other language: ${csv}`);
      const html = (await read('2026-W48', 'html', lang)).text;
      assert.ok(html.includes(`<h1>${w.title}</h1>`) && html.includes(w.h2) && html.includes(w.print), html.slice(0, 600));
      assert.ok(html.includes(`<html lang="${lang || 'vi'}">`));
      assert.ok(html.includes(`<td class=t>${w.trend}</td>`));
      const x = xlsxStrings(await read('2026-W48', 'xlsx', lang), `lang-${lang}.xlsx`);
      assert.ok(x.strings.some((t) => t.startsWith(w.title + ' — ')), x.strings.slice(0, 3).join(' | '));
      assert.ok(x.strings.includes(w.trend) && x.strings.includes(w.level), x.strings.join(' | '));
      assert.deepEqual(x.sheets, w.sheets);
      // This week: the venue named like a formula is listed, neutralised in both files.
      const now = (await read(cur.week, 'csv', lang)).text.replace(/^\uFEFF/, '');
      assert.ok(now.includes(`,"'=HYPERLINK(""http://x.example"",""bấm"")",`), now);
      // The venue's kind and commune by their names, as the officer reads them ("market", "26746" before).
      const trapRow = now.split('\r\n').find((l) => l.includes('HYPERLINK')) || '';
      assert.ok(trapRow.includes(`,${w.kind},${wardName},`) && trapRow.includes(w.problem), trapRow);
      assert.ok(!/(^|,)"?[=+@-]/m.test(now), 'no CSV cell starts like a formula');
      // Scans per staff member as the reader writes a decimal: "0,05" in Vietnamese, "0.05" in English.
      const printed = (await read(cur.week, 'html', lang)).text;
      const ratios = [...printed.matchAll(/<td>(\d+[.,]\d\d)<\/td>/g)].map((m) => m[1]);
      assert.ok(ratios.length > 0, `the print version has ratios: ${printed.slice(0, 400)}`);
      assert.ok(ratios.every((r) => r.includes(lang === 'en' ? '.' : ',')), `${lang || 'default'}: ${ratios}`);
      const xn = xlsxStrings(await read(cur.week, 'xlsx', lang), `now-${lang}.xlsx`);
      assert.ok(xn.strings.includes("'" + trap) && !xn.strings.includes(trap), 'the XLSX cell is text, not a formula');
      assert.ok(xn.strings.includes(w.problem) && xn.strings.includes(w.kind) && xn.strings.includes(wardName), xn.strings.join(' | '));
    }
    const bad = await get(url, '/api/v1/office/report?week=2026-W48&format=csv&lang=fr', tok.district);
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.code, 'bad_request');
    assert.match(bad.json.error.message, /lang/);
  });

  // The report reads daily counts for closed days once they are rolled up (admin rollup; the
  // server also does it hourly). Its numbers must not move by a roll-up, and an upload or a
  // void arriving for a day already rolled up must still count, before and after the next one.
  test('roll-up: the same report numbers before and after it; later uploads and voids still count', async () => {
    const cur = await get(url, '/api/v1/office/report', tok.district);
    const label = cur.json.trend[6].week;  // the generated dataset's report week
    const weekStart = cur.json.weekStartMs - WEEK;
    const report = async (role) => {
      const r = await get(url, `/api/v1/office/report?week=${label}`, tok[role]);
      assert.equal(r.status, 200, r.text);
      return r.json;
    };
    // What a person would compare: every area's counts, the trend and the non-complying list.
    const numbers = (j) => ({
      areas: j.areas.map((a) => [a.code, a.venues, a.withScan, a.scans, a.nonComplying, a.flagged]),
      trend: j.trend.map((t) => [t.week, t.scans, t.venuesWithScan]),
      bad: j.nonComplying.map((v) => [v.id, v.scans, v.problem]),
    });
    const base = numbers(await report('district'));
    const baseWard = numbers(await report('wardA'));
    assert.ok(base.areas[0][3] > 0, 'the generated dataset is in the report');
    const out = adminCmd(db, ['rollup']);
    assert.match(out, /^rolled up the days before \d{4}-\d\d-\d\d: \d+ venue-days counted, \d+ counted again/);
    assert.deepEqual(numbers(await report('district')), base, 'district report after the roll-up');
    assert.deepEqual(numbers(await report('wardA')), baseWard, 'ward report after the roll-up');

    // Expected after a change of `delta` scans of Phở Hòa (ward 26740) in the report week.
    const shifted = (delta) => {
      const e = structuredClone(base);
      for (const a of e.areas) if (a[0] === '26740' || a[0] === '760') a[3] += delta;
      e.trend[7][1] += delta;
      return e;
    };
    // A station that was offline uploads 3 check-ins of a day already rolled up.
    const late = await send(venues['Phở Hòa'].id, [0, 1, 2].map((i) => (
      { key: `07909999000${i}`, ts: weekStart + 2 * DAY + (9 + i) * 3_600_000 })));
    assert.deepEqual(numbers(await report('district')), shifted(3), 'a late upload counts before the next roll-up');
    const st = stations[venues['Phở Hòa'].id];
    const voidOne = async (rec) => {
      const res = await upload(url, st.token, st.device, [{ ...rec, voided: true }]);
      assert.equal(res.status, 200, res.text);
    };
    await voidOne(late[0]);
    assert.deepEqual(numbers(await report('district')), shifted(2), 'a void of a rolled-up day counts');
    const again = adminCmd(db, ['rollup']);
    assert.match(again, /[1-9]\d* counted again/, 'the changed day is counted again');
    assert.deepEqual(numbers(await report('district')), shifted(2), 'the same after the next roll-up');
    await voidOne(late[1]);
    assert.deepEqual(numbers(await report('district')), shifted(1), 'a void after that roll-up counts');
    adminCmd(db, ['rollup']);
    assert.deepEqual(numbers(await report('district')), shifted(1));
    const ward = numbers(await report('wardA'));
    assert.equal(ward.areas[0][3], baseWard.areas[0][3] + 1, 'the ward officer sees the same change');
  });

  describe('contact tracing', () => {
    const P = '001090000001';
    let day, dayStr, vT;
    before(async () => {
      vT = venues['Quán Tracing'].id;
      day = vnDayStart(3);
      dayStr = new Date(day + VN).toISOString().slice(0, 10);
      const t = (h, m) => vnTime(day, h, m);
      await send(vT, [
        { key: P, name: 'Người F0', ts: t(10, 0), scanPoint: 'p1', dir: 'in' },
        { key: P, name: 'Người F0', ts: t(11, 0), scanPoint: 'p2', dir: 'out' },   // two scan points, one visit
        { key: '001090000011', name: 'C1', ts: t(11, 25) }, { key: '001090000011', name: 'C1', ts: t(12, 0), dir: 'out' },
        { key: '001090000012', name: 'C2', ts: t(11, 30) }, { key: '001090000012', name: 'C2', ts: t(12, 0), dir: 'out' },
        { key: '001090000013', name: 'C3', ts: t(11, 31) }, { key: '001090000013', name: 'C3', ts: t(12, 0), dir: 'out' },
        { key: '001090000014', name: 'C4', ts: t(8, 0) },                      // no check-out: 60 min stay
        { key: '001090000015', name: 'C5', ts: t(8, 45) },                     // no check-out: till 9:45
        { key: '001090000016', name: 'C6', ts: t(9, 20), dir: 'out' },         // only an exit
        { key: '0901000017', phone: '0901000017', kind: 'manual', name: 'C7', ts: t(10, 30), scanPoint: 'p2' },
      ]);
      // the same person at a venue in ward B (not visible to ward A)
      await send(venues['Chợ Bến Thành'].id, [{ key: P, name: 'Người F0', ts: t(14, 0) }, { key: '079000000099', name: 'Khách chợ', ts: t(14, 5) }]);
    });
    const trace = (role, extra = {}) => post(url, '/api/v1/office/trace', { id: P, from: dayStr, to: dayStr, reason: 'F0 ca số 7, CDC yêu cầu', ...extra }, tok[role]);
    const names = (r) => r.json.contacts.map((c) => c.name).sort();
    test('a reason is required and every query is audit-logged', async () => {
      const r = await post(url, '/api/v1/office/trace', { id: P, from: dayStr, to: dayStr }, tok.wardA);
      assert.equal(r.status, 400);
      assert.equal(r.json.error.code, 'reason_required');
      const ok = await trace('wardA');
      assert.equal(ok.status, 200, ok.text);
      const audit = await get(url, '/api/v1/office/audit', tok.wardA);
      const e = audit.json.entries.find((x) => x.action === 'trace' && x.reason === 'F0 ca số 7, CDC yêu cầu');
      assert.ok(e, JSON.stringify(audit.json));
      assert.ok(!e.target.includes(P), 'the audit row holds a masked id');
    });
    test('margin 30: edges, missing check-out and two scan points', async () => {
      const r = await trace('wardA');
      assert.equal(r.json.visits.length, 1, r.text);
      const v = r.json.visits[0];
      assert.equal(v.endMs - v.startMs, 3_600_000);
      assert.deepEqual(v.scanPoints, ['p1', 'p2']);
      assert.deepEqual(names(r), ['C1', 'C2', 'C5', 'C7']);
      assert.equal(r.json.contacts.find((c) => c.name === 'C2').overlapMinutes, 0);
      assert.equal(r.json.contacts.find((c) => c.name === 'C5').overlapMinutes, 15);
      assert.equal(r.json.contacts.find((c) => c.name === 'C5').endEstimated, true);
    });
    test('margin 0 and a longer assumed stay', async () => {
      assert.deepEqual(names(await trace('wardA', { marginMinutes: 0 })), ['C7']);
      // C4 (in 8:00, no exit) now lasts till 9:30 and touches the window; C6 (exit only) still ends 9:20
      assert.deepEqual(names(await trace('wardA', { stayMinutes: 90 })), ['C1', 'C2', 'C4', 'C5', 'C7']);
    });
    test('only venues inside the officer\'s area', async () => {
      const b = await trace('wardB');
      assert.equal(b.json.visits.length, 1);
      assert.equal(b.json.visits[0].venueId, venues['Chợ Bến Thành'].id);
      // (not a substring 'C1': the random part of a venue id may hold it)
      assert.ok(!b.json.contacts.some((c) => c.name === 'C1') && !b.text.includes(vT), b.text);
      const d = await trace('district');
      assert.equal(d.json.visits.length, 2);
      const h = await trace('hanoi');
      assert.equal(h.json.visits.length, 0);
      assert.equal(h.json.contacts.length, 0);
    });
    test('a time assumed for a missing entry or exit is marked, in the answer and the CSV', async () => {
      // Margin 60: C6 (an exit at 9:20, no entry) is a contact, from 8:20 by assumption.
      const r = await trace('wardA', { marginMinutes: 60 });
      const c6 = r.json.contacts.find((c) => c.name === 'C6');
      assert.ok(c6, r.text);
      assert.deepEqual([c6.startEstimated, c6.endEstimated], [true, false]);
      const c5 = r.json.contacts.find((c) => c.name === 'C5');
      assert.deepEqual([c5.startEstimated, c5.endEstimated], [false, true]);
      assert.equal(r.json.visits[0].startEstimated, false);
      const csv = (await trace('wardA', { marginMinutes: 60, format: 'csv' })).text.replace(/^\uFEFF/, '').split('\r\n');
      const head = csv[0].split(',');
      const col = (row, name) => row.split(',')[head.indexOf(name)];
      assert.ok(head.includes('Vào ước tính') && head.includes('Ra ước tính'), csv[0]);
      const row = (name) => csv.find((l) => l.split(',')[head.indexOf('Họ tên')] === name);
      assert.deepEqual([col(row('C6'), 'Vào ước tính'), col(row('C6'), 'Ra ước tính')], ['x', '']);
      assert.deepEqual([col(row('C5'), 'Vào ước tính'), col(row('C5'), 'Ra ước tính')], ['', 'x']);
      // Session 9: in English (the office's language) the header and row kinds are English.
      const en = (await trace('wardA', { marginMinutes: 60, format: 'csv', lang: 'en' })).text.replace(/^\uFEFF/, '').split('\r\n');
      assert.equal(en[0], 'Row,Venue code,Venue,From,To,Entry assumed,Exit assumed,Document,Document number,Name,Phone,Minutes together');
      const enRow = en.find((l) => l.split(',')[9] === 'C6');
      assert.deepEqual([enRow.split(',')[0], enRow.split(',')[5], enRow.split(',')[6]], ['contact', 'x', '']);
      assert.ok(en.slice(1).every((l) => !l || /^(F0|contact),/.test(l)), en.join('\n'));
      assert.equal((await trace('wardA', { format: 'csv', lang: 'de' })).status, 400);
    });
    test('CSV export', async () => {
      const r = await trace('wardA', { format: 'csv' });
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type'), /text\/csv/);
      assert.equal(r.text.trim().split('\r\n').length, 1 + 1 + 4);
    });
  });

  test('feed: cursor-based JSON lines, stable order, voids re-emitted', async () => {
    const all = [];
    let cursor = 0, more = true, pages = 0;
    while (more) {
      const r = await get(url, `/api/v1/feed/checkins?cursor=${cursor}&limit=100`, feedToken);
      assert.equal(r.status, 200, r.text);
      const lines = r.text.trim().split('\n').map((l) => JSON.parse(l));
      const end = lines.pop();
      assert.equal(end.end, true);
      for (const l of lines) { assert.ok(l.cursor > cursor); cursor = l.cursor; all.push(l); }
      assert.equal(end.cursor, cursor);
      more = end.more;
      ++pages;
    }
    assert.ok(pages > 1 && all.length > 200);
    const again = await get(url, `/api/v1/feed/checkins?cursor=${cursor}`, feedToken);
    assert.equal(again.text.trim().split('\n').length, 1);
    // voiding a record moves it to the end of the feed
    const rec = all.find((x) => !x.voided);
    const st = Object.values(stations).find((s) => s.device === rec.device);
    const { cursor: _c, ...body } = rec;
    const v = await upload(url, st.token, rec.device, [{ ...body, voided: true }]);
    assert.equal(v.json.voided, 1, v.text);
    const after = await get(url, `/api/v1/feed/checkins?cursor=${cursor}`, feedToken);
    const lines = after.text.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(lines.length, 2);
    assert.equal(lines[0].seq, rec.seq);
    assert.equal(lines[0].voided, true);
  });

  test('retention: purge deletes old personal data and keeps the report numbers', async () => {
    const v = venues['Cơm Tấm'];
    const old = Date.now() - 40 * DAY;
    await send(v.id, Array.from({ length: 6 }, (_, i) => ({ key: '001090000077', ts: old + i * 60_000 })));
    const week = (await get(url, '/api/v1/office/report', tok.wardA)).json;
    const weeksBack = Math.floor((week.weekStartMs - (old - ((old + VN) % WEEK + 4 * DAY) % WEEK)) / WEEK);
    const label = (r) => r.json.trend.find((t) => t.scans > 0 && t.week)?.week;
    const before = await get(url, `/api/v1/office/report?week=${week.week}`, tok.wardA);
    const beforeTrend = before.json.trend.map((t) => t.scans);
    // The district's 8 weeks of the generated dataset, half of them older than 28 days.
    const districtTrend = async () => (await get(url, '/api/v1/office/report', tok.district)).json.trend.map((t) => t.scans);
    const beforeDistrict = await districtTrend();
    adminCmd(db, ['rollup']);  // the old upload above is in a rolled-up day: counted again
    assert.deepEqual((await get(url, `/api/v1/office/report?week=${week.week}`, tok.wardA)).json.trend.map((t) => t.scans),
      beforeTrend, 'the roll-up keeps the weekly numbers');
    const out = adminCmd(db, ['purge', '--retention-days', '28']);
    assert.match(out, /deleted [1-9]\d* check-ins/);
    const exported = adminCmd(db, ['export', '--venue', v.id]).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
    assert.ok(exported.every((c) => c.ts >= Date.now() - 28 * DAY - 60_000), 'nothing older than 28 days is left');
    assert.ok(!exported.some((c) => c.personKey === '001090000077'));
    const afterR = await get(url, `/api/v1/office/report?week=${week.week}`, tok.wardA);
    assert.deepEqual(afterR.json.trend.map((t) => t.scans), beforeTrend, 'aggregates keep the weekly numbers');
    assert.deepEqual(await districtTrend(), beforeDistrict, 'purged and rolled-up days add up to the same weeks');
    adminCmd(db, ['rollup']);
    assert.deepEqual(await districtTrend(), beforeDistrict, 'and again after the next roll-up');
    void weeksBack; void label;
    const tr = await post(url, '/api/v1/office/trace', { id: '001090000077', from: new Date(old + VN).toISOString().slice(0, 10),
      to: new Date(old + VN).toISOString().slice(0, 10), reason: 'kiểm tra lưu giữ' }, tok.wardA);
    assert.equal(tr.json.visits.length, 0);
  });

  test('public violation reports: photo checks and a per-address limit', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex').toString('base64') + 'AAAA';
    const id = venues['Chợ Bến Thành'].id;
    const withPhoto = await post(url, '/api/v1/reports', { venue: id, kind: 'cannot_scan', photo: Buffer.from('89504e470d0a1a0a00000000', 'hex').toString('base64') });
    assert.equal(withPhoto.status, 201, withPhoto.text);
    const photo = await get(url, `/api/v1/office/violations/${withPhoto.json.id}/photo`, tok.wardB);
    assert.equal(photo.status, 200);
    assert.equal(photo.headers.get('content-type'), 'image/png');
    const notImage = await post(url, '/api/v1/reports', { venue: id, kind: 'cannot_scan', photo: Buffer.from('hello world!').toString('base64') });
    assert.equal(notImage.status, 400);
    const badKind = await post(url, '/api/v1/reports', { venue: id, kind: 'noise' });
    assert.equal(badKind.status, 400);
    void png;
    let last;
    for (let i = 0; i < 12; ++i) last = await post(url, '/api/v1/reports', { venue: id, kind: 'staff_not_checking' });
    assert.equal(last.status, 429);
    const q = await get(url, '/api/v1/office/violations', tok.wardB);
    assert.ok(q.json.violations.filter((v) => v.venue === id).length >= 9);
    const rep = await get(url, '/api/v1/office/report', tok.wardB);
    assert.ok(rep.json.areas[0].violations >= 9, 'reports count in the compliance report');
  });

  test('officers are managed in the office only for areas inside one\'s own, every change audited', async () => {
    const t = { wardA: tok.wardA, district: await login('district'), province: await login('province'), hanoi: await login('hanoi') };
    const names = async (role) => {
      const r = await get(url, '/api/v1/office/officers', t[role]);
      assert.equal(r.status, 200, r.text);
      return r.json.officers.map((o) => o.username).sort();
    };
    // A commune officer manages nobody: not beside (26743), not above (760), not their own commune.
    assert.deepEqual(await names('wardA'), []);
    for (const [level, area] of [['ward', '26743'], ['district', '760'], ['ward', '26740'], ['province', '01']]) {
      const r = await post(url, '/api/v1/office/officers', { username: `x-${area}`, level, area }, t.wardA);
      assert.equal(r.status, 403, `${level} ${area}: ${r.text}`);
    }
    // The district creates a commune officer; the password is shown once and works.
    const made = await post(url, '/api/v1/office/officers', { username: 'q1.bennghe', level: 'ward', area: '26740' }, t.district);
    assert.equal(made.status, 201, made.text);
    assert.equal(made.json.area.label, 'Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh');
    assert.equal((await post(url, '/api/v1/office/login', { username: 'q1.bennghe', password: made.json.password })).status, 200);
    assert.equal((await post(url, '/api/v1/office/officers', { username: 'q1.bennghe', level: 'ward', area: '26743' }, t.district)).status, 409);
    assert.equal((await post(url, '/api/v1/office/officers', { username: 'q1.x', level: 'district', area: '26743' }, t.district)).status, 400);
    assert.equal((await post(url, '/api/v1/office/officers', { username: 'Bad Name', level: 'ward', area: '26743' }, t.district)).status, 400);
    // Without a level (the office's picker sends none) the area's own level is taken.
    const byArea = await post(url, '/api/v1/office/officers', { username: 'q1.benthanh', area: '26743' }, t.district);
    assert.equal(byArea.status, 201, byArea.text);
    assert.equal(byArea.json.level, 'ward');
    assert.equal((await post(url, '/api/v1/office/officers', { username: 'q1.y', area: '99999' }, t.district)).status, 400);
    // Who sees whom: the district sees its communes' officers, not itself nor the province; Hà Nội sees none of them.
    assert.deepEqual(await names('district'), ['gen', 'locked', 'q1.bennghe', 'q1.benthanh', 'wardA', 'wardB']);  // gen: made by the CLI test above
    assert.ok((await names('province')).includes('district') && !(await names('province')).includes('hanoi'));
    assert.ok(!(await names('hanoi')).includes('q1.bennghe'));
    // Beside or below cannot touch them; answered like an unknown officer.
    assert.equal((await post(url, '/api/v1/office/officers/q1.bennghe/disable', {}, t.hanoi)).status, 404);
    assert.equal((await post(url, '/api/v1/office/officers/district/reset-password', {}, t.wardA)).status, 404);
    assert.equal((await post(url, '/api/v1/office/officers/province/disable', {}, t.district)).status, 404);
    // Reset: the old password stops working, the new one works; disable: no login, sessions end.
    const reset = await post(url, '/api/v1/office/officers/q1.bennghe/reset-password', {}, t.district);
    assert.equal(reset.status, 200, reset.text);
    assert.equal((await post(url, '/api/v1/office/login', { username: 'q1.bennghe', password: made.json.password })).status, 401);
    const session = (await post(url, '/api/v1/office/login', { username: 'q1.bennghe', password: reset.json.password })).json.token;
    assert.equal((await post(url, '/api/v1/office/officers/q1.bennghe/disable', {}, t.province)).status, 200);
    assert.equal((await get(url, '/api/v1/office/me', session)).status, 401);
    assert.equal((await post(url, '/api/v1/office/login', { username: 'q1.bennghe', password: reset.json.password })).status, 401);
    // Enable: the disabled officer logs in again with the password they had; beside cannot.
    assert.equal((await post(url, '/api/v1/office/officers/q1.bennghe/enable', {}, t.hanoi)).status, 404);
    assert.equal((await post(url, '/api/v1/office/officers/q1.bennghe/enable', {}, t.district)).status, 200);
    assert.equal((await post(url, '/api/v1/office/login', { username: 'q1.bennghe', password: reset.json.password })).status, 200);
    assert.equal((await get(url, '/api/v1/office/officers', t.district)).json.officers.find((o) => o.username === 'q1.bennghe').disabled, false);
    const audit = (await get(url, '/api/v1/office/audit', t.district)).json.entries.map((e) => `${e.action} ${e.target}`);
    assert.ok(audit.includes('create_officer officer:q1.bennghe') && audit.includes('reset_password officer:q1.bennghe'), audit.join('; '));
    assert.ok((await get(url, '/api/v1/office/audit', t.province)).json.entries.some((e) => e.action === 'disable_officer'));
    assert.ok(audit.includes('enable_officer officer:q1.bennghe'), audit.join('; '));
  });

  // Walked by a commune officer (session 7): a venue registered on 05/12 was listed "Chưa tuân
  // thủ" in week 48, before it existed. A venue counts from the week it was registered in (or
  // one in which it has scans: a station's clock set back still shows it was there).
  test('a venue counts only in the weeks it existed', async () => {
    const cur = (await get(url, '/api/v1/office/report', tok.district)).json;
    const [twoBack, lastWeek] = [cur.trend[5].week, cur.trend[6].week];
    const made = {};
    for (const name of ['Tiệm Mới Mở', 'Quán Giữa Tuần', 'Quán Đầu Tuần', 'Quán Đồng Hồ Lùi']) {
      const v = await registerVenue('district', { name, address: '3 Lý Tự Trọng', ward: '26734', category: 'restaurant',
        staffCount: 2, phone: '0281234567' });
      made[name] = v.id;
      venues[name] = { id: v.id, ward: '26734', staff: 2, owner: ['district'] };
    }
    // Registered in the middle of last week; at the very start of this week (last week's end).
    sql(`UPDATE venues SET registered_ms = ${cur.weekStartMs - 3 * DAY} WHERE venue_id = '${made['Quán Giữa Tuần']}'`);
    sql(`UPDATE venues SET registered_ms = ${cur.weekStartMs} WHERE venue_id = '${made['Quán Đầu Tuần']}'`);
    // Registered today, with a scan stamped last week.
    await send(made['Quán Đồng Hồ Lùi'], [{ key: '079099990001', ts: cur.weekStartMs - 2 * DAY }]);
    const report = async (week) => {
      const r = await get(url, `/api/v1/office/report?week=${week}`, tok.district);
      assert.equal(r.status, 200, r.text);
      const listed = r.json.nonComplying.filter((v) => made[v.name] === v.id).map((v) => `${v.name}: ${v.problem}`).sort();
      const fresh = r.json.newlyRegistered.filter((v) => made[v.name] === v.id).map((v) => v.name).sort();
      return { venues: r.json.areas.find((a) => a.code === '26734').venues, listed, fresh, areas: r.json.areas };
    };
    const now = await report(cur.week);
    assert.equal(now.venues, 4, 'this week: all four');
    // Session 16: those registered this week without a scan in it are newly registered, not listed.
    assert.deepEqual(now.listed, ['Quán Giữa Tuần: no_scans']);
    assert.deepEqual(now.fresh, ['Quán Đầu Tuần', 'Quán Đồng Hồ Lùi', 'Tiệm Mới Mở'].sort());
    const last = await report(lastWeek);
    assert.equal(last.venues, 2, 'last week: the one registered in it and the one with a scan in it');
    assert.deepEqual(last.listed, ['Quán Đồng Hồ Lùi: low_scans'], 'a scan: judged as any venue');
    assert.deepEqual(last.fresh, ['Quán Giữa Tuần'], 'registered in the middle of last week, no scan in it');
    const before = await report(twoBack);
    assert.equal(before.venues, 0, 'the week before: none of them');
    assert.deepEqual(before.listed, []);
    // The district's and the province's rows add the same venues as the ward's.
    const cityLast = (await get(url, `/api/v1/office/report?week=${lastWeek}`, tok.province)).json.areas;
    assert.equal(cityLast.find((a) => a.code === '26734').venues, 2);
    assert.equal(cityLast.find((a) => a.code === '760').venues, last.areas.find((a) => a.code === '760').venues);
    const csv = (await get(url, `/api/v1/office/report?week=${twoBack}&format=csv`, tok.district)).text;
    for (const name of Object.keys(made)) assert.ok(!csv.includes(name), `${name} is not in the CSV of a week before it existed`);
  });

  // Session 16: a venue registered minutes ago was listed "Không có lượt quét" in this week's
  // report and counted against its commune. Registered in the week with no scan yet, it is
  // "Mới đăng ký": counted apart in the JSON, the CSV, the XLSX and the print. And two listed
  // venues of one name read as one: each says its address (and its code when that is shared).
  test('a venue registered this week without a scan is newly registered, not non-complying; one name twice is told apart', async () => {
    const mk = async (name, address) => {
      const { id } = await registerVenue('district', { name, address, ward: '26749', category: 'restaurant', staffCount: 2,
        phone: '0281234567' });
      venues[`${name} ${id}`] = { id, ward: '26749', staff: 2, owner: ['district'] };
      return id;
    };
    const fresh = await mk('Quán Cơm Mới', '8 Bùi Viện');
    const twinA = await mk('Phở Bắc Hải', '10 Đề Thám');
    const twinB = await mk('Phở  bắc hải', '22 Đề Thám');  // the same name, typed in another case and spacing
    const twinC = await mk('Phở Bắc Hải', '10 Đề Thám');   // the same name and address: its code tells it
    const older = await mk('Quán Cũ', '1 Đề Thám');
    sql(`UPDATE venues SET registered_ms = registered_ms - ${2 * WEEK} WHERE venue_id IN ('${twinA}', '${twinB}', '${twinC}', '${older}')`);
    const r = await get(url, '/api/v1/office/report', tok.district);
    assert.equal(r.status, 200, r.text);
    const row = r.json.areas.find((a) => a.code === '26749');
    assert.deepEqual([row.venues, row.newlyRegistered, row.nonComplying], [5, 1, 4], JSON.stringify(row));
    assert.ok(r.json.areas[0].newlyRegistered >= 1, 'the district counts it too');
    const listed = r.json.nonComplying.filter((v) => v.ward === '26749');
    assert.ok(!listed.some((v) => v.id === fresh), 'registered this week, no scan yet: not listed as not complying');
    const today = new Date(Date.now() + VN).toISOString().slice(0, 10);
    assert.deepEqual(r.json.newlyRegistered.filter((v) => v.ward === '26749'),
      [{ id: fresh, name: 'Quán Cơm Mới', ward: '26749', address: '8 Bùi Viện', nameAside: '', registered: today }]);
    assert.deepEqual(Object.fromEntries(listed.map((v) => [v.id, v.nameAside])),
      { [twinA]: `10 Đề Thám · ${twinA}`, [twinB]: '22 Đề Thám', [twinC]: `10 Đề Thám · ${twinC}`, [older]: '' });
    // The files, in both languages: the area's count column, the venue's state and address.
    for (const [lang, state, heading, sheet] of [['vi', 'Mới đăng ký', 'Cơ sở mới đăng ký (chưa tính là chưa tuân thủ)', 'Moi dang ky'],
      ['en', 'Newly registered', 'Newly registered venues (not counted as not complying)', 'Newly registered']]) {
      const csv = (await get(url, `/api/v1/office/report?format=csv&lang=${lang}`, tok.district)).text.replace(/^\uFEFF/, '');
      const lines = csv.split('\r\n');
      const cut = lines.indexOf(heading);
      assert.ok(cut > 0, `${lang}: the CSV has its section of newly registered venues: ${csv}`);
      const freshRow = lines.findIndex((l) => l.startsWith(fresh + ','));
      assert.ok(freshRow > cut, `${lang}: the new venue only in that section`);
      assert.ok(lines[freshRow].endsWith(`,${state},0,0,,8 Bùi Viện`), lines[freshRow]);
      assert.ok(lines.find((l) => l.startsWith(twinB + ',')).endsWith(',22 Đề Thám'), 'the address column tells the twins apart');
      assert.equal(lines.find((l) => l.startsWith('26749,')).split(',').at(-1), '1', `${lang}: the ward's count`);
      const file = path.join(tmp.dir, `new-${lang}.xlsx`);
      fs.writeFileSync(file, (await get(url, `/api/v1/office/report?format=xlsx&lang=${lang}`, tok.district)).buf);
      const book = execFileSync('unzip', ['-p', file, 'xl/workbook.xml'], { encoding: 'utf8' });
      assert.ok(book.includes(`<sheet name="${sheet}"`), book);
      const cells = readXlsxCells(file, 4);
      const at = Object.keys(cells).find((k) => k.startsWith('A') && cells[k] === fresh)?.slice(1);
      assert.deepEqual([cells[`B${at}`], cells[`G${at}`], cells[`K${at}`]], ['Quán Cơm Mới', state, '8 Bùi Viện'], JSON.stringify(cells));
      assert.ok(!Object.values(readXlsxCells(file, 2)).includes(fresh), 'not on the sheet of those not complying');
      const summary = readXlsxCells(file, 1);
      const wardRow = Object.keys(summary).find((k) => k.startsWith('A') && summary[k] === '26749').slice(1);
      assert.equal(summary[`M${wardRow}`], 1, `${lang}: the summary's count`);
      const html = (await get(url, `/api/v1/office/report?format=html&lang=${lang}`, tok.district)).text;
      const headingAt = html.indexOf(`<h2>${heading}</h2>`);
      assert.ok(headingAt > 0 && html.indexOf('Quán Cơm Mới') > headingAt, `${lang}: the print lists it under its own heading`);
      assert.ok(html.includes(`<td class=t>${state}</td>`));
    }
    // A scan makes it a venue like any other: 1 scan for 2 staff is too few.
    await send(fresh, [{ key: '079099990077', ts: Date.now() - 60_000 }]);
    const scanned = (await get(url, '/api/v1/office/report', tok.district)).json;
    assert.equal(scanned.nonComplying.find((v) => v.id === fresh)?.problem, 'low_scans');
    assert.ok(!scanned.newlyRegistered.some((v) => v.id === fresh));
  });

  // Session 16: the report's "unverified" lines (self-registered venues) gave no second line
  // when another listed venue had the same name, as the other lists do: two "Bánh Mì Như Lan",
  // one self-registered and complying, one not complying, read as one venue.
  test('an unverified venue of a listed name is told apart by its address', async () => {
    const mk = async (name, address) => {
      const { id } = await registerVenue('district', { name, address, ward: '26749', category: 'restaurant', staffCount: 1,
        phone: '0281234567' });
      venues[`${name} ${id}`] = { id, ward: '26749', staff: 1, owner: ['district'] };
      return id;
    };
    const own = await mk('Bánh Mì Như Lan', '5 Lý Tự Trọng');
    const other = await mk('Bánh mì  Như Lan', '66 Hàm Nghi');
    const alone = await mk('Tiệm Trà Sữa Một Mình', '7 Lý Tự Trọng');
    sql(`UPDATE venues SET registered_ms = registered_ms - ${2 * WEEK} WHERE venue_id IN ('${own}', '${other}', '${alone}')`);
    sql(`UPDATE venues SET verification = 'self' WHERE venue_id IN ('${own}', '${alone}')`);
    try {
      await send(own, [{ key: '079099990078', ts: Date.now() - 60_000 }]);  // 1 scan, 1 staff: complying
      const r = (await get(url, '/api/v1/office/report', tok.district)).json;
      assert.ok(!r.nonComplying.some((v) => v.id === own), 'complying: only in the unverified list');
      assert.deepEqual(Object.fromEntries(r.unverified.filter((v) => [own, alone].includes(v.id)).map((v) => [v.id, [v.address, v.nameAside]])),
        { [own]: ['5 Lý Tự Trọng', '5 Lý Tự Trọng'], [alone]: ['7 Lý Tự Trọng', ''] });
      assert.equal(r.nonComplying.find((v) => v.id === other)?.nameAside, '66 Hàm Nghi', 'the venue of the same name says its address too');
    } finally {
      sql(`UPDATE venues SET verification = 'verified' WHERE venue_id IN ('${own}', '${alone}')`);
    }
  });

  // Session 9: a venue's validity (an event's, a seasonal market's: `validFrom`/`validTo`) did
  // not move the weeks it counts in: a fair that closed two weeks ago read "Chưa tuân thủ" every
  // week since, and one not yet open read it before it opened.
  test('a venue counts only in the weeks it was open (validFrom/validTo)', async () => {
    const cur = (await get(url, '/api/v1/office/report', tok.district)).json;
    const [twoBack, lastWeek] = [cur.trend[5].week, cur.trend[6].week];
    const lastStart = cur.weekStartMs - WEEK, twoBackStart = cur.weekStartMs - 2 * WEEK;
    const events = {
      'Hội Chợ Đã Đóng': { validFrom: twoBackStart - 10 * WEEK, validTo: twoBackStart + 3 * DAY },
      'Lễ Hội Sắp Mở': { validFrom: lastStart + 3 * DAY },
      'Sự Kiện Ba Ngày': { validFrom: lastStart + 2 * DAY, validTo: lastStart + 5 * DAY },
      'Đóng Đầu Tuần': { validFrom: twoBackStart - WEEK, validTo: lastStart },  // closed as last week began
      'Chợ Tết Muộn': { validFrom: cur.weekStartMs + 30 * DAY },
    };
    const made = {};
    for (const [name, validity] of Object.entries(events)) {
      const v = await registerVenue('district', { name, address: '5 Đinh Tiên Hoàng', ward: '26737', category: 'market',
        staffCount: 1, phone: '0281234567', ...validity });
      made[name] = v.id;
      venues[name] = { id: v.id, ward: '26737', staff: 1, owner: ['district'] };
    }
    // Registered long ago: only the validity decides.
    sql(`UPDATE venues SET registered_ms = ${twoBackStart - 12 * WEEK} WHERE ward_code = '26737'`);
    const report = async (week, format = '') => {
      const r = await get(url, `/api/v1/office/report?week=${week}${format}`, tok.district);
      assert.equal(r.status, 200, r.text);
      if (format) return r.text;
      const listed = r.json.nonComplying.filter((v) => made[v.name] === v.id).map((v) => v.name).sort();
      return { venues: r.json.areas.find((a) => a.code === '26737').venues, listed };
    };
    assert.deepEqual(await report(twoBack), { venues: 2, listed: ['Hội Chợ Đã Đóng', 'Đóng Đầu Tuần'].sort() });
    assert.deepEqual(await report(lastWeek), { venues: 2, listed: ['Lễ Hội Sắp Mở', 'Sự Kiện Ba Ngày'].sort() });
    assert.deepEqual(await report(cur.week), { venues: 1, listed: ['Lễ Hội Sắp Mở'] });
    const csv = await report(cur.week, '&format=csv');
    for (const name of ['Hội Chợ Đã Đóng', 'Sự Kiện Ba Ngày', 'Chợ Tết Muộn']) assert.ok(!csv.includes(name), `${name} is not in this week's CSV`);
    // A station whose venue closed but still scans (a late closing date): there, whatever the record says.
    await send(made['Hội Chợ Đã Đóng'], [{ key: '079099990002', ts: lastStart + DAY }]);
    const after = await report(lastWeek);
    assert.equal(after.venues, 3);
    assert.deepEqual(after.listed, ['Lễ Hội Sắp Mở', 'Sự Kiện Ba Ngày'].sort(), 'its one scan for its one staff member complies');
  });

  // Session 12: an area whose venues declared no staff said "chưa khai báo" on screen and in
  // the files, but the JSON gave `staff: 0`, read by a program as "counted, none". It is null;
  // an area without venues still has 0, and one where some venue declared keeps the sum.
  test('report JSON: an area whose venues declared no staff has staff null, not 0', async () => {
    const chuaKhai = await registerVenue('hanoi', { name: 'Quán Chưa Khai', address: '2 Phó Đức Chính', ward: '00004',
      category: 'restaurant', phone: '0241234567' });
    sql(`UPDATE venues SET registered_ms = registered_ms - ${2 * WEEK} WHERE venue_id = '${chuaKhai.id}'`);
    const r = await get(url, '/api/v1/office/report', tok.hanoi);
    assert.equal(r.status, 200, r.text);
    const rows = Object.fromEntries(r.json.areas.map((a) => [a.code, a]));
    assert.equal(rows['00004'].venues, 1);
    assert.equal(rows['00004'].staff, null, 'its only venue declared no staff');
    assert.equal(rows['00004'].scansPerStaff, null);
    assert.equal(rows['001'].staff, null, 'Ba Đình: the same venue, the same unknown');
    assert.equal(rows['01'].staff, 2, 'Hà Nội: Hồ Gươm Café declared 2');
    assert.equal(rows['00001'].venues, 0);
    assert.equal(rows['00001'].staff, 0, 'no venue: truly none');
    // Session 13: the same venue in the list of those not complying said staff 0 as well.
    const listed = r.json.nonComplying.find((v) => v.name === 'Quán Chưa Khai');
    assert.ok(listed, `it scans nothing, so it is listed: ${JSON.stringify(r.json.nonComplying.map((v) => v.name))}`);
    assert.equal(listed.staff, null, 'a venue that declared no staff: null, not 0');
    const declared = r.json.nonComplying.find((v) => v.staff !== null);
    if (declared) assert.ok(Number.isInteger(declared.staff) && declared.staff > 0, JSON.stringify(declared));
  });

  test('failed logins are limited per username; sessions end at logout', async () => {
    for (let i = 0; i < 5; ++i) {
      const r = await post(url, '/api/v1/office/login', { username: 'locked', password: 'sai-mat-khau' });
      assert.equal(r.status, 401);
      assert.equal(r.json.error.message, 'Wrong username or password.');
    }
    const r = await post(url, '/api/v1/office/login', { username: 'locked', password: PASSWORD });
    assert.equal(r.status, 429);
    const unknown = await post(url, '/api/v1/office/login', { username: 'nobody', password: 'x' });
    assert.equal(unknown.status, 401);
    assert.equal(unknown.json.error.message, 'Wrong username or password.');
    const t = await login('wardB');
    assert.equal((await post(url, '/api/v1/office/logout', {}, t)).status, 200);
    assert.equal((await get(url, '/api/v1/office/me', t)).status, 401);
  });
});
