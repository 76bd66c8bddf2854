// The visitor's own history and exposure alerts (visitor_history.hpp). The list is fetched
// with a plain GET that carries nothing about the phone; matching happens here, and neither the
// history nor a match is ever sent.
#include "visitor_history.hpp"

#include <imgui.h>

#include "i18n.hpp"
#include "probe.hpp"
#include "widgets.hpp"

namespace diemquet::ui {

namespace {

struct OwnHistoryState {
  exposure::VisitHistory history;
  bool open = false;  // the history section is unfolded
  uint64_t uiVersion = 1;
} g_h;

client::ExposureFeedClient* g_feed = nullptr;
client::Downloader* g_files = nullptr;

std::string dayTime(int64_t utcMs, int offsetMinutes) {
  Instant at{utcMs, offsetMinutes};
  return formatLocalDate(at) + " " + formatLocalTime(at);
}

// An alert for one scan point names it as the phone's own visit there did ("Cổng sau"); the
// list itself carries only its id.
std::string pointNameOf(const exposure::Exposure& e) {
  if (e.pointId.empty()) return "";
  for (const exposure::OwnVisit& v : g_h.history.visits())
    if (v.venueId == e.venueId && v.pointId == e.pointId && !v.pointName.empty()) return v.pointName;
  return "";
}

std::string withCount(Str s, const char* slot, int n) {
  std::string t = tr(s);
  auto at = t.find(slot);
  if (at != std::string::npos) t.replace(at, std::string(slot).size(), std::to_string(n));
  return t;
}

}  // namespace

exposure::VisitHistory& ownHistory() {
  return g_h.history;
}
uint64_t ownHistoryVersion() {
  return g_h.history.version() + g_h.uiVersion + (g_feed ? g_feed->version() : 0);
}

void setOwnHistoryClients(client::ExposureFeedClient* feed, client::Downloader* files) {
  g_feed = feed;
  g_files = files;
}

void tickOwnHistory(bool online) {
  if (g_feed) g_feed->tick(online);
}

void noteOwnVisit(visitor::PosterTrust& trust, const std::string& posterUrl, Direction dir, const Instant& at) {
  auto ref = poster::parsePosterUrl(posterUrl);
  if (!ref) return;
  exposure::OwnVisit v;
  v.venueId = ref->venueId;
  v.pointId = ref->pointId;
  if (const visitor::VenueNames* names = trust.venue(ref->venueId)) {
    v.venueName = names->venue.name;
    v.pointName = names->pointName(ref->pointId);
  }
  v.direction = dir;
  v.at = at;
  g_h.history.noteVisit(v);
}

void drawExposureAlerts(visitor::PosterTrust& trust, const Instant& now) {
  if (g_feed && g_feed->refused()) banner("visitor.exposure.refused", tr(Str::VisitorListRefused), theme::kWarn);
  const auto alerts = g_h.history.alerts(trust.keyRing());
  int i = 0;
  for (const exposure::Alert& a : alerts) {
    const std::string id = "visitor.exposure.alert." + std::to_string(i++);
    const int off = now.offsetMinutes;
    std::string where = a.exposure.venueName.empty() ? a.stay.venueName : a.exposure.venueName;
    if (const std::string point = pointNameOf(a.exposure); !point.empty()) where += " · " + point;
    std::string body = std::string(tr(Str::VisitorAlertTitle)) + "\n" + tr(Str::VisitorAlertWhere) + where + ", " +
                       dayTime(a.stay.startMs, off) + "\n" + tr(Str::VisitorAlertWindow) +
                       dayTime(a.exposure.fromMs, off) + " – " + formatLocalTime(Instant{a.exposure.untilMs, off}) +
                       "\n" + a.exposure.advice;
    banner(id.c_str(), body, theme::kDanger);
  }
  if (!alerts.empty())
    text("visitor.exposure.private", tr(Str::VisitorAlertPrivate), theme::kMuted);
  else if (g_h.history.list(trust.keyRing()) && !g_h.history.visits().empty() && g_h.history.listFetchedMs() > 0)
    text("visitor.exposure.none", tr(Str::VisitorNoAlerts) + dayTime(g_h.history.listFetchedMs(), now.offsetMinutes),
         theme::kMuted);
}

void drawOwnHistory(visitor::PosterTrust& trust) {
  const auto& visits = g_h.history.visits();
  std::string title = std::string(tr(Str::VisitorHistory)) + " (" + std::to_string(visits.size()) + ")";
  if (button("visitor.history", title.c_str(), ButtonStyle::Quiet)) {
    g_h.open = !g_h.open;
    ++g_h.uiVersion;
  }
  if (!g_h.open) return;
  text("visitor.history.keep", withCount(Str::VisitorHistoryKeep, "{n}", g_h.history.retentionDays(trust.keyRing())),
       theme::kMuted);
  if (visits.empty()) {
    text("visitor.history.empty", tr(Str::VisitorHistoryEmpty), theme::kMuted);
    return;
  }
  // Newest first: the visit a person looks for is usually the last one.
  for (size_t i = visits.size(); i-- > 0;) {
    const exposure::OwnVisit& v = visits[i];
    std::string line = formatLocalDate(v.at) + " " + formatLocalTime(v.at) + " · " +
                       tr(v.direction == Direction::In ? Str::VisitorDirIn : Str::VisitorDirOut) + " · " +
                       (v.venueName.empty() ? v.venueId : v.venueName) +
                       (v.pointName.empty() ? "" : " · " + v.pointName);
    text(("visitor.history." + std::to_string(visits.size() - 1 - i)).c_str(), line, theme::kText);
  }
  if (button("visitor.history.export", tr(Str::VisitorHistoryExport), ButtonStyle::Secondary) && g_files)
    g_files->saveBytes("lich-su-cua-toi.csv", "text/csv;charset=utf-8", g_h.history.csv());
}

}  // namespace diemquet::ui
