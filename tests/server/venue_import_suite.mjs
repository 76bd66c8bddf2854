// An officer's venue list imported in bulk (issue 14, item 6), against the real server on SQLite
// (or PostgreSQL with DQ_OFFICE_DB=postgres and DQ_PG_URL): the check writes nothing and lists
// every bad row with its number; the import writes all rows or none, audited; a second import of
// the same file finds every venue already there; communes outside the officer's area refused;
// CSV (comma or semicolon, NFD text, BOM) and XLSX (shared strings, a phone stored as a number);
// bounded files. Run by scripts/test.d/60-office-server.sh.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { BIN, tempDir, startServer, post, officeTestDb } from './harness.mjs';
import { importAreas } from './areas_fixture.mjs';
import { csv, xlsx, IMPORT_HEADER } from './sheet_files.mjs';

const PASSWORD = 'mat-khau-thu-nghiem';
const dbKind = process.env.DQ_OFFICE_DB === 'postgres' ? 'postgres' : 'sqlite';

async function send(url, p, token, body, method = 'POST') {
  const headers = token ? { authorization: `Bearer ${token}` } : {};
  const res = await fetch(url + p, { method, headers, body: method === 'GET' ? undefined : body });
  const buf = Buffer.from(await res.arrayBuffer());
  let json = null;
  try { json = JSON.parse(buf.toString('utf8')); } catch { /* not JSON */ }
  return { status: res.status, json, buf, text: buf.toString('utf8'), type: res.headers.get('content-type') };
}
const check = (url, token, file) => send(url, '/api/v1/office/venue-imports/check', token, file);
const importFile = (url, token, file) => send(url, '/api/v1/office/venue-imports', token, file);
const codes = (r) => r.json.errors.map((e) => [e.row, e.code]);

