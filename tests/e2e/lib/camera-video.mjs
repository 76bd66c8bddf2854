// Makes the fake camera's video (.y4m) from card images, as Chromium's
// --use-file-for-fake-video-capture wants it: each image held for a while, blank frames
// between (a card leaving the frame), at 10 frames per second. The file loops in Chromium.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// steps: [{ image: path | null, seconds }]; null = an empty white frame.
export function makeCameraVideo(steps, { width = 640, height = 480 } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dq-cam-'));
  const out = path.join(dir, 'camera.y4m');
  const args = ['-y', '-loglevel', 'error'];
  const filters = [];
  steps.forEach((s, i) => {
    if (s.image) args.push('-loop', '1', '-t', String(s.seconds), '-i', s.image);
    else args.push('-f', 'lavfi', '-t', String(s.seconds), '-i', `color=white:s=${width}x${height}:r=10`);
    const side = Math.min(width, height);
    filters.push(s.image
      ? `[${i}:v]scale=${side}:${side}:flags=neighbor,pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2:white,fps=10,format=yuv420p,setsar=1[v${i}]`
      : `[${i}:v]fps=10,format=yuv420p,setsar=1[v${i}]`);
  });
  const concat = steps.map((_, i) => `[v${i}]`).join('') + `concat=n=${steps.length}:v=1:a=0[out]`;
  args.push('-filter_complex', [...filters, concat].join(';'), '-map', '[out]', '-r', '10', out);
  execFileSync('ffmpeg', args);
  return out;
}

export const cameraArgs = (video) => [
  '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${video}`,
];
