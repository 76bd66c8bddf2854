// Fills a station's journal fast, straight into its IndexedDB object store (what years of use
// would have written), for the start-up test and bench/station.
// One settings record, then `n` check-ins of this device with seq 1..n, spread over the last
// 60 days, written straight into the journal's object store in a few large transactions.
export async function prefill(page, n) {
  await page.evaluate(async (n) => {
    const DEVICE = 'bench-station-0001';
    const venue = { id: 'bench-venue', name: 'Chợ Bến Thành', address: 'Quận 1, TP. Hồ Chí Minh', category: 'market', staff: 4, stay: 120 };
    const db = await new Promise((res, rej) => { const r = indexedDB.open('diemquet', 1); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    const put = (records) => new Promise((res, rej) => {
      const t = db.transaction('journal', 'readwrite');
      const s = t.objectStore('journal');
      for (const r of records) s.add(r);
      t.oncomplete = res; t.onerror = () => rej(t.error); t.onabort = () => rej(t.error);
    });
    await put([JSON.stringify({ t: 'set', device: DEVICE, venue, scanPoint: { id: 'gate-1', venue: venue.id, name: 'Cổng chính' }, lang: 'vi' })]);
    const start = Date.now() - 60 * 86400000, step = Math.floor((60 * 86400000 - 3600000) / Math.max(1, n));
    for (let first = 1; first <= n; first += 10000) {
      const batch = [];
      for (let seq = first; seq < Math.min(n + 1, first + 10000); seq++) {
        batch.push(JSON.stringify({
          t: 'ci', device: DEVICE, seq, venue: venue.id, scanPoint: 'gate-1', kind: 'cccd',
          personKey: String(79199000000 + (seq % 40000)).padStart(12, '0'), name: 'Khách ' + (seq % 40000),
          phone: '', birthYear: 1950 + (seq % 50), dir: seq % 2 ? 'in' : 'out', ts: start + seq * step, tz: 420, voided: false,
        }));
      }
      await put(batch);
    }
    db.close();
  }, n);
}

