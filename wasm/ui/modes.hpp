// The app's three faces, chosen by the page's path (web/loader.js): the station for staff
// ("/"), the visitor page opened from a venue poster ("/v"), the office ("/office").
// Each is one root UI object; main.cpp draws the one it booted with.
#pragma once
#include <memory>

#include "station_session.hpp"

namespace diemquet::visitor {
class SelfCheckIns;
}

namespace diemquet::ui {

enum class AppMode { Station = 0, Visitor = 1, Office = 2 };

class ModeUi {
 public:
  virtual ~ModeUi() = default;
  // Draws one frame filling the whole display.
  virtual void frame(bool online) = 0;
  // Called on every animation frame, drawn or not: work that must not wait for a redraw
  // (decoded scans). Returns true if something visible changed.
  virtual bool tick() { return false; }
  // True while the UI needs every frame drawn (live camera view).
  virtual bool animating() const { return false; }
};

std::unique_ptr<ModeUi> makeStationUi(StationSession& session);
// The visitor's own phone: self check-in from a poster (wasm/ui/visitor_*.cpp).
std::unique_ptr<ModeUi> makeVisitorUi(visitor::SelfCheckIns& store);
// Ward/district/province officers (wasm/ui/office_*.cpp).
std::unique_ptr<ModeUi> makeOfficeUi();

}  // namespace diemquet::ui
