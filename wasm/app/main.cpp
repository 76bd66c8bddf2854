// The station app: wires the core (Station, StationSession), the browser platform and the
// ImGui UI together, like ImGui's example main.cpp. JS (web/loader.js) replays the journal
// through dq_replay() and then calls dq_boot().
#include <emscripten.h>
#include <emscripten/html5.h>
#include <GLES3/gl3.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <cstdlib>
#include <memory>
#include <string>

#include "check_in_json.hpp"
#include "http.hpp"
#include "i18n.hpp"
#include "glyph_ranges.hpp"
#include "imgui_impl_html5.hpp"
#include "journal_idb.hpp"
#include "modes.hpp"
#include "platform.hpp"
#include "probe.hpp"
#include "screen_binding.hpp"
#include "screen_sync.hpp"
#include "station_session.hpp"
#include "visitor/poster_trust.hpp"
#include "station_ui.hpp"
#include "sync/retention_keeper.hpp"
#include "sync/sync_client.hpp"
#include "text_input.hpp"
#include "theme.hpp"

using namespace diemquet;

namespace {

struct App {
  std::unique_ptr<Station> station;
  std::unique_ptr<StationSession> session;
  std::unique_ptr<ui::ModeUi> ui;
  ui::AppMode mode = ui::AppMode::Station;
  EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl = 0;
  uint64_t drawnVersion = 0;
  bool drawnOnline = true;
  int framesToDraw = 2;
  double lastDraw = 0;
  double saveSeenAt = 0;  // when the current save in flight was first seen (0: none)
  float fontDpr = 0;
  std::string stateJson;
  std::unique_ptr<sync::SyncClient> sync;
  uint64_t drawnSync = 0;
  std::unique_ptr<sync::RetentionKeeper> retention;  // purges synced check-ins past the period
  uint64_t drawnRetention = 0;
};
App g_app;
visitor::PosterTrust g_posterTrust;  // key ring, venue names, visitor profile (own journal records)

Station& station() {
  if (!g_app.station) g_app.station = std::move(Station::create()).value();
  return *g_app.station;
}

// Fonts are rasterised at the device pixel ratio and drawn at 1/dpr: crisp on phones. Each face
// loads the glyph ranges of ui/glyph_ranges.hpp (the one list of what the UI may draw), with
// the symbol fonts merged in for what Noto Sans lacks (check marks, arrows).
ImFont* loadFace(float px, ui::glyphs::Face face, bool bold) {
  using ui::glyphs::Source;
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  ImFontConfig cfg;
  cfg.OversampleH = 1;
  cfg.OversampleV = 1;
  ImFont* f = atlas->AddFontFromFileTTF(ui::glyphs::sourceFile(Source::Text, bold), px, &cfg,
                                        ui::glyphs::imguiRanges(Source::Text, face));
  if (!f) return nullptr;
  for (Source s : {Source::Symbols2, Source::Math}) {
    const ImWchar* r = ui::glyphs::imguiRanges(s, face);
    if (!r) continue;
    ImFontConfig merge = cfg;
    merge.MergeMode = true;
    atlas->AddFontFromFileTTF(ui::glyphs::sourceFile(s, bold), px, &merge, r);
  }
  return f;
}

void loadFonts(float dpr) {
  using ui::glyphs::Face;
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ui::Fonts& f = ui::fonts();
  f.body = loadFace(17 * dpr, Face::kBody, false);
  f.bold = loadFace(19 * dpr, Face::kBold, true);
  f.big = loadFace(36 * dpr, Face::kBig, true);
  f.title = loadFace(26 * dpr, Face::kTitle, true);
  if (!f.body || !f.bold || !f.big || !f.title) {
    f.body = f.bold = f.big = f.title = io.Fonts->AddFontDefault();
  }
  io.FontGlobalScale = 1.0f / dpr;
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  g_app.fontDpr = dpr;
}

void frame() {
  bool ticked = g_app.ui->tick();
  const bool pointer = platform::imguiHtml5TakeActivity(), typed = platform::textFieldTakeActivity();  // take both
  bool activity = pointer || typed || ticked;
  bool online = platform::isOnline();
  g_app.sync->tick();  // uploads pending check-ins when due, drawn or not
  g_app.retention->tick();  // one bounded step of the retention purge, if any
  if (g_app.mode == ui::AppMode::Station) ui::refreshPosterKeys(*g_app.session, online);
  bool syncChanged = g_app.sync->version() != g_app.drawnSync || g_app.retention->version() != g_app.drawnRetention;
  // Draw only when something changed: every frame costs the phone's battery, and a frame
  // drawn while a save commits delays the commit. Input needs a few frames (press, release,
  // hover settling); a state change needs two; a screen that animates asks for up to 20
  // frames/s (the camera's live view is the page's own <video>, never drawn here);
  // otherwise twice a second (the clock, a blinking caret, banners that expire).
  double t = emscripten_get_now();
  if (activity) g_app.framesToDraw = std::max(g_app.framesToDraw, 4);
  if (g_app.session->version() != g_app.drawnVersion || online != g_app.drawnOnline || syncChanged)
    g_app.framesToDraw = std::max(g_app.framesToDraw, 2);
  if ((g_app.ui->animating() && t - g_app.lastDraw >= 50) || t - g_app.lastDraw > 500)
    g_app.framesToDraw = std::max(g_app.framesToDraw, 1);
  // While a save is in flight nothing is drawn, for up to kSaveHoldMs: its commit completes
  // sooner without a frame competing for the CPU (a software-rendered frame costs more than the
  // commit), and a few-ms "saving" state needs no frame of its own. Frames asked for meanwhile
  // are drawn after; a slower commit shows "saving" once the hold ends.
  constexpr double kSaveHoldMs = 250;
  if (g_app.session->savesInFlight() > 0) {
    if (g_app.saveSeenAt == 0) g_app.saveSeenAt = t;
    if (t - g_app.saveSeenAt < kSaveHoldMs) return;
  } else {
    g_app.saveSeenAt = 0;
  }
  if (g_app.framesToDraw <= 0) return;
  --g_app.framesToDraw;
  g_app.lastDraw = t;
  g_app.drawnVersion = g_app.session->version();
  g_app.drawnOnline = online;
  g_app.drawnSync = g_app.sync->version();
  g_app.drawnRetention = g_app.retention->version();

  platform::imguiHtml5NewFrame();
  if (platform::devicePixelRatio() != g_app.fontDpr) loadFonts(platform::devicePixelRatio());
  ImGui_ImplOpenGL3_NewFrame();
  ImGui::NewFrame();
  ui::probe::beginFrame();
  platform::textFieldsBeginFrame();
  g_app.ui->frame(online);
  ImGui::Render();
  ui::probe::scanDrawData(ImGui::GetDrawData());
  ui::probe::endFrame();
  ImGuiIO& io = ImGui::GetIO();
  glViewport(0, 0, int(io.DisplaySize.x * io.DisplayFramebufferScale.x), int(io.DisplaySize.y * io.DisplayFramebufferScale.y));
  glClearColor(0.945f, 0.961f, 0.976f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  // A widget held down (a press in progress) is drawn every frame until released.
  if (ImGui::IsAnyItemActive()) g_app.framesToDraw = std::max(g_app.framesToDraw, 1);
}

}  // namespace

// Sync's HTTP: same-origin POSTs through fetch, 30 s before giving up (status 0).
void syncTransport(const std::string& path, const std::string& body, const std::string& token,
                   std::function<void(const sync::HttpReply&)> done) {
  std::string headers = "Content-Type: application/json";
  if (!token.empty()) headers += "\nAuthorization: Bearer " + token;
  platform::httpRequest("POST", path, body, headers, 30000,
                        [done](const platform::HttpResponse& r) { done(sync::HttpReply{r.status, r.body}); });
}

double randomUnit() {
  unsigned char b[4];
  platform::randomBytes(b, sizeof b);
  return double((uint32_t(b[0]) << 24 | uint32_t(b[1]) << 16 | uint32_t(b[2]) << 8 | b[3])) / 4294967296.0;
}

// ---- Exported to web/loader.js ----

// One journal record, in journal order, before dq_boot().
extern "C" EMSCRIPTEN_KEEPALIVE void dq_replay(const char* record) {
  if (!g_posterTrust.replay(record)) station().replay(record);
}

// Many journal records at once, separated by '\n' (JSON never holds a raw newline): one call
// per thousands of records instead of one per record keeps a cold start short.
extern "C" EMSCRIPTEN_KEEPALIVE void dq_replay_batch(const char* records) {
  std::string_view all(records);
  std::string one;
  while (!all.empty()) {
    size_t nl = all.find('\n');
    one.assign(all.substr(0, nl));
    if (!one.empty()) dq_replay(one.c_str());
    if (nl == std::string_view::npos) break;
    all.remove_prefix(nl + 1);
  }
}

// The same with each record's journal key (web/loader.js), which the retention purge deletes by.
extern "C" EMSCRIPTEN_KEEPALIVE void dq_replay_keyed(const char* record, double key) {
  if (!g_posterTrust.replay(record)) station().replay(record, int64_t(key));
}

// Records separated by '\n', keys by ',' (as many as records).
extern "C" EMSCRIPTEN_KEEPALIVE void dq_replay_batch_keyed(const char* records, const char* keys) {
  std::string_view all(records);
  const char* k = keys;
  std::string one;
  while (!all.empty()) {
    size_t nl = all.find('\n');
    one.assign(all.substr(0, nl));
    char* end = nullptr;
    int64_t key = std::strtoll(k, &end, 10);
    k = *end == ',' ? end + 1 : end;
    if (!one.empty()) dq_replay_keyed(one.c_str(), double(key));
    if (nl == std::string_view::npos) break;
    all.remove_prefix(nl + 1);
  }
}

// mode: 0 station, 1 visitor page, 2 office (ui/modes.hpp).
// Returns 0 on success, or a negative code the loader turns into a message.
extern "C" EMSCRIPTEN_KEEPALIVE int dq_boot(int mode) {
  station().finishReplay();
  g_app.session = std::make_unique<StationSession>(station(), platform::journalAppend, platform::now);
  g_posterTrust.attach(platform::journalAppend);
  g_app.session->setPosterTrust(&g_posterTrust);
  g_app.sync = std::make_unique<sync::SyncClient>(station(), platform::journalAppend, syncTransport,
                                                  [] { return platform::now().utcMs; }, randomUnit);
  ui::setSyncClient(g_app.sync.get());
  station().setJournalKeySource(platform::journalCommittedKey);
  g_app.retention = std::make_unique<sync::RetentionKeeper>(
      station(), platform::journalAppend, platform::journalDelete,
      [](const std::string& path, std::function<void(const sync::HttpReply&)> done) {
        platform::httpRequest("GET", path, "", "", 15000,
                              [done](const platform::HttpResponse& r) { done(sync::HttpReply{r.status, r.body}); });
      },
      [] { return platform::now().utcMs; });
  g_app.sync->setOnSynced([] { g_app.retention->afterSync(); });
  g_app.mode = ui::AppMode(mode);
  switch (g_app.mode) {
    case ui::AppMode::Visitor: g_app.ui = ui::makeVisitorUi(*g_app.session); break;
    case ui::AppMode::Office: g_app.ui = ui::makeOfficeUi(*g_app.session); break;
    default: g_app.ui = ui::makeStationUi(*g_app.session); break;
  }

  EmscriptenWebGLContextAttributes attrs;
  emscripten_webgl_init_context_attributes(&attrs);
  attrs.majorVersion = 2;
  attrs.minorVersion = 0;
  attrs.alpha = false;
  attrs.antialias = false;
  g_app.gl = emscripten_webgl_create_context("#canvas", &attrs);
  if (g_app.gl <= 0) return -1;  // no WebGL2
  emscripten_webgl_make_context_current(g_app.gl);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // layout is code, not a file
  io.ConfigInputTextCursorBlink = true;
  ui::applyTheme();
  platform::imguiHtml5Init("#canvas");
  ImGui_ImplOpenGL3_Init("#version 300 es");
  emscripten_set_main_loop(frame, 0, false);
  return 0;
}

// What the last frame showed (see ui/probe.hpp).
extern "C" EMSCRIPTEN_KEEPALIVE const char* dq_probe() { return ui::probe::lastFrameJson().c_str(); }

// The station's state for automation and the benchmark: counts and the save status.
// Upload now: the `online` event, a Background Sync wake-up from the service worker.
extern "C" EMSCRIPTEN_KEEPALIVE void dq_sync_now() {
  if (g_app.sync) g_app.sync->syncNow();
}

// Automation and bench/station: checks in a synthetic person as a scan would (no UI taps),
// through the session's normal save path. Returns 1 if a save started, 0 if refused (not
// configured or booted). The commit is reported through globalThis.dqOnSaved.
extern "C" EMSCRIPTEN_KEEPALIVE int dq_automation_checkin(const char* name, const char* key) {
  if (!g_app.session) return 0;
  Person p;
  p.kind = PersonKind::Manual;
  p.key = key ? key : "";
  p.displayName = name ? name : "";
  return g_app.session->submitPerson(p, Direction::In) ? 1 : 0;
}

extern "C" EMSCRIPTEN_KEEPALIVE const char* dq_state() {
  const Station& s = station();
  nlohmann::json j;
  j["total"] = s.totalCount();
  j["pending"] = s.pendingCount();
  j["configured"] = s.isConfigured();
  j["damaged"] = s.damagedRecords();
  j["device"] = s.settings().deviceId;
  j["sync"] = {{"enrolled", bool(s.enrollment())}, {"venue", s.settings().venue.id},
               {"scanPoint", s.settings().scanPoint.id}, {"rejected", s.rejected().size()},
               {"lastSyncMs", s.lastSyncMs()}};
  j["retention"] = {{"days", s.retentionDays()}, {"purged", s.purgedRows()},
                    {"oldUnsynced", s.unsyncedPastRetention(platform::now().utcMs)},
                    {"busy", g_app.retention && g_app.retention->busy()},
                    {"journalDeleted", g_app.retention ? g_app.retention->journalRecordsDeleted() : 0}};
  if (g_app.sync) {
    j["sync"]["phase"] = int(g_app.sync->phase());
    j["sync"]["runDone"] = g_app.sync->runDone();
    j["sync"]["runTotal"] = g_app.sync->runTotal();
    j["sync"]["uploads"] = g_app.sync->uploadsSent();
  }
  if (g_app.session) {
    DaySummary d = s.today(g_app.session->now());
    j["today"] = {{"inside", d.insideNow}, {"in", d.checkInsToday}, {"out", d.checkOutsToday}};
    const SaveStatus& st = g_app.session->saveStatus();
    static const char* names[] = {"idle", "saving", "saved", "failed"};
    j["save"] = {{"state", names[int(st.state)]}, {"serial", st.serial}, {"seq", st.seq}};
    j["inFlight"] = g_app.session->savesInFlight();
  }
  g_app.stateJson = j.dump();
  return g_app.stateJson.c_str();
}
