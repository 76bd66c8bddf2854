// The set-up shared by the visitor-page and station tests: a real server with venue v1 "Chợ Bến Thành" and
// its signed poster link, started before a test file's tests and stopped after them, or the
// reason to skip them (no server binary, no web build).
import { before, after } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import { startSyncServer, serverAvailable, issuePosterUrl, SERVER_BIN } from './server-process.mjs';
import * as st from './station.mjs';

export const VENUE = 'Chợ Bến Thành';

// Call at a test file's top level. `setUp(fixture)` runs once the server is up (officers,
// more venues). The fixture's `server` and `posterUrl` are set before the first test runs;
// `poster: false` (the station's tests): no poster issued.
export function posterServer({ setUp, poster = true } = {}) {
  const web = path.resolve(process.env.DQ_WEB_DIR || 'build/web');
  const fixture = {
    web,
    skip: !serverAvailable() ? `no server binary at ${SERVER_BIN}`
      : !fs.existsSync(path.join(web, 'visitor.html')) ? `no shell build in ${web}` : false,
    server: null,
    posterUrl: null,
  };
  before(async () => {
    if (fixture.skip) return;
    fixture.server = await startSyncServer(web);
    if (poster) fixture.posterUrl = issuePosterUrl(fixture.server);
    if (setUp) await setUp(fixture);
  });
  after(async () => { if (fixture.server) await fixture.server.stop(); });
  return fixture;
}

// Waits until the visitor page has drawn the venue's name: the poster is verified and the page
// is what a visitor sees.
export function waitForVenue(page, ms = 20000) {
  return page.waitForFunction((name) => globalThis.dq.probe().items.some((i) => i.id === 'visitor.venue' && i.text === name),
    VENUE, { timeout: ms });
}

// Opens the poster's link in `page` as a phone's camera app would, and waits for the venue.
export async function openPoster(page, url, ms = 20000) {
  await page.goto(url);
  await st.waitReady(page, ms);
  await waitForVenue(page, ms);
  return page;
}
