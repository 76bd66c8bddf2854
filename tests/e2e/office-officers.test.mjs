// Officers managed in the office, on a 360×740 phone against the real server (SQLite): the
// province officer (made by the CLI) adds a commune officer with the area picker, hands over the
// password shown once, resets it, disables another officer; a commune officer has no such tab.
// What the screen showed is checked against the server: the passwords work, the disabled
// officer cannot log in, every change is in the audit log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { waitReady, find, tap, typeInto, screenshot, probe, assertNoMissingGlyphs } from './lib/station.mjs';
import { SERVER_BIN, serverAvailable, serveDb } from './lib/server-process.mjs';
import { openPhoneAt, assertTextsFitWidth, assertOneLineLabel, assertInView, OFFICE_BARS } from './lib/layout.mjs';
import { freshProfile } from './lib/browser.mjs';
import { importAreas } from '../server/areas_fixture.mjs';

const WEB = path.resolve(process.env.DQ_WEB_DIR || 'build/web');
const skip = !serverAvailable() || !fs.existsSync(path.join(WEB, 'office.html'));
const PASSWORD = 'mat-khau-thanh-pho-79';
let dir, server;

async function api(method, p, body, token) {
  const r = await fetch(server.url + p.replace(/^\//, ''), { method, body: body ? JSON.stringify(body) : undefined,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  return { status: r.status, json: await r.json().catch(() => null) };
}
const login = async (username, password) => (await api('POST', '/api/v1/office/login', { username, password })).json?.token;

before(async () => {
  if (skip) return;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dq-officers-e2e-'));
  const db = `sqlite:${path.join(dir, 'office.db')}`;
  importAreas(SERVER_BIN, db);
  // The first province officer comes from the command line; so do two commune officers here.
  for (const [u, level, area] of [['tphcm', 'province', '79'], ['benthanh', 'ward', '26743'], ['hanoi.ward', 'ward', '00004']])
    execFileSync(SERVER_BIN, ['admin', 'create-officer', '--username', u, '--level', level, '--area', area, '--db', db],
      { input: PASSWORD + '\n' });
  server = await serveDb(db, WEB);
});

after(async () => {
  if (server) await server.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

// Logs in on the office page as a person does.
async function officeLogin(page, username) {
  await page.goto(server.url + 'office');
  await waitReady(page);
  await typeInto(page, 'office.login.user', username);
  await typeInto(page, 'office.login.password', PASSWORD, { password: true });
  await tap(page, 'office.login.submit');
  await find(page, 'office.tab.report', 15000);
}

// The index of the officer's card on screen (its name is drawn as office.officers.N.name).
async function cardOf(page, username, timeout = 10000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const hit = (await probe(page)).items.find((i) => /^office\.officers\.\d+\.name$/.test(i.id) && i.text === username);
    if (hit) return hit.id.split('.')[2];
    if (Date.now() > deadline) throw new Error(`no officer card for ${username}`);
    await page.waitForTimeout(100);
  }
}
const textOf = async (page, id) => (await find(page, id)).text;

test('a province officer adds, resets and disables officers of its communes at 360×740', { skip }, async () => {
  const ctx = await openPhone360();
  try {
    const page = await ctx.newPage();
    await officeLogin(page, 'tphcm');
    await assertOneLineLabel(page, 'office.tab.officers');
    await assertOneLineLabel(page, 'office.tab.venues');
    await tap(page, 'office.tab.officers');
    const benthanh = await cardOf(page, 'benthanh');
    assert.equal(await textOf(page, `office.officers.${benthanh}.state`), 'Đang hoạt động');
    // Beside: the Hà Nội commune officer is not listed.
    assert.ok(!(await probe(page)).items.some((i) => i.text === 'hanoi.ward'));
    await screenshot(page, 'office-officers-list-360');

    // Bad input first: a username with capitals and a space is refused on the spot, nothing sent.
    await typeInto(page, 'office.officers.username', 'Bến Nghé');
    await tap(page, 'office.officers.create');
    await find(page, 'office.officers.username.error');
    assert.deepEqual((await api('GET', '/api/v1/office/officers', null, await login('tphcm', PASSWORD))).json.officers.map((o) => o.username), ['benthanh']);

    // The new officer: username, then the area by search without marks, as typed on a phone.
    await typeInto(page, 'office.officers.username', 'q1.bennghe');
    await tap(page, 'office.officers.create');
    await assertInView(page, 'office.officers.area.q.error', OFFICE_BARS);  // no area chosen yet, said under its field
    await typeInto(page, 'office.officers.area.q', 'ben nghe');
    await find(page, 'office.officers.area.r0', 5000);
    assert.match(await textOf(page, 'office.officers.area.r0'), /Phường Bến Nghé/);
    await tap(page, 'office.officers.area.r0');
    await find(page, 'office.officers.area.chosen');
    await tap(page, 'office.officers.create');
    const shown = await assertInView(page, 'office.officers.shown.password', OFFICE_BARS, 15000);
    assert.match(await textOf(page, 'office.officers.shown.user'), /q1\.bennghe/);
    await assertInView(page, 'office.officers.once', OFFICE_BARS);
    await assertTextsFitWidth(page);
    await assertNoMissingGlyphs(page);
    await screenshot(page, 'office-officers-created-360');
    const first = shown.text;
    assert.ok(first.length >= 8, `password shown: ${first}`);
    assert.ok(await login('q1.bennghe', first), 'the password shown logs the new officer in');
    const me = await api('GET', '/api/v1/office/me', null, await login('q1.bennghe', first));
    assert.equal(me.json.area.code, '26740');
    await tap(page, 'office.officers.shown.done');

    // Reset: one tap arms, the second confirms; the new password replaces the old.
    const q1 = await cardOf(page, 'q1.bennghe');
    await tap(page, `office.officers.${q1}.reset`);
    assert.equal(await textOf(page, `office.officers.${q1}.reset`), 'Chạm lần nữa để xác nhận');
    await tap(page, `office.officers.${q1}.reset`);
    const second = (await assertInView(page, 'office.officers.shown.password', OFFICE_BARS, 15000)).text;
    assert.notEqual(second, first);
    assert.equal(await login('q1.bennghe', first), undefined, 'the old password no longer works');
    assert.ok(await login('q1.bennghe', second));
    await tap(page, 'office.officers.shown.done');

    // Disable the Bến Thành officer: the card says so, the officer cannot log in.
    const b = await cardOf(page, 'benthanh');
    await tap(page, `office.officers.${b}.toggle`);
    await tap(page, `office.officers.${b}.toggle`);
    await page.waitForFunction((id) => globalThis.dq.probe().items.some((i) => i.id === id && i.text === 'Đã khóa'),
      `office.officers.${b}.state`, { timeout: 10000 });
    assert.equal(await login('benthanh', PASSWORD), undefined);
    await screenshot(page, 'office-officers-disabled-360');

    const audit = (await api('GET', '/api/v1/office/audit', null, await login('tphcm', PASSWORD))).json.entries
      .map((e) => `${e.action} ${e.target}`);  // tphcm's own trail
    for (const line of ['create_officer officer:q1.bennghe', 'reset_password officer:q1.bennghe', 'disable_officer officer:benthanh'])
      assert.ok(audit.includes(line), `${line} in ${audit.join('; ')}`);
  } finally {
    await ctx.close();
  }
});

test('a commune officer has no officers tab and the API shows them nobody', { skip }, async () => {
  const ctx = await openPhone360();
  try {
    const page = await ctx.newPage();
    await officeLogin(page, 'hanoi.ward');
    await find(page, 'office.tab.venues');
    assert.ok(!(await probe(page)).items.some((i) => i.id === 'office.tab.officers'));
    await assertOneLineLabel(page, 'office.tab.venues');
    const t = await login('hanoi.ward', PASSWORD);
    assert.deepEqual((await api('GET', '/api/v1/office/officers', null, t)).json.officers, []);
    assert.equal((await api('POST', '/api/v1/office/officers', { username: 'x.y', area: '26740' }, t)).status, 403);
    assert.equal((await api('POST', '/api/v1/office/officers/tphcm/reset-password', {}, t)).status, 404);
  } finally {
    await ctx.close();
  }
});

function openPhone360() { return openPhoneAt(360, 740, freshProfile('dq-officers')); }
