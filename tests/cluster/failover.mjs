// The failover of the cluster's PostgreSQL, as the fault test and the benchmark drive it:
// SIGKILL to the primary's postmaster, then one station (the probe) uploads one check-in at a
// time; the recovery time is from the kill to the first 200 among uploads sent after it.
import fs from 'node:fs';
import path from 'node:path';
import { sleep } from './stations.mjs';

export async function patroniMembers(env) {
  for (const port of [env.PATRONI1_PORT, env.PATRONI2_PORT]) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/cluster`);
      if (r.ok) return (await r.json()).members;
    } catch { /* that one is down; ask the other */ }
  }
  return [];
}

async function waitFor(pred, ms) {
  for (const until = performance.now() + ms; performance.now() < until;) {
    const v = await pred();
    if (v) return v;
    await sleep(200);
  }
  return null;
}

// Returns { from, to, recoveredMs, rejoined }; `to` is null if no promotion within 30 s.
export async function killPrimary(env, probe) {
  const members = await patroniMembers(env);
  const leader = members.find((m) => m.role === 'leader');
  if (!leader || !members.some((m) => m.role === 'sync_standby'))
    throw new Error(`no primary with a synchronous standby: ${JSON.stringify(members)}`);
  const pidFile = path.join(env.CLUSTER_DIR, leader.name, 'data', 'postmaster.pid');
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  const killedAt = performance.now();
  process.kill(pid, 'SIGKILL');
  let recoveredMs = null;
  while (recoveredMs === null && performance.now() - killedAt < 90000) {
    probe.add(1);
    const sentAt = performance.now();
    const ok = await probe.uploadOnce();
    if (ok && sentAt > killedAt) recoveredMs = performance.now() - killedAt;
    else await sleep(100);
  }
  const promoted = await waitFor(async () => (await patroniMembers(env)).find((m) => m.role === 'leader' && m.name !== leader.name), 30000);
  return {
    from: leader.name, to: promoted?.name ?? null, recoveredMs,
    // The old primary comes back (pg_rewind) as the synchronous standby.
    waitRejoin: (ms = 60000) => waitFor(async () => (await patroniMembers(env)).some((m) => m.name === leader.name && m.role === 'sync_standby'), ms),
  };
}
