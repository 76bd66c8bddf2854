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
namespace {

// The office's screens and their wiring, as the page boots them (and the font worker, to
// compile their first frame's code: app_loop.hpp warmFace).
std::unique_ptr<ui::ModeUi> wireOffice(app::FaceHooks& /*none: the office keeps nothing to tick*/) {
  // The session token in sessionStorage (this tab only), the language in localStorage.
  static app::PageStore sessionStore(true), localStore(false);
  static app::BrowserDownloader files;
  static client::OfficeClient office(app::fetchHttp, sessionStore, &files);
  ui::setServices(app::browserServices(&files));
  return ui::makeOfficeUi(office, localStore);
}

}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE int dq_boot(int /*mode: always the office here*/) {
  return app::bootFace(wireOffice);
}

// In the font worker only (web/font-baker.js): the first frame's code compiled there.
extern "C" EMSCRIPTEN_KEEPALIVE void dq_warm_frame() {
  app::warmFace(wireOffice);
}
