// Seeds for fuzz_sheet_reader: venue lists as offices send them, made by the venue import
// tests' own generator (tests/server/sheet_files.mjs): CSV with each separator, a byte-order
// mark and quotes, and XLSX with shared strings and number cells.  node sheet_seeds.mjs DIR
import fs from 'node:fs';
import path from 'node:path';
import { csv, xlsx, IMPORT_HEADER } from '../server/sheet_files.mjs';

const dir = process.argv[2];
const rows = [
  IMPORT_HEADER,
  ['Phở Hòa', '260C Pasteur', '26740', 'Nhà hàng', 12, '0901234567', 'Cổng chính; Quầy 2'],
  ['Chợ "Bến Thành"', 'Lê Lợi,\nQuận 1', '26743', 'Chợ', 300, 909123456, ''],
  ['=HYPERLINK("x")', '', '', '', '', '', ''],
];
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, 'comma.csv'), csv(rows));
fs.writeFileSync(path.join(dir, 'semicolon-bom.csv'), csv(rows, { sep: ';', bom: true }));
fs.writeFileSync(path.join(dir, 'tab.csv'), csv(rows, { sep: '\t' }));
fs.writeFileSync(path.join(dir, 'venues.xlsx'), xlsx(rows));
fs.writeFileSync(path.join(dir, 'one-row.xlsx'), xlsx([['Tên cơ sở', 1]]));
