// Administrative areas for tests: made from the pinned npm data packages by
// tools/areas/normalize.mjs (nothing copied into the tree) and imported with the real
// `admin import-areas`. The default is the 2021 three-level list cut down to the three
// districts the office tests use (Ba Đình 001, Hoàn Kiếm 002 in Hà Nội; Quận 1 760 in
// TP. Hồ Chí Minh), with the statistics office's codes.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NORMALIZE = path.join(ROOT, 'tools/areas/normalize.mjs');
const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dq-areas-'));
const cache = new Map();
process.on('exit', () => fs.rmSync(cacheDir, { recursive: true, force: true }));

export const TEST_DISTRICTS = '001,002,760';

// The path of a "diemquet-areas/1" file: `structure` vn-2021 or vn-2025, `only` a list of codes
// kept with their ancestors and everything inside them ('' = the whole country).
export function areasFile(structure = 'vn-2021', only = TEST_DISTRICTS) {
  const key = `${structure}:${only}`;
  if (!cache.has(key)) {
    const file = path.join(cacheDir, `${structure}-${cache.size}.json`);
    const args = [NORMALIZE, structure, ...(only ? ['--only', only] : [])];
    fs.writeFileSync(file, execFileSync(process.execPath, args, { maxBuffer: 64 << 20 }));
    cache.set(key, file);
  }
  return cache.get(key);
}

// Runs `admin import-areas`; returns its JSON summary.
export function importAreas(bin, db, file = areasFile(), extra = []) {
  const out = execFileSync(bin, ['admin', 'import-areas', '--file', file, ...extra, '--db', db], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop());
}
