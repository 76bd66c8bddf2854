// The app's three faces, chosen by the page's path (web/loader.js): the station for staff
// ("/"), the visitor page opened from a venue poster ("/v"), the office ("/office").
// Each is one root UI object; main.cpp draws the one it booted with.
#pragma once
#include <functional>
#include <memory>
#include <string>

#include "client/key_ring_client.hpp"
#include "client/key_value_store.hpp"
#include "client/office_client.hpp"
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

// What the visitor page is given by its app (main_visitor.cpp): the key-ring client, and the
// page's own address (the poster is its fragment) and a way to leave it (the report page).
struct VisitorClients {
  client::KeyRingClient* keys = nullptr;
  std::function<std::string()> pageUrl;
  std::function<void(const std::string&)> openPage;
};
// The visitor's own phone: self check-in from a poster (wasm/ui/visitor_*.cpp).
std::unique_ptr<ModeUi> makeVisitorUi(visitor::SelfCheckIns& store, VisitorClients clients);
// Ward/district/province officers (wasm/ui/office_*.cpp), through the office client; the
// language choice is kept in `prefs` (localStorage).
std::unique_ptr<ModeUi> makeOfficeUi(client::OfficeClient& office, client::KeyValueStore& prefs);

}  // namespace diemquet::ui
