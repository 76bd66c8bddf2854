// The scanner worker: decodes camera frames with zxing-wasm (ZXing-C++ compiled to WASM), off
// the UI thread. Its .wasm is served from our own origin and precached by the service worker.
import { prepareZXingModule, readBarcodes } from '../zxing/es/reader/index.js';
import { scannerSettings } from '../scanner-settings.mjs';

prepareZXingModule({
  overrides: {
    locateFile: (p, prefix) => (p.endsWith('.wasm') ? new URL('../zxing/reader/' + p, import.meta.url).href : prefix + p),
  },
  fireImmediately: true,
}).then(() => postMessage({ type: 'ready' }), (e) => postMessage({ type: 'error', message: String(e && e.message) }));

self.onmessage = async (ev) => {
  const { id, image } = ev.data;
  const t0 = performance.now();
  try {
    const results = await readBarcodes(image, scannerSettings);
    const found = results.filter((r) => r.isValid).map((r) => ({ text: r.text, position: r.position }));
    postMessage({ type: 'result', id, found, ms: performance.now() - t0 });
  } catch (e) {
    postMessage({ type: 'result', id, found: [], ms: performance.now() - t0, error: String(e && e.message) });
  }
};
