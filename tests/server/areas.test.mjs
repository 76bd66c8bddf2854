// The whole administrative map through the real CLI, on SQLite and (with DQ_PG_URL) on
// PostgreSQL: the counts per level and kind equal the official totals (2025: 34 provinces,
// 3,321 communes = 2,621 xã + 687 phường + 13 đặc khu; 2021: 63 / 705 / 10,599), codes are
// unique, and a second import changes nothing.
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { BIN, tempDir, admin, startServer } from './harness.mjs';
import { areasFile, importAreas } from './areas_fixture.mjs';

const backends = [['sqlite', null]];
if (process.env.DQ_PG_URL) backends.push(['postgres', process.env.DQ_PG_URL]);

for (const [kind, pgUrl] of backends) {
  describe(`import-areas, whole country (${kind})`, () => {
    const dbs = [];
    const tmp = tempDir();
    let n = 0;
    function freshDb() {
      if (!pgUrl) return `sqlite:${path.join(tmp.dir, `areas-${n++}.db`)}`;
      // A schema per test (much cheaper than a database), dropped afterwards.
      const name = `dq_areas_${process.pid}_${n++}`;
      execFileSync('psql', [pgUrl, '-v', 'ON_ERROR_STOP=1', '-qc', `CREATE SCHEMA ${name}`]);
      dbs.push(name);
      return `postgres:${pgUrl} options='-csearch_path=${name}'`;
    }
    after(() => {
      for (const name of dbs) execFileSync('psql', [pgUrl, '-qc', `DROP SCHEMA IF EXISTS ${name} CASCADE`]);
      tmp.cleanup();
    });
    const stats = (db) => JSON.parse(admin(db, 'area-stats').trim());

    test('2025 two-level structure: 34 provinces, 3,321 communes (2,621 xã, 687 phường, 13 đặc khu), searchable', async () => {
      const db = freshDb();
      const first = importAreas(BIN, db, areasFile('vn-2025', ''));
      assert.equal(first.added, 34 + 3321);
      const s = stats(db);
      assert.deepEqual(s.current, { province: 34, ward: 3321 });
      assert.equal(s.kinds['ward:xa'], 2621);
      assert.equal(s.kinds['ward:phuong'], 687);
      assert.equal(s.kinds['ward:dac-khu'], 13);
      assert.equal(s.kinds['province:thanh-pho'], 6);
      // The second import of the same file changes nothing.
      const again = importAreas(BIN, db, areasFile('vn-2025', ''));
      assert.deepEqual([again.added, again.changed, again.retired, again.successions, again.unchanged], [0, 0, 0, 0, 3355]);

      // The places the issue names are found as people type them (no marks, NFD, upper case).
      const server = await startServer(db);
      try {
        const search = async (q, extra = '') => {
          const r = await fetch(`${server.url}/api/v1/areas?q=${encodeURIComponent(q)}${extra}`);
          assert.equal(r.status, 200);
          return (await r.json()).areas;
        };
        assert.equal((await search('ben thanh'))[0].label, 'Phường Bến Thành, TP. Hồ Chí Minh');
        assert.equal((await search('BẾN THÀNH'.normalize('NFD')))[0].code, '70101065');
        const nhaTrang = await search('nha trang');
        assert.equal(nhaTrang[0].label, 'Phường Nha Trang, Khánh Hòa');
        assert.ok(nhaTrang.slice(0, 4).every((a) => a.label.endsWith('Khánh Hòa')), JSON.stringify(nhaTrang));
        assert.equal((await search('ky anh'))[0].label, 'Xã Kỳ Anh, Hà Tĩnh');
        assert.deepEqual((await search('an khe', '&within=52')).map((a) => a.label), ['Phường An Khê, Gia Lai']);
        assert.equal((await search('hue', '&level=province'))[0].label, 'Thành phố Huế');
        assert.equal((await search('dac khu con dao'))[0].name, 'Đặc khu Côn Đảo');
        assert.equal((await fetch(`${server.url}/api/v1/areas?q=x&level=hamlet`)).status, 400);
        assert.equal((await fetch(`${server.url}/api/v1/areas?q=x&within=nowhere`)).status, 400);
      } finally {
        await server.kill();
      }
    });

    test('2021 three-level structure with the statistics office codes: 63 / 705 / 10,599', () => {
      const db = freshDb();
      importAreas(BIN, db, areasFile('vn-2021', ''));
      const s = stats(db);
      assert.deepEqual(s.current, { province: 63, district: 705, ward: 10599 });
      assert.equal(s.kinds['ward:phuong'] + s.kinds['ward:xa'] + s.kinds['ward:thi-tran'], 10599);
      const again = importAreas(BIN, db, areasFile('vn-2021', ''));
      assert.equal(again.added + again.changed, 0);
      assert.equal(again.unchanged, 63 + 705 + 10599);
    });

    test('a file naming one code twice is refused and nothing is written', { skip: pgUrl && 'covered on both backends by server_areas_test' }, () => {
      const db = freshDb();
      const bad = path.join(tmp.dir, 'dup.json');
      const doc = { format: 'diemquet-areas/1', areas: [
        { code: '56', name: 'Tỉnh Khánh Hòa', level: 'province', parent: '' },
        { code: '56', name: 'Tỉnh Ninh Thuận', level: 'province', parent: '' }] };
      execFileSync('node', ['-e', `require('fs').writeFileSync(${JSON.stringify(bad)}, ${JSON.stringify(JSON.stringify(doc))})`]);
      assert.throws(() => admin(db, 'import-areas', '--file', bad), /code 56 appears twice/);
      assert.deepEqual(stats(db).current, {});
    });
  });
}
