// Spreadsheet files as offices send them, for the venue import tests: CSV text and XLSX made
// the way Excel stores them (shared strings, numbers as numbers), zipped by Debian's `zip`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// Rows of cells -> CSV (RFC 4180 quotes where needed), `sep` between cells, CRLF lines.
export function csv(rows, { sep = ',', bom = false } = {}) {
  const cell = (c) => (/[",;\r\n\t]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c));
  return Buffer.from((bom ? '\uFEFF' : '') + rows.map((r) => r.map(cell).join(sep)).join('\r\n') + '\r\n', 'utf8');
}

// Rows of cells -> XLSX bytes. A cell that is a JS number is written as a number cell (as Excel
// stores a phone typed without quoting: its leading 0 gone); text goes to the shared strings.
export function xlsx(rows) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dq-xlsx-'));
  try {
    const strings = [];
    const index = new Map();
    const col = (i) => String.fromCharCode(65 + i);
    const sheetRows = rows.map((r, ri) => `<row r="${ri + 1}">` + r.map((c, ci) => {
      const ref = `${col(ci)}${ri + 1}`;
      if (typeof c === 'number') return `<c r="${ref}"><v>${c}</v></c>`;
      if (c === '' || c == null) return '';
      if (!index.has(c)) { index.set(c, strings.length); strings.push(c); }
      return `<c r="${ref}" t="s"><v>${index.get(c)}</v></c>`;
    }).join('') + '</row>').join('');
    const files = {
      '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/data.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
      '_rels/.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      // The sheet's part is not sheet1.xml: the reader must follow the workbook's relationship.
      'xl/workbook.xml': '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Danh sách" sheetId="1" r:id="rId7"/></sheets></workbook>',
      'xl/_rels/workbook.xml.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/data.xml"/><Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
      'xl/worksheets/data.xml': `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRows}</sheetData></worksheet>`,
      'xl/sharedStrings.xml': `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join('')}</sst>`,
    };
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    execFileSync('zip', ['-q', '-X', '-r', 'book.xlsx', '[Content_Types].xml', '_rels', 'xl'], { cwd: dir });
    return fs.readFileSync(path.join(dir, 'book.xlsx'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const IMPORT_HEADER = ['Tên cơ sở', 'Địa chỉ', 'Phường/xã', 'Loại hình', 'Số nhân viên', 'Số điện thoại', 'Điểm quét'];
