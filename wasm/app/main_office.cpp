// The office's module (/office): commune and province officers read the server's reports. It
// needs no journal, no SQLite and none of the station's or visitor's screens.
#include <emscripten.h>

#include "app_loop.hpp"
#include "modes.hpp"

using namespace diemquet;

// Returns 0 on success, or a negative code the loader turns into a message.
extern "C" EMSCRIPTEN_KEEPALIVE int dq_boot(int /*mode: always the office here*/) {
  return app::startApp(ui::makeOfficeUi(), app::FaceHooks{});
}
