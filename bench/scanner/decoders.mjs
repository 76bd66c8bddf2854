// Still-image decoding, three decoders side by side on the same pixels: the station's pipeline
// (zxing-wasm with web/scanner-settings.mjs), npm jsQR, and npm @zxing/library (the decoder
// inside html5-qrcode: its QRCodeReader, QR only, TRY_HARDER, HybridBinarizer over a
// luminance buffer made the way its HTMLCanvasElementLuminanceSource makes it).
// Each image is decoded once to RGBA (ImageMagick PAM) and the same bytes go to all three.
// A decode counts only when the text equals the manifest's expected_text exactly.
// Prints success and median ms per image per category, and the speed ratios.
// Usage: node bench/scanner/decoders.mjs [--json FILE] DIR...
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { performance } from 'node:perf_hooks';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import jsQR from 'jsqr';
import zxl from '@zxing/library';
import { scannerSettings } from '../../web/scanner-settings.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);
await prepareZXingModule({
  overrides: { wasmBinary: readFileSync(join(ROOT, 'node_modules/zxing-wasm/dist/reader/zxing_reader.wasm')) },
  fireImmediately: true,
});

const unescape = (s) => s.replace(/\\([tnr\\])/g, (_, c) => ({ t: '\t', n: '\n', r: '\r' })[c] ?? '\\');
const CONVERT = existsSync('/usr/bin/convert') ? '/usr/bin/convert' : 'convert';

async function loadRgba(file) {
  const { stdout } = await run(CONVERT, [file + '[0]', '-auto-orient', '-type', 'TrueColorAlpha', '-depth', '8', 'pam:-'],
    { encoding: 'buffer', maxBuffer: 1 << 28 });
  const end = stdout.indexOf('ENDHDR\n');
  const header = stdout.subarray(0, end).toString('latin1');
  const width = Number(/WIDTH (\d+)/.exec(header)[1]);
  const height = Number(/HEIGHT (\d+)/.exec(header)[1]);
  return { data: new Uint8ClampedArray(stdout.subarray(end + 7, end + 7 + width * height * 4)), width, height };
}

// ---- the three decoders: (rgba) => text | null ----
async function station(img) {
  const found = await readBarcodes(img, scannerSettings);
  return found.find((r) => r.isValid)?.text ?? null;
}

function jsqr(img) {
  const r = jsQR(img.data, img.width, img.height);  // default: inversionAttempts 'attemptBoth'
  return r ? r.data : null;
}

const hints = new Map([[zxl.DecodeHintType.POSSIBLE_FORMATS, [zxl.BarcodeFormat.QR_CODE]], [zxl.DecodeHintType.TRY_HARDER, true]]);
// QRCodeReader is what MultiFormatReader runs for QR_CODE-only hints; called directly because
// MultiFormatReader console-logs every non-NotFound failure, which would be timed too.
const zxReader = new zxl.QRCodeReader();
function zxingLibrary(img) {
  // HTMLCanvasElementLuminanceSource.toGrayscaleBuffer: transparent pixels count as white.
  const n = img.width * img.height, lum = new Uint8ClampedArray(n), d = img.data;
  for (let i = 0, j = 0; i < n; i++, j += 4) {
    lum[i] = d[j + 3] === 0 ? 0xff : (306 * d[j] + 601 * d[j + 1] + 117 * d[j + 2] + 0x200) >> 10;
  }
  const bitmap = new zxl.BinaryBitmap(new zxl.HybridBinarizer(new zxl.RGBLuminanceSource(lum, img.width, img.height)));
  try {
    return zxReader.decode(bitmap, hints).getText();
  } catch (e) {
    if (e instanceof zxl.NotFoundException || e instanceof zxl.ChecksumException || e instanceof zxl.FormatException) return null;
    return null;  // any other throw is also "no result" for the person holding the phone
  } finally {
    zxReader.reset();
  }
}

const DECODERS = [['station', station], ['jsqr', jsqr], ['zxinglib', zxingLibrary]];

async function timed(fn, img) {
  const t0 = performance.now();
  let text = null;
  try { text = await fn(img); } catch { text = null; }
  return { text, ms: performance.now() - t0 };
}

const args = process.argv.slice(2);
let jsonOut = null;
if (args[0] === '--json') { jsonOut = args[1]; args.splice(0, 2); }
if (!args.length) { console.error('usage: decoders.mjs [--json FILE] DIR...'); process.exit(2); }

