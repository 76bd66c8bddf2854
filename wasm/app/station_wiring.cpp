// Journal replay and the session (station_wiring.hpp). web/loader.js replays the journal
// through dq_replay*() and then calls dq_boot().
#include "station_wiring.hpp"

#include <emscripten.h>

#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "journal_idb.hpp"
#include "platform.hpp"
#include "replay_batch.hpp"

namespace diemquet::app {

namespace {
std::unique_ptr<Station> g_station;
std::unique_ptr<StationSession> g_session;
visitor::PosterTrust g_posterTrust;  // key ring, venue names, visitor profile (own journal records)
}  // namespace

Station& station() {
  if (!g_station) g_station = std::move(Station::create()).value();
  return *g_station;
}

visitor::PosterTrust& posterTrust() {
  return g_posterTrust;
}

StationSession& startSession() {
  if (g_session) return *g_session;
  station().finishReplay();
  g_session = std::make_unique<StationSession>(station(), platform::journalAppend, platform::now);
  g_posterTrust.attach(platform::journalAppend);
  g_session->setPosterTrust(&g_posterTrust);
  station().setJournalKeySource(platform::journalCommittedKey);
  return *g_session;
}

StationSession* session() {
  return g_session.get();
}

nlohmann::json stationStateJson() {
  const Station& s = station();
  nlohmann::json j;
  j["total"] = s.totalCount();
  j["pending"] = s.pendingCount();
  j["configured"] = s.isConfigured();
  j["damaged"] = s.damagedRecords();
  j["device"] = s.settings().deviceId;
  j["sync"] = {{"enrolled", bool(s.enrollment())},
               {"venue", s.settings().venue.id},
               {"scanPoint", s.settings().scanPoint.id},
               {"rejected", s.rejected().size()},
               {"lastSyncMs", s.lastSyncMs()}};
  j["inFlight"] = 0;
  if (g_session) {
    DaySummary d = s.today(g_session->now());
    j["today"] = {{"inside", d.insideNow},
                  {"in", d.checkInsToday},
                  {"out", d.checkOutsToday},
                  {"insideOther", d.insideViaOtherPhones}};
    const SaveStatus& st = g_session->saveStatus();
    static const char* names[] = {"idle", "saving", "saved", "failed", "repeat"};  // SaveStatus::State, in order
    j["save"] = {{"state", names[int(st.state)]}, {"serial", st.serial}, {"seq", st.seq}};
    j["inFlight"] = g_session->savesInFlight();
  }
  return j;
}

}  // namespace diemquet::app

using diemquet::app::posterTrust;
using diemquet::app::station;

// ---- Exported to web/loader.js ----

// One journal record, in journal order, before dq_boot().
extern "C" EMSCRIPTEN_KEEPALIVE void dq_replay(const char* record) {
  if (!posterTrust().replay(record)) station().replay(record);
}

// Many journal records at once (replay_batch.hpp).
extern "C" EMSCRIPTEN_KEEPALIVE void dq_replay_batch(const char* records) {
  diemquet::app::forEachReplayed(records, nullptr, [](const std::string& r, int64_t) { dq_replay(r.c_str()); });
}

// The same with each record's journal key (web/loader.js), which the retention purge deletes by.
extern "C" EMSCRIPTEN_KEEPALIVE void dq_replay_keyed(const char* record, double key) {
  if (!posterTrust().replay(record)) station().replay(record, int64_t(key));
}

// Records separated by '\n', keys by ',' (as many as records).
extern "C" EMSCRIPTEN_KEEPALIVE void dq_replay_batch_keyed(const char* records, const char* keys) {
  diemquet::app::forEachReplayed(records, keys,
                                 [](const std::string& r, int64_t key) { dq_replay_keyed(r.c_str(), double(key)); });
}
