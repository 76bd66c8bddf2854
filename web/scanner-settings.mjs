// The station's QR decoder settings for zxing-wasm's readBarcodes: one copy, imported by the
// browser scanner worker and by scripts/scan-images.mjs, so the image tests measure what the
// station really does.
export const scannerSettings = Object.freeze({
  formats: ['QRCode'],
  tryHarder: true,      // slower per frame, but finds small and damaged codes in camera frames
  tryRotate: true,      // cards are held at any angle
  tryInvert: true,      // light-on-dark codes on phone screens in dark mode
  tryDownscale: true,   // large camera frames: also look at a scaled-down copy
  tryDenoise: true,     // a second look after a morphological close: reads zxing/qrcode-2 #28, which
                        // @zxing/library read and we did not; +4 ms on an empty 1280x720 frame
  maxNumberOfSymbols: 1, // one person per scan; stops early once a code is found
  textMode: 'Plain',     // the bytes as the card holds them, not zxing's human-readable rendering
});
