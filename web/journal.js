// The durable journal in IndexedDB: one small transaction per record, committed with
// durability "strict" where the browser supports it, awaited before the UI says "saved".
// Exposed as globalThis.dqJournal; the WASM platform layer calls append().
(function () {
  'use strict';
  var DB_NAME = 'diemquet', STORE = 'journal', VERSION = 1;
  var db = null;

  function open() {
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

  function append(text) {
    return new Promise(function (resolve, reject) {
      var t = tx('readwrite');
      t.objectStore(STORE).add(text);
      t.oncomplete = function () { resolve(); };
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

  function count() {
    return new Promise(function (resolve, reject) {
      var req = db.transaction(STORE, 'readonly').objectStore(STORE).count();
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error); };
    });
  }

  globalThis.dqJournal = { open: open, append: append, readAll: readAll, count: count };
})();
