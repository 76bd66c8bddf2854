// navigator.storage.persist()/persisted() and the install state, for wasm/platform/storage.hpp.
#include "storage.hpp"

#include <emscripten.h>

// 0 checking, 1 persistent, 2 best effort, 3 unsupported (StoragePersistence's order).
EM_JS(int, dq_js_storage_state, (), {
  var s = globalThis.dqStoragePersistence;
  if (!s) {
    s = globalThis.dqStoragePersistence = { v: 0 };
    if (!navigator.storage || !navigator.storage.persisted) s.v = 3;
    else navigator.storage.persisted().then(function (p) { s.v = p ? 1 : 2; }, function () { s.v = 3; });
  }
  return s.v;
});

EM_JS(void, dq_js_storage_request, (), {
  var s = globalThis.dqStoragePersistence || (globalThis.dqStoragePersistence = { v: 0 });
  if (!navigator.storage || !navigator.storage.persist) { s.v = 3; return; }
  navigator.storage.persist().then(function (p) { s.v = p ? 1 : 2; }, function () { s.v = 2; });
});

EM_JS(int, dq_js_is_ios, (), {
  var ua = navigator.userAgent || '';
  // iPadOS presents itself as a Mac; a Mac has no touch screen.
  return /iPhone|iPad|iPod/.test(ua) || (/Macintosh/.test(ua) && navigator.maxTouchPoints > 1) ? 1 : 0;
});

EM_JS(int, dq_js_is_installed, (), {
  return (globalThis.matchMedia && matchMedia('(display-mode: standalone)').matches) || navigator.standalone === true ? 1 : 0;
});

namespace diemquet::platform {

StoragePersistence storagePersistence() { return static_cast<StoragePersistence>(dq_js_storage_state()); }
void requestPersistentStorage() { dq_js_storage_request(); }
bool isIos() { return dq_js_is_ios() != 0; }
bool isInstalled() { return dq_js_is_installed() != 0; }

}  // namespace diemquet::platform
