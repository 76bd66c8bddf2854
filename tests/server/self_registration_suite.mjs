// Venues that register themselves, against the real server on SQLite (or PostgreSQL with
// DQ_OFFICE_DB=postgres and DQ_PG_URL): a registration answers with the owner key and one
// station code per scan point and nothing personal; the owner key opens that venue only; the
// limits per network address and per phone; duplicates in a commune flagged to its officer;
// confirm/reject audited and only inside the officer's area; the weekly report counts the venue
// as unverified until confirmed. Bad input writes nothing. Run by scripts/test.d/60-office-server.sh.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { BIN, tempDir, startServer, post, enroll, upload } from './harness.mjs';
import { importAreas } from './areas_fixture.mjs';

const PASSWORD = 'mat-khau-thu-nghiem';
const dbKind = process.env.DQ_OFFICE_DB === 'postgres' ? 'postgres' : 'sqlite';

async function get(url, p, token) {
  const res = await fetch(url + p, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const buf = Buffer.from(await res.arrayBuffer());
  let json = null;
  try { json = JSON.parse(buf.toString('utf8')); } catch { /* not JSON */ }
  return { status: res.status, json, text: buf.toString('utf8'), buf, type: res.headers.get('content-type') };
}

// Each registration from its own loopback address (127.0.0.0/8 all reaches the server), as
// owners come from their own phones; the limit per address is tested on its own.
let ipSeq = 10;
const nextIp = () => `127.0.${Math.floor(++ipSeq / 250)}.${(ipSeq % 250) + 2}`;
function register(url, body, localAddress = nextIp()) {
  return new Promise((resolve, reject) => {
    const data = Buffer.from(JSON.stringify(body));
    const req = http.request(url + '/api/v1/self-registrations', { method: 'POST', localAddress,
      headers: { 'content-type': 'application/json', 'content-length': data.length } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json = null;
        try { json = JSON.parse(text); } catch { /* not JSON */ }
        resolve({ status: res.statusCode, json, text });
      });
    });
    req.on('error', reject);
    req.end(data);
  });
}

const venue = (extra = {}) => ({
  name: 'Quán Phở Hòa', address: '12 Lê Lợi', ward: '26740', category: 'restaurant', staffCount: 3,
  phone: '0903 123 456', scanPoints: ['Cổng chính', 'Cửa sau'], ...extra,
});

