// What the screens ask of the device, passed in by the app (wasm/app/browser_services.cpp, set
// by each face's main_*.cpp before its screens are made): the wall clock, randomness, the
// beep and vibration of a save, screen-reader announcements, leaving the page, saving a file,
// keeping the screen on, and what the browser promises about the station's data. No screen
// includes a platform header for these; the camera view (camera.hpp) and the phone keyboard's
// text-input bridge (text_input.hpp) are the two the screens still reach directly.
#pragma once
#include <cstddef>
#include <functional>
#include <string>

#include "client/downloader.hpp"
#include "time.hpp"

namespace diemquet::ui {

// Whether the browser may delete the station's data on its own (navigator.storage.persist).
enum class StorageKeep {
  Checking,     // the browser has not answered yet
  Persistent,   // it will not evict the data on its own
  BestEffort,   // it may (storage pressure; Safari: 7 days unused unless installed)
  Unsupported,  // no StorageManager.persist(): treated like BestEffort
};

// The kiosk's hold on the screen (the Screen Wake Lock API).
enum class ScreenKeep { Off, Held, Unsupported, Refused };

// Until the app sets them (setServices), each does nothing and answers neutrally, except
// `random`, which stops the module: a device id or a kiosk salt is never made from nothing.
struct Services {
  std::function<Instant()> now = [] { return Instant{}; };                  // wall clock with the phone's UTC offset
  std::function<void(unsigned char* out, size_t n)> random = noRandomness;  // cryptographic randomness
  std::function<void(const std::string&)> announce = [](const std::string&) {};      // to screen readers
  std::function<void()> feedbackSaved = [] {}, feedbackError = [] {};                // a beep and a vibration
  std::function<void(const std::string& url)> openPage = [](const std::string&) {};  // as a link does
  client::Downloader* files = nullptr;                                               // saving a file the app made
  std::function<void(bool on)> keepScreenOn = [](bool) {};
  std::function<ScreenKeep()> screenKeep = [] { return ScreenKeep::Off; };
  std::function<StorageKeep()> storageKeep = [] { return StorageKeep::Checking; };  // the first call asks
  std::function<void()> askPersistentStorage = [] {};                               // from a tap (Firefox may prompt)
  std::function<bool()> isIos = [] { return false; };                               // no install prompt there
  std::function<bool()> isInstalled = [] { return false; };                         // running from the home screen

  [[noreturn]] static void noRandomness(unsigned char*, size_t);
};

// Set once by the app before any screen draws.
void setServices(Services services);
const Services& services();

// The shorthand the screens use (device ids, keys, salts).
inline void randomBytes(unsigned char* out, size_t n) {
  services().random(out, n);
}

}  // namespace diemquet::ui
