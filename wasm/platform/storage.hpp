// What the browser promises about the station's data and how the station runs: persistent
// storage (navigator.storage.persist) and the home-screen install, so Settings can tell staff
// when the browser may delete check-ins (Safari: sites unused for 7 days, unless installed).
#pragma once

namespace diemquet::platform {

enum class StoragePersistence {
  Checking,     // the browser has not answered yet
  Persistent,   // the browser will not evict the data on its own
  BestEffort,   // the browser may evict it under storage pressure or (Safari) after 7 idle days
  Unsupported,  // no StorageManager.persist(): treated like BestEffort
};

// The last answer of navigator.storage.persisted(); the first call starts the query.
StoragePersistence storagePersistence();

// Asks again (navigator.storage.persist()); call it from a tap, where Firefox may prompt.
void requestPersistentStorage();

// An iPhone or iPad: every browser there is Safari's engine and none offers an install prompt.
bool isIos();

// Running from the home screen (display-mode: standalone, or iOS's navigator.standalone).
bool isInstalled();

}  // namespace diemquet::platform
