// Decodes the QR codes in PNG files with zxing-wasm, loading its .wasm from node_modules (never
// a CDN). Prints one JSON line per file: {file, text, corners:[[x,y]...]}.
'use strict';
const fs = require('fs');
const path = require('path');
const root = path.resolve(__dirname, '../..');
const { prepareZXingModule, readBarcodes } = require(path.join(root, 'node_modules/zxing-wasm/dist/cjs/reader/index.js'));

async function main() {
  const wasmDir = path.join(root, 'node_modules/zxing-wasm/dist/reader');
  await prepareZXingModule({
    overrides: {
      locateFile: (p, pre) => (p.endsWith('.wasm') ? path.join(wasmDir, p) : pre + p),
      wasmBinary: fs.readFileSync(path.join(wasmDir, 'zxing_reader.wasm')),
    },
    fireImmediately: true,
  });
  for (const file of process.argv.slice(2)) {
    const results = await readBarcodes(new Uint8Array(fs.readFileSync(file)), { formats: ['QRCode'], tryHarder: true });
    const r = results.find((x) => x.isValid);
    if (!r) { console.log(JSON.stringify({ file, text: null })); continue; }
    const p = r.position;
    const corners = [p.topLeft, p.topRight, p.bottomRight, p.bottomLeft].map((c) => [c.x, c.y]);
    console.log(JSON.stringify({ file, text: r.text, corners, version: r.version, ecLevel: r.ecLevel }));
  }
}
main().catch((e) => { console.error(e); process.exit(1); });
