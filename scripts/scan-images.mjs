// Decodes every image of DIR/manifest.tsv with zxing-wasm (the station's settings from
// web/scanner-settings.mjs), compares with expected_text exactly, runs card payloads through
// the core parser (dq-parse-payload), and prints success per category.
// Usage: node scripts/scan-images.mjs [--floors FILE] DIR...
import { execFile, spawn } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { scannerSettings } from '../web/scanner-settings.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = promisify(execFile);

// The reader's wasm from node_modules, handed over as bytes: never fetched from a CDN.
const wasmPath = join(ROOT, 'node_modules/zxing-wasm/dist/reader/zxing_reader.wasm');
await prepareZXingModule({ overrides: { wasmBinary: readFileSync(wasmPath) }, fireImmediately: true });

// The manifests escape tab, newline and backslash, and (in qr-photos) carriage return as \r.
const unescape = (s) => s.replace(/\\([tnr\\])/g, (_, c) => ({ t: '\t', n: '\n', r: '\r' })[c] ?? '\\');
const escape = (s) => s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
const CONVERT = existsSync('/usr/bin/convert') ? '/usr/bin/convert' : 'convert';

// Any image ImageMagick reads -> { data: RGBA bytes, width, height } via a PAM stream.
async function loadRgba(file) {
  const { stdout } = await run(CONVERT, [file + '[0]', '-auto-orient', '-type', 'TrueColorAlpha', '-depth', '8', 'pam:-'],
    { encoding: 'buffer', maxBuffer: 1 << 28 });
  const end = stdout.indexOf('ENDHDR\n');
  const header = stdout.subarray(0, end).toString('latin1');
  const width = Number(/WIDTH (\d+)/.exec(header)[1]);
  const height = Number(/HEIGHT (\d+)/.exec(header)[1]);
  const data = new Uint8ClampedArray(stdout.subarray(end + 7, end + 7 + width * height * 4));
  return { data, width, height };
}

// Sends texts through the core's parser, one JSON line back per text.
function parseWithCore(texts) {
  return new Promise((resolve, reject) => {
    const child = spawn(join(ROOT, 'scripts/parse-payload'), [], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const lines = out.split('\n').filter(Boolean).map((l) => JSON.parse(l));
      if (code !== 0 || lines.length !== texts.length) reject(new Error(`dq-parse-payload failed (exit ${code})`));
      else resolve(lines);
    });
    child.stdin.end(texts.map(escape).join('\n') + (texts.length ? '\n' : ''));
  });
}

const args = process.argv.slice(2);
let floorsFile = null;
if (args[0] === '--floors') { floorsFile = args[1]; args.splice(0, 2); }
if (args.length === 0) { console.error('usage: scan-images [--floors FILE] DIR...'); process.exit(2); }

const results = []; // { category, file, decoded, parsed|null, wantKind }
for (const dir of args) {
  const rows = readFileSync(join(dir, 'manifest.tsv'), 'utf8').split('\n').slice(1).filter(Boolean)
    .map((l) => l.split('\t'));
  const set = basename(dir.replace(/\/+$/, ''));
  let next = 0;
  const worker = async () => {
    while (next < rows.length) {
      const [file, , expectedEscaped, , , category] = rows[next++];
      const expected = unescape(expectedEscaped);
      let text = null;
      try {
        const found = await readBarcodes(await loadRgba(join(dir, file)), scannerSettings);
        text = found.find((r) => r.isValid)?.text ?? null;
      } catch (e) {
        console.error(`${file}: ${e.message}`);
      }
      const card = /^(cccd|bhyt)_/.exec(file);
      results.push({ category: `${set}/${category}`, file, text, decoded: text === expected, wantKind: card ? card[1] : null });
    }
  };
  await Promise.all([worker(), worker()]); // two image converters at a time: the machine has 2 cores
}

// Card payloads: the decoded text must also parse, as the right kind, with the core parser.
const cards = results.filter((r) => r.wantKind && r.decoded);
const parsed = await parseWithCore(cards.map((r) => r.text));
cards.forEach((r, i) => { r.parsed = parsed[i].kind === r.wantKind; if (!r.parsed) r.parseError = parsed[i].error; });

const byCategory = new Map();
for (const r of results) {
  const c = byCategory.get(r.category) ?? { passed: 0, total: 0, decoded: 0 };
  c.total++;
  if (r.decoded) c.decoded++;
  if (r.decoded && (r.wantKind ? r.parsed : true)) c.passed++;
  byCategory.set(r.category, c);
}
let passed = 0, failed = 0;
for (const [cat, c] of [...byCategory].sort()) {
  const pct = ((100 * c.passed) / c.total).toFixed(1);
  console.log(`${cat.padEnd(32)} ${String(c.passed).padStart(4)} / ${String(c.total).padEnd(4)} ${pct.padStart(5)}%` +
    (c.decoded !== c.passed ? `  (${c.decoded - c.passed} decoded but not parsed)` : ''));
  passed += c.passed; failed += c.total - c.passed;
}

// --verbose (or DQ_SCAN_VERBOSE=1): one line per failure, to see why.
if (process.env.DQ_SCAN_VERBOSE === '1') {
  for (const r of results.filter((x) => !x.decoded || x.parsed === false)) {
    const got = r.text === null ? 'nothing' : JSON.stringify(r.text.slice(0, 60));
    console.log(`  FAIL ${r.file}: ${r.decoded ? 'parse ' + JSON.stringify(r.parseError) : 'decoded ' + got}`);
  }
}

let floorFailures = 0;
if (floorsFile) {
  for (const line of readFileSync(floorsFile, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [cat, min] = line.split(/\s+/);
    const got = byCategory.get(cat)?.passed ?? 0;
    if (got < Number(min)) { console.log(`FLOOR ${cat}: ${got} < ${min}`); floorFailures++; }
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(floorFailures ? 1 : 0);
