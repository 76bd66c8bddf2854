// Pixels of the real canvas, as a person sees them: PNG screenshots decoded without a library.
import zlib from 'node:zlib';

// Decoded RGBA pixels of a PNG screenshot (8-bit RGB/RGBA, no interlace: what Chromium writes).
export function pixels(png) {
  let at = 8, width = 0, height = 0, channels = 4;
  const idat = [];
  while (at < png.length) {
    const len = png.readUInt32BE(at), type = png.toString('ascii', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') { width = data.readUInt32BE(0); height = data.readUInt32BE(4); channels = data[9] === 6 ? 4 : 3; }
    if (type === 'IDAT') idat.push(data);
    at += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels, out = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++) {
    const f = raw[y * (stride + 1)], row = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? out[y * stride + x - channels] : 0, b = y > 0 ? out[(y - 1) * stride + x] : 0;
      const c = x >= channels && y > 0 ? out[(y - 1) * stride + x - channels] : 0;
      let v = row[x];
      if (f === 1) v += a; else if (f === 2) v += b; else if (f === 3) v += (a + b) >> 1;
      else if (f === 4) { const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c); v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c; }
      out[y * stride + x] = v & 255;
    }
  }
  return { width, height, channels, data: out };
}

// Waits until the canvas shows the last frame the app built: frames are drawn in a worker of
// their own (web/draw-surface.js), a few ms after the screen's state (the probe) changed.
export async function canvasDrawn(page) {
  await page.evaluate(() => globalThis.dq && globalThis.dq.drawn && globalThis.dq.drawn());
}

// The colour at a point of the page (CSS px), as [r, g, b].
export async function colourAt(page, x, y) {
  await canvasDrawn(page);
  const p = pixels(await page.screenshot({ clip: { x: Math.round(x), y: Math.round(y), width: 1, height: 1 } }));
  return [p.data[0], p.data[1], p.data[2]];
}

// Whether a button is drawn filled (the page's primary blue) or as an outline on white, read
// 6 px inside its left edge at mid-height, away from its label and its border.
export async function buttonFill(page, widget) {
  const [r, g, b] = await colourAt(page, widget.x + 6, widget.y + widget.h / 2);
  if (b > 150 && r < 60) return 'filled';
  if (r > 200 && g > 200 && b > 200) return 'outline';
  return `rgb(${r},${g},${b})`;
}
