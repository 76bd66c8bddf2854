// The office's module (/office): commune and province officers read the server's reports. It
// needs no journal, no SQLite and none of the station's or visitor's screens.
#include <emscripten.h>

#include "app_loop.hpp"
#include "browser_services.hpp"
#include "browser_transport.hpp"
#include "client/office_client.hpp"
#include "modes.hpp"

using namespace diemquet;

// Returns 0 on success, or a negative code the loader turns into a message.
extern "C" EMSCRIPTEN_KEEPALIVE int dq_boot(int /*mode: always the office here*/) {
  // The session token in sessionStorage (this tab only), the language in localStorage.
  static app::PageStore sessionStore(true), localStore(false);
  static app::BrowserDownloader files;
  static client::OfficeClient office(app::fetchHttp, sessionStore, &files);
  ui::setServices(app::browserServices(&files));
  return app::startApp(ui::makeOfficeUi(office, localStore), app::FaceHooks{});
}
