// The demo as the end-to-end tests use it: made by scripts/demo.sh (the code path
// scripts/run.sh takes), plus what a person does with its outputs: the QR codes of a rendered
// poster read with zxing-wasm (tests/poster/decode_qr.cjs), an XLSX opened as its cells.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_BIN } from './server-process.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

// Runs scripts/demo.sh on `db` and returns what it printed: { code, officer, password }.
export function runDemo(db) {
  const out = execFileSync('bash', [path.join(ROOT, 'scripts/demo.sh'), SERVER_BIN, db], { encoding: 'utf8' });
  const code = out.match(/^enrollment-code (\S+)$/m);
  const officer = out.match(/^officer (\S+) (\S+)$/m);
  if (!code || !officer) throw new Error(`scripts/demo.sh printed no code or officer: ${out}`);
  return { code: code[1], officer: officer[1], password: officer[2], output: out };
}

// The text of the QR code on each PNG (null where none was found).
export function decodeQrs(pngs) {
  const out = execFileSync('node', [path.join(ROOT, 'tests/poster/decode_qr.cjs'), ...pngs], { encoding: 'utf8' });
  return out.split('\n').filter(Boolean).map((l) => JSON.parse(l).text);
}

// Sheet `n` (the first by default) of an XLSX as { A1: value, ... }: shared strings resolved,
// numbers as numbers.
export function readXlsxCells(file, n = 1) {
  const sheet = execFileSync('unzip', ['-p', file, `xl/worksheets/sheet${n}.xml`], { encoding: 'utf8' });
  const shared = execFileSync('unzip', ['-p', file, 'xl/sharedStrings.xml'], { encoding: 'utf8' });
  const strings = [...shared.matchAll(/<si>(.*?)<\/si>/gs)].map((m) => [...m[1].matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => t[1]).join(''));
  const cells = {};
  for (const m of sheet.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>(?:<f>[^<]*<\/f>)?(?:<v>([^<]*)<\/v>)?<\/c>)/g))
    if (m[3] !== undefined) cells[m[1]] = m[2].includes('t="s"') ? strings[Number(m[3])] : Number(m[3]);
  return cells;
}