const rows = [];  // { cat, file, expected }
for (const dir of args) {
  const set = basename(dir.replace(/\/+$/, ''));
  for (const l of readFileSync(join(dir, 'manifest.tsv'), 'utf8').split('\n').slice(1).filter(Boolean)) {
    const f = l.split('\t');
    rows.push({ cat: `${set}/${f[5]}`, path: join(dir, f[0]), expected: unescape(f[2]) });
  }
}

// Warm-up: every decoder's first call (JIT, wasm instantiation) is not a figure.
{
  const img = await loadRgba(rows[0].path);
  for (let k = 0; k < 3; k++) for (const [, fn] of DECODERS) await timed(fn, img);
}

// Load two images ahead (ImageMagick in a child process) while decoding the current one.
const per = new Map();  // cat -> { n, ok: {name: count}, ms: {name: []} }
let ahead = rows.slice(0, 2).map((r) => loadRgba(r.path));
for (let i = 0; i < rows.length; i++) {
  const img = await ahead.shift();
  if (i + 2 < rows.length) ahead.push(loadRgba(rows[i + 2].path));
  const r = rows[i];
  const c = per.get(r.cat) ?? { n: 0, ok: {}, ms: {} };
  c.n++;
  for (const [name, fn] of DECODERS) {
    const { text, ms } = await timed(fn, img);
    c.ok[name] = (c.ok[name] ?? 0) + (text === r.expected ? 1 : 0);
    (c.ms[name] ??= []).push(ms);
  }
  per.set(r.cat, c);
}

const median = (a) => { const s = [...a].sort((x, y) => x - y); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const pct = (k, n) => ((100 * k) / n).toFixed(1);
const f2 = (x) => x.toFixed(2);

console.log('Still-image QR decoding, same RGBA pixels to each decoder (node ' + process.version + ')');
console.log('success = exact expected_text; ms = median per image; ratio = peer ms / station ms (higher: station faster)');
const head = ['category', 'n', 'station%', 'jsqr%', 'zxlib%', 'station ms', 'jsqr ms', 'zxlib ms', 'jsqr/st', 'zxlib/st', 'success ≥ peers'];
const fmt = (cols) => cols[0].padEnd(28) + cols.slice(1).map((c, i) => String(c).padStart(i === 9 ? 16 : 11)).join('');
console.log(fmt(head));
const all = { n: 0, ok: {}, ms: {} };
const table = [];
let worse = 0;
for (const [cat, c] of [...per].sort()) {
  all.n += c.n;
  for (const [name] of DECODERS) { all.ok[name] = (all.ok[name] ?? 0) + c.ok[name]; (all.ms[name] ??= []).push(...c.ms[name]); }
}
for (const [cat, c] of [...[...per].sort(), ['ALL', all]]) {
  const m = Object.fromEntries(DECODERS.map(([n]) => [n, median(c.ms[n])]));
  const geq = c.ok.station >= c.ok.jsqr && c.ok.station >= c.ok.zxinglib;
  if (!geq && cat !== 'ALL') worse++;
  table.push({ category: cat, n: c.n, ok: c.ok, medianMs: m });
  console.log(fmt([cat, c.n, pct(c.ok.station, c.n), pct(c.ok.jsqr, c.n), pct(c.ok.zxinglib, c.n),
    f2(m.station), f2(m.jsqr), f2(m.zxinglib), f2(m.jsqr / m.station), f2(m.zxinglib / m.station), geq ? 'yes' : 'NO']));
}
const tot = Object.fromEntries(DECODERS.map(([n]) => [n, all.ms[n].reduce((a, b) => a + b, 0)]));
console.log(`total decode time: station ${(tot.station / 1000).toFixed(2)} s, jsQR ${(tot.jsqr / 1000).toFixed(2)} s, ` +
  `@zxing/library ${(tot.zxinglib / 1000).toFixed(2)} s; categories where station success < a peer: ${worse}`);
const ratio = median(all.ms.jsqr) / median(all.ms.station);
console.log(`goal: station ≥ 5× faster than jsQR (median over all images): ${ratio.toFixed(2)}× — ${ratio >= 5 ? 'met' : 'missed'}; ` +
  `success ≥ both peers on every category: ${worse === 0 ? 'met' : 'missed'}`);
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ table, totalMs: tot }, null, 1));
