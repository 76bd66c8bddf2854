// The durable journal in IndexedDB: one small transaction per record, committed with
// durability "strict" where the browser supports it, awaited before the UI says "saved".
// Exposed as globalThis.dqJournal; the WASM platform layer calls append() and, for the
// retention purge, deleteKeys(). Keys are the store's auto-increment numbers.
(function () {
  'use strict';
  var DB_NAME = 'diemquet', STORE = 'journal', VERSION = 1;
  var db = null;
  var closed = false;  // another tab took this journal over: nothing more is written from here

  // `name`: the database of this face of the app. The station's is 'diemquet'; the visitor
  // page keeps its own ('diemquet-visitor'), so a visitor's check-in on a phone that is also a
  // station never lands in the station's journal (it did, and the server refused it).
  function open(name) {
    if (name) DB_NAME = name;
    globalThis.dqJournal.name = DB_NAME;
    return new Promise(function (resolve, reject) {
      var req = indexedDB.open(DB_NAME, VERSION);
      req.onupgradeneeded = function () {
        var d = req.result;
        if (!d.objectStoreNames.contains(STORE)) d.createObjectStore(STORE, { autoIncrement: true });
      };
      req.onsuccess = function () {
        db = req.result;
        // Another tab upgrading the schema: let it, and reload into the new version.
        db.onversionchange = function () { db.close(); location.reload(); };
        resolve();
      };
      req.onerror = function () { reject(req.error); };
      req.onblocked = function () { reject(new Error('blocked')); };
    });
  }

  function tx(mode) {
    try { return db.transaction(STORE, mode, { durability: 'strict' }); }
    catch (e) { return db.transaction(STORE, mode); }  // engines without the option
  }

  // Resolves with the record's key once the transaction has committed.
  function append(text) {
    return new Promise(function (resolve, reject) {
      if (closed) { reject(new Error('journal taken over by another tab')); return; }
      var t = tx('readwrite');
      var req = t.objectStore(STORE).add(text);
      t.oncomplete = function () { resolve(req.result); };
      t.onerror = function () { reject(t.error); };
      t.onabort = function () { reject(t.error || new Error('aborted')); };
    });
  }

  function readAll() {
    return new Promise(function (resolve, reject) {
      var t = db.transaction(STORE, 'readonly');
      var req = t.objectStore(STORE).getAll();
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error); };
    });
  }

  // Every record and its key, in key order (one read transaction: the two lists match).
  function readAllKeyed() {
    return new Promise(function (resolve, reject) {
      var t = db.transaction(STORE, 'readonly');
      var store = t.objectStore(STORE), out = {};
      store.getAllKeys().onsuccess = function (e) { out.keys = e.target.result; };
      store.getAll().onsuccess = function (e) { out.values = e.target.result; };
      t.oncomplete = function () { resolve(out); };
      t.onerror = function () { reject(t.error); };
    });
  }

  // Deletes these keys in one transaction; a run of consecutive keys is one key-range delete
  // (every key in it is in the list, so the range holds nothing else). A crash before the
  // commit deletes nothing; the purge record in the journal makes the next start redo it.
  function deleteKeys(keys) {
    return new Promise(function (resolve, reject) {
      var sorted = keys.slice().sort(function (a, b) { return a - b; });
      var t = db.transaction(STORE, 'readwrite');
      var store = t.objectStore(STORE);
      for (var i = 0; i < sorted.length;) {
        var j = i;
        while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
        store.delete(i === j ? sorted[i] : IDBKeyRange.bound(sorted[i], sorted[j]));
        i = j + 1;
      }
      t.oncomplete = function () { resolve(); };
      t.onerror = function () { reject(t.error); };
      t.onabort = function () { reject(t.error || new Error('aborted')); };
    });
  }

  function count() {
    return new Promise(function (resolve, reject) {
      var req = db.transaction(STORE, 'readonly').objectStore(STORE).count();
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error); };
    });
  }

  function close() { closed = true; }

  globalThis.dqJournal = { open: open, append: append, readAll: readAll, readAllKeyed: readAllKeyed,
                          deleteKeys: deleteKeys, count: count, close: close, name: DB_NAME };
})();
