// Debian's Chromium through playwright-core (never a downloaded browser), as a phone:
// 412×915 CSS px, touch, a fresh profile per test unless one is passed in.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CHROMIUM = process.env.DQ_CHROMIUM || '/usr/bin/chromium';
export const BASE_ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-features=Translate,MediaRouter', '--ignore-gpu-blocklist',
];

export function freshProfile(tag = 'dq') {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${tag}-profile-`));
}

// A persistent context (a phone's browser profile); its storage survives closing it.
// `viewport`: the phone's CSS size (lib/station.mjs PHONES: 360×740 and 412×915).
// `gpu`: composite on a GPU as a phone does (SwiftShader stands in for it) instead of in
// software, where every presented WebGL frame is read back on the page's main thread.
export const GPU_ARGS = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--enable-gpu-compositing'];
export async function openPhone(profileDir, { extraArgs = [], scale = 2, viewport = { width: 412, height: 915 }, gpu = false } = {}) {
  const base = gpu ? [...BASE_ARGS.filter((a) => a !== '--disable-gpu'), ...GPU_ARGS] : BASE_ARGS;
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...base, ...extraArgs],
    viewport,
    deviceScaleFactor: scale,
    hasTouch: true,
    isMobile: true,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
}

// Kills the page's renderer at once, as a phone does to a tab (the OS ending it, a crash): what
// the page had not made durable is gone. Returns when the page reports the crash; the page is closed.
export async function killRenderer(ctx, page) {
  const cdp = await ctx.newCDPSession(page);
  const crashed = new Promise((r) => page.once('crash', r));
  cdp.send('Page.crash').catch(() => {});  // never answers: the renderer is gone
  await crashed;
  await page.close().catch(() => {});
}
