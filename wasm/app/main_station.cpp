// The station's module (/): staff check people in and out by QR code, offline. It links the
// journal-backed session, sync, retention, the station's screens (scan, today, manual,
// settings, posters); not the visitor page's nor the office's screens.
#include <emscripten.h>

#include <functional>
#include <memory>
#include <string>

#include "app_loop.hpp"
#include "browser_services.hpp"
#include "browser_transport.hpp"
#include "client/key_ring_client.hpp"
#include "journal_idb.hpp"
#include "modes.hpp"
#include "platform.hpp"
#include "screen_binding.hpp"
#include "screen_kiosk.hpp"
#include "screen_sync.hpp"
#include "station_wiring.hpp"
#include "sync/last_answer.hpp"
#include "sync/presence.hpp"
#include "sync/retention_keeper.hpp"
#include "sync/sync_client.hpp"

using namespace diemquet;

namespace {

std::unique_ptr<sync::SyncClient> g_sync;
std::unique_ptr<sync::RetentionKeeper> g_retention;    // purges synced check-ins past the period
std::unique_ptr<sync::PresencePoller> g_presence;      // who is inside, across the venue's gates
std::unique_ptr<client::KeyRingClient> g_keys;         // the poster key ring, venue names and codes
app::BrowserDownloader g_files;                        // the poster PDF
app::PageStore g_localStore(false);                    // localStorage: the kiosk lock, the last answer
std::unique_ptr<sync::LastAnswerKeeper> g_lastAnswer;  // "Đồng bộ lần cuối", "Đang ở trong" after a reload

double randomUnit() {
  unsigned char b[4];
  platform::randomBytes(b, sizeof b);
  return double((uint32_t(b[0]) << 24 | uint32_t(b[1]) << 16 | uint32_t(b[2]) << 8 | b[3])) / 4294967296.0;
}

}  // namespace

// ---- Exported to web/loader.js ----

// After the journal's replay, in a task before dq_boot: the SQLite database and the session
// (web/loader.js), so that neither lengthens the boot's task, which makes the WebGL context.
extern "C" EMSCRIPTEN_KEEPALIVE void dq_prepare() {
  app::startSession();
}

namespace {

// The station's screens and their wiring, as the page boots them (and the font worker, to
// compile their first frame's code: app_loop.hpp warmFace).
std::unique_ptr<ui::ModeUi> wireStation(app::FaceHooks& hooks) {
  ui::setServices(app::browserServices(&g_files));  // before any screen is made
  StationSession& session = app::startSession();
  Station& station = app::station();
  g_sync = std::make_unique<sync::SyncClient>(
      station, platform::journalAppend, app::postJson, [] { return platform::now().utcMs; }, randomUnit);
  ui::setSyncClient(g_sync.get());
  g_retention = std::make_unique<sync::RetentionKeeper>(
      station, platform::journalAppend, platform::journalDelete,
      [](const std::string& path, std::function<void(const sync::HttpReply&)> done) {
        sync::HttpRequest r;
        r.path = path;
        r.timeoutMs = 15000;
        app::fetchHttp(r, std::move(done));
      },
      [] { return platform::now().utcMs; });
  g_presence = std::make_unique<sync::PresencePoller>(
      station, platform::journalAppend, app::postJson, [] { return platform::now().utcMs; }, 5000);
  g_presence->setOnCorrected([&session](const DirectionCorrected& fix) { session.directionCorrected(fix); });
  ui::setServerContact(g_presence.get(), platform::now().utcMs);
  g_lastAnswer = std::make_unique<sync::LastAnswerKeeper>(station, g_localStore, platform::now);
  g_lastAnswer->restore(platform::now());  // the kept people count only on the day they were kept
  g_keys =
      std::make_unique<client::KeyRingClient>(app::posterTrust(), app::fetchHttp, [] { return platform::now().utcMs; });
  ui::setPosterClients(g_keys.get(), &g_files);
  ui::setKioskStore(&g_localStore);
  g_sync->setOnSynced([] {
    g_retention->afterSync();
    g_presence->askNow();  // an upload may have closed another gate's visit: ask at once
  });
  hooks.tick = [&session](bool online) {
    g_sync->tick();                  // uploads pending check-ins when due, drawn or not
    g_retention->tick();             // one bounded step of the retention purge, if any
    if (online) g_presence->tick();  // offline the station decides alone
    g_lastAnswer->tick(online);      // its people at most every 30 s, at once going offline
    ui::refreshPosterKeys(session, online);
  };
  // Versions only grow: their sum changes whenever one does.
  hooks.version = [&session] {
    return session.version() + g_sync->version() + g_retention->version() + g_presence->version();
  };
  hooks.savesInFlight = [&session] { return session.savesInFlight(); };
  return ui::makeStationUi(session);
}

}  // namespace

// Returns 0 on success, or a negative code the loader turns into a message.
extern "C" EMSCRIPTEN_KEEPALIVE int dq_boot(int /*mode: always the station here*/) {
  return app::bootFace(wireStation);
}

// In the font worker only (web/font-baker.js): the first frame's code compiled there, and the
// SQLite database's (in the worker's own memory: the page's data is not touched).
extern "C" EMSCRIPTEN_KEEPALIVE void dq_warm_frame() {
  app::warmFace(wireStation);
}

// Upload now: the `online` event, a Background Sync wake-up from the service worker.
extern "C" EMSCRIPTEN_KEEPALIVE void dq_sync_now() {
  if (g_sync) g_sync->syncNow();
}

// Automation and bench/station: checks in a synthetic person as a scan would (no UI taps),
// through the session's normal save path. Returns 1 if a save started, 0 if refused (not
// configured or booted). The commit is reported through globalThis.dqOnSaved.
extern "C" EMSCRIPTEN_KEEPALIVE int dq_automation_checkin(const char* name, const char* key) {
  StationSession* session = app::session();
  if (!session) return 0;
  Person p;
  p.kind = PersonKind::Manual;
  p.key = key ? key : "";
  p.displayName = name ? name : "";
  return session->submitPerson(p, Direction::In) ? 1 : 0;
}

// The station's state for automation and the benchmark: counts, sync, retention, the save status.
extern "C" EMSCRIPTEN_KEEPALIVE const char* dq_state() {
  static std::string json;
  const Station& s = app::station();
  nlohmann::json j = app::stationStateJson();
  j["kiosk"] = {{"locked", ui::kioskLocked()}, {"wakeLock", ui::kioskWakeLockWord()}};
  j["retention"] = {{"days", s.retentionDays()},
                    {"purged", s.purgedRows()},
                    {"oldUnsynced", s.unsyncedPastRetention(platform::now().utcMs)},
                    {"busy", g_retention && g_retention->busy()},
                    {"journalDeleted", g_retention ? g_retention->journalRecordsDeleted() : 0}};
  if (g_sync) {
    j["sync"]["phase"] = int(g_sync->phase());
    j["sync"]["runDone"] = g_sync->runDone();
    j["sync"]["runTotal"] = g_sync->runTotal();
    j["sync"]["uploads"] = g_sync->uploadsSent();
  }
  json = j.dump();
  return json.c_str();
}
