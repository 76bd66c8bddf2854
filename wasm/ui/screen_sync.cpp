// Sync on screen: enrollment in Settings and the always-visible sync line on Today.
#include "screen_sync.hpp"

#include <imgui.h>

#include "i18n.hpp"
#include "probe.hpp"
#include "services.hpp"
#include "station_ui.hpp"
#include "widgets.hpp"

namespace diemquet::ui {

namespace {

sync::SyncClient* g_sync = nullptr;
const sync::PresencePoller* g_presence = nullptr;
int64_t g_startedMs = 0;
bool g_online = true;  // navigator.onLine as the last frame saw it

// What the enrollment form remembers between frames.
struct EnrollForm {
  std::string code;
  // The last attempt's outcome, shown under the field in the current language; Ok is no error.
  sync::EnrollResult result = sync::EnrollResult::Ok;
  // "Đã kết nối" stays while Settings stays open: expiring after 4 s, it moved the whole form
  // up under a finger on its way to "Lưu cài đặt". Cleared when a frame drew another screen.
  bool justEnrolled = false;
  int drawnFrame = -10;  // the ImGui frame that last drew this section
} g_form;

std::optional<Str> enrollMessage(sync::EnrollResult r) {
  switch (r) {
    case sync::EnrollResult::BadFormat: return Str::EnrollBadFormat;
    case sync::EnrollResult::InvalidCode: return Str::EnrollInvalid;
    case sync::EnrollResult::Offline: return Str::EnrollOffline;
    case sync::EnrollResult::Storage: return Str::EnrollStorage;
    case sync::EnrollResult::Busy: return Str::Enrolling;
    case sync::EnrollResult::ServerError: return Str::EnrollServerError;
    case sync::EnrollResult::Ok: return std::nullopt;
  }
  return std::nullopt;
}

std::string lastSyncText(const StationSession& session) {
  int64_t ms = session.station().lastSyncMs();
  if (ms == 0) return std::string(tr(Str::LastSync)) + ": " + tr(Str::Never);
  Instant now = session.now();
  Instant at{ms, now.offsetMinutes};
  std::string when = formatLocalTime(at);
  if (localDayOf(at).startUtcMs != localDayOf(now).startUtcMs) when += " " + formatLocalDate(at);
  return std::string(tr(Str::LastSync)) + ": " + when;
}

// A bar of the current run: settled / total, with the numbers written on it.
void progressBar(const sync::SyncClient& c) {
  int64_t total = std::max<int64_t>(1, c.runTotal());
  float frac = float(double(c.runDone()) / double(total));
  float w = ImGui::GetContentRegionAvail().x;
  ImGui::PushID("sync.progress");
  ImGui::InvisibleButton("##p", ImVec2(w, 30));
  ImGui::PopID();
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(a, b, IM_COL32(226, 232, 240, 255), 8);
  dl->AddRectFilled(a, ImVec2(a.x + (b.x - a.x) * std::min(1.0f, frac), b.y), theme::kPrimary, 8);
  std::string label = std::string(tr(Str::Syncing)) + " " + std::to_string(c.runDone()) + " / " + std::to_string(c.runTotal());
  ImFont* f = fonts().bold;
  float fs = fontPx(f) * 0.85f;
  ImVec2 ts = f->CalcTextSizeA(fs, FLT_MAX, 0, label.c_str());
  ImVec2 p(a.x + (b.x - a.x - ts.x) * 0.5f, a.y + (b.y - a.y - ts.y) * 0.5f);
  // Dark on the empty track, white once the bar has filled past the middle: always readable.
  dl->AddText(f, fs, p, frac < 0.5f ? theme::kPrimaryDark : IM_COL32_WHITE, label.c_str());
  probe::add("progress", "sync.progress", label, a.x, a.y, b.x - a.x, b.y - a.y);
}

bool showProgress(const sync::SyncClient& c) {
  return c.phase() == sync::SyncPhase::Uploading && c.runTotal() > 0;
}

// Why the last attempt failed, in words staff can act on; empty when nothing failed. Offline,
// the "no network" line is syncNowOrWhyNot's, not said twice.
const char* problemText(const sync::SyncClient& c) {
  if (c.phase() == sync::SyncPhase::NeedsEnrollment) return tr(Str::SyncReenroll);
  if (c.phase() != sync::SyncPhase::Waiting) return nullptr;
  switch (c.problem()) {
    case sync::SyncProblem::Offline: return g_online ? tr(Str::SyncOffline) : nullptr;
    case sync::SyncProblem::ServerError: return tr(Str::SyncServerError);
    case sync::SyncProblem::Storage: return tr(Str::SyncStorage);
    case sync::SyncProblem::Refused: return tr(Str::SyncRefused);
    default: return nullptr;
  }
}

// "Đồng bộ ngay" while the phone has a network; offline, a tap could change nothing, so the
// staff read instead that the scans wait on the phone and go once the network is back.
void syncNowOrWhyNot(const char* id, const char* offlineId) {
  if (!g_online) return text(offlineId, tr(Str::SyncOfflineHold), theme::kWarn);
  if (button(id, tr(Str::SyncNow), ButtonStyle::Secondary)) g_sync->syncNow();
}

// "{n}" and "{d}" in a translated sentence.
std::string fill(const char* pattern, int64_t n, int days) {
  std::string s = pattern;
  for (auto [key, value] : {std::pair{"{n}", n}, std::pair{"{d}", int64_t(days)}})
    for (size_t at = s.find(key); at != std::string::npos; at = s.find(key)) s.replace(at, 3, std::to_string(value));
  return s;
}

// Retention: a warning while check-ins past the period are not synced (they are never
// deleted before the server has them), else one quiet line on what the phone deletes.
void retentionLines(const StationSession& session) {
  const Station& st = session.station();
  int64_t old = st.unsyncedPastRetention(session.now().utcMs);
  if (old > 0) text("sync.retentionWarning", fill(tr(Str::RetentionOldUnsynced), old, st.retentionDays()), theme::kDanger);
  else if (st.enrollment()) text("sync.retention", fill(tr(Str::RetentionInfo), 0, st.retentionDays()), theme::kMuted);
}

void enrollForm(StationSession& session, bool again) {
  text("sync.notEnrolled", tr(again ? Str::SyncReenroll : Str::NotEnrolled), again ? theme::kDanger : theme::kWarn);
  if (textField("sync.code", tr(Str::EnrollCode), g_form.code, platform::InputMode::Text, "XXXX-XXXX-XXXX",
                trIf(enrollMessage(g_form.result))))
    g_form.result = sync::EnrollResult::Ok;
  bool busy = g_sync->enrolling();
  if (button("sync.enroll", tr(busy ? Str::Enrolling : Str::EnrollConnect)) && !busy) {
    std::string device;
    if (!session.station().hasDeviceId()) {
      unsigned char r[16];
      randomBytes(r, sizeof r);
      device = Station::makeDeviceId(r);
    }
    platform::textFieldBlur();
    g_sync->enroll(g_form.code, device, [](sync::EnrollResult res) {
      g_form.result = res;
      if (res == sync::EnrollResult::Ok) {
        g_form.code.clear();
        g_form.justEnrolled = true;
      }
    });
  }
}

}  // namespace

void setSyncClient(sync::SyncClient* client) { g_sync = client; }

void setSyncNetworkOnline(bool online) { g_online = online; }

void setServerContact(const sync::PresencePoller* poller, int64_t startedMs) {
  g_presence = poller;
  g_startedMs = startedMs;
}

sync::Connection stationConnection(const StationSession& session, bool networkOnline) {
  const bool enrolled = session.station().enrollment().has_value();
  const sync::ServerContact contact{g_startedMs, session.station().lastAnsweredMs(),
                                    g_presence ? g_presence->lastFailureMs() : 0, session.now().utcMs,
                                    g_presence ? g_presence->failuresInARow() : 0, g_sync ? g_sync->failures() : 0};
  if (!g_sync)
    return sync::connectionOf(enrolled, networkOnline, sync::SyncPhase::NotEnrolled, sync::SyncProblem::None, contact);
  return sync::connectionOf(enrolled, networkOnline, g_sync->phase(), g_sync->problem(), contact);
}

bool serverReachedNow(const StationSession& session) {
  return stationConnection(session, g_online) == sync::Connection::Online;
}

void drawSyncSettings(StationSession& session) {
  if (!g_sync) return;
  const Station& st = session.station();
  if (g_form.drawnFrame != ImGui::GetFrameCount() - 1) g_form.justEnrolled = false;
  g_form.drawnFrame = ImGui::GetFrameCount();
  text("sync.title", tr(Str::SyncTitle), theme::kText, fonts().bold);
  bool blocked = g_sync->phase() == sync::SyncPhase::NeedsEnrollment;
  if (!st.enrollment() || blocked) {
    enrollForm(session, blocked);
    if (!st.enrollment()) return retentionLines(session);
  }
  // "Xong!" promises that check-ins now go up by themselves: not while the server cannot be
  // reached (the green band stayed under an orange "Lỗi máy chủ"), nor again after.
  const sync::Connection now = stationConnection(session, g_online);
  if (now == sync::Connection::ServerTrouble || now == sync::Connection::Offline) g_form.justEnrolled = false;
  if (g_form.justEnrolled) banner("sync.enrolledNow", tr(Str::EnrollDone), theme::kIn);
  const StationEnrolled& e = *st.enrollment();
  text("sync.enrolled", std::string(tr(Str::Enrolled)) + ": " + e.venue.name, theme::kIn);
  if (e.scanPoints.size() > 1) {
    text("sync.pointLabel", tr(Str::ChooseScanPoint), theme::kMuted);
    for (size_t i = 0; i < e.scanPoints.size(); ++i) {
      const ScanPoint& p = e.scanPoints[i];
      bool on = st.settings().scanPoint.id == p.id;
      std::string id = "sync.point." + std::to_string(i);
      if (button(id.c_str(), p.name.c_str(), on ? ButtonStyle::Primary : ButtonStyle::Secondary) && !on) {
        StationSettings next = st.settings();
        next.scanPoint = p;
        session.saveSettings(next);
      }
    }
  }
  text("sync.pending", std::string(tr(Str::PendingSync)) + ": " + std::to_string(st.pendingCount()), theme::kText);
  if (!st.rejected().empty())
    text("sync.rejected", std::string(tr(Str::SyncRejected)) + ": " + std::to_string(st.rejected().size()), theme::kDanger);
  text("sync.last", lastSyncText(session), theme::kMuted);
  retentionLines(session);
  if (const char* p = problemText(*g_sync)) text("sync.problem", p, theme::kWarn);
  if (showProgress(*g_sync)) progressBar(*g_sync);
  if (!blocked) syncNowOrWhyNot("sync.now", "sync.offlineHold");
}

void drawSyncFooter(StationSession& session) {
  const Station& st = session.station();
  int64_t pending = st.pendingCount();
  std::string foot = std::string(tr(Str::StoredOnDevice)) + ": " + std::to_string(st.totalCount()) + " · " +
                     tr(Str::PendingSync) + ": " + std::to_string(pending);
  text("today.footer", foot, theme::kMuted);
  if (!g_sync) return;
  if (!st.enrollment()) {
    text("today.sync", tr(Str::NotEnrolled), theme::kWarn);
    return;
  }
  std::string line = lastSyncText(session);
  if (!st.rejected().empty()) line += " · " + std::string(tr(Str::SyncRejected)) + ": " + std::to_string(st.rejected().size());
  text("today.sync", line, pending > 0 ? theme::kWarn : theme::kMuted);
  if (const char* p = problemText(*g_sync)) text("today.syncProblem", p, theme::kWarn);
  if (showProgress(*g_sync)) progressBar(*g_sync);
  else if (pending > 0) syncNowOrWhyNot("today.syncNow", "today.syncOfflineHold");
}

}  // namespace diemquet::ui