describe(`venue import (${dbKind})`, () => {
  let tmp, db, sql, server, url;
  const tok = {};
  const venues = () => Number(sql('SELECT COUNT(*) FROM venues'));
  const points = () => Number(sql('SELECT COUNT(*) FROM scan_points'));

  before(async () => {
    tmp = tempDir();
    ({ db, sql } = officeTestDb(tmp.dir, 'import.db'));
    importAreas(BIN, db);
    for (const [u, level, area] of [['bennghe', 'ward', '26740'], ['q1', 'district', '760']])
      execFileSync(BIN, ['admin', 'create-officer', '--username', u, '--level', level, '--area', area, '--db', db], { input: PASSWORD + '\n' });
    server = await startServer(db);
    url = server.url;
    for (const u of ['bennghe', 'q1'])
      tok[u] = (await post(url, '/api/v1/office/login', { username: u, password: PASSWORD })).json.token;
  });
  after(async () => { await server?.kill(); tmp?.cleanup(); });

  // Semicolons (as Excel saves CSV in Vietnamese settings), a byte-order mark, decomposed
  // Vietnamese (NFD, as some keyboards send it), communes by name without marks and by code.
  const goodCsv = csv([
    IMPORT_HEADER,
    ['Quán Cơm Tấm Ba Ghiền'.normalize('NFD'), '84 Đặng Văn Ngữ', 'ben thanh', 'Nhà hàng, quán ăn', '6', '0903 111 222', 'Cổng chính; Cửa sau'],
    ['Chợ Bến Thành', 'Lê Lợi', '26743', 'chợ', '120', '', ''],
    ['Tiệm Thuốc Tây Số 5', '5 Nguyễn Huệ', 'Phường Bến Nghé', '', '', '', ''],
  ], { sep: ';', bom: true });

  test('the check lists what would be imported and writes nothing; the import writes it all, audited', async () => {
    const before = venues();
    const c = await check(url, tok.q1, goodCsv);
    assert.equal(c.status, 200, c.text);
    assert.deepEqual(c.json.errors, []);
    assert.equal(c.json.ready, true);
    assert.equal(c.json.rows, 3);
    assert.deepEqual(c.json.venues.map((v) => [v.row, v.name, v.ward.code, v.category, v.staffCount]), [
      [2, 'Quán Cơm Tấm Ba Ghiền', '26743', 'restaurant', 6],
      [3, 'Chợ Bến Thành', '26743', 'market', 120],
      [4, 'Tiệm Thuốc Tây Số 5', '26740', 'other', 0],
    ]);
    assert.deepEqual(c.json.venues[0].scanPoints, ['Cổng chính', 'Cửa sau']);
    assert.deepEqual(c.json.venues[1].scanPoints, ['Cổng chính']);
    assert.equal(venues(), before, 'a check writes nothing');

    const r = await importFile(url, tok.q1, goodCsv);
    assert.equal(r.status, 201, r.text);
    assert.equal(r.json.imported, 3);
    assert.equal(venues(), before + 3);
    const list = (await send(url, '/api/v1/office/venues?ward=26743', tok.q1, undefined, 'GET')).json.venues;
    const com = list.find((v) => v.name === 'Quán Cơm Tấm Ba Ghiền');
    assert.ok(com, 'the imported venue is in the office list, its name in NFC');
    const detail = (await send(url, `/api/v1/office/venues/${com.id}`, tok.q1, undefined, 'GET')).json;
    assert.equal(detail.phone, '0903111222');
    assert.deepEqual(detail.scanPoints.map((p) => p.name), ['Cổng chính', 'Cửa sau']);
    assert.equal(detail.district, '760');
    const audit = (await send(url, '/api/v1/office/audit', tok.q1, undefined, 'GET')).json.entries;
    assert.equal(audit[0].action, 'import_venues');
    assert.match(audit[0].detail, /^3 venues; file sha256 [0-9a-f]{16}$/);
  });

  test('a second import of the same file finds every venue already registered and writes nothing', async () => {
    const before = [venues(), points()];
    const c = await check(url, tok.q1, goodCsv);
    assert.deepEqual(codes(c), [[2, 'duplicate_in_db'], [3, 'duplicate_in_db'], [4, 'duplicate_in_db']]);
    assert.equal(c.json.ready, false);
    assert.match(c.json.errors[0].venueId, /^26743-/);
    const r = await importFile(url, tok.q1, goodCsv);
    assert.equal(r.status, 422, r.text);
    assert.equal(r.json.error.code, 'rows_invalid');
    assert.deepEqual([venues(), points()], before);
  });

  test('every kind of bad row is reported with its row number; nothing is imported, not even the good rows', async () => {
    const before = [venues(), points()];
    const file = csv([
      IMPORT_HEADER,
      ['Quán Mới Một', '1 Hai Bà Trưng', 'Đa Kao', 'restaurant', '3', '0903000001', ''],  // good
      ['', '2 Hai Bà Trưng', 'Đa Kao', '', '', '', ''],
      ['x'.repeat(201), '', 'Đa Kao', '', '', '', ''],
      ['Quán Không Xã', '', '', '', '', '', ''],
      ['Quán Xã Lạ', '', 'Phường Không Có', '', '', '', ''],
      ['Quán Ba Đình', '', 'Phúc Xá', '', '', '', ''],
      ['Quán Mã Lạ', '', '99999', '', '', '', ''],
      ['Sòng Bạc', '', 'Đa Kao', 'casino', '', '', ''],
      ['Quán Đông Người', '', 'Đa Kao', '', 'nhiều', '', ''],
      ['Quán Số Lạ', '', 'Đa Kao', '', '', '12345', ''],
      ['Quán Cổng Dài', '', 'Đa Kao', '', '', '', 'c'.repeat(101)],
      ['quán mới một', '', 'da kao', '', '', '', ''],  // the same name as row 2, folded
      ['Quán Địa Chỉ Dài', 'd'.repeat(301), 'Đa Kao', '', '', '', ''],
      ['Quán Công Thức', '', 'Đa Kao', '', '', '=HYPERLINK("x")', ''],
    ]);
    const c = await check(url, tok.q1, file);
    assert.equal(c.status, 200, c.text);
    assert.deepEqual(codes(c), [
      [3, 'name_missing'], [4, 'name_too_long'], [5, 'commune_missing'], [6, 'commune_unknown'],
      [7, 'commune_outside_area'], [8, 'commune_unknown'], [9, 'category_unknown'], [10, 'staff_bad'],
      [11, 'phone_bad'], [12, 'scan_point_too_long'], [13, 'duplicate_in_file'], [14, 'address_too_long'],
      [15, 'phone_bad'],
    ]);
    assert.equal(c.json.errors.find((e) => e.row === 13).sameAsRow, 2);
    assert.equal(c.json.errors.find((e) => e.row === 7).commune.code, '00001');
    assert.equal(c.json.valid, 1);
    assert.equal(c.json.ready, false);
    const r = await importFile(url, tok.q1, file);
    assert.equal(r.status, 422);
    assert.equal(r.json.errors.length, 13);
    assert.deepEqual([venues(), points()], before, 'nothing written, not even row 2');
  });

  test('an officer cannot import into a commune outside their area', async () => {
    const before = venues();
    const file = csv([IMPORT_HEADER, ['Nhà Hàng Sông Sài Gòn', '', 'Bến Thành', '', '', '', ''], ['Nhà Hàng Bến Nghé', '', '26740', '', '', '', '']]);
    const c = await check(url, tok.bennghe, file);
    assert.deepEqual(codes(c), [[2, 'commune_outside_area']]);
    assert.equal((await importFile(url, tok.bennghe, file)).status, 422);
    assert.equal(venues(), before);
    // Without a session: refused before the file is read.
    assert.equal((await check(url, '', file)).status, 401);
    assert.equal((await importFile(url, 'not-a-session', file)).status, 401);
    assert.equal(venues(), before);
  });

  test('XLSX: shared strings, a phone stored as a number, a sheet part found through the workbook', async () => {
    const before = venues();
    const file = xlsx([
      IMPORT_HEADER,
      ['Khách Sạn Hoa Sen', '12 Tôn Đức Thắng', 'Phường Bến Nghé', 'Khách sạn, nhà nghỉ', 25, 909123456, 'Sảnh; Bãi xe'],
      ['Trường Mầm Non Tân Định', '', 'tan dinh', 'Trường học', 40, '', ''],
    ]);
    const c = await check(url, tok.q1, file);
    assert.equal(c.status, 200, c.text);
    assert.deepEqual(c.json.errors, []);
    assert.deepEqual(c.json.venues.map((v) => [v.name, v.ward.code, v.category, v.staffCount, v.phone]), [
      ['Khách Sạn Hoa Sen', '26740', 'hotel', 25, '0909123456'],
      ['Trường Mầm Non Tân Định', '26734', 'school', 40, ''],
    ]);
    assert.equal((await importFile(url, tok.q1, file)).status, 201);
    assert.equal(venues(), before + 2);
    assert.deepEqual(codes(await check(url, tok.q1, file)), [[2, 'duplicate_in_db'], [3, 'duplicate_in_db']]);
  });

  test('the templates download and read back as an empty list with the right columns', async () => {
    const t = await send(url, '/api/v1/office/venue-imports/template?format=csv', tok.q1, undefined, 'GET');
    assert.equal(t.status, 200);
    assert.match(t.text, /^\uFEFFTên cơ sở,Địa chỉ,Phường\/xã/);
    const x = await send(url, '/api/v1/office/venue-imports/template?format=xlsx', tok.q1, undefined, 'GET');
    assert.equal(x.status, 200);
    assert.equal(x.buf.subarray(0, 2).toString(), 'PK');
    for (const file of [t.buf, x.buf]) {
      const c = await check(url, tok.q1, file);
      assert.equal(c.status, 200, c.text);
      assert.deepEqual([c.json.rows, c.json.errors, c.json.ready], [0, [], false]);
      assert.equal((await importFile(url, tok.q1, file)).json.error.code, 'empty_file');
    }
    assert.equal((await send(url, '/api/v1/office/venue-imports/template?format=pdf', tok.q1, undefined, 'GET')).status, 400);
  });

  test('files that cannot be read: a clear error, nothing written', async () => {
    const before = venues();
    const big = csv([IMPORT_HEADER, ...Array.from({ length: 20_001 }, (_, i) => [`Quán ${i}`, '', '26740', '', '', '', ''])]);
    const cases = [
      [Buffer.from('Tên cơ sở,Phường/xã\r\nQu\xe1n,26740\r\n', 'latin1'), 400, 'not_utf8'],
      [Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100, 7)]), 400, 'bad_xlsx'],
      [Buffer.alloc(0), 400, 'empty_file'],
      [big, 413, 'too_many_rows'],
      [csv([['Tên', 'Địa chỉ'], ['Quán', '1 Lê Lợi']]), 200, null],
      [Buffer.from('Tên cơ sở,Phường/xã\r\n"Quán,26740\r\n'), 400, 'bad_csv'],
    ];
    for (const [file, status, code] of cases) {
      const r = await importFile(url, tok.q1, file);
      assert.equal(r.status, status === 200 ? 422 : status, `${code}: ${r.text.slice(0, 200)}`);
      if (code) assert.equal(r.json.error.code, code);
    }
    const missing = await check(url, tok.q1, csv([['Tên', 'Địa chỉ'], ['Quán', '1 Lê Lợi']]));
    assert.deepEqual(codes(missing), [[1, 'missing_column']]);
    assert.equal(venues(), before);
  });
});
