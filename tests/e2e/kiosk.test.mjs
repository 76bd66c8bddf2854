// Kiosk station (issue #17) in Chromium: staff lock a configured station into a kiosk with a
// PIN; the settings, lists and navigation are gone; a visitor's card shown to the scanner is
// saved with no tap and confirmed big with the masked ID, then the instructions come back; a
// reload stays locked; a wrong PIN does not leave, the right one does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openPhone, freshProfile } from './lib/browser.mjs';
import { startStaticServer } from './lib/static-server.mjs';
import * as st from './lib/station.mjs';

const WEB = path.resolve(process.env.DQ_WEB_DIR || 'build/web');
const skip = !fs.existsSync(path.join(WEB, 'index.html')) ? `no shell build in ${WEB}` : false;
const AN = '001099012345||Nguyễn Văn An|15081999|Nam|Hà Nội|20042021';
let server;

before(async () => { if (!skip) server = await startStaticServer(WEB); });
after(async () => { if (server) await server.stop(); });

// The phone's keyboard closed (a tap beside the field) before the tap on the button below it:
// a tap while it closes lands where the layout was (TODO(#12): the station-layout defect of a
// tap landing on the bottom bar, kept out of this test's way).
async function closeKeyboard(page) {
  await st.tap(page, 'kiosk.setup.title');
  await page.waitForTimeout(300);
}
const ids = async (page) => (await st.probe(page)).items.map((i) => i.id);

test('kiosk: no staff tap for a visitor, big masked confirmation, PIN required to leave', { skip }, async () => {
  const ctx = await openPhone(freshProfile('dq-kiosk'), { viewport: { width: 360, height: 740 } });
  try {
    const page = ctx.pages()[0] || (await ctx.newPage());
    await page.goto(server.url);
    await st.waitReady(page);
    await st.configure(page);
    await st.tap(page, 'nav.settings');
    // A PIN that is not 4-8 digits is refused where it is typed.
    await st.typeInto(page, 'kiosk.setup.pin', '12', { password: true });
    await closeKeyboard(page);
    await st.tap(page, 'kiosk.setup.start');
    await st.waitForText(page, /4 đến 8 chữ số/);
    assert.equal((await st.state(page)).kiosk.locked, false);
    await st.typeInto(page, 'kiosk.setup.pin', '2468', { password: true });
    await closeKeyboard(page);
    await st.tap(page, 'kiosk.setup.start');
    await st.find(page, 'kiosk.instructions', 10000);
    const shown = await ids(page);
    for (const gone of ['nav.settings', 'nav.today', 'nav.manual', 'today.inside', 'settings.save'])
      assert.ok(!shown.includes(gone), `${gone} is hidden in the kiosk`);
    const s0 = await st.state(page);
    assert.equal(s0.kiosk.locked, true);
    assert.ok(['held', 'unsupported', 'refused'].includes(s0.kiosk.wakeLock), `wake lock asked for: ${s0.kiosk.wakeLock}`);
    await st.screenshot(page, 'kiosk-01-instructions');

    // A visitor shows the card: saved at once, no tap.
    await st.wedgeScan(page, AN);
    const confirm = await st.find(page, 'kiosk.confirm', 10000);
    assert.match(confirm.text, /ĐÃ VÀO/);
    assert.match(confirm.text, /Nguyễn Văn An/);
    assert.ok(!confirm.text.includes('001099012345'), 'the ID is masked');
    assert.match(confirm.text, /2345/);
    assert.equal((await st.state(page)).total, 1);
    await st.screenshot(page, 'kiosk-02-confirmed');
    // Back to the instructions for the next person.
    await st.find(page, 'kiosk.instructions', 10000);

    // A reload stays locked.
    await page.reload();
    await st.waitReady(page);
    await st.find(page, 'kiosk.instructions', 10000);
    assert.ok(!(await ids(page)).includes('nav.settings'));

    // A wrong PIN does not leave; the right one does.
    await st.tap(page, 'kiosk.exit');
    await st.typeInto(page, 'kiosk.pin', '1111', { password: true });
    await st.tap(page, 'kiosk.unlock');
    await st.waitForText(page, /Sai mã PIN/);
    assert.equal((await st.state(page)).kiosk.locked, true);
    await st.screenshot(page, 'kiosk-03-wrong-pin');
    await st.typeInto(page, 'kiosk.pin', '2468', { password: true });
    await st.tap(page, 'kiosk.unlock');
    await st.find(page, 'nav.settings', 10000);
    assert.equal((await st.state(page)).kiosk.locked, false);
  } finally {
    await ctx.close();
  }
});
