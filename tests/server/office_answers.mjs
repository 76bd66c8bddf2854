// A small office dataset and "the answers an officer gets" (weekly reports, traces, exports),
// for tests that must give the same answers before and after something done to the database:
// a migration (partitions.test.mjs), a backup and restore (restore.test.mjs, the cluster stage).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { BIN, post, enroll, upload, ackedSeqs } from './harness.mjs';
import { areasFile } from './areas_fixture.mjs';

export const PASSWORD = 'mat-khau-thu-nghiem';
export const DAY = 86_400_000;
export const TRACED = '001090000077';

export function adminCmd(db, args, { input = '', env = {} } = {}) {
  return execFileSync(BIN, ['admin', ...args, '--db', db], {
    encoding: 'utf8', input, env: { ...process.env, ...env }, maxBuffer: 256 << 20,
  });
}

export async function get(url, p, token) {
  const res = await fetch(url + p, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, json, text };
}

// ISO week label ("2026-W49") of a UTC ms instant, in Vietnam time (the reports' calendar).
export function isoWeek(ms) {
  const d = new Date(ms + 7 * 3_600_000);
  const day = (d.getUTCDay() + 6) % 7;  // Monday 0
  const thursday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day + 3));
  const jan4 = new Date(Date.UTC(thursday.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round((thursday - jan4) / (7 * DAY) - ((jan4.getUTCDay() + 6) % 7 - 3) / 7);
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}
export const vnDate = (ms) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);

// The first instant (UTC ms) of the UTC month `back` months before the current one.
export function monthStart(back, now = Date.now()) {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 1);
}

// Officers (district 760: wards 26740 and 26743), before a server starts.
export function createOfficers(db, env = {}) {
  adminCmd(db, ['import-areas', '--file', areasFile()], { env });
  adminCmd(db, ['create-officer', '--username', 'quan1', '--level', 'district', '--area', '760'], { input: PASSWORD + '\n', env });
}

// Venues, stations and check-ins at the given instants: the traced person and two others
// visit venue A around each instant; venue B gets a few scans; venue C (other ward) many.
export async function fillOffice(url, instants) {
  const login = await post(url, '/api/v1/office/login', { username: 'quan1', password: PASSWORD });
  assert.equal(login.status, 200, login.text);
  const officer = login.json.token;
  const venues = {};
  for (const [key, ward, staff] of [['A', '26740', 2], ['B', '26740', 5], ['C', '26743', 1]]) {
    const v = await post(url, '/api/v1/venues', {
      name: `Quán ${key}`, address: `${key} Lê Lợi`, ward, category: 'restaurant', staffCount: staff,
      phone: '0281234567', scanPoints: ['Cổng chính'],
    }, officer);
    assert.equal(v.status, 201, v.text);
    const codes = await post(url, `/api/v1/office/venues/${v.json.id}/codes`, { count: 1 }, officer);
    assert.equal(codes.status, 201, codes.text);
    const device = `st-${key}-${v.json.id.slice(-6)}`;
    venues[key] = { id: v.json.id, device, token: await enroll(url, codes.json.codes[0], device), seq: 0 };
  }
  const send = async (key, recs) => {
    const st = venues[key];
    const out = recs.map((r) => ({
      device: st.device, seq: ++st.seq, venue: st.id, scanPoint: 'p1', kind: 'cccd', personKey: r.key,
      name: 'Nguyễn Văn An', phone: '', birthYear: 1990, dir: r.dir ?? 'in', ts: r.ts, tz: 420, voided: false,
    }));
    const res = await upload(url, st.token, st.device, out);
    assert.equal(res.status, 200, res.text);
    assert.equal(ackedSeqs(res.json.acked).length, out.length);
  };
  let n = 0;
  for (const t of instants) {
    await send('A', [
      { key: TRACED, ts: t }, { key: TRACED, ts: t + 40 * 60_000, dir: 'out' },
      { key: `0010900001${String(++n).padStart(2, '0')}`, ts: t + 10 * 60_000 },
      { key: `0010900002${String(n).padStart(2, '0')}`, ts: t + 3 * 3_600_000 },
    ]);
    await send('B', [1, 2, 3].map((i) => ({ key: `00109000030${i}`, ts: t + i * 60_000 })));
    await send('C', Array.from({ length: 12 }, (_, i) => ({ key: `0010900004${String(i).padStart(2, '0')}`, ts: t + i * 600_000 })));
  }
  return { officer, venues };
}

// What the district officer sees: the report of each instant's week, a trace of the traced
// person around each instant, and every venue's stored check-ins.
export async function officeAnswers(url, db, instants, venues, env = {}) {
  const login = await post(url, '/api/v1/office/login', { username: 'quan1', password: PASSWORD });
  assert.equal(login.status, 200, login.text);
  const officer = login.json.token;
  const reports = [];
  for (const t of instants) {
    const r = await get(url, `/api/v1/office/report?area=760&week=${isoWeek(t)}`, officer);
    assert.equal(r.status, 200, r.text);
    reports.push(r.json);
  }
  const traces = [];
  for (const t of instants) {
    const r = await post(url, '/api/v1/office/trace', {
      id: TRACED, from: vnDate(t - DAY), to: vnDate(t + DAY), reason: 'ca F0 số 12, kiểm tra sao lưu',
    }, officer);
    assert.equal(r.status, 200, r.text);
    traces.push(r.json);
  }
  const exports = {};
  for (const [key, v] of Object.entries(venues))
    exports[key] = adminCmd(db, ['export', '--venue', v.id], { env }).split('\n').filter(Boolean).sort();
  return { reports, traces, exports };
}
