// The visitor page's module (/v): a visitor's own phone checks in from a venue poster. It links
// the journal-backed session (the visitor's profile and check-ins) and the visitor screen; not
// the station's screens, sync, retention, poster PDF writer or camera, nor the office.
#include <emscripten.h>

#include <string>

#include "app_loop.hpp"
#include "modes.hpp"
#include "station_wiring.hpp"
#include "visitor_history.hpp"

using namespace diemquet;

// Returns 0 on success, or a negative code the loader turns into a message.
extern "C" EMSCRIPTEN_KEEPALIVE int dq_boot(int /*mode: always the visitor page here*/) {
  StationSession& s = app::startSession();
  return app::startApp(ui::makeVisitorUi(s), app::FaceHooks{
                                                 nullptr,
                                                 [&s] { return s.version() + ui::ownHistoryVersion(); },
                                                 [&s] { return s.savesInFlight(); },
                                             });
}

extern "C" EMSCRIPTEN_KEEPALIVE const char* dq_state() {
  static std::string json;
  json = app::stationStateJson().dump();
  return json.c_str();
}