describe(`self-registration (${dbKind})`, () => {
  let tmp, db, server, url;
  const tok = {};
  const count = (sql) => {
    if (dbKind === 'postgres')
      return Number(execFileSync(process.env.DQ_PSQL ?? 'psql', [process.env.DQ_PG_URL, '-qtA', '-c', sql], { encoding: 'utf8' }).trim());
    return Number(execFileSync('sqlite3', [db.slice(7), sql], { encoding: 'utf8' }).trim());
  };
  const venues = () => count('SELECT COUNT(*) FROM venues');

  before(async () => {
    tmp = tempDir();
    if (dbKind === 'postgres') {
      db = `postgres:${process.env.DQ_PG_URL}`;
      execFileSync(process.env.DQ_PSQL ?? 'psql', [process.env.DQ_PG_URL, '-q', '-c', 'DROP SCHEMA public CASCADE; CREATE SCHEMA public;']);
    } else {
      db = `sqlite:${path.join(tmp.dir, 'self.db')}`;
    }
    importAreas(BIN, db);
    for (const [u, level, area] of [['bennghe', 'ward', '26740'], ['benthanh', 'ward', '26743'], ['q1', 'district', '760']])
      execFileSync(BIN, ['admin', 'create-officer', '--username', u, '--level', level, '--area', area, '--db', db], { input: PASSWORD + '\n' });
    server = await startServer(db);
    url = server.url;
    for (const u of ['bennghe', 'benthanh', 'q1'])
      tok[u] = (await post(url, '/api/v1/office/login', { username: u, password: PASSWORD })).json.token;
  });
  after(async () => { await server?.kill(); tmp?.cleanup(); });

  test('a registration answers with the owner key and a code per scan point, nothing personal', async () => {
    const r = await register(url, venue());
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.venue.status, 'self');
    assert.equal(r.json.venue.ward.label, 'Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh');
    assert.deepEqual(r.json.scanPoints.map((p) => p.name), ['Cổng chính', 'Cửa sau']);
    assert.equal(r.json.codes.length, 2);
    assert.match(r.json.ownerKey, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
    assert.ok(!r.text.includes('903'), 'the phone is not in the public answer');
    // The key is stored as a hash only.
    assert.equal(count(`SELECT COUNT(*) FROM venue_owners WHERE key_hash = '${r.json.ownerKey}'`), 0);
    // A code enrolls a station at that venue.
    const station = await enroll(url, r.json.codes[0], 'st-self-1');
    const up = await upload(url, station, 'st-self-1', [{ device: 'st-self-1', seq: 1, venue: r.json.venue.id, scanPoint: 'p1',
      kind: 'cccd', personKey: '079090000001', name: 'Khách', phone: '', birthYear: 1990, dir: 'in', ts: Date.now() - 60_000, tz: 420, voided: false }]);
    assert.equal(up.status, 200, up.text);
    // The commune's report counts it, marked unverified, with its check-in.
    const rep = (await get(url, '/api/v1/office/report', tok.bennghe)).json;
    assert.equal(rep.areas[0].unverified, 1);
    assert.deepEqual(rep.unverified.map((v) => [v.id, v.scans]), [[r.json.venue.id, 1]]);
  });

  test('the owner key opens that venue only: view, posters per scan point, scan points, codes', async () => {
    const a = (await register(url, venue({ name: 'Tiệm Vàng Kim', address: '5 Đồng Khởi', phone: '0911000001' }))).json;
    const b = (await register(url, venue({ name: 'Nhà Sách Cũ', address: '7 Đồng Khởi', phone: '0911000002' }))).json;
    const view = await get(url, '/api/v1/owner/venue', a.ownerKey);
    assert.equal(view.status, 200, view.text);
    assert.equal(view.json.id, a.venue.id);
    assert.equal(view.json.status, 'self');
    // Typed in lower case, without dashes: still that key.
    assert.equal((await get(url, '/api/v1/owner/venue', a.ownerKey.toLowerCase().replaceAll('-', ''))).json.id, a.venue.id);
    const pdf = await get(url, '/api/v1/owner/posters?point=p2', a.ownerKey);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.type, 'application/pdf');
    assert.equal(pdf.buf.subarray(0, 5).toString(), '%PDF-');
    assert.equal((await get(url, '/api/v1/owner/posters?point=p9', a.ownerKey)).status, 404);
    const added = await post(url, '/api/v1/owner/scan-points', { name: 'Cửa hông' }, a.ownerKey);
    assert.equal(added.status, 201, added.text);
    assert.equal(added.json.id, 'p3');
    assert.equal(added.json.codes.length, 1);
    assert.equal((await post(url, '/api/v1/owner/codes', { count: 2 }, a.ownerKey)).json.codes.length, 2);
    assert.equal((await post(url, '/api/v1/owner/codes', { count: 50 }, a.ownerKey)).status, 400);
    // B's key shows B, never A; a made-up key opens nothing; the office API does not take it.
    assert.equal((await get(url, '/api/v1/owner/venue', b.ownerKey)).json.id, b.venue.id);
    assert.equal((await get(url, '/api/v1/owner/venue', 'AAAA-BBBB-CCCC-DDDD')).status, 401);
    assert.equal((await get(url, `/api/v1/office/venues/${a.venue.id}`, a.ownerKey)).status, 401);
    assert.equal((await get(url, '/api/v1/owner/venue')).status, 401);
  });

  test('bad input everywhere: a clear error, nothing written', async () => {
    const before = venues();
    const cases = [
      [{ ward: '99999' }, 'unknown_ward'], [{ ward: '760' }, 'unknown_ward'], [{ name: 'x'.repeat(201) }, 'bad_name'],
      [{ name: '' }, 'bad_name'], [{ address: '' }, 'bad_address'], [{ category: 'casino' }, 'bad_category'],
      [{ staffCount: -1 }, 'bad_staff_count'], [{ staffCount: '5' }, 'bad_staff_count'], [{ phone: '12345' }, 'bad_phone'],
      [{ phone: '=HYPERLINK("x")' }, 'bad_phone'], [{ scanPoints: [] }, 'bad_scan_points'], [{ scanPoints: [''] }, 'bad_scan_points'],
      [{ scanPoints: Array(21).fill('Cổng') }, 'bad_scan_points'], [{ name: 'Quán\u0007' }, 'bad_name'],
    ];
    for (const [extra, code] of cases) {
      const r = await register(url, venue(extra));
      assert.equal(r.status, 400, `${JSON.stringify(extra)}: ${r.text}`);
      assert.equal(r.json.error.code, code, JSON.stringify(extra));
      assert.ok(r.json.error.message.length > 10);
    }
    assert.equal(venues(), before);
  });

  test('a flood: limited per network address and per phone, nothing written beyond', async () => {
    const ip = '127.0.3.7';
    const before = venues();
    const answers = [];
    for (let i = 0; i < 8; ++i)
      answers.push((await register(url, venue({ name: `Quầy ${i}`, phone: `09220000${10 + i}` }), ip)).status);
    assert.deepEqual(answers, [201, 201, 201, 201, 201, 429, 429, 429]);
    assert.equal(venues(), before + 5);
    // One phone, many addresses: three a day.
    const phone = [];
    for (let i = 0; i < 5; ++i)
      phone.push((await register(url, venue({ name: `Sạp ${i}`, phone: '+84 933 000 111' }))).status);
    assert.deepEqual(phone, [201, 201, 201, 429, 429]);
    assert.equal(venues(), before + 8);
  });

  test('duplicates in the commune are flagged to its officer; confirm and reject are audited, inside the area only', async () => {
    const first = (await register(url, venue({ name: 'Bánh Mì Huỳnh Hoa', address: '26 Lê Thị Riêng', ward: '26743', phone: '0944000001' }))).json;
    // The same place again, typed without marks and in capitals: flagged, not refused.
    const again = await register(url, venue({ name: 'BANH MI HUYNH HOA', address: '26 le thi rieng', ward: '26743', phone: '0944000002' }));
    assert.equal(again.status, 201);
    const list = await get(url, '/api/v1/office/self-registrations', tok.benthanh);
    assert.equal(list.status, 200, list.text);
    const mine = list.json.venues.find((v) => v.id === again.json.venue.id);
    assert.deepEqual(mine.sameAs, [first.venue.id]);
    assert.equal(mine.phone, '0944000002', 'the commune officer sees the contact phone');
    // Bến Nghé's officer does not see Bến Thành's registrations, nor can decide them.
    assert.ok(!(await get(url, '/api/v1/office/self-registrations', tok.bennghe)).json.venues.some((v) => v.id === first.venue.id));
    assert.equal((await post(url, `/api/v1/office/venues/${first.venue.id}/verify`, { decision: 'confirm' }, tok.bennghe)).status, 404);
    assert.equal((await post(url, `/api/v1/office/venues/${first.venue.id}/verify`, { decision: 'reject' }, tok.benthanh)).status, 400, 'a rejection needs a reason');
    assert.equal((await post(url, `/api/v1/office/venues/${first.venue.id}/verify`, { decision: 'maybe' }, tok.benthanh)).status, 400);
    assert.equal((await post(url, `/api/v1/office/venues/${first.venue.id}/verify`, { decision: 'confirm' }, tok.benthanh)).status, 200);
    assert.equal((await post(url, `/api/v1/office/venues/${again.json.venue.id}/verify`, { decision: 'reject', note: 'Trùng với cơ sở đã có' }, tok.q1)).status, 200);
    // Decided once: a second decision finds nothing awaiting review.
    assert.equal((await post(url, `/api/v1/office/venues/${first.venue.id}/verify`, { decision: 'reject', note: 'đổi ý' }, tok.benthanh)).status, 404);
    assert.equal((await get(url, '/api/v1/owner/venue', first.ownerKey)).json.status, 'verified');
    assert.equal((await get(url, '/api/v1/owner/venue', again.json.ownerKey)).json.status, 'rejected');
    assert.equal((await get(url, '/api/v1/owner/posters', again.json.ownerKey)).status, 403);
    // Each officer's own audit trail holds their decision.
    const trail = async (who) => (await get(url, '/api/v1/office/audit', tok[who])).json.entries.map((e) => `${e.action} ${e.target} ${e.reason}`.trim());
    assert.ok((await trail('benthanh')).includes(`confirm_venue ${first.venue.id}`), (await trail('benthanh')).join('; '));
    assert.ok((await trail('q1')).includes(`reject_venue ${again.json.venue.id} Trùng với cơ sở đã có`), (await trail('q1')).join('; '));
    // The report: the confirmed venue no longer unverified, the rejected one not counted.
    const rep = (await get(url, '/api/v1/office/report', tok.benthanh)).json;
    assert.ok(!rep.unverified.some((v) => v.id === first.venue.id));
    assert.ok(!rep.unverified.some((v) => v.id === again.json.venue.id));
  });

  test('a rejected venue: its owner reads the reason; its stations can no longer upload nor print posters', async () => {
    const reg = (await register(url, venue({ name: 'Quán Nhậu Ma', address: '1 Không Có', phone: '0955000001' }))).json;
    const other = (await register(url, venue({ name: 'Quán Nhậu Thật', address: '3 Có Thật', phone: '0955000002' }))).json;
    const station = await enroll(url, reg.codes[0], 'st-rej-1');
    const good = await enroll(url, other.codes[0], 'st-rej-2');
    const rec = (device, venueId, seq) => ({ device, seq, venue: venueId, scanPoint: 'p1', kind: 'cccd', personKey: `07909000${1000 + seq}`,
      name: 'Khách', phone: '', birthYear: 1990, dir: 'in', ts: Date.now() - 60_000, tz: 420, voided: false });
    assert.equal((await upload(url, station, 'st-rej-1', [rec('st-rej-1', reg.venue.id, 1)])).status, 200, 'uploads while awaiting review');
    const before = count(`SELECT COUNT(*) FROM check_ins WHERE venue_id = '${reg.venue.id}'`);
    const note = 'Địa chỉ không có thật';
    assert.equal((await post(url, `/api/v1/office/venues/${reg.venue.id}/verify`, { decision: 'reject', note }, tok.bennghe)).status, 200);
    const view = (await get(url, '/api/v1/owner/venue', reg.ownerKey)).json;
    assert.deepEqual([view.status, view.reason], ['rejected', note]);
    const refused = await upload(url, station, 'st-rej-1', [rec('st-rej-1', reg.venue.id, 2)]);
    assert.equal(refused.status, 403, refused.text);
    assert.equal(JSON.parse(refused.text).error.code, 'venue_rejected');
    assert.equal(count(`SELECT COUNT(*) FROM check_ins WHERE venue_id = '${reg.venue.id}'`), before, 'nothing stored');
    const poster = await get(url, `/api/v1/venues/${reg.venue.id}/posters`, station);
    assert.equal(poster.status, 403, poster.text);
    assert.equal(poster.json.error.code, 'venue_rejected');
    assert.equal((await get(url, '/api/v1/owner/posters?point=p1', reg.ownerKey)).json.error.code, 'venue_rejected');
    // Nor the commune office: the officer's poster download refuses it the same way.
    const atOffice = await get(url, `/api/v1/office/venues/${reg.venue.id}/posters.pdf`, tok.bennghe);
    assert.deepEqual([atOffice.status, atOffice.json?.error?.code], [403, 'venue_rejected'], atOffice.text);
    // A second station holding a code issued before the rejection cannot enroll; the code stays unused.
    const devices = () => count(`SELECT COUNT(*) FROM devices WHERE venue_id = '${reg.venue.id}'`);
    const devicesBefore = devices();
    const late = await post(url, '/api/v1/enroll', { code: reg.codes[1], device: 'st-rej-3' });
    assert.equal(late.status, 403, late.text);
    assert.equal(late.json.error.code, 'venue_rejected');
    assert.equal(devices(), devicesBefore, 'no device bound');
    assert.equal(count(`SELECT COUNT(*) FROM enrollment_codes WHERE venue_id = '${reg.venue.id}' AND used_ms IS NULL`), 1);
    // Another venue of the commune is not touched.
    assert.equal((await upload(url, good, 'st-rej-2', [rec('st-rej-2', other.venue.id, 1)])).status, 200);
    assert.equal((await get(url, '/api/v1/owner/venue', other.ownerKey)).json.reason, '');
  });
});
