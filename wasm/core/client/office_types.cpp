// What each answer must hold is what the screens draw; fields the server documents as
// optional or nullable (a note, a phone, scansPerStaff) may be missing or null.
#include "client/office_types.hpp"

#include "client/json_reader.hpp"

namespace diemquet::client {

using nlohmann::json;

namespace {

ReportArea reportArea(JsonReader& r) {
  return ReportArea{r.text("code"), r.text("name"), r.text("level")};
}

}  // namespace

std::string readWeeklyReport(const json& answer, WeeklyReport& out) {
  JsonReader r(answer);
  out.week = r.text("week");
  out.from = r.text("from");
  out.to = r.text("to");
  JsonReader area = r.object("area");
  out.area = reportArea(area);
  out.areas = r.list<AreaWeek>("areas", [](JsonReader& a) {
    AreaWeek w;
    w.area = reportArea(a);
    w.venues = a.integer("venues");
    w.withScan = a.integer("withScan");
    w.scans = a.integer("scans");
    w.nonComplying = a.integerOr("nonComplying", 0);
    w.newlyRegistered = a.integerOr("newlyRegistered", 0);
    w.scansPerStaff = a.numberOrNull("scansPerStaff");
    // null: undeclared. Servers before session 12 sent 0 for it (and no field before that).
    w.staff = a.integerOrNull("staff");
    if (w.staff && *w.staff == 0 && w.venues > 0) w.staff.reset();
    return w;
  });
  out.trend = r.list<TrendWeek>("trend", [](JsonReader& t) { return TrendWeek{t.text("week"), t.integer("scans")}; });
  out.nonComplying = r.list<NonComplyingVenue>("nonComplying", [](JsonReader& v) {
    NonComplyingVenue n;
    n.id = v.text("id");
    n.name = v.text("name");
    n.problem = v.text("problem");
    n.scans = v.integer("scans");
    n.staff = v.integerOr("staff", 0);
    n.reminders = v.integerOr("reminders", 0);
    n.flaggedForSuspension = v.flagOr("flaggedForSuspension", false);
    n.nameAside = v.textOr("nameAside");
    return n;
  });
  out.nonComplyingTotal = r.integerOr("nonComplyingTotal", int64_t(out.nonComplying.size()));
  // Older servers sent no list of unverified venues: none.
  if (answer.is_object() && answer.contains("unverified") && !answer["unverified"].is_null())
    out.unverified = r.list<UnverifiedVenue>("unverified", [](JsonReader& u) {
      return UnverifiedVenue{u.text("id"), u.text("name"), u.integer("scans"), u.textOr("nameAside")};
    });
  // Servers before session 16 counted such venues as not complying: none listed apart.
  if (answer.is_object() && answer.contains("newlyRegistered") && answer["newlyRegistered"].is_array())
    out.newlyRegistered = r.list<NewlyRegisteredVenue>("newlyRegistered", [](JsonReader& v) {
      return NewlyRegisteredVenue{v.text("id"), v.text("name"), v.textOr("nameAside"), v.textOr("registered")};
    });
  return r.problem();
}

std::string readViolations(const json& answer, std::vector<Violation>& out) {
  JsonReader r(answer);
  out = r.list<Violation>("violations", [](JsonReader& v) {
    Violation x;
    x.id = v.integer("id");
    x.venueId = v.textOr("venue");
    x.venueName = v.text("venueName");
    x.kind = v.text("kind");
    x.created = v.text("created");
    x.reporter = v.textOr("reporter", "public");
    x.note = v.textOr("note");
    return x;
  });
  return r.problem();
}

std::string readVenuesFound(const json& answer, std::vector<VenueFound>& out) {
  JsonReader r(answer);
  out = r.list<VenueFound>("venues", [](JsonReader& v) { return VenueFound{v.text("id"), v.text("name")}; });
  return r.problem();
}

std::string readTraceResult(const json& answer, TraceResult& out) {
  JsonReader r(answer);
  out.visits = r.list<TraceVisit>("visits", [](JsonReader& v) {
    TraceVisit t;
    t.venueId = v.text("venueId");
    t.venueName = v.text("venueName");
    t.start = v.text("start");
    t.end = v.text("end");
    t.startMs = v.integer("startMs");
    t.endMs = v.integer("endMs");
    t.startEstimated = v.flagOr("startEstimated", false);
    t.endEstimated = v.flagOr("endEstimated", false);
    t.scanPoints = v.texts("scanPoints");
    t.scanPointNames = v.texts("scanPointNames");
    if (t.scanPointNames.size() != t.scanPoints.size()) t.scanPointNames = t.scanPoints;
    return t;
  });
  out.contacts = r.list<TraceContact>("contacts", [](JsonReader& c) {
    TraceContact t;
    t.venueName = c.text("venueName");
    t.name = c.textOr("name");
    t.key = c.textOr("key");
    t.phone = c.textOr("phone");
    t.start = c.text("start");
    t.end = c.text("end");
    t.startEstimated = c.flagOr("startEstimated", false);
    t.endEstimated = c.flagOr("endEstimated", false);
    t.overlapMinutes = c.integer("overlapMinutes");
    return t;
  });
  if (answer.is_object() && answer.contains("staffScanned")) {
    JsonReader staff = r.object("staffScanned");
    out.staffWithPhone = staff.integer("withPhone");
    out.staffWithoutPhone = staff.integer("withoutPhone");
  }
  return r.problem();
}

std::string readExposures(const json& answer, std::vector<Exposure>& out) {
  JsonReader r(answer);
  out = r.list<Exposure>("exposures", [](JsonReader& e) {
    Exposure x;
    x.id = e.integer("id");
    x.venueName = e.text("venueName");
    x.scanPointId = e.textOr("scanPointId");
    x.scanPointName = e.textOr("scanPointName");
    if (x.scanPointName.empty()) x.scanPointName = x.scanPointId;
    x.from = e.text("from");
    x.until = e.text("until");
    x.advice = e.textOr("advice");
    x.withdrawn = e.flagOr("withdrawn", false);
    return x;
  });
  return r.problem();
}

std::string readPendingVenues(const json& answer, std::vector<PendingVenue>& out) {
  JsonReader r(answer);
  out = r.list<PendingVenue>("venues", [](JsonReader& v) {
    PendingVenue p;
    p.id = v.text("id");
    p.name = v.text("name");
    p.address = v.textOr("address");
    p.wardLabel = v.object("ward").text("label");
    p.phone = v.textOr("phone");
    p.registered = v.textOr("registered");
    if (v.ok()) p.sameAs = v.texts("sameAs");
    return p;
  });
  return r.problem();
}

std::string readRegisteredVenue(const json& answer, RegisteredVenue& out) {
  JsonReader r(answer);
  out.id = r.text("id");
  out.name = r.text("name");
  if (r.ok() && out.id.empty()) return "id: empty";
  return r.problem();
}

std::string readEnrollmentCode(const json& answer, std::string& out) {
  JsonReader r(answer);
  std::vector<std::string> codes = r.texts("codes");
  if (!r.ok()) return r.problem();
  if (codes.empty() || codes[0].empty()) return "codes: empty";
  out = codes[0];
  return {};
}

std::string readOfficers(const json& answer, std::vector<OfficerEntry>& out) {
  JsonReader r(answer);
  out = r.list<OfficerEntry>("officers", [](JsonReader& o) {
    OfficerEntry e;
    e.username = o.text("username");
    e.level = o.textOr("level");
    e.areaLabel = o.object("area").text("label");
    e.disabled = o.flagOr("disabled", false);
    return e;
  });
  return r.problem();
}

std::string readIssuedPassword(const json& answer, IssuedPassword& out) {
  JsonReader r(answer);
  out.username = r.textOr("username");
  out.password = r.textOr("password");
  return r.problem();
}

std::string readAreaChoices(const json& answer, std::vector<AreaChoice>& out) {
  JsonReader r(answer);
  out = r.list<AreaChoice>("areas", [](JsonReader& a) { return AreaChoice{a.text("code"), a.text("label")}; });
  return r.problem();
}

}  // namespace diemquet::client
