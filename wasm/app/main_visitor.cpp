// The visitor page's module (/v): a visitor's own phone checks in from a venue poster. It
// links the visitor's own store and client (visitor::SelfCheckIns over the IndexedDB journal
// `diemquet-visitor` and fetch) and the visitor screen; not the station's Station, SQLite log,
// journal events, screens, sync, retention, poster PDF writer or camera, nor the office.
#include <emscripten.h>

#include <string>

#include "app_loop.hpp"
#include "browser_services.hpp"
#include "browser_transport.hpp"
#include "client/exposure_feed_client.hpp"
#include "client/key_ring_client.hpp"
#include "journal_idb.hpp"
#include "modes.hpp"
#include "page.hpp"
#include "platform.hpp"
#include "replay_batch.hpp"
#include "visitor/self_check_ins.hpp"
#include "visitor_history.hpp"

using namespace diemquet;

namespace {

visitor::SelfCheckIns& store() {
  static visitor::SelfCheckIns s(platform::journalAppend, app::postJson, platform::now, platform::randomBytes);
  return s;
}

int64_t nowMs() {
  return platform::now().utcMs;
}

// A journal record is the visitor's own history (ui/visitor_history.hpp) or a self check-in.
void replayOne(const std::string& record, int64_t key) {
  if (!ui::ownHistory().replay(record, key)) store().replay(record, key);
}

}  // namespace

// ---- Exported to web/loader.js (the same entry points as the station's wiring) ----

extern "C" EMSCRIPTEN_KEEPALIVE void dq_replay(const char* record) { replayOne(record, 0); }

// The key is the record's journal key: the history purges visits past retention by it.
extern "C" EMSCRIPTEN_KEEPALIVE void dq_replay_keyed(const char* record, double key) {
  replayOne(record, int64_t(key));
}

extern "C" EMSCRIPTEN_KEEPALIVE void dq_replay_batch(const char* records) {
  app::forEachReplayed(records, nullptr, [](const std::string& r, int64_t key) { replayOne(r, key); });
}

extern "C" EMSCRIPTEN_KEEPALIVE void dq_replay_batch_keyed(const char* records, const char* keys) {
  app::forEachReplayed(records, keys, [](const std::string& r, int64_t key) { replayOne(r, key); });
}

// The visitor's screen and its wiring, as the page boots it (and the font worker, to compile
// its first frame's code: app_loop.hpp warmFace).
std::unique_ptr<ui::ModeUi> wireVisitor(app::FaceHooks& hooks) {
  visitor::SelfCheckIns& s = store();
  s.attachJournal(platform::journalCommittedKey, platform::journalDelete);
  ui::ownHistory().attach(platform::journalAppend, platform::journalCommittedKey);
  static client::KeyRingClient keys(s.trust(), app::fetchHttp, nowMs);
  static client::ExposureFeedClient feed(ui::ownHistory(), s.trust(), app::fetchHttp, platform::journalDelete, nowMs);
  static app::BrowserDownloader files;
  ui::setServices(app::browserServices(&files));
  ui::setOwnHistoryClients(&feed, &files);
  ui::VisitorClients clients{&keys, platform::pageUrl, platform::openPage};
  hooks = app::FaceHooks{
      // The phone's own check-ins past retention (the period the signed
      // exposure list gives, else 28 days) go, as the history's visits do.
      [&s](bool) { s.purgeExpired([&s] { return ui::ownHistory().retentionDays(s.trust().keyRing()); }); },
      [&s] { return s.version() + ui::ownHistoryVersion(); },
      [&s] { return s.savesInFlight(); },
  };
  return ui::makeVisitorUi(s, std::move(clients));
}

// Returns 0 on success, or a negative code the loader turns into a message.
extern "C" EMSCRIPTEN_KEEPALIVE int dq_boot(int /*mode: always the visitor page here*/) {
  return app::bootFace(wireVisitor);
}

// In the font worker only (web/font-baker.js): the first frame's code compiled there.
extern "C" EMSCRIPTEN_KEEPALIVE void dq_warm_frame() {
  app::warmFace(wireVisitor);
}

// For automation and the page (update only between saves): counts and the save status.
extern "C" EMSCRIPTEN_KEEPALIVE const char* dq_state() {
  static std::string json;
  const visitor::SelfCheckIns& s = store();
  static const char* names[] = {"idle", "saving", "saved", "failed"};
  const SaveStatus& st = s.saveStatus();
  json = nlohmann::json{{"total", s.visits().size()},
                        {"pending", s.pendingCount()},
                        {"damaged", s.damagedRecords()},
                        {"device", s.deviceId()},
                        {"save", {{"state", names[int(st.state)]}, {"serial", st.serial}, {"seq", st.seq}}},
                        {"inFlight", s.savesInFlight()}}
             .dump();
  return json.c_str();
}
