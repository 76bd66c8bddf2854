#include "browser_services.hpp"

#include "page.hpp"
#include "platform.hpp"
#include "storage.hpp"
#include "wake_lock.hpp"

namespace diemquet::app {

ui::Services browserServices(client::Downloader* files) {
  ui::Services s;
  s.now = platform::now;
  s.random = platform::randomBytes;
  s.announce = platform::announce;
  s.feedbackSaved = platform::feedbackSaved;
  s.feedbackError = platform::feedbackError;
  s.openPage = platform::openPage;
  s.files = files;
  s.keepScreenOn = platform::wakeLockKeep;
  s.screenKeep = [] {
    switch (platform::wakeLockState()) {
      case platform::WakeLockState::Held:
        return ui::ScreenKeep::Held;
      case platform::WakeLockState::Unsupported:
        return ui::ScreenKeep::Unsupported;
      case platform::WakeLockState::Refused:
        return ui::ScreenKeep::Refused;
      default:
        return ui::ScreenKeep::Off;
    }
  };
  s.storageKeep = [] {
    switch (platform::storagePersistence()) {
      case platform::StoragePersistence::Checking:
        return ui::StorageKeep::Checking;
      case platform::StoragePersistence::Persistent:
        return ui::StorageKeep::Persistent;
      case platform::StoragePersistence::BestEffort:
        return ui::StorageKeep::BestEffort;
      default:
        return ui::StorageKeep::Unsupported;
    }
  };
  s.askPersistentStorage = platform::requestPersistentStorage;
  s.isIos = platform::isIos;
  s.isInstalled = platform::isInstalled;
  return s;
}

}  // namespace diemquet::app
