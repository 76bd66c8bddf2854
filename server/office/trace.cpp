// Contact tracing over stored check-ins. The person's records are found by index
// (person_key / phone, ts_ms), only at venues inside the officer's area; each visit then
// reads that venue's records around the widened window.
#include "trace.hpp"

#include <algorithm>
#include <map>
#include <sstream>

#include "export_cells.hpp"
#include "common/venue_timeline.hpp"

namespace diemquet::server::office {

using nlohmann::json;

namespace {

// A raw record: in (startMs set) or out (endMs set), one instant each.
struct Point {
  std::string who;  // grouping key
  Visit base;
  int64_t at = 0;
  bool in = true;
  std::string scanPoint;
  std::string deviceId;
};

std::vector<Visit> visitsFromPoints(std::vector<Point> pts, int64_t stayMs) {
  // One presence across the venue's gates: an "in" at another station while the person was
  // inside is read as the way out (common/venue_timeline.hpp), as the stations were told; a
  // second phone's entry at the same gate moments later is the same entry, no visit of its own.
  std::vector<TimelineEntry> timeline;
  for (size_t i = 0; i < pts.size(); ++i)
    timeline.push_back(
        TimelineEntry{pts[i].who, pts[i].deviceId, int64_t(i), pts[i].at, pts[i].in, pts[i].in, pts[i].scanPoint});
  reconcileTimelines(timeline, stayMs);
  std::vector<bool> repeats(pts.size(), false);
  for (const TimelineEntry& e : timeline) {
    pts[size_t(e.seq)].in = e.effectiveIn;
    repeats[size_t(e.seq)] = e.repeatsEntry;
  }
  std::vector<Point> kept;
  for (size_t i = 0; i < pts.size(); ++i)
    if (!repeats[i]) kept.push_back(std::move(pts[i]));
  pts = std::move(kept);
  std::sort(pts.begin(), pts.end(), [](const Point& a, const Point& b) {
    return a.who != b.who ? a.who < b.who : a.at != b.at ? a.at < b.at : a.in > b.in;
  });
  std::vector<Visit> out;
  for (size_t i = 0; i < pts.size(); ++i) {
    const Point& p = pts[i];
    Visit v = p.base;
    v.scanPoints = {p.scanPoint};
    if (p.in) {
      v.startMs = p.at;
      if (i + 1 < pts.size() && pts[i + 1].who == p.who && !pts[i + 1].in) {
        v.endMs = pts[i + 1].at;
        if (pts[i + 1].scanPoint != p.scanPoint) v.scanPoints.push_back(pts[i + 1].scanPoint);
        ++i;
      } else {
        v.endMs = p.at + stayMs;
        v.endEstimated = true;
      }
    } else {
      v.endMs = p.at;
      v.startMs = p.at - stayMs;
      v.startEstimated = true;
    }
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace

Result<TraceResult> runTrace(Store& store, const Officer& who, const TraceQuery& q) {
  TraceResult out;
  const int64_t margin = int64_t(q.marginMinutes) * 60'000;
  // Longest stay any venue may assume, to read far enough back for open visits.
  auto maxStay = store.longestDefaultStayMinutes();
  if (!maxStay) return maxStay.error();
  const int64_t lookback = std::max<int64_t>(q.stayMinutes, maxStay.value()) * 60'000;
  // By person key or phone, at venues of the officer's area (store.hpp).
  auto mine = store.checkInsOfPerson(q.id, q.fromMs - lookback, q.toMs + lookback, who.column(), who.area);
  if (!mine) return mine.error();

  struct VenueInfo {
    std::string name;
    int64_t stayMs = 0;
  };
  std::map<std::string, VenueInfo> venueInfo;
  std::map<std::string, std::vector<Point>> byVenue;
  auto toPoint = [](const TraceRow& row, Point& p) {
    p.base.venueId = row.venueId;
    p.base.venueName = row.venueName;
    p.scanPoint = row.scanPointId;
    p.base.kind = row.kind;
    p.base.key = row.key;
    p.base.name = row.name;
    p.base.phone = row.phone;
    p.in = row.dir != "out";
    p.at = row.tsMs;
    p.deviceId = row.deviceId;
    p.base.selfCheckIn = p.deviceId.rfind("self-", 0) == 0;
  };
  for (const TraceRow& row : mine.value()) {
    Point p;
    toPoint(row, p);
    p.who = "self";
    const int64_t stay = (q.stayMinutes > 0 ? q.stayMinutes : row.venueStayMinutes) * 60'000;
    venueInfo[p.base.venueId] = VenueInfo{p.base.venueName, stay};
    byVenue[p.base.venueId].push_back(std::move(p));
  }
  for (auto& [venue, pts] : byVenue) {
    for (Visit& v : visitsFromPoints(pts, venueInfo[venue].stayMs)) {
      if (v.startMs >= q.toMs || v.endMs < q.fromMs) continue;
      out.visits.push_back(std::move(v));
    }
  }
  std::sort(out.visits.begin(), out.visits.end(), [](const Visit& a, const Visit& b) { return a.startMs < b.startMs; });
  // The officer picks a scan point for an exposure alert by its name ("cong-pct" was shown).
  std::map<std::string, std::vector<ScanPoint>> pointsOf;
  for (Visit& v : out.visits) {
    auto known = pointsOf.find(v.venueId);
    if (known == pointsOf.end()) {
      auto pts = store.scanPoints(v.venueId);
      if (!pts) return pts.error();
      known = pointsOf.emplace(v.venueId, std::move(pts.value())).first;
    }
    for (const std::string& id : v.scanPoints) {
      auto p =
          std::find_if(known->second.begin(), known->second.end(), [&](const ScanPoint& sp) { return sp.id == id; });
      v.scanPointNames.push_back(p != known->second.end() && !p->name.empty() ? p->name : id);
    }
  }

  const std::string selfKey = q.id;
  for (const Visit& mineV : out.visits) {
    const int64_t lo = mineV.startMs - margin, hi = mineV.endMs + margin;
    const int64_t stay = venueInfo[mineV.venueId].stayMs;
    auto others = store.checkInsAtVenueExcept(mineV.venueId, lo - stay, hi + stay, selfKey);
    if (!others) return others.error();
    std::vector<Point> pts;
    for (const TraceRow& row : others.value()) {
      Point p;
      toPoint(row, p);
      p.who = p.base.key.empty() ? "phone:" + p.base.phone : p.base.kind + ":" + p.base.key;
      pts.push_back(std::move(p));
    }
    // Touching windows count: a contact who left exactly when the widened window opened.
    for (Visit& v : visitsFromPoints(std::move(pts), stay)) {
      if (v.startMs > hi || v.endMs < lo) continue;
      Contact c;
      c.overlapMs = std::max<int64_t>(0, std::min(hi, v.endMs) - std::max(lo, v.startMs));
      c.visit = std::move(v);
      out.contacts.push_back(std::move(c));
    }
  }
  return out;
}

json traceJson(const TraceResult& r) {
  json visits = json::array(), contacts = json::array();
  for (const Visit& v : r.visits)
    visits.push_back({{"venueId", v.venueId},
                      {"venueName", v.venueName},
                      {"startMs", v.startMs},
                      {"endMs", v.endMs},
                      {"start", formatDateTime(v.startMs)},
                      {"end", formatDateTime(v.endMs)},
                      {"startEstimated", v.startEstimated},
                      {"endEstimated", v.endEstimated},
                      {"scanPoints", v.scanPoints},
                      {"scanPointNames", v.scanPointNames}});
  for (const Contact& c : r.contacts)
    contacts.push_back({{"venueId", c.visit.venueId},
                        {"venueName", c.visit.venueName},
                        {"kind", c.visit.kind},
                        {"key", c.visit.key},
                        {"name", c.visit.name},
                        {"phone", c.visit.phone},
                        // Staff-scanned people with a phone number are reached by calling them;
                        // the others learn of an exposure on their own phone.
                        {"hasPhone", !c.visit.phone.empty()},
                        {"selfCheckIn", c.visit.selfCheckIn},
                        {"startMs", c.visit.startMs},
                        {"endMs", c.visit.endMs},
                        {"start", formatDateTime(c.visit.startMs)},
                        {"end", formatDateTime(c.visit.endMs)},
                        {"startEstimated", c.visit.startEstimated},
                        {"endEstimated", c.visit.endEstimated},
                        {"overlapMinutes", c.overlapMs / 60'000}});
  int staffWithPhone = 0, staffWithoutPhone = 0;
  for (const Contact& c : r.contacts)
    if (!c.visit.selfCheckIn) ++(c.visit.phone.empty() ? staffWithoutPhone : staffWithPhone);
  return json{{"visits", visits},
              {"contacts", contacts},
              {"staffScanned", {{"withPhone", staffWithPhone}, {"withoutPhone", staffWithoutPhone}}}};
}

std::string traceCsv(const TraceResult& r, ExportLang lang) {
  const bool en = lang == ExportLang::En;
  auto f = [](const std::string& s) { return csvField(s); };
  std::ostringstream o;
  o << "\xEF\xBB\xBF"
    << (en ? "Row,Venue code,Venue,From,To,Entry assumed,Exit assumed,Document,Document number,Name,Phone,Minutes together\r\n"
           : "Loại,Mã cơ sở,Cơ sở,Từ,Đến,Vào ước tính,Ra ước tính,Loại giấy tờ,Số giấy tờ,Họ tên,Điện thoại,Phút trùng\r\n");
  // A time the trace assumed (no entry or no exit scanned) is marked "x", as on screen "(~)".
  auto times = [](const Visit& v) {
    return formatDateTime(v.startMs) + "," + formatDateTime(v.endMs) + "," + (v.startEstimated ? "x" : "") + "," +
           (v.endEstimated ? "x" : "");
  };
  for (const Visit& v : r.visits) o << "F0," << f(v.venueId) << "," << f(v.venueName) << "," << times(v) << ",,,,,\r\n";
  for (const Contact& c : r.contacts)
    o << (en ? "contact," : "tiếp xúc,") << f(c.visit.venueId) << "," << f(c.visit.venueName) << "," << times(c.visit) << ","
      << f(c.visit.kind) << "," << f(c.visit.key) << "," << f(c.visit.name) << "," << f(c.visit.phone) << ","
      << c.overlapMs / 60'000 << "\r\n";
  return o.str();
}

}  // namespace diemquet::server::office
